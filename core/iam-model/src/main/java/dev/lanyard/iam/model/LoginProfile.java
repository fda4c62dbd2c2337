package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.passwords.PasswordHash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's console password, as a hash only. Keyed by the user's unique ID, so it follows the user through a rename.
 *
 * @param previous hashes of the passwords this one replaced, newest first, kept as far back as the account's
 *     PasswordReusePrevention can ask (24)
 */
public record LoginProfile(AccountId account, String userId, PasswordHash password, Instant createDate,
        boolean passwordResetRequired, Instant passwordChanged, List<PasswordHash> previous) implements IamEntity {
    public static final int MAX_REMEMBERED = 24;

    public LoginProfile {
        requireNonNull(account, "account is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(password, "password is null");
        requireNonNull(createDate, "createDate is null");
        requireNonNull(passwordChanged, "passwordChanged is null");
        previous = List.copyOf(previous);
    }

    /** This profile with a new password; the one it replaces is remembered for reuse prevention. */
    public LoginProfile withPassword(PasswordHash newPassword, Instant changed, boolean resetRequired) {
        ArrayList<PasswordHash> remembered = new ArrayList<>();
        remembered.add(password);
        remembered.addAll(previous);
        return new LoginProfile(account, userId, newPassword, createDate, resetRequired, changed,
                remembered.subList(0, Math.min(MAX_REMEMBERED, remembered.size())));
    }

    public LoginProfile withPasswordResetRequired(boolean resetRequired) {
        return new LoginProfile(account, userId, password, createDate, resetRequired, passwordChanged, previous);
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.LOGIN_PROFILE, account.value(), userId);
    }

    @Override
    public String toString() {
        return "LoginProfile[" + account.value() + ", " + userId + ", [REDACTED]]";
    }
}

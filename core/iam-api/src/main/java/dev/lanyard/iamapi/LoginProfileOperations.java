package dev.lanyard.iamapi;

import dev.lanyard.authz.Caller;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.LoginProfile;
import dev.lanyard.iam.model.PasswordPolicy;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.passwords.Argon2Settings;
import dev.lanyard.passwords.Password;
import dev.lanyard.passwords.PasswordHash;
import dev.lanyard.passwords.PasswordHasher;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.ValidationErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users' console passwords: kept only as Argon2id hashes, held to the account's password policy on every set and
 * change. Hashing runs before the store's write lock is taken, so a slow hash never holds up other writes.
 */
final class LoginProfileOperations {
    private final IamContext ctx;
    private final PasswordHasher hasher;

    LoginProfileOperations(IamContext ctx) {
        this.ctx = ctx;
        this.hasher = new PasswordHasher(Argon2Settings.DEFAULT, ctx.random(),
                Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    void register(Map<String, Operation> ops) {
        ops.put("CreateLoginProfile", this::create);
        ops.put("GetLoginProfile", this::get);
        ops.put("UpdateLoginProfile", this::update);
        ops.put("DeleteLoginProfile", this::delete);
        ops.put("ChangePassword", this::changePassword);
    }

    /** UserName, or the calling IAM user when it is left out (as AWS defaults it). */
    private static String userName(OperationCall call) {
        QueryParameters p = call.parameters();
        if (p.has("UserName")) {
            return IamParams.name(p, "UserName", "userName", 64);
        }
        if (call.requireCaller() instanceof Caller.IamUser self) {
            return self.user().name();
        }
        throw ValidationErrors.collector().addNull("userName", ValidationErrors.notNull()).toException()
                .orElseThrow();
    }

    private User authorizedUser(OperationCall call, String name) {
        Optional<User> user = ctx.view(call).user(name);
        ctx.authorize(call, user.map(u -> u.arn().toString())
                .orElse(UserOperations.userArn(call.requireCaller(), "/", name)));
        return user.orElseThrow(() -> IamErrors.noSuchUser(name));
    }

    private static Struct shape(User user, LoginProfile profile) {
        return Struct.builder()
                .put("UserName", user.name())
                .put("CreateDate", profile.createDate())
                .put("PasswordResetRequired", profile.passwordResetRequired())
                .build();
    }

    private Optional<Struct> create(OperationCall call) {
        String name = userName(call);
        Password password = PasswordRules.parameter(call.parameters(), "Password");
        boolean resetRequired = call.parameters().bool("PasswordResetRequired").orElse(false);
        User user = authorizedUser(call, name);
        AccountView before = ctx.view(call);
        if (before.loginProfile(user).isPresent()) {
            throw IamErrors.alreadyExists("Login Profile for user " + name);
        }
        PasswordRules.require(before.passwordPolicy(), password, before.accountRecord());
        PasswordHash hash = hasher.hash(password);
        LoginProfile created = ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            User current = UserOperations.requireUser(view, name);
            if (view.loginProfile(current).isPresent()) {
                throw IamErrors.alreadyExists("Login Profile for user " + name);
            }
            LoginProfile profile = new LoginProfile(current.account(), current.userId(), hash,
                    call.environment().time(), resetRequired, call.environment().time(), List.of());
            return Mutation.of(profile, EntityChange.upsert(profile));
        });
        return Optional.of(Struct.builder().put("LoginProfile", shape(user, created)).build());
    }

    private Optional<Struct> get(OperationCall call) {
        String name = userName(call);
        User user = authorizedUser(call, name);
        LoginProfile profile = ctx.view(call).loginProfile(user).orElseThrow(() -> IamErrors.noSuchLoginProfile(name));
        return Optional.of(Struct.builder().put("LoginProfile", shape(user, profile)).build());
    }

    /** An administrator sets a new password (policy enforced) and/or whether it must be changed at next sign-in. */
    private Optional<Struct> update(OperationCall call) {
        String name = IamParams.name(call.parameters(), "UserName", "userName", 64);
        Optional<Password> password = call.parameters().has("Password")
                ? Optional.of(PasswordRules.parameter(call.parameters(), "Password")) : Optional.empty();
        Optional<Boolean> resetRequired = call.parameters().bool("PasswordResetRequired");
        User user = authorizedUser(call, name);
        AccountView before = ctx.view(call);
        before.loginProfile(user).orElseThrow(() -> IamErrors.noSuchLoginProfile(name));
        password.ifPresent(p -> PasswordRules.require(before.passwordPolicy(), p, before.accountRecord()));
        Optional<PasswordHash> hash = password.map(hasher::hash);
        ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            User current = UserOperations.requireUser(view, name);
            LoginProfile profile = view.loginProfile(current).orElseThrow(() -> IamErrors.noSuchLoginProfile(name));
            boolean reset = resetRequired.orElse(profile.passwordResetRequired());
            LoginProfile updated = hash.map(h -> profile.withPassword(h, call.environment().time(), reset))
                    .orElse(profile.withPasswordResetRequired(reset));
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        return Optional.empty();
    }

    private Optional<Struct> delete(OperationCall call) {
        String name = userName(call);
        authorizedUser(call, name);
        ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            LoginProfile profile = view.loginProfile(UserOperations.requireUser(view, name))
                    .orElseThrow(() -> IamErrors.noSuchLoginProfile(name));
            return Mutation.of(profile, EntityChange.remove(profile));
        });
        return Optional.empty();
    }

    /**
     * An IAM user changes his own password: the old one must match, the new one must satisfy the policy and must not
     * be one of the last PasswordReusePrevention passwords. Allowed by the user's policies, or for every user when
     * the account's password policy sets AllowUsersToChangePassword. Clears PasswordResetRequired.
     */
    private Optional<Struct> changePassword(OperationCall call) {
        Password oldPassword = PasswordRules.parameter(call.parameters(), "OldPassword");
        Password newPassword = PasswordRules.parameter(call.parameters(), "NewPassword");
        if (!(call.requireCaller() instanceof Caller.IamUser self)) {
            throw IamErrors.onlyUsersChangePasswords();
        }
        AccountView before = ctx.view(call);
        Optional<PasswordPolicy> policy = before.passwordPolicy();
        ctx.authorizeSelfService(call, self.user().arn().toString(),
                policy.map(PasswordPolicy::allowUsersToChangePassword).orElse(false));
        User user = UserOperations.requireUser(before, self.user().name());
        LoginProfile profile = before.loginProfile(user).orElseThrow(() -> IamErrors.noSuchLoginProfile(user.name()));
        if (!hasher.matches(oldPassword, profile.password())) {
            throw IamErrors.oldPasswordIncorrect();
        }
        ctx.usage().passwordUsed(user.userId(), call.environment().time(), call.environment().region());
        PasswordRules.require(policy, newPassword, before.accountRecord());
        int remembered = policy.flatMap(PasswordPolicy::passwordReusePrevention).orElse(0);
        if (remembered > 0) {
            List<PasswordHash> recent = new ArrayList<>();
            recent.add(profile.password());
            recent.addAll(profile.previous());
            boolean reused = recent.subList(0, Math.min(remembered, recent.size())).stream()
                    .anyMatch(h -> hasher.matches(newPassword, h));
            if (reused) {
                throw IamErrors.passwordPolicyViolation();
            }
        }
        PasswordHash hash = hasher.hash(newPassword);
        ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            User current = UserOperations.requireUser(view, user.name());
            LoginProfile latest = view.loginProfile(current)
                    .orElseThrow(() -> IamErrors.noSuchLoginProfile(user.name()));
            if (!latest.password().equals(profile.password())) {
                // changed by another request since the old password was checked: check again
                throw IamErrors.passwordChangedMeanwhile(user.name());
            }
            LoginProfile changed = latest.withPassword(hash, call.environment().time(), false);
            return Mutation.of(changed, EntityChange.upsert(changed));
        });
        return Optional.empty();
    }
}

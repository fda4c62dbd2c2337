package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Partition;
import dev.lanyard.totp.FailedCodes;
import dev.lanyard.totp.TotpSeed;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A virtual MFA device. Its seed is a secret (encrypted at rest); {@code lastAcceptedCounter} is the TOTP step of the
 * last code it accepted, so a code is never accepted twice, on any node (the store's compare-and-set).
 * {@code failedCodes} counts the codes refused since then, written the same way, so that every node throttles
 * guessing against the device from the same count.
 */
public record MfaDevice(AccountId account, String serialNumber, String name, String path, TotpSeed seed,
        Optional<String> userName, Optional<Instant> enableDate, long lastAcceptedCounter, long driftSteps,
        FailedCodes failedCodes, Instant createDate, List<Tag> tags) implements IamEntity, Tagged<MfaDevice> {
    public MfaDevice {
        requireNonNull(account, "account is null");
        requireNonNull(serialNumber, "serialNumber is null");
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        requireNonNull(seed, "seed is null");
        requireNonNull(userName, "userName is null");
        requireNonNull(enableDate, "enableDate is null");
        requireNonNull(failedCodes, "failedCodes is null");
        requireNonNull(createDate, "createDate is null");
        tags = List.copyOf(tags);
    }

    public static String serialNumber(AccountId account, String path, String name) {
        return Partition.AWS.iam(account, "mfa" + path + name).toString();
    }

    public boolean assigned() {
        return userName.isPresent();
    }

    /** Enabled or resynchronized with an accepted code: the step, and how many steps the device's clock is off. */
    public MfaDevice assignedTo(String user, Instant enabledAt, long counter, long drift) {
        return new MfaDevice(account, serialNumber, name, path, seed, Optional.of(user), Optional.of(enabledAt),
                counter, drift, FailedCodes.NONE, createDate, tags);
    }

    public MfaDevice unassigned() {
        return new MfaDevice(account, serialNumber, name, path, seed, Optional.empty(), Optional.empty(),
                lastAcceptedCounter, 0, failedCodes, createDate, tags);
    }

    /** A code of this step was accepted: it cannot be used again, and the failures before it are forgiven. */
    public MfaDevice withAcceptedCounter(long counter) {
        return new MfaDevice(account, serialNumber, name, path, seed, userName, enableDate, counter, driftSteps,
                FailedCodes.NONE, createDate, tags);
    }

    public MfaDevice resynchronized(long counter, long drift) {
        return new MfaDevice(account, serialNumber, name, path, seed, userName, enableDate, counter, drift,
                FailedCodes.NONE, createDate, tags);
    }

    public MfaDevice withFailedCodes(FailedCodes failures) {
        return new MfaDevice(account, serialNumber, name, path, seed, userName, enableDate, lastAcceptedCounter,
                driftSteps, failures, createDate, tags);
    }

    public MfaDevice withUserName(String newName) {
        return new MfaDevice(account, serialNumber, name, path, seed, Optional.of(newName), enableDate,
                lastAcceptedCounter, driftSteps, failedCodes, createDate, tags);
    }

    public MfaDevice withTags(List<Tag> newTags) {
        return new MfaDevice(account, serialNumber, name, path, seed, userName, enableDate, lastAcceptedCounter,
                driftSteps, failedCodes, createDate, newTags);
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.MFA_DEVICE, account.value(), serialNumber);
    }
}

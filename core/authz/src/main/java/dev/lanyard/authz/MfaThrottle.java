package dev.lanyard.authz;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.AwsException;
import dev.lanyard.iam.model.MfaDevice;
import dev.lanyard.iam.model.User;
import dev.lanyard.totp.CallerCodeThrottle;
import dev.lanyard.totp.CodeThrottle;
import dev.lanyard.totp.FailedCodes;
import java.time.Instant;

/**
 * Limits the guessing of MFA codes wherever one is checked (GetSessionToken and AssumeRole with a SerialNumber,
 * EnableMFADevice, ResyncMFADevice), by two counts under one {@link CodeThrottle}:
 * <ul>
 *   <li>each device's refused codes, kept on the device and written with the store's compare-and-set in the same
 *       update that would consume the code, so all nodes count together and exactly;</li>
 *   <li>each caller's (an IAM user with all its keys and sessions, a role, the root user), kept in this node's memory,
 *       so that a user's eight devices do not give eight times the allowance. With n nodes a caller can get n times
 *       it, never more than its devices allow.</li>
 * </ul>
 * A locked-out code is refused without being checked, with {@code Throttling} "Rate exceeded" (HTTP 400): AWS's
 * answer to any throttled STS or IAM call, as it documents no MFA-specific one. Clients treat it as retryable and back
 * off. The operator's detail (which count, until when) goes to the audit log, never to the client.
 */
public final class MfaThrottle {
    private final CodeThrottle throttle;
    private final CallerCodeThrottle callers;

    public MfaThrottle(CodeThrottle throttle) {
        this.throttle = requireNonNull(throttle, "throttle is null");
        this.callers = new CallerCodeThrottle(throttle);
    }

    /** Refuses, before anything is looked up, a code from a caller locked out on this node. */
    public void requireCallerAllowed(Caller caller, Instant now) {
        callers.lockedUntil(callerKey(caller), now).ifPresent(until -> {
            throw throttled("MFA codes of " + caller.arn() + " are refused unchecked until " + until
                    + " after failed codes on this node");
        });
    }

    /** Refuses a code for a locked-out device; call it in the store update that would consume the code. */
    public void requireDeviceAllowed(MfaDevice device, Instant now) {
        throttle.lockedUntil(device.failedCodes(), now).ifPresent(until -> {
            throw throttled("MFA device " + device.serialNumber() + " refuses codes unchecked until " + until
                    + " after " + device.failedCodes().count() + " failed codes in a row");
        });
    }

    /** The device once one more of its codes has been refused; to be written in that same update. */
    public MfaDevice deviceFailed(MfaDevice device, Instant now) {
        return device.withFailedCodes(throttle.afterFailure(device.failedCodes(), now));
    }

    /** Counts a refused code against the caller; the audit detail of both counts. */
    public String callerFailed(Caller caller, MfaDevice failedDevice, Instant now) {
        FailedCodes byCaller = callers.failed(callerKey(caller), now);
        FailedCodes byDevice = failedDevice.failedCodes();
        String detail = byDevice.count() + " failed in a row for the device, " + byCaller.count()
                + " for the caller on this node";
        Instant deviceFree = throttle.lockedUntil(byDevice, now).orElse(now);
        Instant callerFree = callers.lockedUntil(callerKey(caller), now).orElse(now);
        Instant free = deviceFree.isAfter(callerFree) ? deviceFree : callerFree;
        return free.isAfter(now) ? detail + "; codes are now refused unchecked until " + free : detail;
    }

    /** An accepted code starts the caller over (the device's count was cleared in the update that consumed it). */
    public void callerSucceeded(Caller caller) {
        callers.succeeded(callerKey(caller));
    }

    /** Unique IDs, so that no new access key or session starts a caller over; root by its account. */
    private static String callerKey(Caller caller) {
        return switch (caller) {
            case Caller.Root root -> root.account().value();
            case Caller.IamUser user -> user.user().userId();
            case Caller.RoleSession session -> session.role().roleId();
            case Caller.FederatedUser federated -> federated.parentUser().map(User::userId)
                    .orElse(federated.account().value());
        };
    }

    private static AwsException throttled(String detail) {
        return AwsErrors.throttled(detail);
    }
}

package dev.lanyard.sts;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.Caller;
import dev.lanyard.authz.MfaThrottle;
import dev.lanyard.aws.Arn;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.MfaDevice;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.totp.Totp;
import dev.lanyard.totp.TotpParameters;
import dev.lanyard.totp.TotpVerification;
import dev.lanyard.totp.TotpVerifier;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks a TOTP code against the caller's assigned virtual MFA device and consumes it: the accepted step is written
 * with the store's compare-and-set, so the same code is refused afterwards on every node. A refused code is counted
 * in that same way, and too many lock the device and the caller out for a while ({@link MfaThrottle}).
 */
public final class MfaCheck {
    public static final String UNKNOWN_DEVICE = "MultiFactorAuthentication failed, unable to validate MFA code."
            + "  Please verify your MFA serial number is valid and associated with this user.";
    public static final String BAD_CODE = "MultiFactorAuthentication failed with invalid MFA one time pass code.";

    private final IamStore store;
    private final TotpVerifier verifier;
    private final MfaThrottle throttle;

    public MfaCheck(IamStore store, TotpVerifier verifier, MfaThrottle throttle) {
        this.store = requireNonNull(store, "store is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.throttle = requireNonNull(throttle, "throttle is null");
    }

    /** The check of AWS's virtual MFA codes: six digits every 30 seconds, within the window AWS accepts. */
    public static MfaCheck aws(IamStore store, MfaThrottle throttle) {
        return new MfaCheck(store, new TotpVerifier(new Totp(TotpParameters.AWS), TotpVerifier.AWS_WINDOW), throttle);
    }

    /** The moment of authentication, once the code is accepted and consumed; AccessDenied or Throttling otherwise. */
    public Instant verify(Caller caller, String serialNumber, String code, Instant now, String badCodeMessage) {
        Optional<String> userName = switch (caller) {
            case Caller.IamUser user -> Optional.of(user.user().name());
            case Caller.Root root -> Optional.empty();
            case Caller.RoleSession session -> Optional.empty();
            case Caller.FederatedUser federated -> Optional.empty();
        };
        if (userName.isEmpty()) {
            throw StsErrors.mfaRefused(UNKNOWN_DEVICE, "no MFA device can be assigned to " + caller.arn());
        }
        throttle.requireCallerAllowed(caller, now);
        // Empty when the code was accepted; the device with one more failed code when it was refused.
        Optional<MfaDevice> refused = store.update(snapshot -> {
            MfaDevice device = Arn.parse(serialNumber).flatMap(Arn::accountId)
                    .filter(account -> account.equals(caller.account()))
                    .flatMap(account -> snapshot.mfaDevice(account, serialNumber))
                    .filter(d -> d.userName().map(n -> n.equalsIgnoreCase(userName.get())).orElse(false))
                    .orElseThrow(() -> StsErrors.mfaRefused(UNKNOWN_DEVICE,
                            serialNumber + " is not assigned to " + caller.arn()));
            throttle.requireDeviceAllowed(device, now);
            // A device resynchronized with a drifting clock is checked at its own notion of now.
            Instant deviceNow = now.plusSeconds(30 * device.driftSteps());
            Optional<TotpVerification> accepted = verifier.verify(device.seed(), code, deviceNow,
                    device.lastAcceptedCounter());
            if (accepted.isEmpty()) {
                MfaDevice failed = throttle.deviceFailed(device, now);
                return Mutation.of(Optional.of(failed), EntityChange.upsert(failed));
            }
            MfaDevice consumed = device.withAcceptedCounter(accepted.get().acceptedCounter());
            return Mutation.of(Optional.<MfaDevice>empty(), EntityChange.upsert(consumed));
        });
        if (refused.isPresent()) {
            throw StsErrors.mfaRefused(badCodeMessage, "code refused for " + serialNumber
                    + " (outside the window, malformed, or"
                    + " already used); " + throttle.callerFailed(caller, refused.get(), now));
        }
        throttle.callerSucceeded(caller);
        return now;
    }
}

package dev.lanyard.sts;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.Caller;
import dev.lanyard.aws.Arn;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.MfaDevice;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.totp.TotpVerification;
import dev.lanyard.totp.TotpVerifier;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks a TOTP code against the caller's assigned virtual MFA device and consumes it: the accepted step is written
 * with the store's compare-and-set, so the same code is refused afterwards on every node.
 */
public final class MfaCheck {
    public static final String UNKNOWN_DEVICE = "MultiFactorAuthentication failed, unable to validate MFA code."
            + "  Please verify your MFA serial number is valid and associated with this user.";
    public static final String BAD_CODE = "MultiFactorAuthentication failed with invalid MFA one time pass code.";

    private final IamStore store;
    private final TotpVerifier verifier;

    public MfaCheck(IamStore store, TotpVerifier verifier) {
        this.store = requireNonNull(store, "store is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
    }

    /** The moment of authentication, once the code is accepted and consumed; AccessDenied otherwise. */
    public Instant verify(Caller caller, String serialNumber, String code, Instant now, String badCodeMessage) {
        Optional<String> userName = switch (caller) {
            case Caller.IamUser user -> Optional.of(user.user().name());
            case Caller.Root root -> Optional.empty();
            case Caller.RoleSession session -> Optional.empty();
            case Caller.FederatedUser federated -> Optional.empty();
        };
        if (userName.isEmpty()) {
            throw denied(UNKNOWN_DEVICE, "no MFA device can be assigned to " + caller.arn());
        }
        store.update(snapshot -> {
            MfaDevice device = Arn.parse(serialNumber).flatMap(Arn::accountId)
                    .filter(account -> account.equals(caller.account()))
                    .flatMap(account -> snapshot.mfaDevice(account, serialNumber))
                    .filter(d -> d.userName().map(n -> n.equalsIgnoreCase(userName.get())).orElse(false))
                    .orElseThrow(() -> denied(UNKNOWN_DEVICE, serialNumber + " is not assigned to " + caller.arn()));
            // A device resynchronized with a drifting clock is checked at its own notion of now.
            Instant deviceNow = now.plusSeconds(30 * device.driftSteps());
            TotpVerification accepted = verifier.verify(device.seed(), code, deviceNow, device.lastAcceptedCounter())
                    .orElseThrow(() -> denied(badCodeMessage, "code refused for " + serialNumber
                            + " (outside the window, malformed, or already used)"));
            MfaDevice consumed = device.withAcceptedCounter(accepted.acceptedCounter());
            return Mutation.of(consumed, EntityChange.upsert(consumed));
        });
        return now;
    }

    private static AwsException denied(String message, String detail) {
        return new AwsException(ErrorCode.ACCESS_DENIED, message, detail);
    }
}

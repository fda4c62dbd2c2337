package dev.lanyard.oidc.internal;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.spi.federation.FederationCheck;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The record of one verification: every check that ran, in order, ending with the first failure. A failure becomes
 * an {@link AwsException} whose client message is AWS's and whose operator detail names the check, the expected and
 * actual values and the key id; in enforcing mode it is also logged.
 */
public final class CheckTrail {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.oidc");

    private final List<FederationCheck> checks = new ArrayList<>();
    private final String providerArn;
    private final boolean enforcing;

    private CheckTrail(String providerArn, boolean enforcing) {
        this.providerArn = requireNonNull(providerArn, "providerArn is null");
        this.enforcing = enforcing;
    }

    /** For {@code verify}: refusals are logged; passed checks are not recorded (the hot path builds no text). */
    public static CheckTrail enforcing(String providerArn) {
        return new CheckTrail(providerArn, true);
    }

    /** For {@code explain}: the caller reads the checks; nothing is logged. */
    public static CheckTrail diagnostic(String providerArn) {
        return new CheckTrail(providerArn, false);
    }

    /** Records a passed check; the detail is only built when someone will read it (explain). */
    void pass(Check check, Supplier<String> detail) {
        if (!enforcing) {
            checks.add(new FederationCheck(check.wireName(), true, detail.get()));
        }
    }

    /** Records the failure and returns the exception for the caller to throw. */
    AwsException fail(Check check, ErrorCode code, String clientMessage, String detail) {
        checks.add(new FederationCheck(check.wireName(), false, detail));
        String operatorDetail = "web identity check " + check.wireName() + " failed for " + providerArn + ": "
                + detail;
        if (enforcing) {
            LOG.log(Level.INFO, () -> operatorDetail + " -> " + code.code());
        }
        return new AwsException(code, clientMessage, operatorDetail);
    }

    AwsException invalid(Check check, String clientMessage, String detail) {
        return fail(check, ErrorCode.INVALID_IDENTITY_TOKEN, clientMessage, detail);
    }

    public List<FederationCheck> checks() {
        return List.copyOf(checks);
    }
}

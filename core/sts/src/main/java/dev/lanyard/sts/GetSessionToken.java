package dev.lanyard.sts;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.Caller;
import dev.lanyard.authz.Validators;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.Struct;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionKind;
import dev.lanyard.tokens.SessionOrigin;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** sts:GetSessionToken — the caller's own identity in temporary form; no policy controls it. */
public final class GetSessionToken implements Operation {
    private static final Duration ROOT_MAX = Duration.ofHours(1);
    private static final Duration USER_DEFAULT = Duration.ofHours(12);

    private final IamStore store;
    private final CredentialIssuer issuer;
    private final MfaCheck mfa;

    public GetSessionToken(IamStore store, CredentialIssuer issuer, MfaCheck mfa) {
        this.store = requireNonNull(store, "store is null");
        this.issuer = requireNonNull(issuer, "issuer is null");
        this.mfa = requireNonNull(mfa, "mfa is null");
    }

    @Override
    public Optional<Struct> handle(OperationCall call) {
        Optional<Integer> seconds = Validators.range("durationSeconds", call.parameters().integer("DurationSeconds"),
                900, 129600);
        Optional<StsRequests.MfaRequest> mfaRequest = StsRequests.mfa(call.parameters());
        Caller caller = call.requireCaller();
        if (caller.session().isPresent()) {
            throw StsErrors.sessionCredentialsRefused("GetSessionToken");
        }
        Optional<Instant> mfaAt = mfaRequest.map(m -> mfa.verify(caller, m.serialNumber(), m.tokenCode(),
                call.environment().time(), MfaCheck.UNKNOWN_DEVICE));
        boolean root = caller instanceof Caller.Root;
        Duration duration = seconds.map(s -> Duration.ofSeconds(s)).orElse(root ? ROOT_MAX : USER_DEFAULT);
        if (root && duration.compareTo(ROOT_MAX) > 0) {
            duration = ROOT_MAX;
        }
        Instant now = call.environment().time();
        Instant expires = now.plus(duration);
        String principalArn = caller.arn();
        String principalId = caller.userId();
        SessionKind kind = root ? SessionKind.ROOT_SESSION : SessionKind.USER_SESSION;
        CredentialIssuer.Issued issued = issuer.issue(call.environment(), store.snapshot(),
                caller.account(), secret -> SessionClaims.builder().kind(kind).origin(SessionOrigin.GET_SESSION_TOKEN)
                        .account(caller.account()).secretAccessKey(secret).principalArn(principalArn)
                        .principalId(principalId).issuedAt(now).expiresAt(expires).mfaAuthenticatedAt(mfaAt).build());
        return Optional.of(Struct.builder().put("Credentials", issued.credentials().toStruct()).build());
    }
}

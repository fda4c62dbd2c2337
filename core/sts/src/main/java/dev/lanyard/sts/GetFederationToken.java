package dev.lanyard.sts;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AccessRequest;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.Validators;
import dev.lanyard.aws.Arn;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionKind;
import dev.lanyard.tokens.SessionOrigin;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** sts:GetFederationToken — a federated-user session scoped by its session policies. */
public final class GetFederationToken implements Operation {
    private static final Duration ROOT_MAX = Duration.ofHours(1);
    private static final Duration DEFAULT = Duration.ofHours(12);

    private final IamStore store;
    private final AccessControl access;
    private final CredentialIssuer issuer;

    public GetFederationToken(IamStore store, AccessControl access, CredentialIssuer issuer) {
        this.store = requireNonNull(store, "store is null");
        this.access = requireNonNull(access, "access is null");
        this.issuer = requireNonNull(issuer, "issuer is null");
    }

    @Override
    public Optional<Struct> handle(OperationCall call) {
        QueryParameters params = call.parameters();
        String name = Validators.name("name", params.required("Name"), 2, 32, Validators.SESSION_NAME_PATTERN);
        Optional<Integer> seconds = Validators.range("durationSeconds", params.integer("DurationSeconds"), 900,
                129600);
        StsRequests.SessionPolicies sessionPolicies = StsRequests.sessionPolicies(params, 2048);
        Optional<String> policy = sessionPolicies.inline();
        List<String> policyArns = sessionPolicies.arns();
        SessionTagsRequest tags = SessionTagsRequest.from(params, false);
        Caller caller = call.requireCaller();
        if (caller.session().isPresent()) {
            throw StsErrors.sessionCredentialsRefused("GetFederationToken");
        }
        String resource = caller.partition().sts(caller.account(), "federated-user/" + name).toString();
        ContextKeys.Builder keys = ContextKeys.builder();
        tags.addTo(keys);
        AccessRequest request = new AccessRequest("sts:GetFederationToken", resource, Optional.of(caller.account()),
                keys.build(), Optional.empty(), false);
        access.require(store.snapshot(), caller, call.environment(), request);
        if (!tags.isEmpty()) {
            access.require(store.snapshot(), caller, call.environment(), new AccessRequest("sts:TagSession",
                    resource, Optional.of(caller.account()), keys.build(), Optional.empty(), false));
        }
        boolean root = caller instanceof Caller.Root;
        Duration duration = seconds.map(s -> Duration.ofSeconds(s)).orElse(DEFAULT);
        if (root && duration.compareTo(ROOT_MAX) > 0) {
            duration = ROOT_MAX;
        }
        Instant now = call.environment().time();
        Instant expires = now.plus(duration);
        CredentialIssuer.Issued issued = issuer.issue(call.environment(), store.snapshot(),
                caller.account(), secret -> SessionClaims.builder().kind(SessionKind.FEDERATED_USER)
                        .origin(SessionOrigin.GET_FEDERATION_TOKEN).account(caller.account()).secretAccessKey(secret)
                        .principalArn(resource).principalId(caller.account().value() + ":" + name).sessionName(name)
                        .parentUserArn(Optional.of(caller.arn())).parentUserId(Optional.of(caller.userId()))
                        .issuedAt(now).expiresAt(expires).tags(tags.tags()).inlineSessionPolicy(policy)
                        .sessionPolicyArns(policyArns).build());
        return Optional.of(Struct.builder()
                .put("Credentials", issued.credentials().toStruct())
                .put("FederatedUser", Struct.builder()
                        .put("FederatedUserId", caller.account().value() + ":" + name)
                        .put("Arn", resource)
                        .build())
                .put("PackedPolicySize", issued.packedPolicyPercent())
                .build());
    }
}

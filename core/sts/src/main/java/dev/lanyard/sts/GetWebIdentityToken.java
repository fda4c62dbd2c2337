package dev.lanyard.sts;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AccessRequest;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.RequestContextFactory;
import dev.lanyard.authz.Validators;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.RandomUuid;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.OutboundSigningKeys;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.iam.spi.federation.WebIdentityTokenSigner;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.ValidationErrors;
import dev.lanyard.tokens.SessionTag;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/** sts:GetWebIdentityToken — Lanyard as an OIDC issuer: a signed JWT naming the caller, for outside audiences. */
public final class GetWebIdentityToken implements Operation {
    private static final int MAX_TOKEN_LENGTH = 16_384;

    private final IamStore store;
    private final AccessControl access;
    private final WebIdentityTokenSigner signer;
    private final Function<String, String> issuerForAccount;
    private final RandomGenerator random;

    public GetWebIdentityToken(IamStore store, AccessControl access, WebIdentityTokenSigner signer,
            Function<String, String> issuerForAccount, RandomGenerator random) {
        this.store = requireNonNull(store, "store is null");
        this.access = requireNonNull(access, "access is null");
        this.signer = requireNonNull(signer, "signer is null");
        this.issuerForAccount = requireNonNull(issuerForAccount, "issuerForAccount is null");
        this.random = requireNonNull(random, "random is null");
    }

    @Override
    public Optional<Struct> handle(OperationCall call) {
        QueryParameters params = call.parameters();
        List<String> audiences = params.list("Audience");
        if (audiences.isEmpty() || audiences.size() > 10) {
            throw audiences.isEmpty() ? AwsErrors.missingParameter("Audience")
                    : ValidationErrors.single("audience", audiences.toString(), ValidationErrors.lengthAtMost(10));
        }
        audiences.forEach(a -> Validators.length("audience", a, 1, 1000));
        String algorithm = params.required("SigningAlgorithm");
        if (!algorithm.equals("RS256") && !algorithm.equals("ES384")) {
            throw ValidationErrors.single("signingAlgorithm", algorithm,
                    "Member must satisfy enum value set: [RS256, ES384]");
        }
        Duration duration = Duration.ofSeconds(Validators.range("durationSeconds", params.integer("DurationSeconds"),
                60, 3600).orElse(300));
        SessionTagsRequest tags = SessionTagsRequest.from(params, false);
        Caller caller = call.requireCaller();
        IamSnapshot snapshot = store.snapshot();
        if (!snapshot.outboundFederationEnabled(caller.account())) {
            throw StsErrors.outboundFederationDisabledForAccount();
        }
        Instant now = call.environment().time();
        Instant expires = now.plus(duration);
        caller.session().filter(s -> s.expiresAt().isBefore(expires)).ifPresent(s -> {
            throw StsErrors.durationBeyondSession();
        });
        ContextKeys.Builder builder = ContextKeys.builder();
        builder.putMulti("sts:IdentityTokenAudience", audiences);
        builder.put("sts:DurationSeconds", Long.toString(duration.toSeconds()));
        builder.put("sts:SigningAlgorithm", algorithm);
        tags.addTo(builder);
        ContextKeys keys = builder.build();
        access.require(snapshot, caller, call.environment(), new AccessRequest("sts:GetWebIdentityToken", "*",
                Optional.of(caller.account()), keys, Optional.empty(), false));
        // Tags in the token need their own permission, as session tags need sts:TagSession.
        if (!tags.isEmpty()) {
            access.require(snapshot, caller, call.environment(), new AccessRequest("sts:TagGetWebIdentityToken",
                    "*", Optional.of(caller.account()), keys, Optional.empty(), false));
        }
        OutboundSigningKeys signingKeys = snapshot.outboundSigningKeys()
                .orElseThrow(StsErrors::outboundFederationDisabled);
        String token = signer.sign(signingKeys.privateJwkSet(), algorithm, claims(caller, call, audiences, tags, now,
                expires));
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw StsErrors.jwtPayloadTooLarge();
        }
        return Optional.of(Struct.builder().put("WebIdentityToken", token).put("Expiration", expires).build());
    }

    private Map<String, Object> claims(Caller caller, OperationCall call, List<String> audiences,
            SessionTagsRequest tags, Instant now, Instant expires) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuerForAccount.apply(caller.account().value()));
        claims.put("sub", caller.arn());
        claims.put("aud", audiences.size() == 1 ? audiences.getFirst() : audiences);
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        claims.put("jti", RandomUuid.generate(random).toString());
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("aws_account", caller.account().value());
        aws.put("source_region", call.environment().region());
        aws.put("principal_id", RequestContextFactory.principalArn(caller));
        Map<String, String> principalTags = RequestContextFactory.principalTags(caller);
        if (!principalTags.isEmpty()) {
            aws.put("principal_tags", principalTags);
        }
        if (!tags.isEmpty()) {
            Map<String, String> requestTags = new LinkedHashMap<>();
            tags.tags().forEach((SessionTag t) -> requestTags.put(t.key(), t.value()));
            aws.put("request_tags", requestTags);
        }
        claims.put("https://sts.amazonaws.com/", aws);
        return claims;
    }
}

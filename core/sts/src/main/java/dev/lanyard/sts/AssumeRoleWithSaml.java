package dev.lanyard.sts;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.Validators;
import dev.lanyard.aws.Arn;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.Partition;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.SamlProvider;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.iam.spi.federation.SamlAssertionVerifier;
import dev.lanyard.iam.spi.federation.SamlMetadata;
import dev.lanyard.iam.spi.federation.SamlProviderTrust;
import dev.lanyard.iam.spi.federation.VerifiedSamlAssertion;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.pipeline.Signing;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionKind;
import dev.lanyard.tokens.SessionOrigin;
import dev.lanyard.tokens.SessionTokenCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * sts:AssumeRoleWithSAML (unsigned): the SAML Response is verified against the provider's metadata, must name the
 * requested role and provider pair, and the role's trust policy must allow the provider with the saml:* keys.
 */
public final class AssumeRoleWithSaml implements Operation {
    private static final String ACTION = "sts:AssumeRoleWithSAML";
    private static final String NAMEID_PREFIX = "urn:oasis:names:tc:SAML:2.0:nameid-format:";

    private final IamStore store;
    private final AccessControl access;
    private final CredentialIssuer issuer;
    private final SamlAssertionVerifier verifier;
    private final Map<String, SamlMetadata> parsedMetadata = new ConcurrentHashMap<>();

    public AssumeRoleWithSaml(IamStore store, AccessControl access, CredentialIssuer issuer,
            SamlAssertionVerifier verifier) {
        this.store = requireNonNull(store, "store is null");
        this.access = requireNonNull(access, "access is null");
        this.issuer = requireNonNull(issuer, "issuer is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
    }

    /** Sent unsigned: the identity provider's SAML assertion is the credential. */
    @Override
    public Signing signing() {
        return Signing.UNSIGNED;
    }

    @Override
    public Optional<Struct> handle(OperationCall call) {
        QueryParameters params = call.parameters();
        String roleArnText = Validators.length("roleArn", params.required("RoleArn"), 20, 2048);
        String principalArn = Validators.length("principalArn", params.required("PrincipalArn"), 20, 2048);
        String assertion = Validators.length("sAMLAssertion", params.required("SAMLAssertion"), 4, 100_000);
        Optional<Integer> seconds = Validators.range("durationSeconds", params.integer("DurationSeconds"), 900, 43200);
        StsRequests.SessionPolicies sessionPolicies = StsRequests.sessionPolicies(params, 2048);
        Optional<String> policy = sessionPolicies.inline();
        List<String> policyArns = sessionPolicies.arns();
        Arn roleArn = Arn.parse(roleArnText).orElseThrow(() -> AwsErrors.validation(roleArnText + " is invalid"));

        IamSnapshot snapshot = store.snapshot();
        Role role = AssumeRole.findRole(snapshot, roleArn)
                .orElseThrow(() -> StsErrors.notAuthorized(ACTION, "no role " + roleArnText));
        SamlProvider provider = provider(snapshot, role, principalArn);
        SamlMetadata metadata = parsedMetadata.computeIfAbsent(provider.metadataDocument(), verifier::parseMetadata);
        VerifiedSamlAssertion saml = verifier.verify(assertion, new SamlProviderTrust(provider.arn(), provider.name(),
                role.account().value(), metadata.entityId(), metadata.signingCertificates(), provider.validUntil(),
                decryptionKeys(provider), provider.encryptionRequired() ? SamlProviderTrust.EncryptionMode.REQUIRED
                        : SamlProviderTrust.EncryptionMode.ALLOWED, List.of()));
        boolean pairNamed = saml.roles().stream().anyMatch(p -> p.roleArn().equals(role.arn().toString())
                && p.providerArn().equals(provider.arn()));
        if (!pairNamed) {
            throw StsErrors.notAuthorized(ACTION, "the Role attribute does not name " + role.arn() + ","
                    + provider.arn());
        }
        String sessionName = saml.roleSessionName().orElseThrow(StsErrors::samlSessionNameMissing);
        SessionTagsRequest tags = SessionTagsRequest.fromClaims(saml.principalTags(), saml.transitiveTagKeys());
        String nameQualifier = nameQualifier(saml.issuer(), role.account().value(), provider.name());
        Map<String, List<String>> claims = new LinkedHashMap<>();
        claims.put("saml:namequalifier", List.of(nameQualifier));
        claims.put("saml:sub", List.of(saml.nameId()));
        claims.put("saml:sub_type", List.of(subjectType(saml.nameIdFormat())));
        ContextKeys keys = trustContext(role, sessionName, saml, tags, claims, provider);
        authorize(call, provider, role, keys, ACTION);
        if (!tags.isEmpty()) {
            authorize(call, provider, role, keys, "sts:TagSession");
        }
        if (saml.sourceIdentity().isPresent()) {
            authorize(call, provider, role, keys, "sts:SetSourceIdentity");
        }
        Instant now = call.environment().time();
        Instant expires = now.plus(duration(seconds, saml, role));
        if (saml.sessionNotOnOrAfter().isPresent() && saml.sessionNotOnOrAfter().get().isBefore(expires)) {
            expires = saml.sessionNotOnOrAfter().get();
        }
        Instant expiresAt = expires;
        CredentialIssuer.Issued issued = issuer.issue(call.environment(), store.snapshot(), role.account(),
                secret -> SessionClaims.builder()
                .kind(SessionKind.ASSUMED_ROLE).origin(SessionOrigin.ASSUME_ROLE_WITH_SAML).account(role.account())
                .secretAccessKey(secret).principalArn(role.arn().toString()).principalId(role.roleId())
                .sessionName(sessionName).issuedAt(now).expiresAt(expiresAt).sourceIdentity(saml.sourceIdentity())
                .tags(tags.tags()).transitiveTagKeys(tags.transitiveTagKeys()).inlineSessionPolicy(policy)
                .sessionPolicyArns(policyArns).federationClaims(claims).build());
        Struct.Builder result = Struct.builder()
                .put("Credentials", issued.credentials().toStruct())
                .put("AssumedRoleUser", FederatedTrust.assumedRoleUser(role, sessionName));
        if (policy.isPresent() || !policyArns.isEmpty() || !tags.isEmpty()) {
            result.put("PackedPolicySize", SessionTokenCodec.packedPolicyPercent(policy, policyArns, tags.tags()));
        }
        result.put("Subject", saml.nameId()).put("SubjectType", subjectType(saml.nameIdFormat()))
                .put("Issuer", saml.issuer()).put("Audience", saml.recipient()).put("NameQualifier", nameQualifier);
        saml.sourceIdentity().ifPresent(s -> result.put("SourceIdentity", s));
        return Optional.of(result.build());
    }

    private static List<java.security.PrivateKey> decryptionKeys(SamlProvider provider) {
        return provider.privateKeys().stream().map(k -> {
            try {
                byte[] der = Base64.getMimeDecoder().decode(k.pem().replaceAll("-----[A-Z ]+-----", ""));
                return java.security.KeyFactory.getInstance("RSA")
                        .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
            } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalStateException("stored SAML private key " + k.keyId() + " cannot be read", e);
            }
        }).toList();
    }

    private static SamlProvider provider(IamSnapshot snapshot, Role role, String principalArn) {
        String prefix = Partition.AWS.iam(role.account(), "saml-provider/").toString();
        if (!principalArn.startsWith(prefix)) {
            throw StsErrors.invalidSamlPrincipal(principalArn);
        }
        return snapshot.samlProvider(role.account(), principalArn.substring(prefix.length()))
                .orElseThrow(() -> StsErrors.noSamlProvider(principalArn));
    }

    private static Duration duration(Optional<Integer> requested, VerifiedSamlAssertion saml, Role role) {
        Duration duration = requested.map(s -> Duration.ofSeconds(s))
                .or(() -> saml.sessionDurationSeconds().map(s -> Duration.ofSeconds(s)))
                .orElse(Duration.ofHours(1));
        if (requested.isPresent() && duration.compareTo(role.maxSessionDuration()) > 0) {
            throw AwsErrors.validation(
                    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        return duration.compareTo(role.maxSessionDuration()) > 0 ? role.maxSessionDuration() : duration;
    }

    /** AWS's formula: base64(sha1(issuer + accountId + "/" + providerName)), no separator after the issuer. */
    static String nameQualifier(String issuer, String account, String providerName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((issuer + account + "/" + providerName).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String subjectType(String format) {
        return format.startsWith(NAMEID_PREFIX) ? format.substring(NAMEID_PREFIX.length()) : format;
    }

    private static ContextKeys trustContext(Role role, String sessionName, VerifiedSamlAssertion saml,
            SessionTagsRequest tags, Map<String, List<String>> claims, SamlProvider provider) {
        ContextKeys.Builder keys = ContextKeys.builder();
        keys.put("sts:RoleSessionName", sessionName);
        saml.sourceIdentity().ifPresent(s -> keys.put("sts:SourceIdentity", s));
        tags.addTo(keys);
        FederatedTrust.roleResourceKeys(keys, role, List.of());
        keys.put("saml:aud", saml.recipient());
        keys.put("saml:iss", saml.issuer());
        keys.put("saml:doc", role.account().value() + "/" + provider.name());
        claims.forEach((key, values) -> keys.put(key, values.getFirst()));
        SamlAttributeKeys.of(saml.attributes()).forEach((key, values) -> {
            if (values.size() == 1) {
                keys.put(key, values.getFirst());
            } else {
                keys.putMulti(key, values);
            }
        });
        return keys.build();
    }

    private void authorize(OperationCall call, SamlProvider provider, Role role, ContextKeys keys, String action) {
        FederatedTrust.require(access, call, provider.arn(), role, keys, action);
    }
}

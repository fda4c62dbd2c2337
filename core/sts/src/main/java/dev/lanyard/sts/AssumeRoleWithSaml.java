package dev.lanyard.sts;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.Validators;
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
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.tokens.SessionOrigin;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
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
public final class AssumeRoleWithSaml extends FederatedAssumeRole<SamlAssertionVerifier> {
    private static final String ACTION = "sts:AssumeRoleWithSAML";
    private static final String NAMEID_PREFIX = "urn:oasis:names:tc:SAML:2.0:nameid-format:";

    private final Map<String, SamlMetadata> parsedMetadata = new ConcurrentHashMap<>();

    public AssumeRoleWithSaml(IamStore store, AccessControl access, CredentialIssuer issuer,
            SamlAssertionVerifier verifier) {
        super(ACTION, store, access, issuer, verifier);
    }

    @Override
    public Optional<Struct> handle(OperationCall call) {
        QueryParameters params = call.parameters();
        String roleArnText = roleArnParameter(call);
        String principalArn = Validators.length("principalArn", params.required("PrincipalArn"), 20, 2048);
        String assertion = Validators.length("sAMLAssertion", params.required("SAMLAssertion"), 4, 100_000);
        Optional<Integer> seconds = Validators.range("durationSeconds", params.integer("DurationSeconds"), 900, 43200);
        StsRequests.SessionPolicies sessionPolicies = StsRequests.sessionPolicies(params, 2048);

        IamSnapshot snapshot = snapshot();
        Role role = requestedRole(snapshot, roleArnText);
        SamlProvider provider = provider(snapshot, role, principalArn);
        SamlMetadata metadata = parsedMetadata.computeIfAbsent(provider.metadataDocument(),
                verifier()::parseMetadata);
        VerifiedSamlAssertion saml = verifier().verify(assertion, new SamlProviderTrust(provider.arn(), provider.name(),
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
        AssumeRoleTemplate.RoleSession session = new AssumeRoleTemplate.RoleSession(role, sessionName,
                SessionOrigin.ASSUME_ROLE_WITH_SAML, tags, List.of(), saml.sourceIdentity(), sessionPolicies);
        Federation federation = new Federation(provider.arn(), trustContext(session, saml, claims, provider), claims);
        return Optional.of(assume(call, session, federation, now -> expiresAt(now, seconds, saml, role),
                result -> result.put("Subject", saml.nameId()).put("SubjectType", subjectType(saml.nameIdFormat()))
                        .put("Issuer", saml.issuer()).put("Audience", saml.recipient())
                        .put("NameQualifier", nameQualifier)));
    }

    /** The asked duration, at the latest the assertion's SessionNotOnOrAfter. */
    private static Instant expiresAt(Instant now, Optional<Integer> seconds, VerifiedSamlAssertion saml, Role role) {
        Instant expires = now.plus(duration(seconds, saml, role));
        if (saml.sessionNotOnOrAfter().isPresent() && saml.sessionNotOnOrAfter().get().isBefore(expires)) {
            return saml.sessionNotOnOrAfter().get();
        }
        return expires;
    }

    private static List<PrivateKey> decryptionKeys(SamlProvider provider) {
        return provider.privateKeys().stream().map(k -> {
            try {
                byte[] der = Base64.getMimeDecoder().decode(k.pem().replaceAll("-----[A-Z ]+-----", ""));
                return KeyFactory.getInstance("RSA")
                        .generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
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

    private static ContextKeys trustContext(AssumeRoleTemplate.RoleSession session, VerifiedSamlAssertion saml,
            Map<String, List<String>> claims, SamlProvider provider) {
        Role role = session.role();
        ContextKeys.Builder keys = AssumeRoleTemplate.trustKeys(session);
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
}

package dev.lanyard.oidc;

import static dev.lanyard.oidc.Refusals.KEY_UNAVAILABLE;
import static dev.lanyard.oidc.Refusals.NOT_A_JWT;
import static dev.lanyard.oidc.Refusals.SIGNATURE;
import static dev.lanyard.oidc.Refusals.explainedAs;
import static dev.lanyard.oidc.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import java.net.URI;
import java.time.Duration;
import java.util.Date;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Forged, altered and out-of-date tokens; each is refused with the error AWS gives and the check that failed. */
class AttackSuiteTest {
    private static Harness harness;

    @BeforeAll
    static void start() {
        harness = Harness.loopback();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static AwsException refuse(String token, ErrorCode code, String message, String check) {
        explainedAs(harness.verifier, token, harness.provider(), check);
        return refused(harness.verifier, token, harness.provider(), code, message, check);
    }

    @Test
    void algNone() {
        String token = new PlainJWT(harness.claims().build()).serialize();

        refuse(token, ErrorCode.INVALID_IDENTITY_TOKEN, "Unsupported token signing algorithm: none (use RS256, "
                + "RS384, RS512, PS256, PS384, PS512, ES256, ES384 or ES512)", "header");
    }

    @Test
    void algNoneWithASignatureAppended() {
        String unsigned = new PlainJWT(harness.claims().build()).serialize();
        String token = unsigned + Base64URL.encode("junk");

        refuse(token, ErrorCode.INVALID_IDENTITY_TOKEN, NOT_A_JWT, "token-format");
    }

    @Test
    void hs256SignedWithTheRsaPublicKey() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(TestKeys.RSA.getKeyID())
                .build(), harness.claims().build());
        jwt.sign(new MACSigner(TestKeys.RSA.toRSAPublicKey().getEncoded()));

        AwsException e = refuse(jwt.serialize(), ErrorCode.INVALID_IDENTITY_TOKEN, "Unsupported token signing "
                + "algorithm: HS256 (use RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384 or ES512)", "header");
        assertThat(e.operatorDetail()).contains("alg HS256");
    }

    @Test
    void unknownKid() {
        String token = Tokens.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("no-such-key").build(),
                harness.claims().build(), TestKeys.RSA);

        AwsException e = refuse(token, ErrorCode.INVALID_IDENTITY_TOKEN, KEY_UNAVAILABLE, "signing-key");
        assertThat(e.operatorDetail()).contains("kid 'no-such-key' is not in the JWKS");
    }

    @Test
    void tamperedPayload() {
        String token = Tokens.withPayload(harness.rsaToken(), harness.claims().subject("admin-9999999").build()
                .toString());

        refuse(token, ErrorCode.INVALID_IDENTITY_TOKEN, SIGNATURE, "signature");
    }

    @Test
    void signedByAnotherKeyUnderTheSameKid() {
        String token = Tokens.sign(harness.claims().build(), TestKeys.RSA_OTHER, JWSAlgorithm.RS256);

        refuse(token, ErrorCode.INVALID_IDENTITY_TOKEN, SIGNATURE, "signature");
    }

    @Test
    void expired() {
        long now = Harness.START.getEpochSecond();
        Date exp = Date.from(Harness.START.minus(Duration.ofMinutes(6)));
        String token = Tokens.sign(harness.claims().issueTime(Date.from(Harness.START.minus(Duration.ofHours(1))))
                .expirationTime(exp).build(), TestKeys.RSA, JWSAlgorithm.RS256);

        refuse(token, ErrorCode.EXPIRED_TOKEN_EXCEPTION, "Token expired: current date/time " + now
                + " must be before the expiration date/time " + (now - 360), "exp");
    }

    @Test
    void notYetValid() {
        long now = Harness.START.getEpochSecond();
        String token = Tokens.sign(harness.claims().notBeforeTime(Date.from(Harness.START.plus(Duration.ofMinutes(6))))
                .build(), TestKeys.RSA, JWSAlgorithm.RS256);

        refuse(token, ErrorCode.INVALID_IDENTITY_TOKEN, "Token not yet valid: current date/time " + now
                + " must be after the not-before date/time " + (now + 360), "nbf");
    }

    @Test
    void issuedInTheFutureBeyondTheSkew() {
        long now = Harness.START.getEpochSecond();
        String token = Tokens.sign(harness.claims().issueTime(Date.from(Harness.START.plus(Duration.ofMinutes(6))))
                .build(), TestKeys.RSA, JWSAlgorithm.RS256);

        refuse(token, ErrorCode.INVALID_IDENTITY_TOKEN, "Token issued in the future: current date/time " + now
                + " must be after the issue date/time " + (now + 360), "iat");
    }

    @Test
    void wrongIssuer() {
        String token = Tokens.sign(harness.claims().issuer("https://evil.example").build(), TestKeys.RSA,
                JWSAlgorithm.RS256);

        AwsException e = refuse(token, ErrorCode.INVALID_IDENTITY_TOKEN,
                "No OpenIDConnect provider found in your account for https://evil.example", "issuer");
        assertThat(e.operatorDetail()).contains("does not equal the provider URL '" + harness.idp.issuer() + "'");
    }

    @Test
    void issuerDifferingOnlyByATrailingSlash() {
        String iss = harness.idp.issuer() + "/";
        String token = Tokens.sign(harness.claims().issuer(iss).build(), TestKeys.RSA, JWSAlgorithm.RS256);

        refuse(token, ErrorCode.INVALID_IDENTITY_TOKEN, "No OpenIDConnect provider found in your account for " + iss,
                "issuer");
    }

    @Test
    void wrongAudience() {
        String token = Tokens.sign(harness.claims().audience("someone-else").build(), TestKeys.RSA,
                JWSAlgorithm.RS256);

        AwsException e = refuse(token, ErrorCode.INVALID_IDENTITY_TOKEN, "Incorrect token audience", "aud");
        assertThat(e.operatorDetail()).contains("[someone-else]").contains("[" + Tokens.CLIENT_ID + "]");
    }

    @Test
    void audienceMissing() {
        String token = Tokens.sign(harness.claims().audience((String) null).build(), TestKeys.RSA,
                JWSAlgorithm.RS256);

        refuse(token, ErrorCode.INVALID_IDENTITY_TOKEN, "Missing a required claim: aud", "aud");
    }

    @Test
    void oversizedToken() {
        String token = harness.rsaToken() + "A".repeat(OidcVerifierConfig.API_MAX_TOKEN_LENGTH);

        refuse(token, ErrorCode.VALIDATION_ERROR, "1 validation error detected: Value at 'webIdentityToken' failed "
                + "to satisfy constraint: Member must have length less than or equal to 20000", "token-length");
    }

    @Test
    void oversizedTokenHasNoIssuerEither() {
        assertThat(harness.verifier.unverifiedIssuer(harness.rsaToken() + "A".repeat(20_000))).isEmpty();
    }

    @Test
    void duplicateClaimsAreRefusedEvenWhenSigned() {
        String payload = "{\"iss\":\"" + harness.idp.issuer() + "\",\"sub\":\"" + Tokens.SUBJECT + "\",\"aud\":\"x\","
                + "\"aud\":\"" + Tokens.CLIENT_ID + "\",\"iat\":" + Harness.START.getEpochSecond() + ",\"exp\":"
                + (Harness.START.getEpochSecond() + 600) + "}";

        refuse(Tokens.signRaw(payload, TestKeys.RSA), ErrorCode.INVALID_IDENTITY_TOKEN, NOT_A_JWT, "token-format");
    }

    @Test
    void jkuHeader() {
        refuse(withHeader(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .jwkURL(URI.create("https://evil.example/jwks"))), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Token header parameter not allowed: jku", "header");
    }

    @Test
    void x5uHeader() {
        refuse(withHeader(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .x509CertURL(URI.create("https://evil.example/cert.pem"))), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Token header parameter not allowed: x5u", "header");
    }

    @Test
    void embeddedJwkHeader() {
        refuse(withHeader(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").jwk(TestKeys.RSA.toPublicJWK())),
                ErrorCode.INVALID_IDENTITY_TOKEN, "Token header parameter not allowed: jwk", "header");
    }

    @Test
    void criticalHeader() {
        refuse(withHeader(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").customParam("exp-ext", 1)
                .criticalParams(Set.of("exp-ext"))), ErrorCode.INVALID_IDENTITY_TOKEN,
                "Token header parameter not allowed: crit", "header");
    }

    @Test
    void ecKeyIdWithAnRs256Header() {
        String token = Tokens.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(TestKeys.EC_P256.getKeyID())
                .build(), harness.claims().build(), TestKeys.RSA);

        AwsException e = refuse(token, ErrorCode.INVALID_IDENTITY_TOKEN, SIGNATURE, "algorithm");
        assertThat(e.operatorDetail()).contains("header alg RS256 is allowed by no candidate key").contains("ec-256");
    }

    @Test
    void es384HeaderOnAP256Key() {
        String token = Tokens.sign(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(TestKeys.EC_P256.getKeyID())
                .build(), harness.claims().build(), TestKeys.EC_P384);

        refuse(token, ErrorCode.INVALID_IDENTITY_TOKEN, SIGNATURE, "algorithm");
    }

    @Test
    void encryptedToken() throws JOSEException {
        EncryptedJWT jwt = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM),
                harness.claims().build());
        jwt.encrypt(new RSAEncrypter(TestKeys.RSA.toRSAPublicKey()));

        refuse(jwt.serialize(), ErrorCode.INVALID_IDENTITY_TOKEN, NOT_A_JWT, "token-format");
    }

    @Test
    void notAJwtAtAll() {
        refuse("not-a-jwt", ErrorCode.INVALID_IDENTITY_TOKEN, NOT_A_JWT, "token-format");
        refuse("a.b.c", ErrorCode.INVALID_IDENTITY_TOKEN, NOT_A_JWT, "token-format");
        refuse("", ErrorCode.INVALID_IDENTITY_TOKEN, NOT_A_JWT, "token-format");
    }

    @Test
    void payloadThatIsNotAnObject() {
        String header = Base64URL.encode("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}").toString();
        refuse(header + "." + Base64URL.encode("[1,2,3]") + ".c2ln", ErrorCode.INVALID_IDENTITY_TOKEN, NOT_A_JWT,
                "token-format");
    }

    @Test
    void stringTimestampsAreRefused() {
        String token = Tokens.withPayload(harness.rsaToken(), "{\"iss\":\"" + harness.idp.issuer()
                + "\",\"sub\":\"x\",\"aud\":\"" + Tokens.CLIENT_ID + "\",\"iat\":1,\"exp\":\"2099-01-01\"}");
        // the signature no longer matches, so the signature check fires first: nothing unsigned is interpreted
        refuse(token, ErrorCode.INVALID_IDENTITY_TOKEN, SIGNATURE, "signature");
    }

    private static String withHeader(JWSHeader.Builder header) {
        JWTClaimsSet claims = harness.claims().build();
        return Tokens.sign(header.build(), claims, TestKeys.RSA);
    }
}

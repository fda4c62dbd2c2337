package dev.lanyard.oidc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.lanyard.oidc.JwksFetchException;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which JWKS entries become verification keys, and what a broken document means. */
class JwksLoaderTest {
    private static final URI JWKS = URI.create("https://idp.example/jwks");
    /** The secp256k1 generator point: a valid EC key on a curve no JWS algorithm we accept uses. */
    private static final String SECP256K1_G = "{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"kid\":\"k1\","
            + "\"x\":\"eb5mfvncu6xVoGKVzocLBwKb_NstzijZWfKBWxb4F5g\","
            + "\"y\":\"SDradyajxGVdpPv8DhEIqP0XtEimhVQZnEfQj_sQ1Lg\"}";
    private static RSAKey rsa;

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("good").generate();
    }

    private static List<String> kids(JWK... keys) throws JwksFetchException {
        String json = new JWKSet(List.of(keys)).toString(false);
        return JwksLoader.parseKeys(JWKS, json, Instant.EPOCH).keys().stream().map(JWK::getKeyID).toList();
    }

    @Test
    void keepsOnlyUsableSigningKeysAndStripsPrivateParts() throws Exception {
        RSAKey small = new RSAKey.Builder((RSAPublicKey) smallRsa()).keyID("small").build();
        JWK encryption = new RSAKey.Builder(rsa).keyID("enc").keyUse(KeyUse.ENCRYPTION).build();
        JWK wrapOnly = new RSAKey.Builder(rsa).keyID("wrap").keyOperations(Set.of(KeyOperation.WRAP_KEY)).build();
        JWK hmacAlg = new RSAKey.Builder(rsa).keyID("hs").algorithm(JWSAlgorithm.HS256).build();
        JWK secp256k1 = JWK.parse(SECP256K1_G);
        JWK ok = new RSAKey.Builder(rsa).keyID("ok").keyOperations(Set.of(KeyOperation.VERIFY)).build();

        assertThat(kids(rsa, small, encryption, wrapOnly, hmacAlg, secp256k1, ok)).containsExactly("good", "ok");
        SigningKeys keys = JwksLoader.parseKeys(JWKS, new JWKSet(rsa).toString(false), Instant.EPOCH);
        assertThat(keys.keys()).allMatch(key -> !key.isPrivate());
    }

    @Test
    void oneBrokenEntryDoesNotHideTheOthers() throws Exception {
        String json = "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"!!\"},42,\"x\",{\"kty\":\"nope\"},"
                + rsa.toPublicJWK().toJSONString() + "]}";

        SigningKeys keys = JwksLoader.parseKeys(JWKS, json, Instant.EPOCH);

        assertThat(keys.keyIds()).containsExactly("good");
        assertThat(keys.skipped()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "{}", "{\"keys\":{}}", "{\"keys\":[]}", "<html>", "", "{\"keys\":[1]}"})
    void brokenJwksIsABadResponse(String json) {
        JwksFetchException e = catchThrowableOfType(JwksFetchException.class,
                () -> JwksLoader.parseKeys(JWKS, json, Instant.EPOCH));

        assertThat(e.kind()).isEqualTo(JwksFetchException.Kind.BAD_RESPONSE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "{}", "{\"jwks_uri\":7}", "{\"jwks_uri\":\"::not a url\"}", "{\"jwks_uri\":\"\"}"})
    void brokenDiscoveryIsABadResponse(String json) {
        JwksFetchException e = catchThrowableOfType(JwksFetchException.class,
                () -> JwksLoader.jwksUri(json, new UrlPolicy(false)));

        assertThat(e.kind()).isIn(JwksFetchException.Kind.BAD_RESPONSE, JwksFetchException.Kind.INSECURE_URL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://idp.example/jwks", "ftp://idp.example/jwks", "file:///etc/passwd",
            "http://127.0.0.1/jwks", "https://user:pw@idp.example/jwks"})
    void insecureJwksUriIsRefused(String uri) {
        JwksFetchException e = catchThrowableOfType(JwksFetchException.class,
                () -> JwksLoader.jwksUri("{\"jwks_uri\":\"" + uri + "\"}", new UrlPolicy(false)));

        assertThat(e.kind()).isEqualTo(JwksFetchException.Kind.INSECURE_URL);
    }

    @Test
    void jwksMayLiveOnAnotherHttpsHost() throws JwksFetchException {
        assertThat(JwksLoader.jwksUri("{\"jwks_uri\":\"https://www.googleapis.com/oauth2/v3/certs\"}",
                new UrlPolicy(false))).hasHost("www.googleapis.com");
    }

    private static java.security.PublicKey smallRsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        return generator.generateKeyPair().getPublic();
    }
}

package dev.lanyard.e2e;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/** An OIDC issuer on loopback: discovery and JWKS over HTTP, RS256 ID tokens signed with its own key. */
final class TestIdentityProvider implements AutoCloseable {
    private final HttpServer server;
    private final RSAKey key;
    final String issuer;

    TestIdentityProvider() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key-1").generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\","
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/.well-known/openid-configuration", exchange -> reply(exchange, discovery));
        server.createContext("/jwks", exchange -> reply(exchange, jwks));
        server.start();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** The provider's condition-key prefix and ARN resource part: host:port. */
    String hostAndPath() {
        return issuer.substring("http://".length());
    }

    String token(String subject, String audience, Instant issuedAt, Instant expires, Map<String, Object> extra) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(audience)
                .issueTime(Date.from(issuedAt)).expirationTime(Date.from(expires));
        extra.forEach(claims::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    String token(String subject, String audience) {
        Instant now = Instant.now();
        return token(subject, audience, now, now.plusSeconds(600), Map.of());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

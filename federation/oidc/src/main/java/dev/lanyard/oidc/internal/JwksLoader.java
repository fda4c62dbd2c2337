package dev.lanyard.oidc.internal;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.lanyard.oidc.JwksFetchException;
import dev.lanyard.oidc.JwksFetchException.Kind;
import dev.lanyard.oidc.JwksFetcher;
import java.net.URI;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Discovery, then the JWKS it names, reduced to the public keys we may verify with. */
final class JwksLoader {
    private final JwksFetcher fetcher;
    private final UrlPolicy urlPolicy;

    JwksLoader(JwksFetcher fetcher, UrlPolicy urlPolicy) {
        this.fetcher = requireNonNull(fetcher, "fetcher is null");
        this.urlPolicy = requireNonNull(urlPolicy, "urlPolicy is null");
    }

    SigningKeys load(URI issuer, List<String> thumbprints, Instant now) throws JwksFetchException {
        URI jwksUri = jwksUri(fetcher.fetch(UrlPolicy.discoveryUri(issuer), thumbprints), urlPolicy);
        return parseKeys(jwksUri, fetcher.fetch(jwksUri, thumbprints), now);
    }

    /** The {@code jwks_uri} of a discovery document, held to the same URL policy as the issuer. */
    static URI jwksUri(String discoveryJson, UrlPolicy urlPolicy) throws JwksFetchException {
        Object value = parseObject(discoveryJson, "discovery document").get("jwks_uri");
        if (!(value instanceof String text)) {
            throw new JwksFetchException(Kind.BAD_RESPONSE, "discovery document has no jwks_uri string");
        }
        URI uri = UrlPolicy.parse(text).orElseThrow(
                () -> new JwksFetchException(Kind.BAD_RESPONSE, "jwks_uri is not a valid URL"));
        var refused = urlPolicy.violation(uri);
        if (refused.isPresent()) {
            throw new JwksFetchException(Kind.INSECURE_URL, "jwks_uri refused: " + refused.get());
        }
        return uri;
    }

    /** Keeps RSA (2048+ bits) and EC P-256/384/521 signing keys, public parts only; skips everything else. */
    static SigningKeys parseKeys(URI jwksUri, String json, Instant now) throws JwksFetchException {
        Object array = parseObject(json, "JWKS").get("keys");
        if (!(array instanceof List<?> entries)) {
            throw new JwksFetchException(Kind.BAD_RESPONSE, "JWKS at " + jwksUri + " has no keys array");
        }
        List<JWK> usable = new ArrayList<>();
        for (Object entry : entries) {
            parseKey(entry).filter(KeyPolicy::isSigningKey).ifPresent(key -> usable.add(key.toPublicJWK()));
        }
        if (usable.isEmpty()) {
            throw new JwksFetchException(Kind.BAD_RESPONSE, "JWKS at " + jwksUri + " has no usable signing key among "
                    + entries.size() + " entries");
        }
        return new SigningKeys(jwksUri, usable, entries.size() - usable.size(), now);
    }

    @SuppressWarnings("unchecked")
    private static Optional<JWK> parseKey(Object entry) {
        if (!(entry instanceof Map<?, ?> object)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JWK.parse((Map<String, Object>) object));
        } catch (ParseException | RuntimeException e) {
            return Optional.empty(); // one bad or unknown key must not hide the good ones
        }
    }

    private static Map<String, Object> parseObject(String json, String what) throws JwksFetchException {
        Map<String, Object> object;
        try {
            object = JSONObjectUtils.parse(json);
        } catch (ParseException | RuntimeException e) {
            throw new JwksFetchException(Kind.BAD_RESPONSE, what + " is not a JSON object: " + brief(e));
        }
        if (object == null) { // nimbus answers null, not an exception, for some non-JSON input
            throw new JwksFetchException(Kind.BAD_RESPONSE, what + " is not a JSON object");
        }
        return object;
    }

    private static String brief(Exception e) {
        return JwsParsing.brief(e);
    }
}

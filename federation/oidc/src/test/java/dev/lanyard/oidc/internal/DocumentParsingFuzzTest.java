package dev.lanyard.oidc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.lanyard.oidc.JwksFetchException;
import java.net.URI;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;

/**
 * The parsers of what an IdP or a token hands us: discovery and JWKS documents fail only with
 * {@link JwksFetchException}, the AWS claims only with a malformed-claim error, URLs never throw.
 */
class DocumentParsingFuzzTest {
    private static final URI JWKS = URI.create("https://idp.example/jwks");
    private static final UrlPolicy POLICY = new UrlPolicy(true);

    @FuzzTest(maxDuration = "20s")
    void idpDocuments(FuzzedDataProvider data) {
        String json = data.consumeRemainingAsString();
        try {
            assertThat(JwksLoader.parseKeys(JWKS, json, Instant.EPOCH).keys()).isNotEmpty();
        } catch (JwksFetchException expected) {
            assertThat(expected.kind()).isNotNull();
        }
        try {
            assertThat(POLICY.violation(JwksLoader.jwksUri(json, POLICY))).isEmpty();
        } catch (JwksFetchException expected) {
            assertThat(expected.kind()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "20s")
    void federationClaims(FuzzedDataProvider data) {
        Map<String, Object> claims;
        try {
            claims = JSONObjectUtils.parse(data.consumeRemainingAsString());
        } catch (ParseException notJson) {
            return;
        }
        if (claims == null) {
            return; // nimbus's way of saying "not JSON" for some inputs; the token path checks for it too
        }
        try {
            FederationClaims parsed = FederationClaims.read(new Claims(claims));
            assertThat(parsed.principalTags()).doesNotContainValue(null);
        } catch (Claims.MalformedClaimException expected) {
            assertThat(expected.claim()).isNotEmpty();
        }
    }

    @FuzzTest(maxDuration = "20s")
    void urls(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        UrlPolicy.isLoopbackHost(text);
        UrlPolicy.parse(text).ifPresent(uri -> assertThat(POLICY.violation(uri)).isNotNull());
    }
}

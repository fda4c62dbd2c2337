package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Expiry is enforced, and a token keeps working across key rotation until it expires. */
class ExpiryAndRotationTest {
    private static final byte[] WHO_AM_I = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);

    private record Session(String keyId, String secret, String token) {}

    private static Session sessionToken(RawHttpClient raw, TestServer server, MutableClock clock, int seconds) {
        var creds = server.rootCredentials();
        HttpResponse<String> response = raw.signedPost(("Action=GetSessionToken&Version=2011-06-15&DurationSeconds="
                + seconds).getBytes(StandardCharsets.UTF_8), creds.get(0), creds.get(1), Optional.empty(),
                clock.instant(), Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String body = response.body();
        return new Session(between(body, "<AccessKeyId>", "</AccessKeyId>"),
                between(body, "<SecretAccessKey>", "</SecretAccessKey>"),
                between(body, "<SessionToken>", "</SessionToken>"));
    }

    private static HttpResponse<String> whoAmI(RawHttpClient raw, Session s, Instant at) {
        return raw.signedPost(WHO_AM_I, s.keyId(), s.secret(), Optional.of(s.token()), at, Map.of());
    }

    @Test
    void expiredTokensGetExpiredToken() {
        MutableClock clock = new MutableClock(Instant.now());
        try (TestServer server = TestServer.start(clock)) {
            RawHttpClient raw = new RawHttpClient(server);
            Session session = sessionToken(raw, server, clock, 900);
            assertThat(whoAmI(raw, session, clock.instant()).statusCode()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(901));
            HttpResponse<String> expired = whoAmI(raw, session, clock.instant());
            assertThat(expired.statusCode()).isEqualTo(403);
            assertThat(expired.body()).contains("<Code>ExpiredToken</Code>")
                    .contains("The security token included in the request is expired");
        }
    }

    @Test
    void tokensOutliveTheRotationOfTheirKey() {
        MutableClock clock = new MutableClock(Instant.now());
        try (TestServer server = TestServer.start(clock)) {
            RawHttpClient raw = new RawHttpClient(server);
            Session before = sessionToken(raw, server, clock, 3600);
            clock.advance(Duration.ofMinutes(31));
            server.restart(); // a start refreshes the keyset: rotation is due (30 min), so a new key is staged
            clock.advance(Duration.ofMinutes(4));
            server.restart(); // past the propagation delay (3 key checks), the staged key becomes primary
            Session after = sessionToken(raw, server, clock, 900);
            assertThat(after.token().substring(0, 8)).isNotEqualTo(before.token().substring(0, 8));
            assertThat(whoAmI(raw, before, clock.instant()).statusCode()).isEqualTo(200);
            assertThat(whoAmI(raw, after, clock.instant()).statusCode()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(30));
            assertThat(whoAmI(raw, before, clock.instant()).body()).contains("<Code>ExpiredToken</Code>");
        }
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }
}

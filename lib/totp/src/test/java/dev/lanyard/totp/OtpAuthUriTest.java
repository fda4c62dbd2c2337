package dev.lanyard.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OtpAuthUriTest {
    private static final TotpSeed SEED = Fixtures.RFC_SHA1;
    private static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void awsShape() {
        String label = OtpAuthUri.awsLabel("my-phone", "alice");
        assertThat(label).isEqualTo("my-phone@alice");
        assertThat(OtpAuthUri.of(label, "Lanyard", SEED))
                .isEqualTo("otpauth://totp/my-phone@alice?secret=" + SECRET + "&issuer=Lanyard");
        assertThat(OtpAuthUri.of("my-phone@123456789012", "", SEED))
                .isEqualTo("otpauth://totp/my-phone@123456789012?secret=" + SECRET);
    }

    @Test
    void reservedAndNonAsciiCharactersArePercentEncoded() {
        String uri = OtpAuthUri.of("a b+c=d,e/f?g#h&i%j@Acme:bob", "Acme & Co/é", SEED);
        assertThat(uri).isEqualTo("otpauth://totp/a%20b%2Bc%3Dd%2Ce%2Ff%3Fg%23h%26i%25j@Acme:bob?secret=" + SECRET
                + "&issuer=Acme%20%26%20Co%2F%C3%A9");

        URI parsed = URI.create(uri);
        assertThat(parsed.getScheme()).isEqualTo("otpauth");
        assertThat(parsed.getHost()).isEqualTo("totp");
        assertThat(parsed.getPath()).isEqualTo("/a b+c=d,e/f?g#h&i%j@Acme:bob");
        assertThat(parsed.getRawQuery()).startsWith("secret=" + SECRET + "&issuer=");
        assertThat(parsed.getQuery()).endsWith("issuer=Acme & Co/é");
    }

    /** The label alone keeps '@' and ':'; a lone surrogate is written as '?' (what String.getBytes makes of it). */
    @Test
    void onlyTheLabelKeepsAtSignAndColonAndALoneSurrogateIsAQuestionMark() {
        assertThat(OtpAuthUri.of("a:b@c\uD800", "d:e@f\uDC00", SEED))
                .isEqualTo("otpauth://totp/a:b@c%3F?secret=" + SECRET + "&issuer=d%3Ae%40f%3F");
    }

    @Test
    void nonAwsParametersAreSpelledOut() {
        TotpParameters sha256 = new TotpParameters(8, Duration.ofSeconds(60), "HmacSHA256");
        assertThat(OtpAuthUri.of("x", "I", SEED, sha256))
                .isEqualTo("otpauth://totp/x?secret=" + SECRET + "&issuer=I&algorithm=SHA256&digits=8&period=60");
        assertThat(OtpAuthUri.of("x", "I", SEED, TotpParameters.AWS)).isEqualTo(OtpAuthUri.of("x", "I", SEED));
    }

    @Test
    void anEmptyLabelIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> OtpAuthUri.of("", "I", SEED));
    }
}

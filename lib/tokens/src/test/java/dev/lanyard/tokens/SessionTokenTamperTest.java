package dev.lanyard.tokens;

import static dev.lanyard.tokens.TestFixtures.ACCESS_KEY_ID;
import static dev.lanyard.tokens.TestFixtures.OTHER_ACCESS_KEY_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.SecretBytes;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionTokenTamperTest {
    private final SecureRandom rnd = TestFixtures.seededRandom(3);
    private final TokenKeyset keyset = TokenKeyset.generate(new MutableClock(TestFixtures.EPOCH), rnd);
    private final SessionTokenCodec codec = new SessionTokenCodec(() -> keyset, rnd);
    private final SessionClaims claims = new ClaimsGenerator(5).next();
    private final String token = codec.seal(claims, ACCESS_KEY_ID);
    private final byte[] raw = Base64.getDecoder().decode(token);

    @Test
    void everySingleBitFlipIsRejected() {
        for (int bit = 0; bit < raw.length * 8; bit++) {
            byte[] flipped = raw.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            TokenRejectionReason expected = bit < 8 ? TokenRejectionReason.UNKNOWN_VERSION
                    : bit < 40 ? TokenRejectionReason.UNKNOWN_KEY
                    : TokenRejectionReason.AUTHENTICATION_FAILED;
            assertRejected(encode(flipped), ACCESS_KEY_ID, expected);
        }
    }

    @Test
    void everyTruncationOfTheBytesIsRejected() {
        for (int length = 0; length < raw.length; length++) {
            assertRejected(encode(Arrays.copyOf(raw, length)), ACCESS_KEY_ID, null);
        }
    }

    @Test
    void everyTruncationOfTheTextIsRejected() {
        for (int length = 0; length < token.length(); length++) {
            assertRejected(token.substring(0, length), ACCESS_KEY_ID, null);
        }
    }

    @Test
    void appendedBytesAreRejected() {
        byte[] longer = Arrays.copyOf(raw, raw.length + 1);
        assertRejected(encode(longer), ACCESS_KEY_ID, TokenRejectionReason.AUTHENTICATION_FAILED);
    }

    @Test
    void tokenPresentedWithAnotherAccessKeyIdIsRejected() {
        assertRejected(token, OTHER_ACCESS_KEY_ID, TokenRejectionReason.AUTHENTICATION_FAILED);
        assertRejected(token, new AccessKeyId("AKIAQWERTYUIOPASDFGH"), TokenRejectionReason.AUTHENTICATION_FAILED);
    }

    @Test
    void tokenFromAnotherKeysetIsRejected() {
        TokenKeyset other = TokenKeyset.generate(new MutableClock(TestFixtures.EPOCH), new SecureRandom());
        String foreign = new SessionTokenCodec(() -> other, rnd).seal(claims, ACCESS_KEY_ID);
        assertRejected(foreign, ACCESS_KEY_ID, null);
    }

    @Test
    void tokenFromAnotherKeysetWithTheSameKeyIdFailsAuthentication() {
        TokenKey ours = keyset.primary();
        TokenKeyset twin = new TokenKeyset(List.of(new TokenKey(ours.keyId(),
                SecretBytes.random(TokenKey.KEY_LENGTH_BYTES, rnd), TokenKeyStatus.PRIMARY, ours.createdAt(),
                Optional.empty())));
        String foreign = new SessionTokenCodec(() -> twin, rnd).seal(claims, ACCESS_KEY_ID);
        assertRejected(foreign, ACCESS_KEY_ID, TokenRejectionReason.AUTHENTICATION_FAILED);
    }

    @Test
    void unknownVersionIsRejected() {
        byte[] v2 = raw.clone();
        v2[0] = 2;
        assertRejected(encode(v2), ACCESS_KEY_ID, TokenRejectionReason.UNKNOWN_VERSION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "=", "====", "AAAA", "not base64!", " ", "\u00e9\u00e9\u00e9\u00e9", "\uD800AAA"})
    void garbageIsMalformed(String garbage) {
        assertRejected(garbage, ACCESS_KEY_ID, TokenRejectionReason.MALFORMED);
    }

    @Test
    void nonCanonicalBase64IsMalformed() {
        String unpadded = token.replace("=", "");
        String urlSafe = token.replace('+', '-').replace('/', '_');
        String wrapped = token.substring(0, 4) + "\r\n" + token.substring(4);
        String tooLong = token + "A".repeat(SessionTokenCodec.MAX_TOKEN_LENGTH);
        for (String variant : new String[] {wrapped, tooLong, " " + token, token + " "}) {
            assertRejected(variant, ACCESS_KEY_ID, TokenRejectionReason.MALFORMED);
        }
        if (!unpadded.equals(token)) {
            assertRejected(unpadded, ACCESS_KEY_ID, TokenRejectionReason.MALFORMED);
        }
        if (!urlSafe.equals(token)) {
            assertRejected(urlSafe, ACCESS_KEY_ID, TokenRejectionReason.MALFORMED);
        }
    }

    @Test
    void nonZeroTrailingBitsAreMalformed() {
        for (int extra = 0; extra < 3; extra++) {
            byte[] sized = Arrays.copyOf(raw, raw.length + extra);
            String text = encode(sized);
            int pads = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
            if (pads == 0) {
                continue;
            }
            int last = text.length() - pads - 1;
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            char bumped = alphabet.charAt(alphabet.indexOf(text.charAt(last)) | 1);
            String variant = text.substring(0, last) + bumped + text.substring(last + 1);
            assertThat(Base64.getDecoder().decode(variant)).isEqualTo(sized);
            assertRejected(variant, ACCESS_KEY_ID, TokenRejectionReason.MALFORMED);
        }
    }

    /** The codec reuses its ciphers: a refused token must leave nothing behind that changes the next result. */
    @Test
    void rejectionsDoNotDisturbTheTokensAfterThem() {
        byte[] flipped = raw.clone();
        flipped[raw.length - 1] ^= 1;
        for (int i = 0; i < 20; i++) {
            assertRejected(encode(flipped), ACCESS_KEY_ID, TokenRejectionReason.AUTHENTICATION_FAILED);
            assertThat(codec.unseal(token, ACCESS_KEY_ID)).isEqualTo(claims);
            assertRejected(token, OTHER_ACCESS_KEY_ID, TokenRejectionReason.AUTHENTICATION_FAILED);
            assertThat(codec.seal(claims, ACCESS_KEY_ID)).isNotEqualTo(token);
            assertThat(codec.unseal(token, ACCESS_KEY_ID)).isEqualTo(claims);
        }
    }

    private void assertRejected(String candidate, AccessKeyId accessKeyId, TokenRejectionReason expected) {
        assertThatThrownBy(() -> codec.unseal(candidate, accessKeyId))
                .as("token %s", candidate)
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> {
                    if (expected != null) {
                        assertThat(e.reason()).isEqualTo(expected);
                    }
                });
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}

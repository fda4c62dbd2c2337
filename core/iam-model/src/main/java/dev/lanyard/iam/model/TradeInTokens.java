package dev.lanyard.iam.model;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The trade-in token of a finalized delegation request: {@code <request id>.<256 random bits, base64url>}. The id
 * finds the request; the random part, compared in constant time with the sealed copy, proves the bearer was given it.
 */
public final class TradeInTokens {
    private static final Pattern FORM = Pattern.compile("([\\w-]{16,128})\\.([A-Za-z0-9_-]{43})");

    /** What a well-formed token names: its request, and the whole token to compare. */
    public record Presented(String requestId, SecretText token) {}

    private TradeInTokens() {}

    public static SecretText mint(String requestId, SecureRandom random) {
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        return SecretText.of(requestId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(bits));
    }

    /** Empty unless {@code token} has the form {@link #mint} gives. */
    public static Optional<Presented> parse(String token) {
        var matcher = FORM.matcher(token);
        return matcher.matches() ? Optional.of(new Presented(matcher.group(1), SecretText.of(token)))
                : Optional.empty();
    }
}

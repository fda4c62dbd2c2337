package dev.lanyard.tokens;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.aws.UniqueIdPrefix;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Seeded generator of {@link SessionClaims} that exercises every field: absent and present optionals, empty and
 * populated lists, non-ASCII and supplementary characters, negative and extreme instants. Sizes stay small enough for
 * the token to fit in {@link SessionTokenCodec#MAX_TOKEN_LENGTH}.
 */
public final class ClaimsGenerator {
    private final Random random;

    public ClaimsGenerator(long seed) {
        this.random = new Random(seed);
    }

    public SessionClaims next() {
        Instant issuedAt = instant();
        Instant expiresAt = random.nextInt(10) == 0
                ? issuedAt
                : issuedAt.plus(Duration.ofSeconds(random.nextInt(129_600)));
        Optional<String> parentUserArn = optional(() -> "arn:aws:iam::123456789012:user/" + text(30));
        Optional<String> parentUserId = parentUserArn.flatMap(arn -> optional(() -> random.nextBoolean()
                ? UniqueIdPrefix.AIDA.generate(random) : text(24)));
        return SessionClaims.builder().kind(pick(SessionKind.values())).origin(pick(SessionOrigin.values()))
                .account(AccountId.fromLong(random.nextLong(1_000_000_000_000L))).secretAccessKey(secret())
                .principalArn("arn:aws:iam::" + text(12) + ":role/" + text(40))
                .principalId(random.nextBoolean() ? UniqueIdPrefix.AROA.generate(random) : text(24))
                .sessionName(text(random.nextBoolean() ? 0 : 64)).parentUserArn(parentUserArn)
                .parentUserId(parentUserId).issuedAt(issuedAt).expiresAt(expiresAt)
                .mfaAuthenticatedAt(optional(this::instant)).sourceIdentity(optional(() -> text(64))).tags(tags())
                .transitiveTagKeys(list(8, () -> text(20))).inlineSessionPolicy(optional(this::policy))
                .sessionPolicyArns(list(10, () -> "arn:aws:iam::123456789012:policy/" + text(24)))
                .chainDepth(random.nextInt(4) == 0 ? random.nextInt(Integer.MAX_VALUE) : random.nextInt(3))
                .federationClaims(federationClaims()).v1Token(random.nextBoolean()).build();
    }

    /** Every optional empty, every list empty, every string empty. */
    public static SessionClaims empty() {
        return SessionClaims.builder().kind(SessionKind.ROOT_SESSION).origin(SessionOrigin.GET_SESSION_TOKEN)
                .account(AccountId.fromLong(0)).secretAccessKey(SecretAccessKey.of("x")).principalArn("")
                .principalId("").issuedAt(Instant.EPOCH).expiresAt(Instant.EPOCH).build();
    }

    /** Every field present at extreme values, sized so that the token still fits. */
    public static SessionClaims maximal() {
        List<SessionTag> tags = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tags.add(new SessionTag("tag-key-" + i, "v" + i));
        }
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            arns.add("arn:aws:iam::999999999999:policy/p" + i);
        }
        return SessionClaims.builder().kind(SessionKind.FEDERATED_USER).origin(SessionOrigin.GET_FEDERATION_TOKEN)
                .account(AccountId.fromLong(999_999_999_999L)).secretAccessKey(SecretAccessKey.of("S".repeat(128)))
                .principalArn("arn:aws:sts::999999999999:federated-user/" + "n".repeat(32))
                .principalId("999999999999:" + "n".repeat(32)).sessionName("n".repeat(32))
                .parentUserArn(Optional.of("arn:aws:iam::999999999999:user/" + "u".repeat(64)))
                .parentUserId(Optional.of("AIDA" + "Z".repeat(17))).issuedAt(Instant.MIN).expiresAt(Instant.MAX)
                .mfaAuthenticatedAt(Optional.of(Instant.MAX)).sourceIdentity(Optional.of("s".repeat(64))).tags(tags)
                .transitiveTagKeys(tags.stream().limit(10).map(SessionTag::key).toList())
                .inlineSessionPolicy(Optional.of(samplePolicy(2048))).sessionPolicyArns(arns)
                .chainDepth(Integer.MAX_VALUE)
                .federationClaims(Map.of("sub", List.of("user-123"), "aud", List.of("a", "b"))).build();
    }

    /** An IAM-style policy document of exactly {@code length} characters. */
    public static String samplePolicy(int length) {
        StringBuilder policy = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
        for (int i = 0; policy.length() < length; i++) {
            policy.append("{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],")
                    .append("\"Resource\":\"arn:aws:s3:::bucket-").append(i).append("/*\"},");
        }
        policy.setLength(length - 2);
        return policy.append("]}").toString();
    }

    private SecretAccessKey secret() {
        return random.nextInt(4) == 0 ? SecretAccessKey.of(text(1 + random.nextInt(40)) + "k")
                : SecretAccessKey.generate(random);
    }

    private Instant instant() {
        return switch (random.nextInt(5)) {
            case 0 -> Instant.ofEpochSecond(random.nextLong(-1L << 40, 1L << 40), random.nextInt(1_000_000_000));
            case 1 -> Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000));
            case 2 -> Instant.ofEpochSecond(random.nextLong(Instant.MIN.getEpochSecond(), 0),
                    random.nextInt(1_000_000_000));
            default -> Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(Integer.MAX_VALUE));
        };
    }

    private String policy() {
        return random.nextBoolean() ? samplePolicy(20 + random.nextInt(1000)) : text(200);
    }

    private List<SessionTag> tags() {
        return list(20, () -> new SessionTag(text(16), text(24)));
    }

    private Map<String, List<String>> federationClaims() {
        Map<String, List<String>> claims = new HashMap<>();
        int count = random.nextInt(3) == 0 ? 0 : random.nextInt(5);
        for (int i = 0; i < count; i++) {
            claims.put(text(10) + i, list(3, () -> text(20)));
        }
        return claims;
    }

    private <T> Optional<T> optional(java.util.function.Supplier<T> value) {
        return random.nextBoolean() ? Optional.of(value.get()) : Optional.empty();
    }

    private <T> List<T> list(int max, java.util.function.Supplier<T> element) {
        int size = random.nextInt(3) == 0 ? 0 : random.nextInt(max + 1);
        List<T> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(element.get());
        }
        return values;
    }

    /** Up to {@code maxCodePoints} code points: mostly ASCII, some Latin-1, BMP and supplementary; no surrogates. */
    private String text(int maxCodePoints) {
        int count = random.nextInt(maxCodePoints + 1);
        StringBuilder text = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            text.appendCodePoint(switch (random.nextInt(10)) {
                case 0 -> 0x80 + random.nextInt(0x80);
                case 1 -> 0x100 + random.nextInt(0xD800 - 0x100);
                case 2 -> 0x10000 + random.nextInt(0x10FFFF - 0x10000 + 1);
                case 3 -> random.nextInt(0x20);
                default -> 0x20 + random.nextInt(0x5F);
            });
        }
        return text.toString();
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}

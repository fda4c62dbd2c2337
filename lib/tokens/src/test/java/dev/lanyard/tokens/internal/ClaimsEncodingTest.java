package dev.lanyard.tokens.internal;

import static dev.lanyard.tokens.TestFixtures.ACCESS_KEY_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.tokens.ClaimsGenerator;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionKind;
import dev.lanyard.tokens.SessionOrigin;
import dev.lanyard.tokens.SessionTokenCodec;
import dev.lanyard.tokens.TestFixtures;
import dev.lanyard.tokens.TokenKeyset;
import dev.lanyard.tokens.TokenRejectedException;
import dev.lanyard.tokens.TokenRejectionReason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class ClaimsEncodingTest {
    /** Offset of the flags byte: version, kind, origin. */
    private static final int FLAGS = 3;

    private final byte[] emptyBody = ClaimsEncoding.encode(ClaimsGenerator.empty()).toByteArray();

    @Test
    void emptyClaimsTakeAFewBytes() throws MalformedDataException {
        assertThat(emptyBody).hasSize(4 + 1 + 2 + 3 + 4 + 1);
        assertThat(decode(emptyBody)).isEqualTo(ClaimsGenerator.empty());
    }

    @Test
    void wrongVersionKindOrOriginIsRefused() {
        assertMalformed(with(emptyBody, 0, 0));
        assertMalformed(with(emptyBody, 0, 3));
        assertMalformed(with(emptyBody, 1, 4));
        // byte 2: the first origin code past the last one this node knows
        assertMalformed(with(emptyBody, 2, SessionOrigin.values().length));
        assertMalformed(new byte[0]);
    }

    @Test
    void claimsWithoutAParentUserIdAreWrittenAsVersionOne() {
        assertThat(emptyBody[0]).isEqualTo((byte) ClaimsFormat.BODY_VERSION);
        SessionClaims federated = federated(Optional.of("AIDAEXAMPLEPARENT0001"));
        byte[] extended = ClaimsEncoding.encode(federated).toByteArray();
        assertThat(extended[0]).isEqualTo((byte) ClaimsFormat.BODY_VERSION_EXTENDED);
        assertThat(extended[FLAGS + 1]).isEqualTo((byte) ClaimsFormat.EXT_FLAG_PARENT_USER_ID);
        byte[] legacy = ClaimsEncoding.encode(federated(Optional.empty())).toByteArray();
        assertThat(legacy[0]).isEqualTo((byte) ClaimsFormat.BODY_VERSION);
        assertThat(extended.length - legacy.length).isEqualTo(1 + 1 + "AIDAEXAMPLEPARENT0001".length());
    }

    @Test
    void aV1TokenIsMarkedByAnExtensionFlagAlone() throws MalformedDataException {
        SessionClaims v2 = federated(Optional.empty());
        byte[] plain = ClaimsEncoding.encode(v2).toByteArray();
        byte[] v1 = ClaimsEncoding.encode(v2.asV1Token()).toByteArray();
        assertThat(v1[0]).isEqualTo((byte) ClaimsFormat.BODY_VERSION_EXTENDED);
        assertThat(v1[FLAGS + 1]).isEqualTo((byte) ClaimsFormat.EXT_FLAG_V1_TOKEN);
        assertThat(v1.length - plain.length).isEqualTo(1);
        assertThat(ClaimsEncoding.decode(v1, 0, v1.length).v1Token()).isTrue();
        assertThat(ClaimsEncoding.decode(plain, 0, plain.length).v1Token()).isFalse();
    }

    @Test
    void versionOneBodiesStillDecode() throws MalformedDataException {
        // Laid out by hand as the previous release wrote them: no extension flags, the parent named by ARN only.
        String parent = "arn:aws:iam::123456789012:user/alice";
        byte[] body = new ByteWriter(0).writeByte(1).writeByte(1).writeByte(3)
                .writeByte(ClaimsFormat.FLAG_PARENT_USER_ARN).writeVarLong(123456789012L).writeString("secret")
                .writeString("arn:aws:sts::123456789012:federated-user/bob").writeString("123456789012:bob")
                .writeString("bob").writeInstant(TestFixtures.EPOCH).writeInstant(TestFixtures.EPOCH).writeVarInt(0)
                .writeString(parent).toByteArray();
        SessionClaims claims = decode(body);
        assertThat(claims.parentUserArn()).contains(parent);
        assertThat(claims.parentUserId()).isEmpty();
    }

    @Test
    void versionTwoNeedsAKnownExtensionFlag() throws MalformedDataException {
        byte[] body = ClaimsEncoding.encode(federated(Optional.of("AIDAEXAMPLEPARENT0001"))).toByteArray();
        assertThat(decode(body).parentUserId()).contains("AIDAEXAMPLEPARENT0001");
        assertMalformed(with(body, FLAGS + 1, 0));
        assertMalformed(with(body, FLAGS + 1, 2));
        assertMalformed(with(body, FLAGS + 1, ClaimsFormat.EXT_FLAG_PARENT_USER_ID | 0x80));
        // A version 2 body of claims that version 1 can carry is a second encoding of them.
        byte[] plain = new byte[emptyBody.length + 1];
        System.arraycopy(emptyBody, 0, plain, 0, FLAGS + 1);
        System.arraycopy(emptyBody, FLAGS + 1, plain, FLAGS + 2, emptyBody.length - FLAGS - 1);
        plain[0] = (byte) ClaimsFormat.BODY_VERSION_EXTENDED;
        assertMalformed(plain);
    }

    @Test
    void aParentUserIdNeedsAParentUserArn() {
        byte[] body = ClaimsEncoding.encode(federated(Optional.of("AIDAEXAMPLEPARENT0001"))).toByteArray();
        byte[] withoutArn = body.clone();
        withoutArn[FLAGS] &= (byte) ~ClaimsFormat.FLAG_PARENT_USER_ARN;
        assertMalformed(withoutArn);
        assertThatThrownBy(() -> SessionClaims.builder().kind(SessionKind.FEDERATED_USER)
                .origin(SessionOrigin.GET_FEDERATION_TOKEN).account(TestFixtures.ACCOUNT)
                .secretAccessKey(SecretAccessKey.of("s")).principalArn("").principalId("")
                .parentUserId(Optional.of("AIDA")).issuedAt(TestFixtures.EPOCH).expiresAt(TestFixtures.EPOCH).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static SessionClaims federated(Optional<String> parentUserId) {
        return SessionClaims.builder().kind(SessionKind.FEDERATED_USER).origin(SessionOrigin.GET_FEDERATION_TOKEN)
                .account(TestFixtures.ACCOUNT).secretAccessKey(SecretAccessKey.of("secret"))
                .principalArn("arn:aws:sts::123456789012:federated-user/bob").principalId("123456789012:bob")
                .sessionName("bob").parentUserArn(Optional.of("arn:aws:iam::123456789012:user/alice"))
                .parentUserId(parentUserId).issuedAt(TestFixtures.EPOCH).expiresAt(TestFixtures.EPOCH).build();
    }

    @Test
    void trailingBytesAreRefused() {
        assertMalformed(Arrays.copyOf(emptyBody, emptyBody.length + 1));
    }

    @Test
    void flaggedListsMustNotBeEmpty() {
        for (int flag : new int[] {ClaimsFormat.FLAG_TAGS, ClaimsFormat.FLAG_TRANSITIVE_TAG_KEYS,
                ClaimsFormat.FLAG_POLICY_ARNS, ClaimsFormat.FLAG_FEDERATION_CLAIMS}) {
            assertMalformed(append(with(emptyBody, FLAGS, flag), 0));
        }
    }

    @Test
    void flaggedFieldsMustBePresent() {
        for (int bit = 0; bit < 8; bit++) {
            assertMalformed(with(emptyBody, FLAGS, 1 << bit));
        }
    }

    @Test
    void federationClaimsMustBeInStrictlyAscendingOrder() throws MalformedDataException {
        byte[] flagged = with(emptyBody, FLAGS, ClaimsFormat.FLAG_FEDERATION_CLAIMS);
        assertThat(decode(append(flagged, claims("aud", "sub"))).federationClaims()).containsOnlyKeys("aud", "sub");
        assertMalformed(append(flagged, claims("sub", "aud")));
        assertMalformed(append(flagged, claims("sub", "sub")));
    }

    private static byte[] claims(String first, String second) {
        return new ByteWriter(0).writeVarInt(2).writeString(first).writeVarInt(0).writeString(second).writeVarInt(1)
                .writeString("value").toByteArray();
    }

    @Test
    void unknownPolicyEncodingIsRefused() {
        byte[] body = with(emptyBody, FLAGS, ClaimsFormat.FLAG_INLINE_POLICY);
        assertMalformed(append(body, new byte[] {2, 1, 'x'}));
    }

    @Test
    void deflatedPolicyMustMatchItsDeclaredLength() throws MalformedDataException {
        byte[] policy = ClaimsGenerator.samplePolicy(500).getBytes(StandardCharsets.UTF_8);
        byte[] deflated = deflate(policy);
        byte[] body = with(emptyBody, FLAGS, ClaimsFormat.FLAG_INLINE_POLICY);

        assertThat(decode(append(body, deflatedField(policy.length, deflated))).inlineSessionPolicy()).isPresent();
        assertMalformed(append(body, deflatedField(policy.length + 1, deflated)));
        assertMalformed(append(body, deflatedField(policy.length - 1, deflated)));
        assertMalformed(append(body, deflatedField(0, deflated)));
        assertMalformed(append(body, deflatedField(PolicyPacking.MAX_POLICY_BYTES + 1, deflated)));
        assertMalformed(append(body, deflatedField(policy.length, Arrays.copyOf(deflated, deflated.length + 1))));
        assertMalformed(append(body, deflatedField(policy.length, Arrays.copyOf(deflated, deflated.length - 1))));
        byte[] corrupt = deflated.clone();
        corrupt[0] ^= (byte) 0xFF;
        assertMalformed(append(body, deflatedField(policy.length, corrupt)));
    }

    @Test
    void oversizedPoliciesCannotBeSealed() {
        String policy = "x".repeat(PolicyPacking.MAX_POLICY_BYTES + 1);
        assertThatThrownBy(() -> PolicyPacking.encodedSize(policy)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyTruncationAndByteChangeOfAFullBodyFailsCleanly() {
        byte[] body = ClaimsEncoding.encode(ClaimsGenerator.maximal()).toByteArray();
        for (int length = 0; length < body.length; length++) {
            assertMalformed(Arrays.copyOf(body, length));
        }
        for (int i = 0; i < body.length; i++) {
            for (int delta : new int[] {1, 0x80, 0xFF}) {
                byte[] changed = body.clone();
                changed[i] += (byte) delta;
                try {
                    ClaimsEncoding.decode(changed, 0, changed.length);
                } catch (MalformedDataException expected) {
                    // refused, as it may be; anything but this exception escapes and fails the test
                }
            }
        }
    }

    @Test
    void authenticBodyThatDoesNotDecodeIsBodyInvalid() {
        TokenKeyset keyset = TestFixtures.fixedKeyset();
        SessionTokenCodec codec = new SessionTokenCodec(() -> keyset, TestFixtures.seededRandom(1));
        byte[] garbage = {1, 2, 3};
        String token = Base64.getEncoder().encodeToString(TokenEnvelope.seal(keyset.primary(), garbage,
                garbage.length, ACCESS_KEY_ID, TestFixtures.seededRandom(2), new CipherPool(1)));
        assertThatThrownBy(() -> codec.unseal(token, ACCESS_KEY_ID))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(TokenRejectionReason.BODY_INVALID));
    }

    private static SessionClaims decode(byte[] body) throws MalformedDataException {
        return ClaimsEncoding.decode(body, 0, body.length);
    }

    private static void assertMalformed(byte[] body) {
        assertThatThrownBy(() -> decode(body)).isInstanceOf(MalformedDataException.class);
    }

    private static byte[] with(byte[] body, int index, int orBits) {
        byte[] copy = body.clone();
        copy[index] = index == FLAGS ? (byte) (copy[index] | orBits) : (byte) orBits;
        return copy;
    }

    private static byte[] append(byte[] body, int... bytes) {
        byte[] extra = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            extra[i] = (byte) bytes[i];
        }
        return append(body, extra);
    }

    private static byte[] append(byte[] body, byte[] extra) {
        byte[] joined = Arrays.copyOf(body, body.length + extra.length);
        System.arraycopy(extra, 0, joined, body.length, extra.length);
        return joined;
    }

    private static byte[] deflatedField(int declaredLength, byte[] deflated) {
        return new ByteWriter(0).writeByte(ClaimsFormat.POLICY_DEFLATED).writeVarInt(declaredLength)
                .writeLengthPrefixed(deflated).toByteArray();
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(raw);
        deflater.finish();
        byte[] out = new byte[raw.length + 64];
        int length = deflater.deflate(out);
        deflater.end();
        return Arrays.copyOf(out, length);
    }
}

package dev.lanyard.tokens.internal;

import static dev.lanyard.tokens.internal.ClaimsFormat.EXT_FLAG_PARENT_USER_ID;
import static dev.lanyard.tokens.internal.ClaimsFormat.EXT_FLAG_V1_TOKEN;
import static dev.lanyard.tokens.internal.ClaimsFormat.FLAG_FEDERATION_CLAIMS;
import static dev.lanyard.tokens.internal.ClaimsFormat.FLAG_INLINE_POLICY;
import static dev.lanyard.tokens.internal.ClaimsFormat.FLAG_MFA;
import static dev.lanyard.tokens.internal.ClaimsFormat.FLAG_PARENT_USER_ARN;
import static dev.lanyard.tokens.internal.ClaimsFormat.FLAG_POLICY_ARNS;
import static dev.lanyard.tokens.internal.ClaimsFormat.FLAG_SOURCE_IDENTITY;
import static dev.lanyard.tokens.internal.ClaimsFormat.FLAG_TAGS;
import static dev.lanyard.tokens.internal.ClaimsFormat.FLAG_TRANSITIVE_TAG_KEYS;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionKind;
import dev.lanyard.tokens.SessionOrigin;
import dev.lanyard.tokens.SessionTag;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Encodes and strictly decodes the session-token body laid out in {@link ClaimsFormat}. */
public final class ClaimsEncoding {
    private static final long MAX_ACCOUNT = 999_999_999_999L;
    private static final int MIN_STRING_BYTES = 1;

    private ClaimsEncoding() {}

    /** The body; {@link IllegalArgumentException} for strings that are not well-formed UTF-16. */
    public static ByteWriter encode(SessionClaims claims) {
        ByteWriter out = new ByteWriter(256);
        int extFlags = (claims.parentUserId().isPresent() ? EXT_FLAG_PARENT_USER_ID : 0)
                | (claims.v1Token() ? EXT_FLAG_V1_TOKEN : 0);
        out.writeByte(extFlags == 0 ? ClaimsFormat.BODY_VERSION : ClaimsFormat.BODY_VERSION_EXTENDED)
                .writeByte(ClaimsFormat.kindCode(claims.kind()))
                .writeByte(ClaimsFormat.originCode(claims.origin()))
                .writeByte(flags(claims));
        if (extFlags != 0) {
            out.writeByte(extFlags);
        }
        out.writeVarLong(claims.account().asLong())
                .writeString(claims.secretAccessKey().reveal())
                .writeString(claims.principalArn())
                .writeString(claims.principalId())
                .writeString(claims.sessionName())
                .writeInstant(claims.issuedAt())
                .writeInstant(claims.expiresAt())
                .writeVarInt(claims.chainDepth());
        claims.parentUserArn().ifPresent(out::writeString);
        claims.parentUserId().ifPresent(out::writeString);
        claims.mfaAuthenticatedAt().ifPresent(out::writeInstant);
        claims.sourceIdentity().ifPresent(out::writeString);
        claims.inlineSessionPolicy().ifPresent(policy -> PolicyPacking.write(out, policy));
        writeLists(out, claims);
        return out;
    }

    private static int flags(SessionClaims claims) {
        int flags = 0;
        flags |= claims.parentUserArn().isPresent() ? FLAG_PARENT_USER_ARN : 0;
        flags |= claims.mfaAuthenticatedAt().isPresent() ? FLAG_MFA : 0;
        flags |= claims.sourceIdentity().isPresent() ? FLAG_SOURCE_IDENTITY : 0;
        flags |= claims.inlineSessionPolicy().isPresent() ? FLAG_INLINE_POLICY : 0;
        flags |= claims.tags().isEmpty() ? 0 : FLAG_TAGS;
        flags |= claims.transitiveTagKeys().isEmpty() ? 0 : FLAG_TRANSITIVE_TAG_KEYS;
        flags |= claims.sessionPolicyArns().isEmpty() ? 0 : FLAG_POLICY_ARNS;
        flags |= claims.federationClaims().isEmpty() ? 0 : FLAG_FEDERATION_CLAIMS;
        return flags;
    }

    private static void writeLists(ByteWriter out, SessionClaims claims) {
        if (!claims.tags().isEmpty()) {
            out.writeVarInt(claims.tags().size());
            for (SessionTag tag : claims.tags()) {
                out.writeString(tag.key()).writeString(tag.value());
            }
        }
        writeStrings(out, claims.transitiveTagKeys());
        writeStrings(out, claims.sessionPolicyArns());
        Map<String, List<String>> federation = claims.federationClaims();
        if (!federation.isEmpty()) {
            // Sorted by name: the map's own order varies between JVM runs, and the reader insists on one encoding.
            String[] names = federation.keySet().toArray(new String[0]);
            Arrays.sort(names);
            out.writeVarInt(names.length);
            for (String name : names) {
                List<String> values = federation.get(name);
                out.writeString(name).writeVarInt(values.size());
                values.forEach(out::writeString);
            }
        }
    }

    private static void writeStrings(ByteWriter out, List<String> values) {
        if (!values.isEmpty()) {
            out.writeVarInt(values.size());
            values.forEach(out::writeString);
        }
    }

    /** Decodes a whole body: any deviation from the canonical layout, including trailing bytes, is refused. */
    public static SessionClaims decode(byte[] body, int offset, int length) throws MalformedDataException {
        ByteReader in = new ByteReader(body, offset, length);
        int version = in.readByte();
        if (version != ClaimsFormat.BODY_VERSION && version != ClaimsFormat.BODY_VERSION_EXTENDED) {
            throw new MalformedDataException("unknown body version");
        }
        SessionKind kind = ClaimsFormat.kindOf(in.readByte());
        SessionOrigin origin = ClaimsFormat.originOf(in.readByte());
        int flags = in.readByte();
        int extFlags = version == ClaimsFormat.BODY_VERSION ? 0 : extFlags(in);
        long account = in.readVarLong();
        if (account < 0 || account > MAX_ACCOUNT) {
            throw new MalformedDataException("account out of range");
        }
        String secret = in.readString();
        Fixed fixed = new Fixed(kind, origin, AccountId.fromLong(account), secret, in.readString(), in.readString(),
                in.readString(), in.readInstant(), in.readInstant(), in.readVarInt());
        Optional<String> parentUserArn = optional(in, flags, FLAG_PARENT_USER_ARN, ByteReader::readString);
        Optional<String> parentUserId = optional(in, extFlags, EXT_FLAG_PARENT_USER_ID, ByteReader::readString);
        Optional<Instant> mfa = optional(in, flags, FLAG_MFA, ByteReader::readInstant);
        Optional<String> sourceIdentity = optional(in, flags, FLAG_SOURCE_IDENTITY, ByteReader::readString);
        Optional<String> policy = optional(in, flags, FLAG_INLINE_POLICY, PolicyPacking::read);
        List<SessionTag> tags = has(flags, FLAG_TAGS) ? readTags(in) : List.of();
        List<String> transitive = has(flags, FLAG_TRANSITIVE_TAG_KEYS) ? readStrings(in) : List.of();
        List<String> policyArns = has(flags, FLAG_POLICY_ARNS) ? readStrings(in) : List.of();
        Map<String, List<String>> federation = has(flags, FLAG_FEDERATION_CLAIMS) ? readClaims(in) : Map.of();
        in.requireEnd();
        try {
            return SessionClaims.builder().kind(fixed.kind).origin(fixed.origin).account(fixed.account)
                    .secretAccessKey(SecretAccessKey.of(fixed.secret)).principalArn(fixed.principalArn)
                    .principalId(fixed.principalId).sessionName(fixed.sessionName).parentUserArn(parentUserArn)
                    .parentUserId(parentUserId).issuedAt(fixed.issuedAt).expiresAt(fixed.expiresAt)
                    .mfaAuthenticatedAt(mfa).sourceIdentity(sourceIdentity).tags(tags).transitiveTagKeys(transitive)
                    .inlineSessionPolicy(policy).sessionPolicyArns(policyArns).chainDepth(fixed.chainDepth)
                    .federationClaims(federation).v1Token(has(extFlags, EXT_FLAG_V1_TOKEN)).build();
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new MalformedDataException("claims are inconsistent: " + e.getMessage());
        }
    }

    /** A version 2 body's extension flags: at least one set (else it had to be version 1), none unknown. */
    private static int extFlags(ByteReader in) throws MalformedDataException {
        int extFlags = in.readByte();
        if (extFlags == 0 || (extFlags & ~ClaimsFormat.KNOWN_EXT_FLAGS) != 0) {
            throw new MalformedDataException("extension flags are empty or unknown");
        }
        return extFlags;
    }

    /** The fields every body carries, read before the optional ones. */
    private record Fixed(SessionKind kind, SessionOrigin origin, AccountId account, String secret,
                         String principalArn, String principalId, String sessionName, Instant issuedAt,
                         Instant expiresAt, int chainDepth) {
        @Override
        public String toString() {
            return "Fixed[REDACTED]";
        }
    }

    private static boolean has(int flags, int flag) {
        return (flags & flag) != 0;
    }

    /** Reads one field of a body; may refuse it. */
    @FunctionalInterface
    private interface FieldReader<T> {
        T read(ByteReader in) throws MalformedDataException;
    }

    private static <T> Optional<T> optional(ByteReader in, int flags, int flag, FieldReader<T> field)
            throws MalformedDataException {
        return has(flags, flag) ? Optional.of(field.read(in)) : Optional.empty();
    }

    private static List<SessionTag> readTags(ByteReader in) throws MalformedDataException {
        int count = nonEmptyCount(in, 2 * MIN_STRING_BYTES);
        List<SessionTag> tags = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tags.add(new SessionTag(in.readString(), in.readString()));
        }
        return tags;
    }

    private static List<String> readStrings(ByteReader in) throws MalformedDataException {
        int count = nonEmptyCount(in, MIN_STRING_BYTES);
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(in.readString());
        }
        return values;
    }

    private static Map<String, List<String>> readClaims(ByteReader in) throws MalformedDataException {
        int count = nonEmptyCount(in, 2);
        Map<String, List<String>> claims = new HashMap<>(count * 2);
        String previous = null;
        for (int i = 0; i < count; i++) {
            String name = in.readString();
            if (previous != null && previous.compareTo(name) >= 0) {
                throw new MalformedDataException("federation claims are not in strictly ascending order");
            }
            previous = name;
            int valueCount = in.readCount(MIN_STRING_BYTES);
            List<String> values = new ArrayList<>(valueCount);
            for (int j = 0; j < valueCount; j++) {
                values.add(in.readString());
            }
            claims.put(name, values);
        }
        return claims;
    }

    /** A flag promised a non-empty list; an explicit zero count would be a second encoding of "absent". */
    private static int nonEmptyCount(ByteReader in, int minElementBytes) throws MalformedDataException {
        int count = in.readCount(minElementBytes);
        if (count == 0) {
            throw new MalformedDataException("flagged list is empty");
        }
        return count;
    }
}

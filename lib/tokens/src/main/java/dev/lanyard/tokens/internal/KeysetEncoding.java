package dev.lanyard.tokens.internal;

import dev.lanyard.aws.SecretBytes;
import dev.lanyard.tokens.TokenKey;
import dev.lanyard.tokens.TokenKeyStatus;
import dev.lanyard.tokens.TokenKeyset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Plaintext layout of a token keyset before the master key seals it: {@code format (1) || count (varint)} then per key
 * {@code id (int32) || status (1) || createdAt || retired (0/1) [|| retiredAt] || material (length-prefixed)}.
 */
public final class KeysetEncoding {
    private static final int FORMAT = 1;
    private static final int MIN_KEY_BYTES = 4 + 1 + 2 + 1 + 1;

    private KeysetEncoding() {}

    public static byte[] encode(TokenKeyset keyset) {
        ByteWriter out = new ByteWriter(16 + keyset.keys().size() * 64);
        out.writeByte(FORMAT).writeVarInt(keyset.keys().size());
        for (TokenKey key : keyset.keys()) {
            out.writeInt32(key.keyId()).writeByte(statusCode(key.status())).writeInstant(key.createdAt());
            if (key.retiredAt().isPresent()) {
                out.writeByte(1).writeInstant(key.retiredAt().get());
            } else {
                out.writeByte(0);
            }
            byte[] material = key.material().reveal();
            out.writeLengthPrefixed(material);
            Arrays.fill(material, (byte) 0);
        }
        byte[] encoded = out.toByteArray();
        Arrays.fill(out.array(), (byte) 0);
        return encoded;
    }

    public static TokenKeyset decode(byte[] plain) throws MalformedDataException {
        ByteReader in = new ByteReader(plain);
        if (in.readByte() != FORMAT) {
            throw new MalformedDataException("unknown keyset format");
        }
        int count = in.readCount(MIN_KEY_BYTES);
        List<TokenKey> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(readKey(in));
        }
        in.requireEnd();
        try {
            return new TokenKeyset(keys);
        } catch (IllegalArgumentException e) {
            throw new MalformedDataException(e.getMessage());
        }
    }

    private static TokenKey readKey(ByteReader in) throws MalformedDataException {
        int keyId = in.readInt32();
        TokenKeyStatus status = statusOf(in.readByte());
        Instant createdAt = in.readInstant();
        Optional<Instant> retiredAt = switch (in.readByte()) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(in.readInstant());
            default -> throw new MalformedDataException("bad retired flag");
        };
        byte[] material = in.readBytes(in.readLength());
        try {
            return new TokenKey(keyId, SecretBytes.copyOf(material), status, createdAt, retiredAt);
        } catch (IllegalArgumentException e) {
            throw new MalformedDataException(e.getMessage());
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private static int statusCode(TokenKeyStatus status) {
        return switch (status) {
            case PRIMARY -> 0;
            case ENABLED -> 1;
            case DISABLED -> 2;
        };
    }

    private static TokenKeyStatus statusOf(int code) throws MalformedDataException {
        return switch (code) {
            case 0 -> TokenKeyStatus.PRIMARY;
            case 1 -> TokenKeyStatus.ENABLED;
            case 2 -> TokenKeyStatus.DISABLED;
            default -> throw new MalformedDataException("unknown key status " + code);
        };
    }
}

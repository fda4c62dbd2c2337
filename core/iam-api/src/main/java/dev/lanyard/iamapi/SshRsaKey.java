package dev.lanyard.iamapi;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * An RSA public key as IAM takes it for SSH: in OpenSSH's one-line {@code ssh-rsa} form or in PEM ({@code PUBLIC KEY}
 * or {@code RSA PUBLIC KEY}), at least 2048 bits. It answers in either encoding, and its fingerprint is the MD5 of the
 * SSH key blob, as {@code ssh-keygen -l -E md5} prints it.
 */
record SshRsaKey(BigInteger modulus, BigInteger exponent) {
    static final int MIN_BITS = 2048;
    private static final String SSH_RSA = "ssh-rsa";

    static SshRsaKey parse(String body) {
        String text = body.strip();
        SshRsaKey key;
        if (PemBlocks.looksLikePem(text)) {
            key = fromPem(text);
        } else if (text.startsWith(SSH_RSA + " ")) {
            key = fromOpenSsh(text);
        } else if (text.matches("(ssh|ecdsa|sk)-[\\w@.-]+ .*")) {
            throw IamErrors.invalidPublicKey("Only ssh-rsa keys are supported.");
        } else {
            throw IamErrors.unrecognizedPublicKeyEncoding();
        }
        if (key.modulus.bitLength() < MIN_BITS) {
            throw IamErrors.invalidPublicKey("The public key must be at least " + MIN_BITS + " bits long.");
        }
        return key;
    }

    private static SshRsaKey fromOpenSsh(String text) {
        String[] parts = text.split("\\s+");
        try {
            ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode(parts[1]));
            String type = new String(string(blob), StandardCharsets.US_ASCII);
            BigInteger e = new BigInteger(string(blob));
            BigInteger n = new BigInteger(string(blob));
            if (!type.equals(SSH_RSA) || blob.hasRemaining() || e.signum() <= 0 || n.signum() <= 0) {
                throw IamErrors.invalidPublicKey("The public key is malformed or otherwise invalid.");
            }
            return new SshRsaKey(n, e);
        } catch (IllegalArgumentException | BufferUnderflowException e) {
            throw IamErrors.invalidPublicKey("The public key is malformed or otherwise invalid.");
        }
    }

    private static byte[] string(ByteBuffer blob) {
        int length = blob.getInt();
        if (length < 0 || length > blob.remaining()) {
            throw new IllegalArgumentException("bad length");
        }
        byte[] value = new byte[length];
        blob.get(value);
        return value;
    }

    private static SshRsaKey fromPem(String text) {
        List<PemBlocks.Block> blocks = PemBlocks.parse(text)
                .orElseThrow(() -> IamErrors.invalidPublicKey("The public key is malformed or otherwise invalid."));
        if (blocks.size() != 1) {
            throw IamErrors.invalidPublicKey("The public key is malformed or otherwise invalid.");
        }
        PemBlocks.Block block = blocks.get(0);
        try {
            return switch (block.label()) {
                case "PUBLIC KEY" -> {
                    RSAPublicKey rsa = (RSAPublicKey) KeyFactory.getInstance("RSA")
                            .generatePublic(new X509EncodedKeySpec(block.der()));
                    yield new SshRsaKey(rsa.getModulus(), rsa.getPublicExponent());
                }
                case "RSA PUBLIC KEY" -> {
                    List<Der.Element> fields = Der.read(block.der()).require(Der.SEQUENCE).children();
                    if (fields.size() != 2) {
                        throw IamErrors.invalidPublicKey("The public key is malformed or otherwise invalid.");
                    }
                    yield new SshRsaKey(fields.get(0).integer(), fields.get(1).integer());
                }
                default -> throw IamErrors.unrecognizedPublicKeyEncoding();
            };
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw IamErrors.invalidPublicKey("The public key is malformed or otherwise invalid.");
        }
    }

    /** The SSH wire form: string "ssh-rsa", mpint e, mpint n. */
    byte[] blob() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeString(out, SSH_RSA.getBytes(StandardCharsets.US_ASCII));
        writeString(out, exponent.toByteArray());
        writeString(out, modulus.toByteArray());
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
        out.writeBytes(value);
    }

    String fingerprint() {
        try {
            return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("MD5").digest(blob()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String openSsh() {
        return SSH_RSA + " " + Base64.getEncoder().encodeToString(blob());
    }

    String pem() {
        try {
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(modulus, exponent));
            return PemBlocks.encode("PUBLIC KEY", key.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A listener's TLS identity: a PEM certificate chain (the server's certificate first) and its PEM private key
 * (PKCS#8 "PRIVATE KEY", or an RSA "RSA PRIVATE KEY"), as files the operator renews in place.
 */
public record TlsFiles(Path certificateChain, Path privateKey) {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    public TlsFiles {
        requireNonNull(certificateChain, "certificateChain is null");
        requireNonNull(privateKey, "privateKey is null");
    }

    /** What the files held when they were read. */
    public record Identity(List<X509Certificate> chain, PrivateKey key, byte[] certificateBytes, byte[] keyBytes) {
        public X509Certificate certificate() {
            return chain.getFirst();
        }

        /**
         * Whether the chain ends in a self-signed certificate (a self-signed server certificate, or a chain file that
         * holds its own CA): only then is the file itself what a client should trust. A public CA's chain (certbot's
         * fullchain.pem) ends in an intermediate, and clients trust its root through their own stores.
         */
        public boolean endsInItsOwnAuthority() {
            X509Certificate last = chain.getLast();
            if (!last.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
                return false;
            }
            try {
                last.verify(last.getPublicKey());
                return true;
            } catch (GeneralSecurityException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return "Identity[" + certificate().getSubjectX500Principal() + ", serial "
                    + certificate().getSerialNumber().toString(16) + "]";
        }
    }

    /** Reads and checks both files; {@link IllegalArgumentException} says precisely what is wrong. */
    public Identity load() {
        byte[] certificateBytes = read(certificateChain, "certificate");
        byte[] keyBytes = read(privateKey, "private key");
        return parse(certificateBytes, keyBytes);
    }

    Identity parse(byte[] certificateBytes, byte[] keyBytes) {
        List<X509Certificate> chain = certificates(new String(certificateBytes, StandardCharsets.US_ASCII));
        PrivateKey key = key(new String(keyBytes, StandardCharsets.US_ASCII));
        if (!belongTogether(chain.getFirst().getPublicKey(), key)) {
            throw new IllegalArgumentException("the TLS private key " + privateKey + " does not belong to the"
                    + " certificate " + certificateChain + " (its first certificate must be the server's own)");
        }
        return new Identity(List.copyOf(chain), key, certificateBytes.clone(), keyBytes.clone());
    }

    private static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the TLS " + what + " file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the TLS " + what + " file " + file + ": " + e);
        }
    }

    /** A PEM block of {@code file}: its label ({@code CERTIFICATE}, {@code PRIVATE KEY}...) and its Base64. */
    private record PemBlock(Path file, String label, String base64) {
        /** Decoded only when used: a block the reader skips may hold anything. */
        byte[] der() {
            return decode(base64, file);
        }
    }

    /** Every PEM block of a file, in order: the one reader of both files. */
    private static List<PemBlock> blocks(String pem, Path file) {
        List<PemBlock> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(pem);
        while (block.find()) {
            blocks.add(new PemBlock(file, block.group(1), block.group(2)));
        }
        return blocks;
    }

    private List<X509Certificate> certificates(String pem) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (PemBlock block : blocks(pem, certificateChain)) {
                if (block.label().equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the TLS certificate file " + certificateChain
                    + " holds a certificate that cannot be read: " + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the TLS certificate file " + certificateChain
                    + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    private PrivateKey key(String pem) {
        for (PemBlock block : blocks(pem, privateKey)) {
            switch (block.label()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(block.der());
                }
                case "RSA PRIVATE KEY" -> {
                    return pkcs8(Pkcs1.toPkcs8(block.der()));
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException("the TLS private key "
                        + privateKey + " is encrypted; give it unencrypted (openssl pkcs8 -topk8 -nocrypt) in a file"
                        + " only Lanyard's user can read");
                default -> {
                    // EC PARAMETERS and the like precede keys in some files
                }
            }
        }
        throw new IllegalArgumentException("the TLS private key file " + privateKey + " holds no PEM private key"
                + " (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----; convert others with"
                + " openssl pkcs8 -topk8 -nocrypt)");
    }

    private PrivateKey pkcs8(byte[] der) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm
            }
        }
        throw new IllegalArgumentException("the TLS private key " + privateKey
                + " is not an RSA, EC or EdDSA key this JDK can read");
    }

    private static byte[] decode(String base64, Path file) {
        try {
            return Base64.getMimeDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " holds a PEM block whose Base64 is broken");
        }
    }

    /** Signs with the key and verifies with the certificate's public key: a mismatch cannot pass. */
    private static boolean belongTogether(PublicKey certificateKey, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            default -> key.getAlgorithm();
        };
        try {
            byte[] probe = "lanyard-tls-key-check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            if (algorithm.equals("RSASSA-PSS")) {
                signer.setParameter(new PSSParameterSpec("SHA-256", "MGF1",
                        MGF1ParameterSpec.SHA256, 32, 1));
            }
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            if (algorithm.equals("RSASSA-PSS")) {
                verifier.setParameter(new PSSParameterSpec("SHA-256", "MGF1",
                        MGF1ParameterSpec.SHA256, 32, 1));
            }
            verifier.initVerify(certificateKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** An RSA key in PKCS#1 wrapped as PKCS#8: the DER of PrivateKeyInfo around it. */
    private static final class Pkcs1 {
        private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
                (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

        static byte[] toPkcs8(byte[] pkcs1) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(new byte[] {0x02, 0x01, 0x00});
            body.writeBytes(RSA_ALGORITHM);
            body.write(0x04);
            body.writeBytes(length(pkcs1.length));
            body.writeBytes(pkcs1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0x30);
            out.writeBytes(length(body.size()));
            out.writeBytes(body.toByteArray());
            return out.toByteArray();
        }

        private static byte[] length(int length) {
            if (length < 0x80) {
                return new byte[] {(byte) length};
            }
            if (length < 0x100) {
                return new byte[] {(byte) 0x81, (byte) length};
            }
            if (length < 0x10000) {
                return new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
            }
            return new byte[] {(byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
        }
    }
}

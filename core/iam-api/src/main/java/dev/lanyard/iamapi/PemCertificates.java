package dev.lanyard.iamapi;

import dev.lanyard.aws.AwsException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * PEM certificates and private keys, read with the JDK: X.509 certificates, and RSA or EC private keys in PKCS#8,
 * PKCS#1 or SEC1 form (unencrypted, as IAM takes them). Messages never quote the key.
 */
final class PemCertificates {
    private static final byte[] RSA_ENCRYPTION = Der.encode(Der.OID,
            new byte[] {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01});
    private static final byte[] EC_PUBLIC_KEY = Der.encode(Der.OID,
            new byte[] {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01});
    private static final byte[] VERSION_0 = Der.encode(Der.INTEGER, new byte[] {0});
    private static final byte[] PROOF = "lanyard: does this private key belong to this certificate"
            .getBytes(StandardCharsets.US_ASCII);

    private PemCertificates() {}

    /** The one certificate of a CertificateBody. */
    static X509Certificate certificate(String pem) {
        List<X509Certificate> certificates = certificates(pem);
        if (certificates.size() != 1) {
            throw IamErrors.malformedCertificate(
                    "Unable to parse certificate. Please ensure the certificate is in PEM format.");
        }
        return certificates.get(0);
    }

    /** The certificates of a CertificateChain, at least one. */
    static List<X509Certificate> chain(String pem) {
        try {
            return certificates(pem);
        } catch (AwsException e) {
            throw IamErrors.malformedCertificate(
                    "Unable to parse certificate chain. Please ensure the certificate chain is in PEM format.");
        }
    }

    private static List<X509Certificate> certificates(String pem) {
        List<PemBlocks.Block> blocks = PemBlocks.parse(pem).orElseThrow(() ->
                IamErrors.malformedCertificate(
                        "Unable to parse certificate. Please ensure the certificate is in PEM format."));
        List<X509Certificate> result = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (PemBlocks.Block block : blocks) {
                if (!block.label().equals("CERTIFICATE")) {
                    throw IamErrors.malformedCertificate(
                            "Unable to parse certificate. Please ensure the certificate is in PEM format.");
                }
                result.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            }
        } catch (CertificateException e) {
            throw IamErrors.malformedCertificate(
                    "Unable to parse certificate. Please ensure the certificate is in PEM format.");
        }
        if (result.isEmpty()) {
            throw IamErrors.malformedCertificate(
                    "Unable to parse certificate. Please ensure the certificate is in PEM format.");
        }
        return result;
    }

    /** An unencrypted RSA or EC private key. */
    static PrivateKey privateKey(String pem) {
        List<PemBlocks.Block> blocks = PemBlocks.parse(pem).orElse(List.of());
        if (blocks.size() != 1) {
            throw IamErrors.malformedCertificate(
                    "Unable to parse private key. Please ensure the private key is in PEM format.");
        }
        PemBlocks.Block block = blocks.get(0);
        try {
            return switch (block.label()) {
                case "PRIVATE KEY" -> pkcs8(block.der());
                case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                        Der.encode(Der.SEQUENCE, VERSION_0, Der.encode(Der.SEQUENCE, RSA_ENCRYPTION,
                                Der.encode(Der.NULL)), Der.encode(Der.OCTET_STRING, block.der()))));
                case "EC PRIVATE KEY" -> KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                        Der.encode(Der.SEQUENCE, VERSION_0, Der.encode(Der.SEQUENCE, EC_PUBLIC_KEY,
                                curve(block.der())), Der.encode(Der.OCTET_STRING, block.der()))));
                default -> throw IamErrors.malformedCertificate(
                        "Unable to parse private key. Please ensure the private key is in PEM format and unencrypted.");
            };
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw IamErrors.malformedCertificate(
                    "Unable to parse private key. Please ensure the private key is in PEM format.");
        }
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // try the next algorithm
            }
        }
        throw new InvalidKeySpecException("neither RSA nor EC");
    }

    /** The named curve of a SEC1 ECPrivateKey: its [0] parameters field. */
    private static byte[] curve(byte[] sec1) {
        for (Der.Element field : Der.read(sec1).require(Der.SEQUENCE).children()) {
            if (field.tag() == 0xa0) {
                return Der.element(Der.read(field.content()).require(Der.OID));
            }
        }
        throw new IllegalArgumentException("SEC1 key without a named curve");
    }

    /** KeyPairMismatch unless the private key signs what the certificate's public key verifies. */
    static void requireMatch(X509Certificate certificate, PrivateKey key) {
        PublicKey publicKey = certificate.getPublicKey();
        String algorithm = switch (publicKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw IamErrors.malformedCertificate(
                    "Unsupported public key algorithm: " + publicKey.getAlgorithm() + ".");
        };
        boolean matches;
        try {
            if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
                matches = false;
            } else {
                Signature signer = Signature.getInstance(algorithm);
                signer.initSign(key);
                signer.update(PROOF);
                byte[] signature = signer.sign();
                Signature verifier = Signature.getInstance(algorithm);
                verifier.initVerify(publicKey);
                verifier.update(PROOF);
                matches = verifier.verify(signature);
            }
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw IamErrors.keyPairMismatch();
        }
    }
}

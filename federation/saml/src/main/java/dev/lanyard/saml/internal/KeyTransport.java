package dev.lanyard.saml.internal;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.w3c.dom.Element;

/**
 * Unwraps the content-encryption key of one {@code xenc:EncryptedKey} with RSA-OAEP ({@code xmlenc#rsa-oaep-mgf1p}
 * or {@code xmlenc11#rsa-oaep}). RSA PKCS#1 v1.5 key transport is refused: it is the Bleichenbacher oracle target
 * that broke XML Encryption deployments.
 */
final class KeyTransport {
    private static final String RSA_OAEP_MGF1P = SamlNames.XENC + "rsa-oaep-mgf1p";
    private static final String RSA_OAEP = SamlNames.XENC11 + "rsa-oaep";

    private KeyTransport() {
    }

    /** The unwrapped key from the first private key that opens it, or empty if none does. */
    static Optional<byte[]> unwrap(Element encryptedKey, List<PrivateKey> keys, int expectedLength) {
        Element method = DecryptionParts.only(encryptedKey, SamlNames.XENC, "EncryptionMethod");
        String algorithm = method.getAttributeNS(null, "Algorithm");
        if (!RSA_OAEP_MGF1P.equals(algorithm) && !RSA_OAEP.equals(algorithm)) {
            throw SamlErrors.undecryptable("key transport " + algorithm + " is not accepted (RSA-OAEP only)");
        }
        OAEPParameterSpec spec = new OAEPParameterSpec(digest(method), "MGF1",
                RSA_OAEP.equals(algorithm) ? mgf(method) : MGF1ParameterSpec.SHA1, label(method));
        byte[] wrapped = DecryptionParts.cipherValue(encryptedKey);
        for (PrivateKey key : keys) {
            if (key instanceof RSAKey) {
                Optional<byte[]> unwrapped = tryKey(key, spec, wrapped);
                if (unwrapped.isPresent() && unwrapped.get().length == expectedLength) {
                    return unwrapped;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<byte[]> tryKey(PrivateKey key, OAEPParameterSpec spec, byte[] wrapped) {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, spec);
            return Optional.of(cipher.doFinal(wrapped));
        } catch (GeneralSecurityException | RuntimeException e) {
            // the wrong key of a rotation pair, or tampered ciphertext: both look the same from outside
            return Optional.empty();
        }
    }

    private static String digest(Element method) {
        List<Element> digests = Dom.children(method, SamlNames.DSIG, "DigestMethod");
        String uri = digests.isEmpty() ? "http://www.w3.org/2000/09/xmldsig#sha1"
                : digests.getFirst().getAttributeNS(null, "Algorithm");
        return switch (uri) {
            case "http://www.w3.org/2000/09/xmldsig#sha1" -> "SHA-1";
            case "http://www.w3.org/2001/04/xmlenc#sha256" -> "SHA-256";
            case "http://www.w3.org/2001/04/xmldsig-more#sha384" -> "SHA-384";
            case "http://www.w3.org/2001/04/xmlenc#sha512" -> "SHA-512";
            default -> throw SamlErrors.undecryptable("OAEP digest " + uri + " is not supported");
        };
    }

    private static MGF1ParameterSpec mgf(Element method) {
        List<Element> mgfs = Dom.children(method, SamlNames.XENC11, "MGF");
        String uri = mgfs.isEmpty() ? SamlNames.XENC11 + "mgf1sha1" : mgfs.getFirst().getAttributeNS(null, "Algorithm");
        return switch (uri.startsWith(SamlNames.XENC11) ? uri.substring(SamlNames.XENC11.length()) : uri) {
            case "mgf1sha1" -> MGF1ParameterSpec.SHA1;
            case "mgf1sha224" -> MGF1ParameterSpec.SHA224;
            case "mgf1sha256" -> MGF1ParameterSpec.SHA256;
            case "mgf1sha384" -> MGF1ParameterSpec.SHA384;
            case "mgf1sha512" -> MGF1ParameterSpec.SHA512;
            default -> throw SamlErrors.undecryptable("OAEP mask generation " + uri + " is not supported");
        };
    }

    private static PSource label(Element method) {
        List<Element> params = Dom.children(method, SamlNames.XENC, "OAEPparams");
        return params.isEmpty() ? PSource.PSpecified.DEFAULT
                : new PSource.PSpecified(DecryptionParts.base64(params.getFirst()));
    }
}

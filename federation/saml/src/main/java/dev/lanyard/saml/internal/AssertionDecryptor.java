package dev.lanyard.saml.internal;

import dev.lanyard.saml.DataEncryptionAlgorithm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.XMLConstants;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Decrypts an {@code EncryptedAssertion} with the provider's private keys: RSA-OAEP key transport, AES-GCM or
 * AES-CBC content. The plaintext is parsed by the same hardened parser, inside a wrapper that re-declares the
 * namespaces in scope at the EncryptedAssertion (XML Encryption serializes the element without its ancestors'
 * declarations). Every failure, from a wrong key to bad padding to unparsable plaintext, gives one client message,
 * so the answers are no padding or parsing oracle.
 */
public final class AssertionDecryptor {
    private static final String ELEMENT_TYPE = SamlNames.XENC + "Element";
    private static final int MAX_ENCRYPTED_KEYS = 4;

    private final Set<DataEncryptionAlgorithm> algorithms;
    private final SecureXml parser;

    public AssertionDecryptor(Set<DataEncryptionAlgorithm> algorithms, SecureXml parser) {
        this.algorithms = Set.copyOf(algorithms);
        this.parser = parser;
    }

    /** The decrypted assertion's document (a wrapper element around it) and the algorithm used. */
    public record Decrypted(Document document, DataEncryptionAlgorithm algorithm) {
    }

    public Decrypted decrypt(Element encryptedAssertion, List<PrivateKey> keys) {
        Element data = DecryptionParts.only(encryptedAssertion, SamlNames.XENC, "EncryptedData");
        String type = data.getAttributeNS(null, "Type");
        if (!type.isEmpty() && !ELEMENT_TYPE.equals(type)) {
            throw SamlErrors.undecryptable("EncryptedData Type " + type + " is not an element");
        }
        String uri = DecryptionParts.only(data, SamlNames.XENC, "EncryptionMethod").getAttributeNS(null, "Algorithm");
        DataEncryptionAlgorithm algorithm = DataEncryptionAlgorithm.fromUri(uri).filter(algorithms::contains)
                .orElseThrow(() -> SamlErrors.undecryptable("content encryption " + uri + " is not accepted"));
        if (keys.isEmpty()) {
            throw SamlErrors.undecryptable("the provider has no private key to decrypt assertions with");
        }
        byte[] contentKey = unwrapKey(encryptedKeys(encryptedAssertion, data), keys, algorithm.keyBytes());
        byte[] plaintext = decryptContent(algorithm, contentKey, DecryptionParts.cipherValue(data));
        return new Decrypted(parse(plaintext, inScopeNamespaces(encryptedAssertion)), algorithm);
    }

    private static List<Element> encryptedKeys(Element encryptedAssertion, Element data) {
        List<Element> found = new ArrayList<>();
        for (Element keyInfo : Dom.children(data, SamlNames.DSIG, "KeyInfo")) {
            found.addAll(Dom.children(keyInfo, SamlNames.XENC, "EncryptedKey"));
        }
        found.addAll(Dom.children(encryptedAssertion, SamlNames.XENC, "EncryptedKey"));
        if (found.isEmpty() || found.size() > MAX_ENCRYPTED_KEYS) {
            throw SamlErrors.undecryptable(found.size() + " EncryptedKey elements (1 to " + MAX_ENCRYPTED_KEYS
                    + " accepted)");
        }
        return found;
    }

    private static byte[] unwrapKey(List<Element> encryptedKeys, List<PrivateKey> keys, int length) {
        for (Element encryptedKey : encryptedKeys) {
            Optional<byte[]> key = KeyTransport.unwrap(encryptedKey, keys, length);
            if (key.isPresent()) {
                return key.get();
            }
        }
        throw SamlErrors.undecryptable("none of the provider's " + keys.size() + " private keys opens any of the "
                + encryptedKeys.size() + " EncryptedKey elements");
    }

    private static byte[] decryptContent(DataEncryptionAlgorithm algorithm, byte[] key, byte[] cipherValue) {
        int ivLength = algorithm.gcm() ? 12 : 16;
        int minimum = ivLength + 16;
        if (cipherValue.length < minimum || (!algorithm.gcm() && (cipherValue.length - ivLength) % 16 != 0)) {
            throw SamlErrors.undecryptable("the CipherValue has an impossible length for " + algorithm);
        }
        try {
            SecretKeySpec secret = new SecretKeySpec(key, "AES");
            Cipher cipher = Cipher.getInstance(algorithm.gcm() ? "AES/GCM/NoPadding" : "AES/CBC/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, secret, algorithm.gcm()
                    ? new GCMParameterSpec(128, cipherValue, 0, ivLength)
                    : new IvParameterSpec(cipherValue, 0, ivLength));
            byte[] plain = cipher.doFinal(cipherValue, ivLength, cipherValue.length - ivLength);
            return algorithm.gcm() ? plain : unpad(plain);
        } catch (GeneralSecurityException e) {
            throw SamlErrors.undecryptable("content decryption failed: " + e.getClass().getSimpleName());
        }
    }

    /** XML Encryption's padding: the last byte is the pad length (1 to 16); the other pad bytes are arbitrary. */
    private static byte[] unpad(byte[] plain) {
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > 16 || pad > plain.length) {
            throw SamlErrors.undecryptable("content decryption failed: bad padding");
        }
        return Arrays.copyOf(plain, plain.length - pad);
    }

    private Document parse(byte[] plaintext, Map<String, String> namespaces) {
        StringBuilder open = new StringBuilder("<DecryptedAssertion");
        namespaces.forEach((prefix, uri) -> open.append(prefix.isEmpty() ? " xmlns" : " xmlns:" + prefix)
                .append("=\"").append(escape(uri)).append('"'));
        open.append('>');
        ByteArrayOutputStream wrapped = new ByteArrayOutputStream(plaintext.length + open.length() + 24);
        wrapped.writeBytes(open.toString().getBytes(StandardCharsets.UTF_8));
        wrapped.writeBytes(plaintext);
        wrapped.writeBytes("</DecryptedAssertion>".getBytes(StandardCharsets.UTF_8));
        return parser.parse(wrapped.toByteArray(),
                detail -> SamlErrors.undecryptable("the plaintext is not well-formed XML: " + detail));
    }

    private static Map<String, String> inScopeNamespaces(Element element) {
        Map<String, String> namespaces = new LinkedHashMap<>();
        for (Node node = element; node instanceof Element current; node = node.getParentNode()) {
            NamedNodeMap attributes = current.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attr = (Attr) attributes.item(i);
                if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attr.getNamespaceURI())) {
                    String prefix = "xmlns".equals(attr.getLocalName()) ? "" : attr.getLocalName();
                    namespaces.putIfAbsent(prefix, attr.getValue());
                }
            }
        }
        return namespaces;
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}

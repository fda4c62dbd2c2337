package dev.lanyard.saml;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.xml.security.Init;
import org.apache.xml.security.encryption.EncryptedKey;
import org.apache.xml.security.encryption.XMLCipher;
import org.apache.xml.security.utils.EncryptionConstants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Encrypts the Assertion inside its EncryptedAssertion the way Shibboleth/OpenSAML-based IdPs do: XML Encryption 1.1
 * RSA-OAEP with SHA-256 and MGF1-SHA-256, AES-256-GCM, and the EncryptedKey as a sibling of the EncryptedData.
 */
final class SantuarioEncryption {
    private SantuarioEncryption() {
    }

    static String encrypt(String xml, X509Certificate recipient) throws Exception {
        Init.init();
        Document document = parse(xml);
        Element assertion = (Element) document.getElementsByTagNameNS(
                "urn:oasis:names:tc:SAML:2.0:assertion", "Assertion").item(0);
        Element wrapper = (Element) assertion.getParentNode();
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        SecretKey contentKey = generator.generateKey();

        XMLCipher keyCipher = XMLCipher.getInstance(XMLCipher.RSA_OAEP_11, null, XMLCipher.SHA256);
        keyCipher.init(XMLCipher.WRAP_MODE, recipient.getPublicKey());
        EncryptedKey encryptedKey = keyCipher.encryptKey(document, contentKey, EncryptionConstants.MGF1_SHA256, null);

        XMLCipher dataCipher = XMLCipher.getInstance(XMLCipher.AES_256_GCM);
        dataCipher.init(XMLCipher.ENCRYPT_MODE, contentKey);
        dataCipher.doFinal(document, assertion, false);
        wrapper.appendChild(keyCipher.martial(document, encryptedKey));
        return serialize(document);
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static String serialize(Document document) throws Exception {
        StringWriter out = new StringWriter();
        TransformerFactory.newDefaultInstance().newTransformer().transform(new DOMSource(document),
                new StreamResult(out));
        return out.toString();
    }
}

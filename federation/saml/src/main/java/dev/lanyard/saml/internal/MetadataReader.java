package dev.lanyard.saml.internal;

import dev.lanyard.iam.spi.federation.SamlMetadata;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads IdP metadata for CreateSAMLProvider/UpdateSAMLProvider: an {@code EntityDescriptor} (or an
 * {@code EntitiesDescriptor} holding exactly one IdP, as Keycloak publishes) with a SAML 2.0
 * {@code IDPSSODescriptor}; its signing certificates ({@code KeyDescriptor use="signing"} or without {@code use});
 * the earliest {@code validUntil}. The metadata's own signature is not checked: an administrator uploads it.
 */
public final class MetadataReader {
    private final SecureXml parser;
    private final int maxChars;

    public MetadataReader(SecureXml parser, int maxChars) {
        this.parser = parser;
        this.maxChars = maxChars;
    }

    public SamlMetadata read(String xml) {
        if (xml == null || xml.isBlank() || xml.length() > maxChars) {
            throw SamlErrors.metadata(xml == null || xml.isBlank() ? "the document is empty"
                    : "the document exceeds " + maxChars + " characters");
        }
        Document document = parser.parse(xml, detail -> SamlErrors.metadata("not well-formed XML: " + detail));
        Element root = document.getDocumentElement();
        Optional<Instant> validUntil = validUntil(root, Optional.empty());
        Element entity = entity(root);
        validUntil = validUntil(entity, validUntil);
        String entityId = Dom.trim(entity.getAttributeNS(null, "entityID"));
        if (entityId.isEmpty()) {
            throw SamlErrors.metadata("the EntityDescriptor has no entityID");
        }
        List<Element> idps = idpDescriptors(entity);
        if (idps.isEmpty()) {
            throw SamlErrors.metadata("no IDPSSODescriptor supports " + SamlNames.PROTOCOL);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Element idp : idps) {
            signingCertificates(idp, certificates);
        }
        if (certificates.isEmpty()) {
            throw SamlErrors.metadata("the IDPSSODescriptor has no signing certificate");
        }
        return new SamlMetadata(entityId, certificates, validUntil);
    }

    private static Element entity(Element root) {
        if (Dom.is(root, SamlNames.METADATA, "EntityDescriptor")) {
            return root;
        }
        if (!Dom.is(root, SamlNames.METADATA, "EntitiesDescriptor")) {
            throw SamlErrors.metadata("the root element is " + root.getLocalName()
                    + ", not a SAML 2.0 metadata EntityDescriptor");
        }
        List<Element> idpEntities = new ArrayList<>();
        for (Element entity : Dom.children(root, SamlNames.METADATA, "EntityDescriptor")) {
            if (!idpDescriptors(entity).isEmpty()) {
                idpEntities.add(entity);
            }
        }
        if (idpEntities.size() != 1) {
            throw SamlErrors.metadata("the EntitiesDescriptor holds " + idpEntities.size()
                    + " identity providers; exactly one is needed");
        }
        return idpEntities.getFirst();
    }

    private static List<Element> idpDescriptors(Element entity) {
        List<Element> found = new ArrayList<>();
        for (Element idp : Dom.children(entity, SamlNames.METADATA, "IDPSSODescriptor")) {
            String protocols = " " + idp.getAttributeNS(null, "protocolSupportEnumeration").replace('\t', ' ')
                    .replace('\n', ' ').replace('\r', ' ') + " ";
            if (protocols.contains(" " + SamlNames.PROTOCOL + " ")) {
                found.add(idp);
            }
        }
        return found;
    }

    private static void signingCertificates(Element idp, List<X509Certificate> into) {
        for (Element descriptor : Dom.children(idp, SamlNames.METADATA, "KeyDescriptor")) {
            String use = Dom.trim(descriptor.getAttributeNS(null, "use"));
            if (!use.isEmpty() && !use.equals("signing")) {
                continue;
            }
            for (Element keyInfo : Dom.children(descriptor, SamlNames.DSIG, "KeyInfo")) {
                for (Element data : Dom.children(keyInfo, SamlNames.DSIG, "X509Data")) {
                    for (Element certificate : Dom.children(data, SamlNames.DSIG, "X509Certificate")) {
                        addUnique(certificate(certificate), into);
                    }
                }
            }
        }
    }

    private static X509Certificate certificate(Element element) {
        try {
            byte[] der = DecryptionParts.base64(element);
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw SamlErrors.metadata("an X509Certificate is not a valid X.509 certificate");
        }
    }

    private static void addUnique(X509Certificate certificate, List<X509Certificate> into) {
        for (X509Certificate known : into) {
            if (Arrays.equals(encoded(known), encoded(certificate))) {
                return;
            }
        }
        into.add(certificate);
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateException e) {
            throw SamlErrors.metadata("a certificate cannot be encoded");
        }
    }

    private static Optional<Instant> validUntil(Element element, Optional<Instant> earlier) {
        Optional<String> text = Dom.attribute(element, "validUntil").map(Dom::trim);
        if (text.isEmpty()) {
            return earlier;
        }
        Instant value = TimeWindow.parseLenient(text.get())
                .orElseThrow(() -> SamlErrors.metadata("validUntil \"" + text.get() + "\" is not an xs:dateTime"));
        return earlier.filter(e -> e.isBefore(value)).or(() -> Optional.of(value));
    }
}

package dev.lanyard.saml.internal;

import java.util.Base64;
import java.util.List;
import org.w3c.dom.Element;

/** Reading the XML Encryption elements; every fault is the one undecryptable rejection. */
final class DecryptionParts {
    private DecryptionParts() {
    }

    static Element only(Element parent, String namespace, String localName) {
        List<Element> found = Dom.children(parent, namespace, localName);
        if (found.size() != 1) {
            throw SamlErrors.undecryptable(Dom.path(parent) + " needs exactly one " + localName);
        }
        return found.getFirst();
    }

    static byte[] cipherValue(Element encrypted) {
        Element cipherData = only(encrypted, SamlNames.XENC, "CipherData");
        return base64(only(cipherData, SamlNames.XENC, "CipherValue"));
    }

    static byte[] base64(Element element) {
        String text = Dom.plainText(element).orElseThrow(
                () -> SamlErrors.undecryptable(Dom.path(element) + " holds more than text"));
        StringBuilder compact = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!Dom.isXmlSpace(text.charAt(i))) {
                compact.append(text.charAt(i));
            }
        }
        try {
            return Base64.getDecoder().decode(compact.toString());
        } catch (IllegalArgumentException e) {
            throw SamlErrors.undecryptable(Dom.path(element) + " is not base64");
        }
    }
}

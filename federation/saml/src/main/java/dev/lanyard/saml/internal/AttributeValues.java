package dev.lanyard.saml.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Every attribute of the verified assertion's AttributeStatements, by Name, values in document order. Values with a
 * comment or processing instruction are refused (comment injection); structured values (an element inside the
 * AttributeValue, such as a NameID-typed eduPersonTargetedID) cannot be condition-key strings and are skipped;
 * {@code xsi:nil} values are skipped. {@code EncryptedAttribute} is refused: it cannot be read.
 */
final class AttributeValues {
    private AttributeValues() {
    }

    static Map<String, List<String>> collect(Element assertion) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (Element statement : Dom.children(assertion, SamlNames.ASSERTION, "AttributeStatement")) {
            for (Element child : Dom.children(statement)) {
                if (!Dom.is(child, SamlNames.ASSERTION, "Attribute")) {
                    throw SamlErrors.inAuthnResponse("attributes", "Attribute",
                            child.getLocalName() + " is not supported in an AttributeStatement");
                }
                String name = Dom.trim(child.getAttributeNS(null, "Name"));
                if (name.isEmpty()) {
                    throw SamlErrors.inAuthnResponse("attributes", "Attribute", "an Attribute has no Name");
                }
                List<String> values = attributes.computeIfAbsent(name, key -> new ArrayList<>());
                for (Element value : Dom.children(child, SamlNames.ASSERTION, "AttributeValue")) {
                    addValue(name, value, values);
                }
            }
        }
        return attributes;
    }

    private static void addValue(String name, Element value, List<String> values) {
        if ("true".equals(Dom.trim(value.getAttributeNS(SamlNames.XSI, "nil")))) {
            return;
        }
        boolean structured = false;
        for (Node node = value.getFirstChild(); node != null; node = node.getNextSibling()) {
            short type = node.getNodeType();
            if (type == Node.COMMENT_NODE || type == Node.PROCESSING_INSTRUCTION_NODE) {
                throw SamlErrors.inAuthnResponse("attributes", "Attribute",
                        "a value of " + name + " contains a comment: signed text must be plain text");
            }
            structured |= type == Node.ELEMENT_NODE;
        }
        if (!structured) {
            values.add(Dom.plainText(value).orElseThrow());
        }
    }
}

package dev.lanyard.saml.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads a verified element's own children and attributes. Nothing here searches the document: callers walk down
 * from an element the signature covered, so content outside it is never seen.
 */
public final class Dom {
    private Dom() {
    }

    public static boolean is(Node node, String namespace, String localName) {
        return node instanceof Element element && localName.equals(element.getLocalName())
                && namespace.equals(element.getNamespaceURI());
    }

    public static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                result.add(element);
            }
        }
        return result;
    }

    public static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> result = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (is(child, namespace, localName)) {
                result.add((Element) child);
            }
        }
        return result;
    }

    /** The only such child; empty if there is none, and {@code onMany} is thrown if there are several. */
    public static Optional<Element> atMostOne(Element parent, String namespace, String localName,
            Rejection onMany) {
        List<Element> found = children(parent, namespace, localName);
        if (found.size() > 1) {
            throw onMany;
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** An unqualified attribute; empty when absent. */
    public static Optional<String> attribute(Element element, String name) {
        Attr attr = element.getAttributeNodeNS(null, name);
        return attr == null ? Optional.empty() : Optional.of(attr.getValue());
    }

    /**
     * The element's text with surrounding XML whitespace removed, or empty if the element holds anything but text:
     * a comment, a processing instruction or a child element. Canonicalization drops comments, so a comment can be
     * added to signed text without breaking the signature ("user@a.com<!---->.evil.com"); such values are refused
     * rather than guessed at.
     */
    public static Optional<String> plainText(Element element) {
        StringBuilder text = null;
        String single = "";
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            short type = child.getNodeType();
            if (type != Node.TEXT_NODE && type != Node.CDATA_SECTION_NODE) {
                return Optional.empty();
            }
            if (text == null && single.isEmpty()) {
                single = child.getNodeValue();
            } else {
                if (text == null) {
                    text = new StringBuilder(single);
                }
                text.append(child.getNodeValue());
            }
        }
        return Optional.of(trim(text == null ? single : text.toString()));
    }

    /** Removes leading and trailing XML whitespace (space, tab, CR, LF) only. */
    public static String trim(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isXmlSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isXmlSpace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    public static boolean isXmlSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** A short path for diagnostics, such as {@code /Response/Assertion/Signature}. */
    public static String path(Node node) {
        StringBuilder path = new StringBuilder();
        for (Node n = node; n instanceof Element e; n = n.getParentNode()) {
            path.insert(0, "/" + e.getLocalName());
        }
        return path.toString();
    }
}

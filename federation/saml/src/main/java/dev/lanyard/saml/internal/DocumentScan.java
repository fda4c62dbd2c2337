package dev.lanyard.saml.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * One pass over a whole document before anything is trusted: every {@code Assertion}/{@code EncryptedAssertion} and
 * every {@code ds:Signature}, wherever they hide (wrapping attacks park them in Extensions, Advice, KeyInfo or
 * Object), and the first ID value used twice. Any attribute named ID/Id/id in any namespace counts, so a reference
 * can never be ambiguous.
 */
public final class DocumentScan {
    private final List<Element> assertions = new ArrayList<>();
    private final List<Element> signatures = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private String duplicateId;

    private DocumentScan() {
    }

    public static DocumentScan of(Element root) {
        DocumentScan scan = new DocumentScan();
        // iterative pre-order walk: no recursion, so no stack depth to attack
        Node node = root;
        while (node != null) {
            if (node instanceof Element element) {
                scan.visit(element);
            }
            node = next(node, root);
        }
        return scan;
    }

    private static Node next(Node node, Node root) {
        if (node.getFirstChild() != null) {
            return node.getFirstChild();
        }
        for (Node n = node; n != null && n != root; n = n.getParentNode()) {
            if (n.getNextSibling() != null) {
                return n.getNextSibling();
            }
        }
        return null;
    }

    private void visit(Element element) {
        if (Dom.is(element, SamlNames.ASSERTION, "Assertion")
                || Dom.is(element, SamlNames.ASSERTION, "EncryptedAssertion")) {
            assertions.add(element);
        } else if (Dom.is(element, SamlNames.DSIG, "Signature")) {
            signatures.add(element);
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attr = (Attr) attributes.item(i);
            String name = attr.getLocalName() == null ? attr.getName() : attr.getLocalName();
            if (name.equalsIgnoreCase("id") && !ids.add(attr.getValue()) && duplicateId == null) {
                duplicateId = attr.getValue();
            }
        }
    }

    public List<Element> assertions() {
        return assertions;
    }

    public List<Element> signatures() {
        return signatures;
    }

    public Optional<String> duplicateId() {
        return Optional.ofNullable(duplicateId);
    }
}

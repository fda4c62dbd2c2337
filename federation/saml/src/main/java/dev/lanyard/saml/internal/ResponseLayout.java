package dev.lanyard.saml.internal;

import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The shape every accepted Response has: a SAML 2.0 {@code samlp:Response} root whose status is Success, exactly one
 * {@code Assertion} or {@code EncryptedAssertion} in the whole document, as a child of the root, no duplicate IDs,
 * and signatures only as a direct child of the Response or of the Assertion (at most one each). Only the ID
 * attributes of those two elements are registered, so a Reference can resolve to nothing else.
 */
public record ResponseLayout(Element response, Element assertion, boolean encrypted,
        Optional<Element> responseSignature, Optional<Element> assertionSignature) {

    public static ResponseLayout of(Document document) {
        Element root = document.getDocumentElement();
        if (!Dom.is(root, SamlNames.PROTOCOL, "Response")) {
            throw SamlErrors.notSamlResponse(
                    "the root element is {" + root.getNamespaceURI() + "}" + root.getLocalName());
        }
        if (!"2.0".equals(root.getAttributeNS(null, "Version")) || root.getAttributeNS(null, "ID").isEmpty()) {
            throw SamlErrors.notSamlResponse("the Response lacks Version=\"2.0\" or an ID");
        }
        DocumentScan scan = DocumentScan.of(root);
        scan.duplicateId().ifPresent(id -> {
            throw SamlErrors.duplicateIds("the ID \"" + id + "\" appears more than once");
        });
        checkStatus(root);
        if (scan.assertions().size() != 1 || scan.assertions().getFirst().getParentNode() != root) {
            throw SamlErrors.assertionCount(describe(scan));
        }
        Element assertion = scan.assertions().getFirst();
        boolean encrypted = "EncryptedAssertion".equals(assertion.getLocalName());
        Optional<Element> responseSignature = signatureOf(scan, root);
        Optional<Element> assertionSignature = encrypted ? Optional.empty() : signatureOf(scan, assertion);
        checkNoStraySignature(scan, responseSignature, assertionSignature);
        root.setIdAttributeNS(null, "ID", true);
        if (!encrypted) {
            registerAssertionId(assertion);
        }
        return new ResponseLayout(root, assertion, encrypted, responseSignature, assertionSignature);
    }

    /** The layout of a decrypted assertion: the wrapper root holds exactly this one assertion and nothing else. */
    public static ResponseLayout decrypted(Element response, Document plaintext) {
        Element wrapper = plaintext.getDocumentElement();
        DocumentScan scan = DocumentScan.of(wrapper);
        scan.duplicateId().ifPresent(id -> {
            throw SamlErrors.duplicateIds("the ID \"" + id + "\" appears more than once in the decrypted assertion");
        });
        if (scan.assertions().size() != 1 || Dom.children(wrapper).size() != 1
                || !Dom.is(Dom.children(wrapper).getFirst(), SamlNames.ASSERTION, "Assertion")) {
            throw SamlErrors.assertionCount("the decrypted content is not exactly one Assertion element");
        }
        Element assertion = scan.assertions().getFirst();
        Optional<Element> assertionSignature = signatureOf(scan, assertion);
        checkNoStraySignature(scan, Optional.empty(), assertionSignature);
        registerAssertionId(assertion);
        return new ResponseLayout(response, assertion, false, Optional.empty(), assertionSignature);
    }

    private static void checkStatus(Element root) {
        Element status = Dom.atMostOne(root, SamlNames.PROTOCOL, "Status",
                SamlErrors.notSamlResponse("several Status elements")).orElseThrow(
                () -> SamlErrors.notSamlResponse("the Response has no Status"));
        String code = Dom.atMostOne(status, SamlNames.PROTOCOL, "StatusCode",
                        SamlErrors.notSamlResponse("several top-level StatusCode elements"))
                .map(element -> element.getAttributeNS(null, "Value"))
                .orElse("(no StatusCode)");
        if (!SamlNames.STATUS_SUCCESS.equals(code)) {
            throw SamlErrors.idpRejected(code);
        }
    }

    private static void registerAssertionId(Element assertion) {
        if (assertion.getAttributeNS(null, "ID").isEmpty()
                || !"2.0".equals(assertion.getAttributeNS(null, "Version"))) {
            throw SamlErrors.notSamlResponse("the Assertion lacks Version=\"2.0\" or an ID");
        }
        assertion.setIdAttributeNS(null, "ID", true);
    }

    private static Optional<Element> signatureOf(DocumentScan scan, Element parent) {
        Optional<Element> found = Optional.empty();
        for (Element signature : scan.signatures()) {
            if (signature.getParentNode() == parent) {
                if (found.isPresent()) {
                    throw SamlErrors.signatureInvalid("signature-placement",
                            "more than one Signature on " + Dom.path(parent));
                }
                found = Optional.of(signature);
            }
        }
        return found;
    }

    private static void checkNoStraySignature(DocumentScan scan, Optional<Element> first, Optional<Element> second) {
        int expected = (first.isPresent() ? 1 : 0) + (second.isPresent() ? 1 : 0);
        if (scan.signatures().size() != expected) {
            Element stray = scan.signatures().stream()
                    .filter(s -> first.orElse(null) != s && second.orElse(null) != s)
                    .findFirst().orElseThrow();
            throw SamlErrors.signatureInvalid("signature-placement", "a Signature at " + Dom.path(stray)
                    + " belongs to neither the Response nor the Assertion");
        }
    }

    private static String describe(DocumentScan scan) {
        if (scan.assertions().isEmpty()) {
            return "the Response contains no Assertion";
        }
        StringBuilder where = new StringBuilder();
        for (Element assertion : scan.assertions()) {
            where.append(where.isEmpty() ? "" : ", ").append(Dom.path(assertion));
        }
        return scan.assertions().size() + " assertion(s) found, at " + where;
    }
}

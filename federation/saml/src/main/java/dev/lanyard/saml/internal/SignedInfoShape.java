package dev.lanyard.saml.internal;

import java.util.List;
import org.w3c.dom.Element;

/**
 * The allowed shape of a SAML signature, checked before any cryptography: Signature = SignedInfo, SignatureValue and
 * an optional KeyInfo (no Object, so nothing can hide inside the signature); SignedInfo = exclusive
 * canonicalization, one SignatureMethod and exactly one Reference whose URI is {@code #} + the target's ID; the
 * Reference's transforms are the enveloped-signature transform and at most an exclusive-c14n transform.
 */
record SignedInfoShape(String signatureMethod, String digestMethod) {
    private static final String EXC_C14N_NS = "http://www.w3.org/2001/10/xml-exc-c14n#";

    static SignedInfoShape read(Element signature, Element target, String check) {
        Element signedInfo = null;
        int signatureValues = 0;
        for (Element child : Dom.children(signature)) {
            if (Dom.is(child, SamlNames.DSIG, "SignedInfo") && signedInfo == null) {
                signedInfo = child;
            } else if (Dom.is(child, SamlNames.DSIG, "SignatureValue")) {
                signatureValues++;
            } else if (!Dom.is(child, SamlNames.DSIG, "KeyInfo")) {
                throw refuse(check, "the Signature contains " + child.getLocalName());
            }
        }
        if (signedInfo == null || signatureValues != 1) {
            throw refuse(check, "the Signature needs exactly one SignedInfo and one SignatureValue");
        }
        return readSignedInfo(signedInfo, target, check);
    }

    private static SignedInfoShape readSignedInfo(Element signedInfo, Element target, String check) {
        List<Element> children = Dom.children(signedInfo);
        if (children.size() != 3 || !Dom.is(children.get(0), SamlNames.DSIG, "CanonicalizationMethod")
                || !Dom.is(children.get(1), SamlNames.DSIG, "SignatureMethod")
                || !Dom.is(children.get(2), SamlNames.DSIG, "Reference")) {
            throw refuse(check, "SignedInfo must hold CanonicalizationMethod, SignatureMethod and one Reference");
        }
        String c14n = children.get(0).getAttributeNS(null, "Algorithm");
        if (!SamlNames.EXC_C14N.equals(c14n)) {
            throw refuse(check, "canonicalization " + c14n + " is not exclusive canonicalization");
        }
        Element reference = children.get(2);
        String expected = "#" + target.getAttributeNS(null, "ID");
        String uri = reference.getAttributeNS(null, "URI");
        if (!expected.equals(uri)) {
            throw refuse(check, "the Reference URI \"" + uri + "\" does not point at " + Dom.path(target)
                    + " (" + expected + ")");
        }
        return new SignedInfoShape(children.get(1).getAttributeNS(null, "Algorithm"),
                readReference(reference, check));
    }

    private static String readReference(Element reference, String check) {
        List<Element> children = Dom.children(reference);
        if (children.size() != 3 || !Dom.is(children.get(0), SamlNames.DSIG, "Transforms")
                || !Dom.is(children.get(1), SamlNames.DSIG, "DigestMethod")
                || !Dom.is(children.get(2), SamlNames.DSIG, "DigestValue")) {
            throw refuse(check, "the Reference must hold Transforms, DigestMethod and DigestValue");
        }
        checkTransforms(children.get(0), check);
        return children.get(1).getAttributeNS(null, "Algorithm");
    }

    private static void checkTransforms(Element transforms, String check) {
        boolean enveloped = false;
        boolean c14n = false;
        for (Element transform : Dom.children(transforms)) {
            String algorithm = transform.getAttributeNS(null, "Algorithm");
            if (!Dom.is(transform, SamlNames.DSIG, "Transform")) {
                throw refuse(check, "unexpected " + transform.getLocalName() + " in Transforms");
            } else if (SamlNames.ENVELOPED.equals(algorithm) && !enveloped
                    && Dom.children(transform).isEmpty()) {
                enveloped = true;
            } else if (SamlNames.EXC_C14N.equals(algorithm) && !c14n && onlyInclusiveNamespaces(transform)) {
                c14n = true;
            } else {
                throw refuse(check, "transform " + algorithm + " is not allowed here");
            }
        }
        if (!enveloped) {
            throw refuse(check, "the enveloped-signature transform is missing");
        }
    }

    private static boolean onlyInclusiveNamespaces(Element transform) {
        List<Element> children = Dom.children(transform);
        return children.isEmpty()
                || (children.size() == 1 && Dom.is(children.getFirst(), EXC_C14N_NS, "InclusiveNamespaces"));
    }

    private static Rejection refuse(String check, String detail) {
        return SamlErrors.signatureInvalid(check, detail);
    }
}

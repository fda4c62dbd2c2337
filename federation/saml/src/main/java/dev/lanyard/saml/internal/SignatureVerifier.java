package dev.lanyard.saml.internal;

import dev.lanyard.saml.DigestAlgorithm;
import dev.lanyard.saml.SignatureAlgorithm;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.VerifiedReference;
import org.apache.xml.security.signature.XMLSignature;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Verifies one enveloped signature over one element with the provider's certificates (never with a key the document
 * carries). Before any cryptography the signature must have exactly the shape SAML uses: one Reference to
 * {@code #<the element's ID>}, exclusive canonicalization, only the enveloped-signature and exclusive-c14n
 * transforms, configured algorithms and no {@code ds:Object}. After verification the node the Reference resolved to
 * must be that very element, so the caller keeps reading the node that was verified.
 */
public final class SignatureVerifier {
    private final Set<SignatureAlgorithm> signatureAlgorithms;
    private final Set<DigestAlgorithm> digestAlgorithms;

    public SignatureVerifier(Set<SignatureAlgorithm> signatureAlgorithms, Set<DigestAlgorithm> digestAlgorithms) {
        this.signatureAlgorithms = Set.copyOf(signatureAlgorithms);
        this.digestAlgorithms = Set.copyOf(digestAlgorithms);
    }

    /** What verified: the element (the same node as {@code target}), the algorithms and the certificate. */
    public record Verified(Element element, SignatureAlgorithm signatureAlgorithm, DigestAlgorithm digestAlgorithm,
            X509Certificate certificate) {
    }

    public Verified verify(Element signature, Element target, List<X509Certificate> certificates, String check) {
        SignedInfoShape shape = SignedInfoShape.read(signature, target, check);
        SignatureAlgorithm signatureAlgorithm = SignatureAlgorithm.fromUri(shape.signatureMethod())
                .filter(signatureAlgorithms::contains)
                .orElseThrow(() -> SamlErrors.signatureInvalid(check,
                        "signature algorithm " + shape.signatureMethod() + " is not accepted"));
        DigestAlgorithm digestAlgorithm = DigestAlgorithm.fromUri(shape.digestMethod())
                .filter(digestAlgorithms::contains)
                .orElseThrow(() -> SamlErrors.signatureInvalid(check,
                        "digest algorithm " + shape.digestMethod() + " is not accepted"));
        XMLSignature xmlSignature = load(signature, check);
        X509Certificate certificate = firstVerifying(xmlSignature, namedFirst(signature, certificates), check);
        if (resolvedNode(xmlSignature, check) != target) {
            throw SamlErrors.signatureInvalid(check, "the Reference resolved to another element than "
                    + Dom.path(target));
        }
        return new Verified(target, signatureAlgorithm, digestAlgorithm, certificate);
    }

    private static XMLSignature load(Element signature, String check) {
        try {
            return new XMLSignature(signature, "", true);
        } catch (XMLSecurityException | RuntimeException e) {
            throw SamlErrors.signatureInvalid(check, "unreadable Signature: " + e.getMessage());
        }
    }

    private static X509Certificate firstVerifying(XMLSignature xmlSignature, List<X509Certificate> certificates,
            String check) {
        boolean digestMismatch = false;
        String lastError = "";
        for (X509Certificate certificate : certificates) {
            try {
                if (xmlSignature.checkSignatureValue(certificate.getPublicKey())) {
                    return certificate;
                }
                digestMismatch |= referencesWereChecked(xmlSignature);
            } catch (XMLSecurityException | RuntimeException e) {
                // a key of another type than the algorithm, or a malformed SignatureValue: try the next key
                lastError = "; last error: " + e.getMessage();
            }
        }
        throw SamlErrors.signatureInvalid(check, digestMismatch
                ? "the SignatureValue verifies but the digest does not: the signed content was altered"
                : "no trusted certificate verifies the SignatureValue (" + certificates.size() + " tried" + lastError
                        + ")");
    }

    private static boolean referencesWereChecked(XMLSignature xmlSignature) {
        List<VerifiedReference> results = xmlSignature.getSignedInfo().getVerificationResults();
        return results != null && !results.isEmpty();
    }

    private static Node resolvedNode(XMLSignature xmlSignature, String check) {
        try {
            return xmlSignature.getSignedInfo().getReferencedContentBeforeTransformsItem(0).getSubNode();
        } catch (XMLSecurityException | RuntimeException e) {
            throw SamlErrors.signatureInvalid(check, "the Reference cannot be resolved again: " + e.getMessage());
        }
    }

    /**
     * The trusted certificates, those the signature's KeyInfo names first. KeyInfo only orders the attempts (sparing
     * wrong-key verifications during a rotation); it never adds a key.
     */
    private static List<X509Certificate> namedFirst(Element signature, List<X509Certificate> certificates) {
        if (certificates.size() < 2) {
            return certificates;
        }
        List<byte[]> named = new ArrayList<>();
        for (Element keyInfo : Dom.children(signature, SamlNames.DSIG, "KeyInfo")) {
            for (Element data : Dom.children(keyInfo, SamlNames.DSIG, "X509Data")) {
                for (Element certificate : Dom.children(data, SamlNames.DSIG, "X509Certificate")) {
                    decode(certificate).ifPresent(named::add);
                }
            }
        }
        List<X509Certificate> ordered = new ArrayList<>(certificates.size());
        for (X509Certificate certificate : certificates) {
            if (isNamed(certificate, named)) {
                ordered.addFirst(certificate);
            } else {
                ordered.add(certificate);
            }
        }
        return ordered;
    }

    private static Optional<byte[]> decode(Element certificate) {
        try {
            return Optional.of(DecryptionParts.base64(certificate));
        } catch (Rejection e) {
            return Optional.empty();
        }
    }

    private static boolean isNamed(X509Certificate certificate, List<byte[]> named) {
        try {
            byte[] encoded = certificate.getEncoded();
            for (byte[] candidate : named) {
                if (MessageDigest.isEqual(encoded, candidate)) {
                    return true;
                }
            }
            return false;
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    /** The certificate for diagnostics: subject and serial number. */
    public static String describe(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + " (serial "
                + certificate.getSerialNumber().toString(16) + ")";
    }
}

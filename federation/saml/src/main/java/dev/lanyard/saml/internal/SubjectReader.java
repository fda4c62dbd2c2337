package dev.lanyard.saml.internal;

import java.time.Instant;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The verified assertion's Subject: one plain-text {@code NameID} (an {@code EncryptedID} is refused), and, as AWS
 * requires, exactly one {@code SubjectConfirmation}, of the bearer method, whose {@code SubjectConfirmationData} has
 * an accepted {@code Recipient} and a {@code NotOnOrAfter} still in the future.
 */
record SubjectReader(String nameId, String format, String recipient, Instant notOnOrAfter) {

    static SubjectReader read(Element assertion, TimeWindow window, RecipientPolicy recipients, CheckLog log) {
        Element subject = Dom.atMostOne(assertion, SamlNames.ASSERTION, "Subject",
                        SamlErrors.inAuthnResponse("subject", "Subject", "several Subject elements"))
                .orElseThrow(() -> SamlErrors.requiredInAuthnResponse("subject", "NameID",
                        "the Assertion has no Subject"));
        Element nameId = Dom.atMostOne(subject, SamlNames.ASSERTION, "NameID",
                        SamlErrors.inAuthnResponse("subject", "NameID", "several NameID elements"))
                .orElseThrow(() -> SamlErrors.requiredInAuthnResponse("subject", "NameID",
                        "the Subject has no plain NameID (EncryptedID and BaseID are not supported)"));
        String value = Dom.plainText(nameId).orElseThrow(() -> SamlErrors.inAuthnResponse("subject", "NameID",
                "the NameID contains a comment or markup: signed text must be plain text"));
        if (value.isEmpty()) {
            throw SamlErrors.requiredInAuthnResponse("subject", "NameID", "the NameID is empty");
        }
        String format = Dom.attribute(nameId, "Format").map(Dom::trim).orElse(SamlNames.UNSPECIFIED_FORMAT);
        log.pass("subject", "NameID \"" + value + "\" (" + format + ")");
        Element data = confirmationData(subject);
        String recipient = Dom.attribute(data, "Recipient").map(Dom::trim).orElseThrow(
                () -> SamlErrors.inAuthnResponse("recipient", "Recipient", "SubjectConfirmationData has no Recipient"));
        if (!recipients.accepts(recipient)) {
            throw SamlErrors.inAuthnResponse("recipient", "Recipient",
                    "\"" + recipient + "\" is not one of " + describe(recipients));
        }
        log.pass("recipient", "\"" + recipient + "\" is accepted");
        Instant notOnOrAfter = TimeWindow.attribute(data, "NotOnOrAfter", "subject-confirmation").orElseThrow(
                () -> SamlErrors.inAuthnResponse("subject-confirmation", "SubjectConfirmation",
                        "SubjectConfirmationData has no NotOnOrAfter"));
        window.checkNotOnOrAfter(notOnOrAfter, "subject-confirmation", "SubjectConfirmationData NotOnOrAfter");
        TimeWindow.attribute(data, "NotBefore", "subject-confirmation").ifPresent(
                notBefore -> window.checkNotBefore(notBefore, "subject-confirmation",
                        "SubjectConfirmationData NotBefore"));
        log.pass("subject-confirmation", "bearer, valid until " + notOnOrAfter);
        return new SubjectReader(value, format, recipient, notOnOrAfter);
    }

    private static Element confirmationData(Element subject) {
        List<Element> confirmations = Dom.children(subject, SamlNames.ASSERTION, "SubjectConfirmation");
        if (confirmations.size() != 1) {
            throw SamlErrors.inAuthnResponse("subject-confirmation", "SubjectConfirmation",
                    confirmations.size() + " SubjectConfirmation elements (exactly one is required)");
        }
        Element confirmation = confirmations.getFirst();
        String method = confirmation.getAttributeNS(null, "Method");
        if (!SamlNames.BEARER.equals(method)) {
            throw SamlErrors.inAuthnResponse("subject-confirmation", "SubjectConfirmation",
                    "Method \"" + method + "\" is not " + SamlNames.BEARER);
        }
        return Dom.atMostOne(confirmation, SamlNames.ASSERTION, "SubjectConfirmationData",
                        SamlErrors.inAuthnResponse("subject-confirmation", "SubjectConfirmation",
                                "several SubjectConfirmationData elements"))
                .orElseThrow(() -> SamlErrors.inAuthnResponse("subject-confirmation", "SubjectConfirmation",
                        "no SubjectConfirmationData"));
    }

    static String describe(RecipientPolicy recipients) {
        return recipients.exact() + (recipients.regionalSignin() ? " or https://<region>.signin.aws.amazon.com/saml"
                : "");
    }
}

package dev.lanyard.saml.internal;

import dev.lanyard.iam.spi.federation.VerifiedSamlAssertion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Reads the verified assertion, and only it, into a {@link VerifiedSamlAssertion}: issuer, age, subject and
 * confirmation, conditions and audience, session bound, attributes. Every element is reached by walking down from
 * the verified node, never by searching the document.
 */
public record AssertionReader(List<String> acceptedAudiences, Duration maxAge) {
    private static final String ISSUER_MESSAGE = "Issuer not present in specified provider";

    public AssertionReader {
        acceptedAudiences = List.copyOf(acceptedAudiences);
    }

    public VerifiedSamlAssertion read(Element assertion, String entityId, TimeWindow window,
            RecipientPolicy recipients, CheckLog log) {
        String issuer = checkIssuer(assertion, entityId, "issuer");
        log.pass("issuer", "\"" + issuer + "\" is the provider's entity ID");
        log.pass("issue-instant", checkIssueInstant(assertion, window) + " is within " + maxAge + " + skew");
        SubjectReader subject = SubjectReader.read(assertion, window, recipients, log);
        ConditionsReader conditions = ConditionsReader.read(assertion, window, acceptedAudiences, log);
        Optional<Instant> sessionNotOnOrAfter = sessionNotOnOrAfter(assertion);
        Map<String, List<String>> attributes = AttributeValues.collect(assertion);
        AwsAttributes aws = AwsAttributes.read(attributes, log);
        Instant notOnOrAfter = conditions.notOnOrAfter().filter(time -> time.isBefore(subject.notOnOrAfter()))
                .orElse(subject.notOnOrAfter());
        return new VerifiedSamlAssertion(issuer, subject.nameId(), subject.format(), subject.recipient(),
                conditions.audiences(), notOnOrAfter, sessionNotOnOrAfter, aws.roles(),
                Optional.of(aws.roleSessionName()), aws.sessionDuration(), aws.principalTags(),
                aws.transitiveTagKeys(), aws.sourceIdentity(), attributes);
    }

    /**
     * The Response's own Destination and Issuer, when present, must be acceptable too. When only the Assertion is
     * signed they are unsigned, so they can only make a Response fail, never make one pass.
     */
    public static void checkEnvelope(Element response, String entityId, RecipientPolicy recipients, CheckLog log) {
        Optional<String> destination = Dom.attribute(response, "Destination").map(Dom::trim);
        if (destination.isPresent() && !recipients.accepts(destination.get())) {
            throw SamlErrors.inAuthnResponse("destination", "Destination", "\"" + destination.get()
                    + "\" is not one of " + SubjectReader.describe(recipients));
        }
        log.pass("destination", destination.map(d -> "\"" + d + "\" is accepted").orElse("absent (optional)"));
        if (!Dom.children(response, SamlNames.ASSERTION, "Issuer").isEmpty()) {
            checkIssuer(response, entityId, "response-issuer");
            log.pass("response-issuer", "the Response's Issuer is the provider's entity ID");
        }
    }

    private static String checkIssuer(Element parent, String entityId, String check) {
        Element issuer = Dom.atMostOne(parent, SamlNames.ASSERTION, "Issuer",
                        SamlErrors.invalid(check, ISSUER_MESSAGE, "several Issuer elements"))
                .orElseThrow(() -> SamlErrors.invalid(check, ISSUER_MESSAGE, Dom.path(parent) + " has no Issuer"));
        String format = Dom.attribute(issuer, "Format").map(Dom::trim).orElse(SamlNames.ENTITY_FORMAT);
        String value = Dom.plainText(issuer).orElse("(comment or markup inside Issuer)");
        if (!SamlNames.ENTITY_FORMAT.equals(format) || !value.equals(entityId)) {
            throw SamlErrors.invalid(check, ISSUER_MESSAGE,
                    "Issuer \"" + value + "\" (" + format + ") is not the provider's entity ID \"" + entityId + "\"");
        }
        return value;
    }

    private Instant checkIssueInstant(Element assertion, TimeWindow window) {
        Instant issued = TimeWindow.attribute(assertion, "IssueInstant", "issue-instant").orElseThrow(
                () -> SamlErrors.inAuthnResponse("issue-instant", "IssueInstant", "the Assertion has no IssueInstant"));
        window.checkNotBefore(issued, "issue-instant", "IssueInstant");
        if (window.now().minus(window.skew()).minus(maxAge).isAfter(issued)) {
            throw SamlErrors.tooOld(maxAge.toMinutes(), "IssueInstant " + issued + " is older than now ("
                    + window.now() + ") - " + maxAge + " - skew " + window.skew());
        }
        return issued;
    }

    private static Optional<Instant> sessionNotOnOrAfter(Element assertion) {
        Optional<Instant> earliest = Optional.empty();
        for (Element statement : Dom.children(assertion, SamlNames.ASSERTION, "AuthnStatement")) {
            Optional<Instant> bound = TimeWindow.attribute(statement, "SessionNotOnOrAfter", "authn-statement");
            if (bound.isPresent() && (earliest.isEmpty() || bound.get().isBefore(earliest.get()))) {
                earliest = bound;
            }
        }
        return earliest;
    }
}

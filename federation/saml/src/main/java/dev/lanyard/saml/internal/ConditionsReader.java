package dev.lanyard.saml.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * The verified assertion's Conditions: the validity interval and the audience. Every {@code AudienceRestriction}
 * must name an accepted audience (restrictions are ANDed, audiences within one are ORed, as SAML defines), and at
 * least one restriction must exist. {@code OneTimeUse} and {@code ProxyRestriction} are understood (and have nothing
 * to enforce here); any other condition makes the assertion indeterminate, so it is refused.
 */
record ConditionsReader(List<String> audiences, Optional<Instant> notOnOrAfter) {
    private static final String AUDIENCE_MESSAGE = "Response does not contain the required audience";

    static ConditionsReader read(Element assertion, TimeWindow window, List<String> accepted, CheckLog log) {
        Element conditions = Dom.atMostOne(assertion, SamlNames.ASSERTION, "Conditions",
                        SamlErrors.inAuthnResponse("conditions", "Condition", "several Conditions elements"))
                .orElseThrow(() -> SamlErrors.invalid("audience", AUDIENCE_MESSAGE, "the Assertion has no Conditions"));
        Optional<Instant> notOnOrAfter = TimeWindow.attribute(conditions, "NotOnOrAfter", "conditions");
        notOnOrAfter.ifPresent(time -> window.checkNotOnOrAfter(time, "conditions", "Conditions NotOnOrAfter"));
        TimeWindow.attribute(conditions, "NotBefore", "conditions")
                .ifPresent(time -> window.checkNotBefore(time, "conditions", "Conditions NotBefore"));
        log.pass("conditions", "valid from " + Dom.attribute(conditions, "NotBefore").orElse("(any time)")
                + " until " + notOnOrAfter.map(Instant::toString).orElse("(no bound)"));
        List<String> audiences = new ArrayList<>();
        int restrictions = 0;
        for (Element condition : Dom.children(conditions)) {
            if (Dom.is(condition, SamlNames.ASSERTION, "AudienceRestriction")) {
                restrictions++;
                checkRestriction(condition, accepted, audiences);
            } else if (!Dom.is(condition, SamlNames.ASSERTION, "OneTimeUse")
                    && !Dom.is(condition, SamlNames.ASSERTION, "ProxyRestriction")) {
                throw SamlErrors.inAuthnResponse("conditions", "Condition",
                        "the condition " + condition.getLocalName() + " is not understood");
            }
        }
        if (restrictions == 0) {
            throw SamlErrors.invalid("audience", AUDIENCE_MESSAGE, "the Conditions have no AudienceRestriction");
        }
        log.pass("audience", audiences + " includes one of " + accepted);
        return new ConditionsReader(audiences, notOnOrAfter);
    }

    private static void checkRestriction(Element restriction, List<String> accepted, List<String> audiences) {
        boolean matched = false;
        List<String> named = new ArrayList<>();
        for (Element audience : Dom.children(restriction, SamlNames.ASSERTION, "Audience")) {
            String value = Dom.plainText(audience).orElseThrow(() -> SamlErrors.invalid("audience", AUDIENCE_MESSAGE,
                    "an Audience contains a comment or markup"));
            named.add(value);
            matched |= accepted.contains(value);
        }
        if (!matched) {
            throw SamlErrors.invalid("audience", AUDIENCE_MESSAGE, "AudienceRestriction " + named
                    + " names none of " + accepted);
        }
        audiences.addAll(named);
    }
}

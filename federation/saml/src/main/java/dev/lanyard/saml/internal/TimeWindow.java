package dev.lanyard.saml.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.w3c.dom.Element;

/** SAML time bounds, each widened by the configured skew, against one instant taken once per verification. */
public record TimeWindow(Instant now, Duration skew) {

    /** An {@code xs:dateTime} with a zone ({@code Z} or an offset), as SAML requires; empty if unparsable. */
    public static Optional<Instant> parse(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Like {@link #parse}, but a value without a zone is read as UTC (metadata {@code validUntil} in the wild). */
    public static Optional<Instant> parseLenient(String text) {
        Optional<Instant> zoned = parse(text);
        if (zoned.isPresent()) {
            return zoned;
        }
        try {
            return Optional.of(LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                    .toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The attribute as an instant; empty when absent; an unparsable value is refused. */
    public static Optional<Instant> attribute(Element element, String name, String check) {
        Optional<String> text = Dom.attribute(element, name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parse(text.get()).orElseThrow(() -> SamlErrors.inAuthnResponse(check,
                element.getLocalName() + " " + name, "\"" + text.get() + "\" is not an xs:dateTime in UTC")));
    }

    public void checkNotBefore(Instant notBefore, String check, String what) {
        if (now.plus(skew).isBefore(notBefore)) {
            throw SamlErrors.notYetValid(check, what + " " + notBefore + " is after now (" + now + ") + skew "
                    + skew);
        }
    }

    public void checkNotOnOrAfter(Instant notOnOrAfter, String check, String what) {
        if (!now.minus(skew).isBefore(notOnOrAfter)) {
            throw SamlErrors.expired(check, what + " " + notOnOrAfter + " is not after now (" + now + ") - skew "
                    + skew);
        }
    }
}

package dev.lanyard.iam.spi;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An {@link AuditEvent} as one line of JSON in CloudTrail's field names and order. */
public final class CloudTrailJson {
    // A character outside the BMP is written as its UTF-8 bytes, as the String form writes it, not as two escapes.
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
    /** The seconds {@link #time} writes digit by digit: years 1 to 9999. */
    private static final long FIRST_FAST_SECOND = LocalDateTime.of(1, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long LAST_FAST_SECOND = LocalDateTime.of(9999, 12, 31, 23, 59, 59)
            .toEpochSecond(ZoneOffset.UTC);

    private CloudTrailJson() {}

    /** The record on one line (no line break inside: strings are escaped). */
    public static String line(AuditEvent event) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            write(json, event, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * {@link #line} as UTF-8 bytes followed by a line break: what a file of JSON lines holds, written straight as bytes
     * (no String to copy, concatenate and encode again on every audited request).
     */
    public static byte[] lineBytes(AuditEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            write(json, event, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** {@code bytes} is the stream {@code json} writes UTF-8 to, or null when it writes characters. */
    private static void write(JsonGenerator json, AuditEvent event, ByteArrayOutputStream bytes) throws IOException {
        json.writeStartObject();
        json.writeStringField("eventVersion", AuditEvent.EVENT_VERSION);
        userIdentity(json, event.userIdentity());
        json.writeStringField("eventTime", time(event.eventTime()));
        json.writeStringField("eventSource", event.eventSource());
        json.writeStringField("eventName", event.eventName());
        json.writeStringField("awsRegion", event.awsRegion());
        json.writeStringField("sourceIPAddress", event.sourceIpAddress());
        optional(json, "userAgent", event.userAgent());
        optional(json, "errorCode", event.errorCode());
        optional(json, "errorMessage", event.errorMessage());
        elements(json, "requestParameters", event.requestParameters(), bytes);
        elements(json, "responseElements", event.responseElements(), bytes);
        if (event.lanyardDetail().isPresent()) {
            json.writeObjectFieldStart("additionalEventData");
            json.writeStringField(event.errorCode().filter("AccessDenied"::equals).isPresent()
                    ? "lanyardDecidingStatements" : "lanyardDetail", event.lanyardDetail().get());
            json.writeEndObject();
        }
        json.writeStringField("requestID", event.requestId());
        json.writeStringField("eventID", event.eventId());
        json.writeBooleanField("readOnly", event.readOnly());
        if (!event.resources().isEmpty()) {
            json.writeArrayFieldStart("resources");
            for (AuditEvent.Resource resource : event.resources()) {
                json.writeStartObject();
                json.writeStringField("accountId", resource.accountId());
                json.writeStringField("type", resource.type());
                json.writeStringField("ARN", resource.arn());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeStringField("eventType", AuditEvent.EVENT_TYPE);
        json.writeBooleanField("managementEvent", event.eventCategory() == AuditEvent.Category.MANAGEMENT);
        optional(json, "recipientAccountId", event.recipientAccountId());
        optional(json, "sharedEventID", event.sharedEventId());
        json.writeStringField("eventCategory", event.eventCategory().wireName());
        if (event.tlsDetails().isPresent()) {
            AuditEvent.TlsDetails tls = event.tlsDetails().get();
            json.writeObjectFieldStart("tlsDetails");
            optional(json, "tlsVersion", tls.tlsVersion());
            optional(json, "cipherSuite", tls.cipherSuite());
            optional(json, "clientProvidedHostHeader", tls.clientProvidedHostHeader());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void userIdentity(JsonGenerator json, AuditEvent.UserIdentity identity) throws IOException {
        json.writeObjectFieldStart("userIdentity");
        json.writeStringField("type", identity.type().wireName());
        optional(json, "principalId", identity.principalId());
        optional(json, "arn", identity.arn());
        optional(json, "accountId", identity.accountId());
        optional(json, "accessKeyId", identity.accessKeyId());
        optional(json, "userName", identity.userName());
        optional(json, "identityProvider", identity.identityProvider());
        if (identity.sessionContext().isPresent()) {
            sessionContext(json, identity.sessionContext().get());
        }
        json.writeEndObject();
    }

    private static void sessionContext(JsonGenerator json, AuditEvent.SessionContext context) throws IOException {
        json.writeObjectFieldStart("sessionContext");
        if (context.sessionIssuer().isPresent()) {
            AuditEvent.SessionIssuer issuer = context.sessionIssuer().get();
            json.writeObjectFieldStart("sessionIssuer");
            json.writeStringField("type", issuer.type().wireName());
            json.writeStringField("principalId", issuer.principalId());
            json.writeStringField("arn", issuer.arn());
            json.writeStringField("accountId", issuer.accountId());
            optional(json, "userName", issuer.userName());
            json.writeEndObject();
        }
        if (context.webIdFederationData().isPresent()) {
            AuditEvent.WebIdFederationData data = context.webIdFederationData().get();
            json.writeObjectFieldStart("webIdFederationData");
            optional(json, "federatedProvider", data.federatedProvider());
            json.writeObjectFieldStart("attributes");
            for (Map.Entry<String, String> attribute : new TreeMap<>(data.attributes()).entrySet()) {
                json.writeStringField(attribute.getKey(), attribute.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeObjectFieldStart("attributes");
        json.writeStringField("creationDate", time(context.creationDate()));
        json.writeStringField("mfaAuthenticated", Boolean.toString(context.mfaAuthenticated()));
        json.writeEndObject();
        optional(json, "sourceIdentity", context.sourceIdentity());
        json.writeEndObject();
    }

    /**
     * The elements' JSON as it is. Into a UTF-8 stream it goes as bytes past the generator: its raw-value path encodes
     * the text character by character, a third of the record's JSON time. The empty raw value tells the generator a
     * value was written, and the flush puts what it holds before the elements' bytes.
     */
    private static void elements(JsonGenerator json, String name, Optional<AuditEvent.Elements> elements,
            ByteArrayOutputStream bytes) throws IOException {
        json.writeFieldName(name);
        if (elements.isPresent() && bytes != null) {
            json.writeRawValue("");
            json.flush();
            bytes.write(elements.get().json().getBytes(StandardCharsets.UTF_8));
        } else if (elements.isPresent()) {
            json.writeRawValue(elements.get().json());
        } else {
            json.writeNull();
        }
    }

    private static void optional(JsonGenerator json, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            json.writeStringField(name, value.get());
        }
    }

    /**
     * CloudTrail's times: ISO 8601 in UTC, whole seconds ({@code 2026-12-08T09:05:03Z}). Written digit by digit for
     * years 1 to 9999 (two per record, on every audited request: {@link Instant#toString} went through a general
     * formatter); the years around them as {@code Instant} writes them.
     */
    public static String time(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_FAST_SECOND || seconds > LAST_FAST_SECOND) {
            return instant.truncatedTo(ChronoUnit.SECONDS).toString();
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        byte[] text = new byte[20];
        digits(text, 0, t.getYear(), 4);
        text[4] = '-';
        digits(text, 5, t.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, t.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, t.getHour(), 2);
        text[13] = ':';
        digits(text, 14, t.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, t.getSecond(), 2);
        text[19] = 'Z';
        return new String(text, StandardCharsets.US_ASCII);
    }

    private static void digits(byte[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}

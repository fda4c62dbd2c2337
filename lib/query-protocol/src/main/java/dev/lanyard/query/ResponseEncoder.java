package dev.lanyard.query;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.ErrorCode;
import dev.lanyard.query.internal.ByteSink;
import dev.lanyard.query.internal.JsonWriter;
import dev.lanyard.query.internal.XmlWriter;
import java.util.Optional;

/**
 * The AWS Query response envelopes, as UTF-8 bytes.
 *
 * <p>XML success: {@code <ActionResponse xmlns=ns><ActionResult>…</ActionResult><ResponseMetadata><RequestId>…
 * </RequestId></ResponseMetadata></ActionResponse>}; without a result (IAM operations with no output) the
 * {@code <ActionResult>} element is left out entirely, and likewise the {@code "ActionResult"} member in JSON. No XML
 * declaration and no indentation: AWS sends none of the former and clients ignore the latter.
 */
public final class ResponseEncoder {
    private static final int INITIAL_CAPACITY = 1024;

    private ResponseEncoder() {}

    public static byte[] success(
            ResponseFormat format, String action, String namespace, Optional<Struct> result, String requestId) {
        requireNonNull(format, "format is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(result, "result is null");
        requireNonNull(requestId, "requestId is null");
        if (!XmlWriter.isElementName(requireNonNull(action, "action is null"))) {
            throw new IllegalArgumentException("not a valid action name: " + action);
        }
        ByteSink sink = new ByteSink(INITIAL_CAPACITY);
        switch (format) {
            case XML -> successXml(new XmlWriter(sink), action, namespace, result, requestId);
            case JSON -> successJson(new JsonWriter(sink), action, result, requestId);
        }
        return sink.toByteArray();
    }

    /**
     * XML: {@code <ErrorResponse xmlns=ns><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>};
     * JSON: {@code {"Error":{"Code":…,"Message":…,"Type":…},"RequestId":…}}. Type is the code's fault: Sender for 4xx,
     * Receiver for 5xx.
     */
    public static byte[] error(
            ResponseFormat format, String namespace, ErrorCode code, String message, String requestId) {
        requireNonNull(format, "format is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
        requireNonNull(requestId, "requestId is null");
        ByteSink sink = new ByteSink(256 + message.length());
        switch (format) {
            case XML -> errorXml(new XmlWriter(sink), namespace, code, message, requestId);
            case JSON -> errorJson(new JsonWriter(sink), code, message, requestId);
        }
        return sink.toByteArray();
    }

    /** {@code text/xml} or {@code application/json}. */
    public static String contentType(ResponseFormat format) {
        return switch (format) {
            case XML -> "text/xml";
            case JSON -> "application/json";
        };
    }

    private static void successXml(
            XmlWriter xml, String action, String namespace, Optional<Struct> result, String requestId) {
        String response = action + "Response";
        xml.open(response, namespace);
        if (result.isPresent()) {
            String resultName = action + "Result";
            xml.open(resultName);
            xml.fields(result.get());
            xml.close(resultName);
        }
        xml.open("ResponseMetadata").textElement("RequestId", requestId).close("ResponseMetadata");
        xml.close(response);
    }

    private static void successJson(JsonWriter json, String action, Optional<Struct> result, String requestId) {
        json.beginObject().name(action + "Response").beginObject();
        if (result.isPresent()) {
            json.name(action + "Result");
            json.value(result.get());
            json.comma();
        }
        json.name("ResponseMetadata").beginObject().stringField("RequestId", requestId).endObject();
        json.endObject().endObject();
    }

    private static void errorXml(XmlWriter xml, String namespace, ErrorCode code, String message, String requestId) {
        xml.open("ErrorResponse", namespace).open("Error");
        xml.textElement("Type", code.fault().wireName());
        xml.textElement("Code", code.code());
        xml.textElement("Message", message);
        xml.close("Error").textElement("RequestId", requestId).close("ErrorResponse");
    }

    private static void errorJson(JsonWriter json, ErrorCode code, String message, String requestId) {
        json.beginObject().name("Error").beginObject();
        json.stringField("Code", code.code()).comma();
        json.stringField("Message", message).comma();
        json.stringField("Type", code.fault().wireName());
        json.endObject().comma().stringField("RequestId", requestId).endObject();
    }
}

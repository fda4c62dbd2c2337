package dev.lanyard.s3gateway;

import dev.lanyard.aws.S3Exception;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** S3's {@code <Error>} document: code, message, the code's extra elements, request ID. */
final class ErrorDocuments {
    private ErrorDocuments() {}

    static Reply reply(S3Exception error, String requestId, boolean head) {
        int status = error.errorCode().httpStatus();
        if (head) {
            // A HEAD answer has no body: S3 sends the status and headers only.
            return Reply.of(status, Map.of("x-amz-request-id", List.of(requestId)), new byte[0]);
        }
        return Reply.xml(status, requestId, document(error, requestId));
    }

    static byte[] document(S3Exception error, String requestId) {
        StringBuilder xml = new StringBuilder(Xml.DECLARATION).append("<Error><Code>")
                .append(error.errorCode().code()).append("</Code><Message>").append(Xml.escape(error.getMessage()))
                .append("</Message>");
        for (S3Exception.Detail detail : error.details()) {
            xml.append('<').append(detail.element()).append('>').append(Xml.escape(detail.value())).append("</")
                    .append(detail.element()).append('>');
        }
        xml.append("<RequestId>").append(requestId).append("</RequestId><HostId>").append(requestId)
                .append("</HostId></Error>");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }
}

package dev.lanyard.s3gateway;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.S3Exception;
import dev.lanyard.s3.ObjectRef;
import dev.lanyard.s3.RequiredAuthorizations;
import dev.lanyard.s3.S3Authorization;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * DeleteObjects, authorized key by key as S3 does: the allowed keys go to the backend in a body of their own, the
 * refused ones come back as {@code <Error>} entries of the result beside what the backend did, so one refused key
 * never blocks the others (and {@code Quiet} never hides a refusal).
 */
final class DeleteObjects {
    private final S3Authorizer authorizer;
    private final Forwarding forwarding;
    private final S3Authorizer.TagLookup tags;

    DeleteObjects(S3Authorizer authorizer, Forwarding forwarding, S3Authorizer.TagLookup tags) {
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.forwarding = requireNonNull(forwarding, "forwarding is null");
        this.tags = requireNonNull(tags, "tags is null");
    }

    private record Refused(ObjectRef object, String explanation) {}

    S3Gateway.Outcome perform(S3Gateway.Exchange exchange, RequiredAuthorizations.EachEntry each) {
        List<ObjectRef> allowed = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        for (RequiredAuthorizations.EachEntry.Entry entry : each.entries()) {
            String refusal = null;
            for (S3Authorization authorization : entry.authorizations()) {
                S3Authorizer.Verdict verdict = authorizer.decide(exchange.snapshot(), exchange.caller(),
                        exchange.env(), authorization, tags);
                if (!verdict.allowed()) {
                    refusal = verdict.explanation();
                    break;
                }
            }
            if (refusal == null) {
                allowed.add(entry.object());
            } else {
                refused.add(new Refused(entry.object(), refusal));
            }
        }
        String detail = refused.isEmpty() ? "" : refused.size() + " of " + each.entries().size() + " keys refused: "
                + String.join(" | ", refused.stream().map(Refused::explanation).toList());
        String errors = errors(refused);
        if (allowed.isEmpty()) {
            String xml = Xml.DECLARATION + "<DeleteResult xmlns=\"" + Xml.S3_NAMESPACE + "\">" + errors
                    + "</DeleteResult>";
            return new S3Gateway.Outcome(Reply.xml(200, exchange.requestId(), xml.getBytes(StandardCharsets.UTF_8)),
                    detail);
        }
        byte[] body = body(each.quiet(), allowed);
        BackendResponse response = forwarding.withBody(exchange, body,
                Map.of("content-md5", Base64.getEncoder().encodeToString(md5(body))));
        byte[] answer = forwarding.readWhole(response);
        if (response.statusCode() != 200) {
            return new S3Gateway.Outcome(forwarding.relay(exchange, response, answer), detail);
        }
        String result = new String(answer, StandardCharsets.UTF_8);
        int end = result.lastIndexOf("</DeleteResult>");
        if (end < 0) {
            throw new S3Exception(S3ErrorCode.INTERNAL_ERROR, S3ErrorCode.INTERNAL_ERROR.defaultMessage(), List.of(),
                    "the backend's DeleteObjects answer has no DeleteResult");
        }
        String merged = result.substring(0, end) + errors + result.substring(end);
        return new S3Gateway.Outcome(forwarding.relay(exchange, response, merged.getBytes(StandardCharsets.UTF_8)),
                detail);
    }

    private static byte[] body(boolean quiet, List<ObjectRef> objects) {
        StringBuilder xml = new StringBuilder(Xml.DECLARATION).append("<Delete xmlns=\"").append(Xml.S3_NAMESPACE)
                .append("\">");
        if (quiet) {
            xml.append("<Quiet>true</Quiet>");
        }
        for (ObjectRef object : objects) {
            xml.append("<Object><Key>").append(Xml.escape(object.key())).append("</Key>");
            object.versionId().ifPresent(v -> xml.append("<VersionId>").append(Xml.escape(v)).append("</VersionId>"));
            xml.append("</Object>");
        }
        return xml.append("</Delete>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String errors(List<Refused> refused) {
        StringBuilder xml = new StringBuilder();
        for (Refused r : refused) {
            xml.append("<Error><Key>").append(Xml.escape(r.object().key())).append("</Key>");
            r.object().versionId().ifPresent(v -> xml.append("<VersionId>").append(Xml.escape(v))
                    .append("</VersionId>"));
            xml.append("<Code>AccessDenied</Code><Message>Access Denied</Message></Error>");
        }
        return xml.toString();
    }

    private static byte[] md5(byte[] body) {
        try {
            return MessageDigest.getInstance("MD5").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }
}

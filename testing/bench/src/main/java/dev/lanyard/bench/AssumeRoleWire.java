package dev.lanyard.bench;

import dev.lanyard.query.Struct;
import dev.lanyard.tokens.SessionTag;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** The AssumeRole request body and response result as they travel on the wire. */
public final class AssumeRoleWire {
    public static final List<String> POLICY_ARNS = List.of(
            "arn:aws:iam::123456789012:policy/ReadOnlyOrders",
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
    public static final String EXTERNAL_ID = "c9f0d3a2-5b1e-4f7a-9c2d-8e6b4a1f0d37";
    public static final String REQUEST_ID = "c6104cbe-af31-11e0-8154-cbc7ccf896c7";
    public static final String STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private AssumeRoleWire() {}

    /**
     * The form body botocore sends for AssumeRole with two policy ARNs, ten tags (two transitive), DurationSeconds
     * and ExternalId: members in the shape's order, values percent-encoded except {@code A-Za-z0-9-_.~}.
     */
    public static String requestBody() {
        StringBuilder body = new StringBuilder(1024).append("Action=AssumeRole&Version=2011-06-15");
        param(body, "RoleArn", Sessions.ROLE_ARN);
        param(body, "RoleSessionName", Sessions.SESSION_NAME);
        for (int i = 0; i < POLICY_ARNS.size(); i++) {
            param(body, "PolicyArns.member." + (i + 1) + ".arn", POLICY_ARNS.get(i));
        }
        param(body, "DurationSeconds", "3600");
        for (int i = 0; i < Sessions.TAGS.size(); i++) {
            SessionTag tag = Sessions.TAGS.get(i);
            param(body, "Tags.member." + (i + 1) + ".Key", tag.key());
            param(body, "Tags.member." + (i + 1) + ".Value", tag.value());
        }
        for (int i = 0; i < Sessions.TRANSITIVE_TAG_KEYS.size(); i++) {
            param(body, "TransitiveTagKeys.member." + (i + 1), Sessions.TRANSITIVE_TAG_KEYS.get(i));
        }
        param(body, "ExternalId", EXTERNAL_ID);
        return body.toString();
    }

    /** The AssumeRoleResult: credentials with a sealed plain session token, the assumed-role user, packed size. */
    public static Struct result(String accessKeyId, String secretAccessKey, String sessionToken) {
        Struct credentials = Struct.builder()
                .put("AccessKeyId", accessKeyId)
                .put("SecretAccessKey", secretAccessKey)
                .put("SessionToken", sessionToken)
                .put("Expiration", Sessions.ISSUED_AT.plus(Duration.ofHours(1)))
                .build();
        Struct user = Struct.builder()
                .put("AssumedRoleId", Sessions.ROLE_ID + ":" + Sessions.SESSION_NAME)
                .put("Arn", "arn:aws:sts::123456789012:assumed-role/" + Sessions.ROLE_NAME + "/" + Sessions.SESSION_NAME)
                .build();
        return Struct.builder()
                .put("Credentials", credentials)
                .put("AssumedRoleUser", user)
                .put("PackedPolicySize", 9)
                .build();
    }

    private static void param(StringBuilder body, String name, String value) {
        // URLEncoder is form encoding; botocore's quote() differs only in these three.
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
        body.append('&').append(name).append('=').append(encoded);
    }
}

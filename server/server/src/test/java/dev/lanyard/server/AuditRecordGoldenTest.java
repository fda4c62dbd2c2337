package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.iam.spi.CloudTrailJson;
import dev.lanyard.iamapi.IamModel;
import dev.lanyard.pipeline.AuditElements;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import dev.lanyard.query.model.OperationShapes;
import dev.lanyard.query.model.ServiceModel;
import dev.lanyard.query.model.Shape;
import dev.lanyard.sts.StsOperations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The audit trail's bytes, pinned: a corpus of records (each federation, IAM, a denial with its deciding statements, a
 * cross-account call, an S3 gateway and an authorization API call, TLS details present and absent, unicode and
 * characters JSON must escape) and the request parameters and response elements of every STS and IAM operation, each
 * member filled, rendered and compared byte for byte with {@code audit-golden/records.jsonl}, which was written by
 * the code before the record's hot path was rewritten for speed. A faster writer must not change one byte of a trail
 * that operators' tools already parse. On a difference the actual lines go to {@code target/audit-golden-actual.jsonl}.
 */
class AuditRecordGoldenTest {
    private static final String GOLDEN = "/audit-golden/records.jsonl";
    private static final Instant TIME = Instant.parse("2026-12-08T02:41:07.123456789Z");
    private static final Instant CREATED = Instant.parse("2026-12-08T01:59:59Z");
    private static final String ACCOUNT = "111122223333";
    private static final String OTHER_ACCOUNT = "444455556666";
    /** Characters a JSON writer must escape or keep as they are: quotes, backslash, controls, non-ASCII, non-BMP. */
    private static final String AWKWARD = "q\"b\\s/ t\tn\nr\rc\u0001\u001f del\u007f é ü 日本 \u2028 😀 <>&'";

    @Test
    void recordsAreByteForByteWhatTheyWere() throws IOException {
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        for (AuditEvent event : corpus()) {
            byte[] bytes = CloudTrailJson.lineBytes(event);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(CloudTrailJson.line(event) + "\n");
            actual.write(bytes);
        }
        for (Map.Entry<String, ServiceModel> service : List.of(Map.entry("sts", StsOperations.MODEL),
                Map.entry("iam", IamModel.MODEL))) {
            for (String operation : service.getValue().operationNames().stream().sorted().toList()) {
                actual.write(everyMember(service.getKey(), operation, service.getValue())
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] expected = new byte[0];
        try (InputStream in = AuditRecordGoldenTest.class.getResourceAsStream(GOLDEN)) {
            if (in != null) {
                expected = in.readAllBytes();
            }
        }
        if (!Arrays.equals(expected, actual.toByteArray())) {
            Path written = Path.of("target", "audit-golden-actual.jsonl");
            Files.createDirectories(written.getParent());
            Files.write(written, actual.toByteArray());
            List<String> expectedLines = new String(expected, StandardCharsets.UTF_8).lines().toList();
            List<String> actualLines = actual.toString(StandardCharsets.UTF_8).lines().toList();
            for (int i = 0; i < Math.min(expectedLines.size(), actualLines.size()); i++) {
                assertThat(actualLines.get(i)).as("line %d (all lines in %s)", i + 1, written.toAbsolutePath())
                        .isEqualTo(expectedLines.get(i));
            }
            assertThat(actualLines).as("lines of %s (all in %s)", GOLDEN, written.toAbsolutePath())
                    .hasSameSizeAs(expectedLines);
        }
    }

    private static List<AuditEvent> corpus() {
        AuditElements sts = new AuditElements(StsOperations.MODEL);
        AuditElements iam = new AuditElements(IamModel.MODEL);
        List<AuditEvent> events = new ArrayList<>();
        AuditEvent.UserIdentity user = new AuditEvent.UserIdentity(AuditEvent.IdentityType.IAM_USER,
                Optional.of("AIDAQNZGKIQY5GOLDEN1"), Optional.of("arn:aws:iam::" + ACCOUNT + ":user/ci-runner"),
                Optional.of(ACCOUNT), Optional.of("AKIAQNZGKIQY5GOLDEN1"), Optional.of("ci-runner"), Optional.empty(),
                Optional.empty());
        AuditEvent.SessionIssuer role = new AuditEvent.SessionIssuer(AuditEvent.IdentityType.ROLE,
                "AROAQNZGKIQY5GOLDEN2", "arn:aws:iam::" + ACCOUNT + ":role/deploy", ACCOUNT, Optional.of("deploy"));
        AuditEvent.UserIdentity assumed = new AuditEvent.UserIdentity(AuditEvent.IdentityType.ASSUMED_ROLE,
                Optional.of("AROAQNZGKIQY5GOLDEN2:build-" + AWKWARD),
                Optional.of("arn:aws:sts::" + ACCOUNT + ":assumed-role/deploy/build"), Optional.of(ACCOUNT),
                Optional.of("ASIAQNZGKIQY5GOLDEN3"), Optional.empty(), Optional.empty(),
                Optional.of(new AuditEvent.SessionContext(Optional.of(role), Optional.empty(), CREATED, true,
                        Optional.of("alice@example.com"))));

        // AssumeRole with every kind of parameter: lists of structures, a list of strings, tags with unicode
        String assumeRole = "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A" + ACCOUNT
                + "%3Arole%2Fdeploy&RoleSessionName=build&DurationSeconds=3600&ExternalId=ext%22%5C%0A"
                + "&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess"
                + "&PolicyArns.member.2.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FViewOnly"
                + "&Tags.member.1.Key=team&Tags.member.1.Value=%E6%97%A5%E6%9C%AC%F0%9F%98%80"
                + "&Tags.member.2.Key=cost%22center&Tags.member.2.Value=a%01b"
                + "&TransitiveTagKeys.member.1=team&SourceIdentity=alice%40example.com"
                + "&SerialNumber=arn%3Aaws%3Aiam%3A%3A" + ACCOUNT + "%3Amfa%2Fci&TokenCode=123456"
                + "&Policy=%7B%22Version%22%3A%222012-10-17%22%7D";
        Struct credentials = Struct.builder().put("AccessKeyId", "ASIAQNZGKIQY5GOLDEN4")
                .put("SecretAccessKey", "secret-that-must-not-appear").put("SessionToken", "token-must-not-appear")
                .put("Expiration", Instant.parse("2026-12-08T03:41:07Z")).build();
        Struct assumeRoleResult = Struct.builder().put("Credentials", credentials)
                .put("AssumedRoleUser", Struct.builder().put("AssumedRoleId", "AROAQNZGKIQY5GOLDEN2:build")
                        .put("Arn", "arn:aws:sts::" + ACCOUNT + ":assumed-role/deploy/build").build())
                .put("PackedPolicySize", 6).put("SourceIdentity", "alice@example.com").build();
        events.add(event("sts", "AssumeRole", user, sts.request("AssumeRole", form(assumeRole)),
                sts.response("AssumeRole", Optional.of(assumeRoleResult))).build());

        // AssumeRoleWithWebIdentity: federated caller, web identity data with attributes
        String webIdentity = "Action=AssumeRoleWithWebIdentity&RoleArn=arn%3Aaws%3Aiam%3A%3A" + ACCOUNT
                + "%3Arole%2Fweb&RoleSessionName=gh-" + "run&WebIdentityToken=eyJhbGciOiJSUzI1NiJ9.e30.c2ln"
                + "&ProviderId=www.amazon.com&DurationSeconds=900";
        Struct webResult = Struct.builder().put("Credentials", credentials)
                .put("SubjectFromWebIdentityToken", "repo:org/app:ref:refs/heads/main")
                .put("AssumedRoleUser", Struct.builder().put("AssumedRoleId", "AROAQNZGKIQY5GOLDEN5:gh-run")
                        .put("Arn", "arn:aws:sts::" + ACCOUNT + ":assumed-role/web/gh-run").build())
                .put("Provider", "token.actions.githubusercontent.com").put("Audience", "sts.amazonaws.com").build();
        events.add(event("sts", "AssumeRoleWithWebIdentity", AuditEvent.UserIdentity.federated(
                        AuditEvent.IdentityType.WEB_IDENTITY_USER, Optional.of("token.actions.githubusercontent.com:"
                                + "sts.amazonaws.com:repo:org/app:ref:refs/heads/main"),
                        Optional.of("repo:org/app:ref:refs/heads/main"),
                        Optional.of("token.actions.githubusercontent.com")),
                sts.request("AssumeRoleWithWebIdentity", form(webIdentity)),
                sts.response("AssumeRoleWithWebIdentity", Optional.of(webResult))).userAgent(Optional.empty())
                .build());

        // AssumeRoleWithSAML
        String saml = "Action=AssumeRoleWithSAML&RoleArn=arn%3Aaws%3Aiam%3A%3A" + ACCOUNT + "%3Arole%2Fsaml"
                + "&PrincipalArn=arn%3Aaws%3Aiam%3A%3A" + ACCOUNT + "%3Asaml-provider%2Fidp"
                + "&SAMLAssertion=PHNhbWxwOlJlc3BvbnNlLz4%3D&DurationSeconds=3600";
        Struct samlResult = Struct.builder().put("Credentials", credentials).put("Subject", "jöhn.doe")
                .put("SubjectType", "persistent").put("Issuer", "https://idp.example.com/")
                .put("Audience", "https://signin.aws.amazon.com/saml").put("NameQualifier", "SbdGOnUkh1i4+EUoV3Y=")
                .put("AssumedRoleUser", Struct.builder().put("AssumedRoleId", "AROAQNZGKIQY5GOLDEN6:jöhn.doe")
                        .put("Arn", "arn:aws:sts::" + ACCOUNT + ":assumed-role/saml/jöhn.doe").build()).build();
        events.add(event("sts", "AssumeRoleWithSAML", AuditEvent.UserIdentity.federated(
                        AuditEvent.IdentityType.SAML_USER, Optional.of("SbdGOnUkh1i4+EUoV3Y=:jöhn.doe"),
                        Optional.of("jöhn.doe"), Optional.of("arn:aws:iam::" + ACCOUNT + ":saml-provider/idp")),
                sts.request("AssumeRoleWithSAML", form(saml)), sts.response("AssumeRoleWithSAML",
                        Optional.of(samlResult))).build());

        // GetSessionToken by a session with web identity federation data in its context
        AuditEvent.UserIdentity federatedSession = new AuditEvent.UserIdentity(AuditEvent.IdentityType.ASSUMED_ROLE,
                Optional.of("AROAQNZGKIQY5GOLDEN5:gh-run"),
                Optional.of("arn:aws:sts::" + ACCOUNT + ":assumed-role/web/gh-run"), Optional.of(ACCOUNT),
                Optional.of("ASIAQNZGKIQY5GOLDEN7"), Optional.empty(), Optional.empty(),
                Optional.of(new AuditEvent.SessionContext(Optional.of(role), Optional.of(
                        new AuditEvent.WebIdFederationData(Optional.of("arn:aws:iam::" + ACCOUNT
                                + ":oidc-provider/token.actions.githubusercontent.com"), Map.of("sub", "repo:o/a",
                                "aud", "sts.amazonaws.com", "amr", "[\"x\"] " + AWKWARD))),
                        Instant.parse("0001-01-01T00:00:00Z"), false, Optional.empty())));
        events.add(event("sts", "GetSessionToken", federatedSession,
                sts.request("GetSessionToken", form("Action=GetSessionToken&DurationSeconds=7200&TokenCode=654321"
                        + "&SerialNumber=GAHT12345678")),
                sts.response("GetSessionToken", Optional.of(Struct.builder().put("Credentials", credentials)
                        .build()))).eventTime(Instant.parse("+10000-01-01T00:00:00.5Z")).build());

        // CreateUser with tags and a permissions boundary
        String createUser = "Action=CreateUser&UserName=b%C3%B6b&Path=%2Fteam%2F&PermissionsBoundary=arn%3Aaws%3A"
                + "iam%3A%3A" + ACCOUNT + "%3Apolicy%2Fbound&Tags.member.1.Key=k&Tags.member.1.Value=v"
                + "&Tags.member.3.Key=gap&Tags.member.3.Value=%20";
        Struct createdUser = Struct.builder().put("User", Struct.builder().put("Path", "/team/")
                .put("UserName", "böb").put("UserId", "AIDAQNZGKIQY5GOLDEN8")
                .put("Arn", "arn:aws:iam::" + ACCOUNT + ":user/team/böb").put("CreateDate", CREATED)
                .put("Tags", new Value.ListOf(List.of(Struct.builder().put("Key", "k").put("Value", "v").build())))
                .build()).build();
        events.add(event("iam", "CreateUser", assumed, iam.request("CreateUser", form(createUser)),
                iam.response("CreateUser", Optional.of(createdUser))).tls(Optional.of(new AuditEvent.TlsDetails(
                        Optional.of("TLSv1.3"), Optional.of("TLS_AES_128_GCM_SHA256"),
                        Optional.of("iam.example.com")))).build());

        // an AccessDenied call with the deciding statements
        events.add(event("iam", "DeleteRole", assumed, iam.request("DeleteRole", form("Action=DeleteRole"
                        + "&RoleName=prod-admin")), Optional.empty())
                .error("AccessDenied", "User: arn:aws:sts::" + ACCOUNT + ":assumed-role/deploy/build is not"
                        + " authorized to perform: iam:DeleteRole on resource: role prod-admin with an explicit deny")
                .detail("Deny \"NoDelete\" in arn:aws:iam::" + ACCOUNT + ":policy/guard (identity-based)")
                .readOnly(false).build());
        // another refusal: its detail is not deciding statements
        events.add(event("sts", "AssumeRole", AuditEvent.UserIdentity.unknown(Optional.of("AKIAQNZGKIQY5GOLDEN9")),
                sts.request("AssumeRole", form("Action=AssumeRole&RoleSessionName=x")), Optional.empty())
                .error("InvalidClientTokenId", "The security token included in the request is invalid.")
                .detail("unknown access key " + AWKWARD).tls(Optional.of(new AuditEvent.TlsDetails(
                        Optional.empty(), Optional.empty(), Optional.of("sts.example.com")))).build());

        // a cross-account AssumeRole: the caller's account's record and the role's account's, one shared event ID
        AuditEvent crossAccount = event("sts", "AssumeRole", user, sts.request("AssumeRole", form("Action="
                        + "AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A" + OTHER_ACCOUNT + "%3Arole%2Fx&RoleSessionName=s")),
                sts.response("AssumeRole", Optional.of(assumeRoleResult))).build();
        events.add(crossAccount.withShared("9a1b2c3d-0000-4000-8000-000000000001"));
        events.add(crossAccount.forAccount("9a1b2c3d-0000-4000-8000-000000000002", OTHER_ACCOUNT,
                new AuditEvent.UserIdentity(AuditEvent.IdentityType.AWS_ACCOUNT, Optional.of("AIDAQNZGKIQY5GOLDEN1"),
                        Optional.empty(), Optional.of(ACCOUNT), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty()), "9a1b2c3d-0000-4000-8000-000000000001"));

        // an S3 gateway data event, elements as the gateway builds them
        events.add(event("s3", "GetObject", assumed, Optional.of(new AuditEvent.Elements(
                        "{\"bucketName\":\"logs\",\"Host\":\"logs.s3.example.com\",\"key\":\"a/b \\u00e9.txt\"}")),
                Optional.empty()).category(AuditEvent.Category.DATA).readOnly(true)
                .resources(List.of(new AuditEvent.Resource("arn:aws:s3:::logs/a/b é.txt", ACCOUNT, "AWS::S3::Object"),
                        new AuditEvent.Resource("arn:aws:s3:::logs", ACCOUNT, "AWS::S3::Bucket"))).build());
        // an authorization API call
        events.add(event("orders", "GetOrder", assumed, Optional.of(new AuditEvent.Elements("{\"orderId\":\"42\"}")),
                Optional.of(new AuditEvent.Elements("{\"decision\":\"Allow\"}"))).readOnly(true).build());
        // an unknown caller, no elements at all, non-ASCII in every free-text field
        events.add(event("sts", "GetCallerIdentity", AuditEvent.UserIdentity.unknown(Optional.empty()),
                Optional.empty(), Optional.empty()).userAgent(Optional.of(AWKWARD)).region("eu-" + AWKWARD)
                .sourceIp("2001:db8::1").error("Signature" + AWKWARD, AWKWARD).readOnly(true).build());
        return events;
    }

    /** Request parameters and response elements of one operation with every member filled, as one line. */
    private static String everyMember(String service, String operation, ServiceModel model) {
        AuditElements elements = new AuditElements(model);
        OperationShapes shapes = model.operation(operation).orElseThrow();
        String request = shapes.input().map(input -> {
            Map<String, String> form = new LinkedHashMap<>();
            fill(model, (Shape.Structure) model.shape(input), "", form);
            StringBuilder body = new StringBuilder("Action=" + operation);
            form.forEach((k, v) -> body.append('&').append(k).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return elements.request(operation, form(body.toString())).map(AuditEvent.Elements::json).orElse("-");
        }).orElse("-");
        String response = shapes.output().map(output -> elements.response(operation,
                Optional.of((Struct) value(model, model.shape(output), output, 0))).map(AuditEvent.Elements::json)
                .orElse("-")).orElse("-");
        return service + ":" + operation + " " + request + " " + response + "\n";
    }

    private static void fill(ServiceModel model, Shape.Structure structure, String wire, Map<String, String> form) {
        for (Shape.Member member : structure.members()) {
            param(model, model.shape(member.target()), wire + member.name(), form);
        }
    }

    private static void param(ServiceModel model, Shape shape, String wire, Map<String, String> form) {
        switch (shape) {
            case Shape.Scalar scalar -> form.put(wire, switch (scalar.type()) {
                case INTEGER, LONG -> "7";
                case BOOLEAN -> "true";
                case TIMESTAMP -> "2020-01-01T00:00:00Z";
                case DOUBLE, FLOAT -> "1.5";
                case STRING, BLOB -> wire + "-é\"";
            });
            case Shape.Structure nested -> {
                if (wire.split("\\.").length < 6) {
                    fill(model, nested, wire + ".", form);
                }
            }
            case Shape.ListShape list -> {
                param(model, model.shape(list.member()), wire + ".member.1", form);
                param(model, model.shape(list.member()), wire + ".member.2", form);
            }
            case Shape.MapShape map -> {
                form.put(wire + ".entry.1.key", "k1");
                param(model, model.shape(map.value()), wire + ".entry.1.value", form);
                form.put(wire + ".entry.2.key", "k2");
                param(model, model.shape(map.value()), wire + ".entry.2.value", form);
                form.put(wire + ".entry.3.key", "k1");
                param(model, model.shape(map.value()), wire + ".entry.3.value", form);
            }
        }
    }

    private static Value value(ServiceModel model, Shape shape, String path, int depth) {
        return switch (shape) {
            case Shape.Scalar scalar -> switch (scalar.type()) {
                case STRING, BLOB -> new Value.Text(path + "-ü\\");
                case INTEGER, LONG -> new Value.Int(-7);
                case BOOLEAN -> new Value.Bool(false);
                case TIMESTAMP -> new Value.Timestamp(Instant.parse("2026-03-23T14:39:51Z"));
                case DOUBLE, FLOAT -> new Value.Text("1.5");
            };
            case Shape.Structure structure -> {
                Struct.Builder builder = Struct.builder();
                if (depth < 5) {
                    structure.members().forEach(m -> builder.put(m.name(),
                            value(model, model.shape(m.target()), path + "/" + m.name(), depth + 1)));
                }
                yield builder.build();
            }
            case Shape.ListShape list -> new Value.ListOf(List.of(value(model, model.shape(list.member()), path,
                    depth + 1), value(model, model.shape(list.member()), path + "#2", depth + 1)));
            case Shape.MapShape map -> {
                Map<String, Value> entries = new LinkedHashMap<>();
                entries.put("k", value(model, model.shape(map.value()), path, depth + 1));
                entries.put("é", value(model, model.shape(map.value()), path + "#2", depth + 1));
                yield new Value.MapOf(entries);
            }
        };
    }

    private static QueryParameters form(String body) {
        return QueryParameters.decode("", body.getBytes(StandardCharsets.UTF_8));
    }

    private static Event event(String service, String name, AuditEvent.UserIdentity identity,
            Optional<AuditEvent.Elements> request, Optional<AuditEvent.Elements> response) {
        return new Event(service, name, identity, request, response);
    }

    /** A record under construction, with the usual values for what a case does not set. */
    private static final class Event {
        private final String service;
        private final String name;
        private final AuditEvent.UserIdentity identity;
        private final Optional<AuditEvent.Elements> request;
        private final Optional<AuditEvent.Elements> response;
        private Instant eventTime = TIME;
        private Optional<String> userAgent = Optional.of("Boto3/1.40.0 md/Botocore#1.43.0 ua/2.1 os/linux");
        private String region = "us-east-1";
        private String sourceIp = "192.0.2.10";
        private Optional<String> errorCode = Optional.empty();
        private Optional<String> errorMessage = Optional.empty();
        private Optional<String> detail = Optional.empty();
        private boolean readOnly;
        private List<AuditEvent.Resource> resources = List.of();
        private Optional<AuditEvent.TlsDetails> tls = Optional.empty();
        private AuditEvent.Category category = AuditEvent.Category.MANAGEMENT;

        Event(String service, String name, AuditEvent.UserIdentity identity, Optional<AuditEvent.Elements> request,
                Optional<AuditEvent.Elements> response) {
            this.service = service;
            this.name = name;
            this.identity = identity;
            this.request = request;
            this.response = response;
        }

        Event eventTime(Instant value) {
            eventTime = value;
            return this;
        }

        Event userAgent(Optional<String> value) {
            userAgent = value;
            return this;
        }

        Event region(String value) {
            region = value;
            return this;
        }

        Event sourceIp(String value) {
            sourceIp = value;
            return this;
        }

        Event error(String code, String message) {
            errorCode = Optional.of(code);
            errorMessage = Optional.of(message);
            return this;
        }

        Event detail(String value) {
            detail = Optional.of(value);
            return this;
        }

        Event readOnly(boolean value) {
            readOnly = value;
            return this;
        }

        Event resources(List<AuditEvent.Resource> value) {
            resources = value;
            return this;
        }

        Event tls(Optional<AuditEvent.TlsDetails> value) {
            tls = value;
            return this;
        }

        Event category(AuditEvent.Category value) {
            category = value;
            return this;
        }

        AuditEvent build() {
            return new AuditEvent("0f0e0d0c-0b0a-4908-8706-05040302010" + name.length() % 10, eventTime,
                    service + ".amazonaws.com", name, region, sourceIp, userAgent, identity, request, response,
                    errorCode, errorMessage, "c0ffee00-1111-4222-8333-" + String.format("%012d", name.hashCode()
                            & 0xffff), readOnly, resources, Optional.of(ACCOUNT), Optional.empty(), tls, category,
                    detail);
        }
    }
}

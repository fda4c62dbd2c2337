package dev.lanyard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.iamapi.IamModel;
import dev.lanyard.pipeline.AuditElements;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import dev.lanyard.query.model.OperationShapes;
import dev.lanyard.query.model.Shape;
import dev.lanyard.query.model.ServiceModel;
import dev.lanyard.sts.StsOperations;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation of STS's and IAM's models, every member at every depth of its request and its answer, filled with a
 * value that names it: the audit trail's request parameters and response elements carry each value whose shape is
 * not secret and none whose shape is, and a member whose name says secret (a password, a private key, a token...) must
 * have a secret shape, so a secret the model forgets to mark fails here rather than landing in the trail.
 */
class AuditedSecretsTest {
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(secret|password|privatekey|token|assertion|seed|qrcode|authenticationcode).*");
    /** Members whose name sounds secret and whose value is not (checked by hand, each with its reason). */
    private static final Set<String> NOT_SECRET = Set.of(
            "SubjectFromWebIdentityToken", // the token's sub claim, an identifier
            "SAMLAssertionID", // the assertion's ID, which CloudTrail records
            "AssertionEncryptionMode", // an enum: Required or Allowed
            "GlobalEndpointTokenVersion", // an enum: v1Token or v2Token
            "SSHPublicKeyBody", // a public key
            "KeyId", // a private key's ID, not the key
            "RemovePrivateKey"); // the ID of the private key to remove

    static Stream<Arguments> operations() {
        List<Arguments> all = new ArrayList<>();
        for (Map.Entry<String, ServiceModel> service : Map.of("sts", StsOperations.MODEL, "iam", IamModel.MODEL)
                .entrySet()) {
            service.getValue().operationNames().stream().sorted()
                    .forEach(op -> all.add(Arguments.of(service.getKey(), op, service.getValue())));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}:{1}")
    @MethodSource("operations")
    void auditedElementsCarryNoSecret(String service, String operation, ServiceModel model) {
        AuditElements elements = new AuditElements(model);
        OperationShapes shapes = model.operation(operation).orElseThrow();
        shapes.input().ifPresent(input -> {
            Filled filled = new Filled(model);
            filled.structure((Shape.Structure) model.shape(input), "", "");
            QueryParameters params = QueryParameters.decode("", filled.form().getBytes(StandardCharsets.UTF_8));
            String audited = elements.request(operation, params).map(AuditEvent.Elements::json).orElse("");
            filled.check(audited);
        });
        shapes.output().ifPresent(output -> {
            Filled filled = new Filled(model);
            Value result = filled.value(model.shape(output), output);
            String audited = elements.response(operation, Optional.of((Struct) result))
                    .map(AuditEvent.Elements::json).orElse("");
            filled.check(audited);
        });
    }

    /** Values that name their member, noted as secret or told. */
    private static final class Filled {
        private final ServiceModel model;
        private final Map<String, String> form = new LinkedHashMap<>();
        private final List<String> told = new ArrayList<>();
        private final List<String> secret = new ArrayList<>();

        Filled(ServiceModel model) {
            this.model = model;
        }

        void structure(Shape.Structure structure, String wire, String path) {
            for (Shape.Member member : structure.members()) {
                param(model.shape(member.target()), member.name(), wire + member.name(), path + "/" + member.name());
            }
        }

        private void param(Shape shape, String name, String wire, String path) {
            switch (shape) {
                case Shape.Scalar scalar -> form.put(wire, scalar(scalar, name, path));
                case Shape.Structure nested -> {
                    if (path.split("/").length < 6) {
                        structure(nested, wire + ".", path);
                    }
                }
                case Shape.ListShape list -> param(model.shape(list.member()), name, wire + ".member.1", path + "/1");
                case Shape.MapShape map -> {
                    form.put(wire + ".entry.1.key", "k");
                    param(model.shape(map.value()), name, wire + ".entry.1.value", path + "/k");
                }
            }
        }

        Value value(Shape shape, String path) {
            return switch (shape) {
                case Shape.Scalar scalar -> switch (scalar.type()) {
                    case STRING, BLOB -> new Value.Text(scalar(scalar, lastName(path), path));
                    case INTEGER, LONG -> new Value.Int(7);
                    case BOOLEAN -> new Value.Bool(true);
                    case TIMESTAMP -> new Value.Timestamp(java.time.Instant.EPOCH);
                    case DOUBLE, FLOAT -> new Value.Text("1.5");
                };
                case Shape.Structure structure -> {
                    Struct.Builder builder = Struct.builder();
                    if (path.split("/").length < 6) {
                        structure.members().forEach(m -> builder.put(m.name(),
                                value(model.shape(m.target()), path + "/" + m.name())));
                    }
                    yield builder.build();
                }
                case Shape.ListShape list -> new Value.ListOf(List.of(value(model.shape(list.member()), path)));
                case Shape.MapShape map -> new Value.MapOf(Map.of("k", value(model.shape(map.value()), path)));
            };
        }

        private static String lastName(String path) {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        private String scalar(Shape.Scalar scalar, String name, String path) {
            return switch (scalar.type()) {
                case INTEGER, LONG -> "7";
                case BOOLEAN -> "true";
                case TIMESTAMP -> "2020-01-01T00:00:00Z";
                case DOUBLE, FLOAT -> "1.5";
                case STRING, BLOB -> {
                    String marker = "value-of" + path.replace('/', '-') + "-end";
                    boolean secretShape = AuditElements.secret(scalar);
                    if (SECRET_NAME.matcher(name).matches() && !NOT_SECRET.contains(name)) {
                        assertThat(secretShape).as("%s names a secret; its shape %s must be secret (sensitive in"
                                + " the model, or in AuditElements.SECRET_SHAPES)", path, scalar.name()).isTrue();
                    }
                    (secretShape ? secret : told).add(marker);
                    yield marker;
                }
            };
        }

        String form() {
            StringBuilder body = new StringBuilder();
            form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return body.toString();
        }

        void check(String audited) {
            for (String marker : secret) {
                assertThat(audited).as("a secret in the trail").doesNotContain(marker);
            }
            for (String marker : told) {
                assertThat(audited).as("a told value left out").contains(marker);
            }
        }
    }
}

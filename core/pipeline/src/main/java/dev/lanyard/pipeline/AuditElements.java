package dev.lanyard.pipeline;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import dev.lanyard.query.model.OperationShapes;
import dev.lanyard.query.model.Shape;
import dev.lanyard.query.model.ServiceModel;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * CloudTrail's {@code requestParameters} and {@code responseElements} of a Query operation, built by walking the
 * operation's model shapes: only members the model declares appear (an allow-list no new parameter slips past), named
 * as CloudTrail names them (first letter lower-cased), and a member whose shape is secret never does, at any depth. A
 * shape is secret when the model marks it sensitive (secret keys, passwords, private keys, SAML assertions, web
 * identity tokens, TOTP seeds) or when it is one of {@link #SECRET_SHAPES}, which the model leaves unmarked.
 */
public final class AuditElements {
    /**
     * Shapes Lanyard keeps out of the trail beyond the model's sensitive ones: the session token (AWS's CloudTrail
     * records it; Lanyard's is a bearer credential with its secret sealed inside), one-time MFA codes, and the signed
     * context assertions of ProvidedContexts.
     */
    public static final Set<String> SECRET_SHAPES = Set.of("tokenType", "tokenCodeType", "authenticationCodeType",
            "contextAssertionType");

    /** CloudTrail writes dates inside response elements this way ({@code Mar 23, 2016, 2:39:51 AM}), in UTC. */
    private static final DateTimeFormatter RESPONSE_DATE = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a",
            Locale.US).withZone(ZoneOffset.UTC);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ServiceModel model;

    public AuditElements(ServiceModel model) {
        this.model = requireNonNull(model, "model is null");
    }

    public static boolean secret(Shape.Scalar scalar) {
        return scalar.sensitive() || SECRET_SHAPES.contains(scalar.name());
    }

    /** The request's modelled parameters; empty when the operation has no input shape or sent none. */
    public Optional<AuditEvent.Elements> request(String operation, QueryParameters params) {
        Optional<String> input = model.operation(operation).flatMap(OperationShapes::input);
        if (input.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode node = structure((Shape.Structure) model.shape(input.get()), params, "");
        return node.isEmpty() ? Optional.empty() : Optional.of(new AuditEvent.Elements(node.toString()));
    }

    /** The answer's modelled members; empty when there is no result or nothing in it may be told. */
    public Optional<AuditEvent.Elements> response(String operation, Optional<Struct> result) {
        Optional<String> output = model.operation(operation).flatMap(OperationShapes::output);
        if (output.isEmpty() || result.isEmpty()) {
            return Optional.empty();
        }
        JsonNode node = value(result.get(), model.shape(output.get()));
        return node.isObject() && !node.isEmpty() ? Optional.of(new AuditEvent.Elements(node.toString()))
                : Optional.empty();
    }

    private ObjectNode structure(Shape.Structure structure, QueryParameters params, String prefix) {
        ObjectNode node = NODES.objectNode();
        for (Shape.Member member : structure.members()) {
            String wire = prefix + member.name();
            param(model.shape(member.target()), params, wire).ifPresent(v -> node.set(lowerFirst(member.name()), v));
        }
        return node;
    }

    private Optional<JsonNode> param(Shape shape, QueryParameters params, String wire) {
        return switch (shape) {
            case Shape.Scalar scalar -> secret(scalar) ? Optional.empty()
                    : params.get(wire).map(text -> scalar(scalar, text));
            case Shape.Structure nested -> {
                if (!params.hasAnyUnder(wire + ".")) {
                    yield Optional.empty();
                }
                yield Optional.of(structure(nested, params, wire + "."));
            }
            case Shape.ListShape list -> {
                SortedSet<Integer> indexes = params.indexesUnder(wire + ".member.");
                if (indexes.isEmpty()) {
                    yield params.get(wire).map(empty -> NODES.arrayNode());
                }
                Shape element = model.shape(list.member());
                ArrayNode items = NODES.arrayNode();
                indexes.forEach(i -> param(element, params, wire + ".member." + i).ifPresent(items::add));
                yield Optional.of(items);
            }
            case Shape.MapShape map -> {
                SortedSet<Integer> indexes = params.indexesUnder(wire + ".entry.");
                if (indexes.isEmpty()) {
                    yield Optional.empty();
                }
                Shape valueShape = model.shape(map.value());
                ObjectNode entries = NODES.objectNode();
                indexes.forEach(i -> params.get(wire + ".entry." + i + ".key").ifPresent(key ->
                        param(valueShape, params, wire + ".entry." + i + ".value").ifPresent(v -> entries.set(key, v))));
                yield Optional.of(entries);
            }
        };
    }

    private static JsonNode scalar(Shape.Scalar scalar, String text) {
        try {
            return switch (scalar.type()) {
                case INTEGER, LONG -> NODES.numberNode(Long.parseLong(text));
                case BOOLEAN -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")
                        ? NODES.booleanNode(Boolean.parseBoolean(text)) : NODES.textNode(text);
                case STRING, TIMESTAMP, BLOB, DOUBLE, FLOAT -> NODES.textNode(text);
            };
        } catch (NumberFormatException e) {
            return NODES.textNode(text);
        }
    }

    private JsonNode value(Value value, Shape shape) {
        return switch (value) {
            case Struct struct when shape instanceof Shape.Structure structure -> {
                ObjectNode node = NODES.objectNode();
                for (Map.Entry<String, Value> field : struct.fields().entrySet()) {
                    structure.member(field.getKey())
                            .map(member -> model.shape(member.target()))
                            .filter(target -> !(target instanceof Shape.Scalar scalar && secret(scalar)))
                            .ifPresent(target -> node.set(lowerFirst(field.getKey()), value(field.getValue(), target)));
                }
                yield node;
            }
            case Value.ListOf list when shape instanceof Shape.ListShape listShape -> {
                Shape element = model.shape(listShape.member());
                ArrayNode items = NODES.arrayNode();
                if (!(element instanceof Shape.Scalar scalar && secret(scalar))) {
                    list.items().forEach(item -> items.add(value(item, element)));
                }
                yield items;
            }
            case Value.MapOf map when shape instanceof Shape.MapShape mapShape -> {
                Shape valueShape = model.shape(mapShape.value());
                ObjectNode entries = NODES.objectNode();
                if (!(valueShape instanceof Shape.Scalar scalar && secret(scalar))) {
                    map.entries().forEach((k, v) -> entries.set(k, value(v, valueShape)));
                }
                yield entries;
            }
            case Value.Text text -> NODES.textNode(text.value());
            case Value.Int n -> NODES.numberNode(n.value());
            case Value.Bool b -> NODES.booleanNode(b.value());
            case Value.Timestamp t -> NODES.textNode(RESPONSE_DATE.format(t.value()));
            // a value whose shape disagrees with the model: left out rather than guessed at
            case Struct struct -> NODES.nullNode();
            case Value.ListOf list -> NODES.nullNode();
            case Value.MapOf map -> NODES.nullNode();
        };
    }

    static String lowerFirst(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}

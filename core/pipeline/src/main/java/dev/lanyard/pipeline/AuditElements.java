package dev.lanyard.pipeline;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lanyard.iam.spi.AuditEvent;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import dev.lanyard.query.model.OperationShapes;
import dev.lanyard.query.model.Shape;
import dev.lanyard.query.model.ServiceModel;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * CloudTrail's {@code requestParameters} and {@code responseElements} of a Query operation, built by walking the
 * operation's model shapes: only members the model declares appear (an allow-list no new parameter slips past), named
 * as CloudTrail names them (first letter lower-cased), and a member whose shape is secret never does, at any depth. A
 * shape is secret when the model marks it sensitive (secret keys, passwords, private keys, SAML assertions, web
 * identity tokens, TOTP seeds) or when it is one of {@link #SECRET_SHAPES}, which the model leaves unmarked.
 *
 * <p>The JSON is streamed straight from the parameters and the answer (no tree in between): this runs for every call.
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
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};
    private static final long FIRST_FAST_SECOND = LocalDateTime.of(1000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long LAST_FAST_SECOND = LocalDateTime.of(9999, 12, 31, 23, 59, 59)
            .toEpochSecond(ZoneOffset.UTC);
    private static final JsonFactory JSON = new JsonFactory();
    private static final String EMPTY_OBJECT = "{}";

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
        ParameterTree names = ParameterTree.of(params);
        return elements(json -> structure(json, (Shape.Structure) model.shape(input.get()), names));
    }

    /** The answer's modelled members; empty when there is no result or nothing in it may be told. */
    public Optional<AuditEvent.Elements> response(String operation, Optional<Struct> result) {
        Optional<String> output = model.operation(operation).flatMap(OperationShapes::output);
        if (output.isEmpty() || result.isEmpty() || !(model.shape(output.get()) instanceof Shape.Structure shape)) {
            return Optional.empty();
        }
        return elements(json -> struct(json, result.get(), shape));
    }

    private interface Writing {
        void write(JsonGenerator json) throws IOException;
    }

    private static Optional<AuditEvent.Elements> elements(Writing writing) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            writing.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = out.toString();
        return text.equals(EMPTY_OBJECT) ? Optional.empty() : Optional.of(new AuditEvent.Elements(text));
    }

    /** {@code names} is the node of the structure's own name (the tree's root for the request itself), or null. */
    private void structure(JsonGenerator json, Shape.Structure structure, ParameterTree names) throws IOException {
        json.writeStartObject();
        for (Shape.Member member : structure.members()) {
            param(json, lowerFirst(member.name()), model.shape(member.target()), ParameterTree.child(names,
                    member.name()));
        }
        json.writeEndObject();
    }

    /**
     * Writes the member (as {@code field}, or as an array item when {@code field} is null) if the request has it;
     * {@code names} is the member's node in the request's names, null when no name starts with the member's.
     */
    private void param(JsonGenerator json, String field, Shape shape, ParameterTree names) throws IOException {
        if (names == null) {
            return;
        }
        switch (shape) {
            case Shape.Scalar scalar -> {
                if (!secret(scalar) && names.value() != null) {
                    name(json, field);
                    scalar(json, scalar, names.value());
                }
            }
            case Shape.Structure nested -> {
                if (names.hasChildren()) {
                    name(json, field);
                    structure(json, nested, names);
                }
            }
            case Shape.ListShape list -> {
                ParameterTree members = ParameterTree.child(names, "member");
                SortedMap<Integer, Boolean> items = indexes(members);
                if (items.isEmpty()) {
                    if (names.value() != null) {
                        name(json, field);
                        json.writeStartArray();
                        json.writeEndArray();
                    }
                    return;
                }
                Shape element = model.shape(list.member());
                name(json, field);
                json.writeStartArray();
                for (Map.Entry<Integer, Boolean> item : items.entrySet()) {
                    ParameterTree itemNames = ParameterTree.child(members, Integer.toString(item.getKey()));
                    // a structure item is there when a name goes below it (the index alone says nothing)
                    if (element instanceof Shape.Structure nested) {
                        if (item.getValue()) {
                            structure(json, nested, itemNames);
                        }
                    } else {
                        param(json, null, element, itemNames);
                    }
                }
                json.writeEndArray();
            }
            case Shape.MapShape map -> {
                ParameterTree entryNames = ParameterTree.child(names, "entry");
                SortedMap<Integer, Boolean> entries = indexes(entryNames);
                if (entries.isEmpty()) {
                    return;
                }
                // a key sent twice is told once, with its last value, where the first one stood
                Map<String, ParameterTree> lastEntryOfKey = new LinkedHashMap<>();
                for (Integer i : entries.keySet()) {
                    ParameterTree entry = ParameterTree.child(entryNames, Integer.toString(i));
                    ParameterTree key = ParameterTree.child(entry, "key");
                    if (key != null && key.value() != null) {
                        lastEntryOfKey.put(key.value(), entry);
                    }
                }
                Shape valueShape = model.shape(map.value());
                name(json, field);
                json.writeStartObject();
                for (Map.Entry<String, ParameterTree> entry : lastEntryOfKey.entrySet()) {
                    param(json, entry.getKey(), valueShape, ParameterTree.child(entry.getValue(), "value"));
                }
                json.writeEndObject();
            }
        }
    }

    /**
     * The numbers among the names below {@code node} ({@code Tags.member} gives 1 and 2 for {@code Tags.member.1.Key}
     * and {@code Tags.member.2}), each with whether some name goes below it.
     */
    private static SortedMap<Integer, Boolean> indexes(ParameterTree node) {
        SortedMap<Integer, Boolean> indexes = new TreeMap<>();
        if (node == null) {
            return indexes;
        }
        for (Map.Entry<String, ParameterTree> child : node.children()) {
            String index = child.getKey();
            if (index.isEmpty() || index.length() >= 10 || !digits(index)) {
                continue;
            }
            indexes.merge(Integer.parseInt(index), child.getValue().hasChildren(), Boolean::logicalOr);
        }
        return indexes;
    }

    private static boolean digits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void name(JsonGenerator json, String field) throws IOException {
        if (field != null) {
            json.writeFieldName(field);
        }
    }

    private static void scalar(JsonGenerator json, Shape.Scalar scalar, String text) throws IOException {
        switch (scalar.type()) {
            case INTEGER, LONG -> {
                Optional<Long> number = number(text);
                if (number.isPresent()) {
                    json.writeNumber(number.get());
                } else {
                    json.writeString(text);
                }
            }
            case BOOLEAN -> {
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    json.writeBoolean(Boolean.parseBoolean(text));
                } else {
                    json.writeString(text);
                }
            }
            case STRING, TIMESTAMP, BLOB, DOUBLE, FLOAT -> json.writeString(text);
        }
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void struct(JsonGenerator json, Struct struct, Shape.Structure structure) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, Value> field : struct.fields().entrySet()) {
            Optional<Shape> target = structure.member(field.getKey()).map(member -> model.shape(member.target()));
            if (target.isPresent() && !(target.get() instanceof Shape.Scalar scalar && secret(scalar))) {
                json.writeFieldName(lowerFirst(field.getKey()));
                value(json, field.getValue(), target.get());
            }
        }
        json.writeEndObject();
    }

    private void value(JsonGenerator json, Value value, Shape shape) throws IOException {
        switch (value) {
            case Struct struct when shape instanceof Shape.Structure structure -> struct(json, struct, structure);
            case Value.ListOf list when shape instanceof Shape.ListShape listShape -> {
                Shape element = model.shape(listShape.member());
                json.writeStartArray();
                if (!(element instanceof Shape.Scalar scalar && secret(scalar))) {
                    for (Value item : list.items()) {
                        value(json, item, element);
                    }
                }
                json.writeEndArray();
            }
            case Value.MapOf map when shape instanceof Shape.MapShape mapShape -> {
                Shape valueShape = model.shape(mapShape.value());
                json.writeStartObject();
                if (!(valueShape instanceof Shape.Scalar scalar && secret(scalar))) {
                    for (Map.Entry<String, Value> entry : map.entries().entrySet()) {
                        json.writeFieldName(entry.getKey());
                        value(json, entry.getValue(), valueShape);
                    }
                }
                json.writeEndObject();
            }
            case Value.Text text -> json.writeString(text.value());
            case Value.Int n -> json.writeNumber(n.value());
            case Value.Bool b -> json.writeBoolean(b.value());
            case Value.Timestamp t -> json.writeString(responseDate(t.value()));
            // a value whose shape disagrees with the model: left out rather than guessed at
            case Struct struct -> json.writeNull();
            case Value.ListOf list -> json.writeNull();
            case Value.MapOf map -> json.writeNull();
        }
    }

    /**
     * {@link #RESPONSE_DATE}'s text, written field by field for years 1000 to 9999 (four digits, the formatter's general machinery was a
     * fifth of the response elements' time); other years as the formatter writes them.
     */
    static String responseDate(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_FAST_SECOND || seconds > LAST_FAST_SECOND) {
            return RESPONSE_DATE.format(instant);
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        int hour = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        StringBuilder text = new StringBuilder(26).append(MONTHS[t.getMonthValue() - 1]).append(' ')
                .append(t.getDayOfMonth()).append(", ").append(t.getYear()).append(", ").append(hour).append(':');
        twoDigits(text, t.getMinute()).append(':');
        return twoDigits(text, t.getSecond()).append(t.getHour() < 12 ? " AM" : " PM").toString();
    }

    private static StringBuilder twoDigits(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    static String lowerFirst(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}

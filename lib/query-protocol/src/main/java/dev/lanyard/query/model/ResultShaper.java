package dev.lanyard.query.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts an operation's result into the shape its model gives: members in the model's order at every depth (XML
 * clients read them in any order, but AWS writes them in this one), and a result element, empty if need be, for every
 * operation whose model has an output shape (boto3 and the AWS CLI look for {@code <UpdateRoleResult>} and fail
 * without it), and timestamps in whole seconds for a service that writes them so. Members the model lacks stay, after
 * the others, for the conformance tests to find.
 */
public final class ResultShaper {
    private final ServiceModel model;
    private final boolean wholeSeconds;

    public ResultShaper(ServiceModel model, ServiceStyle style) {
        this.model = requireNonNull(model, "model is null");
        this.wholeSeconds = style.wholeSecondTimestamps();
    }

    public Optional<Struct> shape(String operation, Optional<Struct> result) {
        Optional<String> output = model.operation(operation).flatMap(OperationShapes::output);
        if (output.isEmpty()) {
            return result;
        }
        Struct struct = result.orElseGet(() -> Struct.builder().build());
        return Optional.of((Struct) reorder(struct, model.shape(output.get())));
    }

    private Value reorder(Value value, Shape shape) {
        return switch (value) {
            case Struct struct when shape instanceof Shape.Structure structure -> reorder(struct, structure);
            case Value.ListOf list when shape instanceof Shape.ListShape listShape -> {
                Shape member = model.shape(listShape.member());
                List<Value> items = new ArrayList<>(list.items().size());
                list.items().forEach(item -> items.add(reorder(item, member)));
                yield new Value.ListOf(items);
            }
            case Value.MapOf map when shape instanceof Shape.MapShape mapShape -> {
                Shape valueShape = model.shape(mapShape.value());
                Map<String, Value> entries = new LinkedHashMap<>();
                map.entries().forEach((k, v) -> entries.put(k, reorder(v, valueShape)));
                yield new Value.MapOf(entries);
            }
            case Value.Timestamp t when wholeSeconds -> new Value.Timestamp(t.value().truncatedTo(ChronoUnit.SECONDS));
            default -> value;
        };
    }

    private Struct reorder(Struct struct, Shape.Structure structure) {
        Map<String, Value> fields = struct.fields();
        Struct.Builder ordered = Struct.builder();
        for (Shape.Member member : structure.members()) {
            Value value = fields.get(member.name());
            if (value != null) {
                ordered.put(member.name(), reorder(value, model.shape(member.target())));
            }
        }
        fields.forEach((name, value) -> {
            if (structure.member(name).isEmpty()) {
                ordered.put(name, value);
            }
        });
        return ordered.build();
    }
}

package dev.lanyard.query.model;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An AWS service's API model as Lanyard ships it: the lines {@code derive_models.py} writes from botocore's model
 * (operations, structures, lists, maps and scalars with their constraints, tab-separated, {@code -} for absent).
 */
public final class ServiceModel {
    private final Map<String, OperationShapes> operations;
    private final Map<String, Shape> shapes;

    private ServiceModel(Map<String, OperationShapes> operations, Map<String, Shape> shapes) {
        this.operations = Map.copyOf(operations);
        this.shapes = Map.copyOf(shapes);
    }

    /**
     * @throws IllegalArgumentException for a malformed line, a pattern Java cannot compile, or a shape that names one
     *     the model lacks
     */
    public static ServiceModel parse(String text) {
        requireNonNull(text, "text is null");
        Map<String, OperationShapes> operations = new HashMap<>();
        Map<String, Shape> shapes = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "operation" -> operations.put(f[1], new OperationShapes(f[1], optional(f[2]), optional(f[3])));
                case "structure" -> shapes.put(f[1], structure(f));
                case "list" -> shapes.put(f[1], new Shape.ListShape(f[1], f[2], number(f[3]), number(f[4])));
                case "map" -> shapes.put(f[1], new Shape.MapShape(f[1], f[2], f[3]));
                case "scalar" -> shapes.put(f[2], scalar(f));
                default -> throw new IllegalArgumentException("unknown model line: " + line);
            }
        }
        ServiceModel model = new ServiceModel(operations, shapes);
        model.checkReferences();
        return model;
    }

    public Optional<OperationShapes> operation(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    public Set<String> operationNames() {
        return operations.keySet();
    }

    /** @throws IllegalArgumentException for a name the model lacks */
    public Shape shape(String name) {
        Shape shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("no shape " + name);
        }
        return shape;
    }

    private void checkReferences() {
        operations.values().forEach(op -> {
            op.input().ifPresent(this::shape);
            op.output().ifPresent(this::shape);
        });
        for (Shape shape : shapes.values()) {
            switch (shape) {
                case Shape.Structure s -> s.members().forEach(m -> shape(m.target()));
                case Shape.ListShape l -> shape(l.member());
                case Shape.MapShape m -> {
                    shape(m.key());
                    shape(m.value());
                }
                case Shape.Scalar scalar -> { }
            }
        }
    }

    private static Shape.Structure structure(String[] f) {
        List<Shape.Member> members = new ArrayList<>();
        for (int i = 2; i < f.length; i++) {
            String[] parts = f[i].split(":", -1);
            members.add(new Shape.Member(parts[0], parts[1], parts.length > 2 && parts[2].equals("required")));
        }
        return new Shape.Structure(f[1], members);
    }

    private static Shape.Scalar scalar(String[] f) {
        Shape.ScalarType type = Shape.ScalarType.valueOf(f[1].toUpperCase(Locale.ROOT));
        Optional<Pattern> pattern = optional(f[6]).map(Pattern::compile);
        List<String> enumValues = Arrays.asList(f).subList(7, f.length);
        return new Shape.Scalar(f[2], type, number(f[3]), number(f[4]), f[5].equals("sensitive"), pattern,
                enumValues);
    }

    private static Optional<String> optional(String field) {
        return field.equals("-") ? Optional.empty() : Optional.of(field);
    }

    private static OptionalLong number(String field) {
        return field.equals("-") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(field));
    }
}

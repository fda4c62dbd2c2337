package dev.lanyard.query.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.AwsException;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.ValidationErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;

/**
 * Checks a Query request against its operation's input shape as AWS's front end does, before the operation runs:
 * lengths, value ranges, patterns and enum values of every member present, at any depth, reported together in one
 * ValidationError ({@code N validation errors detected: ...}) in AWS's order (see {@link HashOrder}). Required members
 * are left to the operations (they answer MissingParameter). Patterns the service checks itself
 * ({@link ServiceStyle#ownPatternSentences()}) are checked only when every model constraint holds, and the first
 * one that fails is reported alone in the service's sentence.
 */
public final class InputValidator {
    private static final String ELEMENT_NOT_NULL = "Member must not be null";

    private final ServiceModel model;
    private final ServiceStyle style;

    public InputValidator(ServiceModel model, ServiceStyle style) {
        this.model = requireNonNull(model, "model is null");
        this.style = requireNonNull(style, "style is null");
    }

    /** @throws AwsException ValidationError when a constraint fails; nothing for an operation the model lacks */
    public void validate(String operation, QueryParameters params) {
        Optional<String> input = model.operation(operation).flatMap(OperationShapes::input);
        if (input.isEmpty()) {
            return;
        }
        Walk walk = new Walk(params);
        walk.structure((Shape.Structure) model.shape(input.get()), "", "");
        walk.errors.throwIfAny();
        if (!walk.ownChecks.isEmpty()) {
            throw AwsErrors.validation(walk.ownChecks.getFirst());
        }
    }

    private final class Walk {
        private final QueryParameters params;
        private final ValidationErrors.Collector errors = ValidationErrors.collector();
        private final List<String> ownChecks = new ArrayList<>();

        Walk(QueryParameters params) {
            this.params = params;
        }

        void structure(Shape.Structure structure, String wirePrefix, String pathPrefix) {
            for (Shape.Member member : HashOrder.of(structure.members(), m -> lowerFirst(m.name()))) {
                String wire = wirePrefix + member.name();
                String path = pathPrefix + lowerFirst(member.name());
                switch (model.shape(member.target())) {
                    case Shape.Scalar scalar -> params.get(wire).ifPresent(v -> scalar(scalar, member, path, v));
                    case Shape.ListShape list -> list(list, wire, path);
                    case Shape.Structure nested -> {
                        if (params.hasAnyUnder(wire + ".")) {
                            structure(nested, wire + ".", path + ".");
                        }
                    }
                    case Shape.MapShape map -> { }
                }
            }
        }

        private void scalar(Shape.Scalar scalar, Shape.Member member, String path, String value) {
            for (String failure : failures(scalar, value)) {
                add(path, value, scalar.sensitive(), failure);
            }
            scalar.patternText().filter(style.ownPatternSentences()::containsKey)
                    .filter(p -> !scalar.pattern().orElseThrow().matcher(value).matches())
                    .ifPresent(p -> ownChecks.add(style.ownPatternSentences().get(p)
                            .replace("{member}", lowerFirst(member.name()))));
        }

        private void list(Shape.ListShape list, String wire, String path) {
            SortedSet<Integer> indexes = params.indexesUnder(wire + ".member.");
            boolean sentEmpty = params.get(wire).isPresent();
            if (indexes.isEmpty() && !sentEmpty) {
                return;
            }
            Shape element = model.shape(list.member());
            List<String> texts = new ArrayList<>();
            if (element instanceof Shape.Scalar scalar) {
                indexes.forEach(i -> params.get(wire + ".member." + i).ifPresent(texts::add));
            }
            String listText = "[" + String.join(", ", texts) + "]";
            boolean sensitive = element instanceof Shape.Scalar scalar && scalar.sensitive();
            lengthFailure(indexes.size(), list.min(), list.max()).ifPresent(f -> add(path, listText, sensitive, f));
            switch (element) {
                case Shape.Scalar scalar -> {
                    if (texts.stream().anyMatch(t -> !failures(scalar, t).isEmpty())) {
                        add(path, listText, sensitive, "Member must satisfy constraint: ["
                                + String.join(", ", constraints(scalar)) + "]");
                    }
                }
                case Shape.Structure structure -> indexes.forEach(i -> structure(structure,
                        wire + ".member." + i + ".", path + "." + i + ".member."));
                case Shape.ListShape nested -> { }
                case Shape.MapShape map -> { }
            }
        }

        private void add(String path, String value, boolean sensitive, String constraint) {
            if (style.echoValues() && !sensitive) {
                errors.add(path, value, constraint);
            } else {
                errors.addWithoutValue(path, constraint);
            }
        }

    }

    /** The model constraints a value fails, in AWS's order: length (or range), pattern, enum. */
    private List<String> failures(Shape.Scalar scalar, String value) {
        List<String> failures = new ArrayList<>(1);
        switch (scalar.type()) {
            case STRING -> {
                lengthFailure(value.length(), scalar.min(), scalar.max()).ifPresent(failures::add);
                scalar.pattern().filter(p -> !style.ownPatternSentences().containsKey(p.pattern()))
                        .filter(p -> !p.matcher(value).matches())
                        .ifPresent(p -> failures.add(ValidationErrors.pattern(p.pattern())));
                if (!scalar.enumValues().isEmpty() && !scalar.enumValues().contains(value)) {
                    failures.add(enumFailure(scalar));
                }
            }
            case INTEGER, LONG -> number(value).flatMap(n -> rangeFailure(n, scalar)).ifPresent(failures::add);
            case BOOLEAN, TIMESTAMP, BLOB, DOUBLE, FLOAT -> { }
        }
        return failures;
    }

    /**
     * Every constraint of a list's element shape, as AWS lists them when an element fails: length, pattern, and
     * "not null" for a patterned element (AWS names it for tag keys, not for OIDC client IDs or thumbprints), enum.
     */
    private List<String> constraints(Shape.Scalar scalar) {
        List<String> all = new ArrayList<>();
        scalar.max().ifPresent(max -> all.add(ValidationErrors.lengthAtMost((int) max)));
        scalar.min().ifPresent(min -> all.add(ValidationErrors.lengthAtLeast((int) min)));
        scalar.patternText().ifPresent(p -> {
            all.add(ValidationErrors.pattern(p));
            all.add(ELEMENT_NOT_NULL);
        });
        if (!scalar.enumValues().isEmpty()) {
            all.add(enumFailure(scalar));
        }
        return all;
    }

    private String enumFailure(Shape.Scalar scalar) {
        return style.listEnumValues() ? ValidationErrors.enumValueSet(scalar.enumValues())
                : "Member must satisfy enum value set";
    }

    private static Optional<String> lengthFailure(long length, OptionalLong min, OptionalLong max) {
        if (max.isPresent() && length > max.getAsLong()) {
            return Optional.of(ValidationErrors.lengthAtMost((int) max.getAsLong()));
        }
        if (min.isPresent() && length < min.getAsLong()) {
            return Optional.of(ValidationErrors.lengthAtLeast((int) min.getAsLong()));
        }
        return Optional.empty();
    }

    private static Optional<String> rangeFailure(long value, Shape.Scalar scalar) {
        if (scalar.max().isPresent() && value > scalar.max().getAsLong()) {
            return Optional.of(ValidationErrors.valueAtMost(scalar.max().getAsLong()));
        }
        if (scalar.min().isPresent() && value < scalar.min().getAsLong()) {
            return Optional.of(ValidationErrors.valueAtLeast(scalar.min().getAsLong()));
        }
        return Optional.empty();
    }

    /** A number the operation itself would accept; anything else is left to its own parsing and error. */
    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text.startsWith("+") ? text.substring(1) : text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String lowerFirst(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}

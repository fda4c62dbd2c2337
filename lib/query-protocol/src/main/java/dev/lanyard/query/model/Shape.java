package dev.lanyard.query.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** A shape of an AWS service model: a structure, a list, a map or a scalar with its constraints. */
public sealed interface Shape permits Shape.Structure, Shape.ListShape, Shape.MapShape, Shape.Scalar {
    String name();

    /** A member of a structure, named as on the wire, and the shape it holds. */
    record Member(String name, String target, boolean required) {
        public Member {
            requireNonNull(name, "name is null");
            requireNonNull(target, "target is null");
        }
    }

    /** Members in the model's order, which is the order of the elements AWS writes in an XML answer. */
    record Structure(String name, List<Member> members) implements Shape {
        public Structure {
            requireNonNull(name, "name is null");
            members = List.copyOf(members);
        }

        public Optional<Member> member(String memberName) {
            return members.stream().filter(m -> m.name().equals(memberName)).findFirst();
        }
    }

    record ListShape(String name, String member, OptionalLong min, OptionalLong max) implements Shape {
        public ListShape {
            requireNonNull(name, "name is null");
            requireNonNull(member, "member is null");
            requireNonNull(min, "min is null");
            requireNonNull(max, "max is null");
        }
    }

    record MapShape(String name, String key, String value) implements Shape {
        public MapShape {
            requireNonNull(name, "name is null");
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
        }
    }

    enum ScalarType { STRING, INTEGER, LONG, BOOLEAN, TIMESTAMP, BLOB, DOUBLE, FLOAT }

    /**
     * A scalar and the constraints the model puts on it: length for strings (range for numbers), a pattern the whole
     * value must match, enum values, and whether it is sensitive (a value never repeated in an error message).
     */
    record Scalar(String name, ScalarType type, OptionalLong min, OptionalLong max, boolean sensitive,
            Optional<Pattern> pattern, List<String> enumValues) implements Shape {
        public Scalar {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(min, "min is null");
            requireNonNull(max, "max is null");
            requireNonNull(pattern, "pattern is null");
            enumValues = List.copyOf(enumValues);
        }

        /** The pattern as the model writes it (and AWS quotes it). */
        public Optional<String> patternText() {
            return pattern.map(Pattern::pattern);
        }
    }
}

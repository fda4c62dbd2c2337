package dev.lanyard.query;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.AwsException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * AWS's ValidationError wording for constraint failures, e.g. {@code 1 validation error detected: Value 'x' at
 * 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64}; several failures
 * read {@code 2 validation errors detected: Value … ; Value …} joined with {@code "; "}, as real AWS output shows.
 *
 * <p>Member names are AWS's lower-camel paths ({@code roleSessionName}, {@code tags.1.member.key}); see
 * {@link #memberPath(String)} to derive one from a wire name.
 */
public final class ValidationErrors {
    private ValidationErrors() {}

    public static AwsException single(String memberName, String value, String constraint) {
        return collector().add(memberName, value, constraint).toException().orElseThrow();
    }

    public static String lengthAtMost(int n) {
        return "Member must have length less than or equal to " + n;
    }

    public static String lengthAtLeast(int n) {
        return "Member must have length greater than or equal to " + n;
    }

    public static String pattern(String regex) {
        return "Member must satisfy regular expression pattern: " + regex;
    }

    public static String valueAtMost(long n) {
        return "Member must have value less than or equal to " + n;
    }

    public static String valueAtLeast(long n) {
        return "Member must have value greater than or equal to " + n;
    }

    /** Used with {@link Collector#addNull}: {@code Value null at 'x' failed to satisfy constraint: Member must not be null}. */
    public static String notNull() {
        return "Member must not be null";
    }

    /** {@code Member must satisfy enum value set: [Active, Inactive]}. */
    public static String enumValueSet(Collection<String> allowed) {
        return "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]";
    }

    /**
     * AWS's member path for a Query wire name: first letters lower-cased and list indexes moved before
     * {@code member}, e.g. {@code RoleSessionName -> roleSessionName}, {@code Tags.member.1.Key -> tags.1.member.key}.
     */
    public static String memberPath(String wireName) {
        String[] parts = wireName.split("\\.", -1); // error path only, never per request
        StringBuilder path = new StringBuilder(wireName.length() + 4);
        for (int i = 0; i < parts.length; i++) {
            boolean listIndex = parts[i].equals("member") && i + 1 < parts.length && isDigits(parts[i + 1]);
            if (listIndex) {
                appendSegment(path, parts[i + 1]);
                appendSegment(path, "member");
                i++;
            } else {
                appendSegment(path, parts[i]);
            }
        }
        return path.toString();
    }

    public static Collector collector() {
        return new Collector();
    }

    /** Collects several failures into one ValidationError, in the order they were added. */
    public static final class Collector {
        private final List<String> failures = new ArrayList<>(2);

        private Collector() {}

        public Collector add(String memberName, String value, String constraint) {
            requireNonNull(value, "value is null");
            return addFailure("Value '" + value + "' at '", memberName, constraint);
        }

        /** For an absent member: {@code Value null at 'x' failed to satisfy constraint: …}. */
        public Collector addNull(String memberName, String constraint) {
            return addFailure("Value null at '", memberName, constraint);
        }

        /** For a secret the message must not echo: {@code Value at 'x' failed to satisfy constraint: …}. */
        public Collector addWithoutValue(String memberName, String constraint) {
            return addFailure("Value at '", memberName, constraint);
        }

        public boolean isEmpty() {
            return failures.isEmpty();
        }

        public int count() {
            return failures.size();
        }

        /** The message, or empty when nothing failed. */
        public Optional<String> message() {
            if (failures.isEmpty()) {
                return Optional.empty();
            }
            int n = failures.size();
            String head = n + (n == 1 ? " validation error detected: " : " validation errors detected: ");
            return Optional.of(head + String.join("; ", failures));
        }

        public Optional<AwsException> toException() {
            return message().map(AwsErrors::validation);
        }

        public void throwIfAny() {
            Optional<AwsException> e = toException();
            if (e.isPresent()) {
                throw e.get();
            }
        }

        private Collector addFailure(String prefix, String memberName, String constraint) {
            requireNonNull(memberName, "memberName is null");
            requireNonNull(constraint, "constraint is null");
            failures.add(prefix + memberName + "' failed to satisfy constraint: " + constraint);
            return this;
        }
    }

    private static void appendSegment(StringBuilder path, String segment) {
        if (!path.isEmpty()) {
            path.append('.');
        }
        if (!segment.isEmpty()) {
            path.append(Character.toLowerCase(segment.charAt(0))).append(segment, 1, segment.length());
        }
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}

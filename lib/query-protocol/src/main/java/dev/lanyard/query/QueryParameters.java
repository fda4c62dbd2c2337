package dev.lanyard.query;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.AwsException;
import dev.lanyard.query.internal.FormDecoder;
import dev.lanyard.query.internal.MemberCollections;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The decoded parameters of one Query request: the URL query and the form body merged, as AWS accepts parameters in
 * either place.
 *
 * <p>Decoding rules, and the errors they raise:
 * <ul>
 *   <li>{@code application/x-www-form-urlencoded}: {@code &}-separated {@code name=value} pairs, {@code +} is a space,
 *       {@code %XX} a byte; a pair without {@code =} is a name with an empty value; empty pairs and pairs with an empty
 *       name are ignored. Bytes that are not percent-encoded are taken as they are.
 *   <li>A {@code %} not followed by two hex digits, or decoded bytes that are not strict UTF-8 (overlong forms,
 *       surrogates, truncated sequences): {@code MalformedQueryString} ("The query string contains a syntax error",
 *       AWS's common error for this; its catalogue status is 404).
 *   <li>More than {@value #MAX_PARAMETERS} pairs (query and body together, counting repeats):
 *       {@code InvalidQueryParameter} (400, "does not adhere to AWS standards").
 *   <li>A name given twice: accepted when both values are equal (e.g. {@code Action} in the URL and in the body),
 *       otherwise {@code InvalidParameterValue} (400), since silently picking one would let two readers of the same
 *       request disagree.
 * </ul>
 */
public final class QueryParameters {
    public static final int MAX_PARAMETERS = 1_000;

    private static final long NOT_AN_INT = Long.MIN_VALUE;

    private final Map<String, String> parameters;

    private QueryParameters(Map<String, String> parameters) {
        this.parameters = Collections.unmodifiableMap(parameters);
    }

    /**
     * @param rawQuery the URL query without '?', may be "" (any non-ASCII characters in it are taken as their UTF-8
     *     bytes)
     * @param formBody the bytes of an {@code application/x-www-form-urlencoded} body, empty if none; the caller passes
     *     it only for form content types
     */
    public static QueryParameters decode(String rawQuery, byte[] formBody) {
        requireNonNull(rawQuery, "rawQuery is null");
        requireNonNull(formBody, "formBody is null");
        FormDecoder decoder = new FormDecoder(MAX_PARAMETERS);
        decoder.decode(rawQuery.getBytes(StandardCharsets.UTF_8));
        if (formBody.length > 0) {
            decoder.decode(formBody);
        }
        return new QueryParameters(decoder.parameters());
    }

    /**
     * These parameters without the given names, e.g. SigV4's X-Amz-* query authentication parameters, which belong
     * to the signature and never to the operation.
     */
    public QueryParameters without(Set<String> names) {
        requireNonNull(names, "names is null");
        if (names.stream().noneMatch(parameters::containsKey)) {
            return this;
        }
        Map<String, String> kept = new LinkedHashMap<>(parameters);
        kept.keySet().removeAll(names);
        return new QueryParameters(kept);
    }

    /** The value of exactly this name. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /**
     * The value, which may be empty (length rules are the caller's).
     *
     * @throws AwsException MissingParameter "The request must contain the parameter NAME" when absent
     */
    public String required(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw AwsErrors.missingParameter(name);
        }
        return value;
    }

    public boolean has(String name) {
        return parameters.containsKey(name);
    }

    /** All names, in order of first appearance. */
    public Set<String> names() {
        return parameters.keySet();
    }

    /** Whether any parameter name starts with {@code prefix} (e.g. {@code "Tags."}). */
    public boolean hasAnyUnder(String prefix) {
        return parameters.keySet().stream().anyMatch(n -> n.startsWith(prefix));
    }

    /**
     * The numbers that follow {@code prefix} in parameter names ({@code "Tags.member."} gives 1 and 2 for
     * {@code Tags.member.1.Key} and {@code Tags.member.2}), ascending; names without a number there are skipped.
     */
    public SortedSet<Integer> indexesUnder(String prefix) {
        SortedSet<Integer> indexes = new TreeSet<>();
        for (String name : parameters.keySet()) {
            if (name.startsWith(prefix)) {
                int end = name.indexOf('.', prefix.length());
                String index = name.substring(prefix.length(), end < 0 ? name.length() : end);
                if (!index.isEmpty() && index.length() < 10 && index.chars().allMatch(Character::isDigit)) {
                    indexes.add(Integer.parseInt(index));
                }
            }
        }
        return indexes;
    }

    /** All parameters, in order of first appearance. */
    public Map<String, String> asMap() {
        return parameters;
    }

    /**
     * {@code Name.member.1..N}; empty when {@code Name} is absent or sent empty ({@code Tags=}).
     *
     * @throws AwsException ValidationError for a gap in the numbering, an index 0 or with a leading zero, or a
     *     non-empty {@code Name=value} with no members
     */
    public List<String> list(String name) {
        return MemberCollections.list(parameters, name);
    }

    /**
     * {@code Name.member.N.Field}, one map (field to value, in wire order) per N, e.g. {@code Tags.member.1.Key}. A
     * field may itself contain dots ({@code X.member.1.Sub.Field} gives field {@code Sub.Field}). Errors as for
     * {@link #list}.
     */
    public List<Map<String, String>> structList(String name) {
        return MemberCollections.structList(parameters, name);
    }

    /** {@code Name.Field} (a nested structure, e.g. {@code TaskPolicyArn.arn}); empty when absent. */
    public Map<String, String> struct(String name) {
        return MemberCollections.struct(parameters, name);
    }

    /**
     * {@code Name.entry.N.key} / {@code Name.entry.N.value}, in index order.
     *
     * @throws AwsException ValidationError as for {@link #list}, and for an entry lacking its key or value or a key
     *     given twice
     */
    public Map<String, String> map(String name) {
        return MemberCollections.map(parameters, name);
    }

    /**
     * A decimal 32-bit integer with an optional sign.
     *
     * @throws AwsException ValidationError in AWS's format ({@code Value 'x' at 'durationSeconds' failed to satisfy
     *     constraint: Member must be an integer}); AWS's exact text for this case is not known
     */
    public Optional<Integer> integer(String name) {
        String value = parameters.get(name);
        if (value == null) {
            return Optional.empty();
        }
        long parsed = parseInt(value);
        if (parsed == NOT_AN_INT) {
            throw ValidationErrors.single(ValidationErrors.memberPath(name), value, "Member must be an integer");
        }
        return Optional.of((int) parsed);
    }

    /**
     * Exactly {@code true} or {@code false}.
     *
     * @throws AwsException ValidationError otherwise
     */
    public Optional<Boolean> bool(String name) {
        String value = parameters.get(name);
        if (value == null) {
            return Optional.empty();
        }
        return switch (value) {
            case "true" -> Optional.of(Boolean.TRUE);
            case "false" -> Optional.of(Boolean.FALSE);
            default -> throw ValidationErrors.single(
                    ValidationErrors.memberPath(name), value, "Member must be true or false");
        };
    }

    @Override
    public String toString() {
        // Values can be secrets (SAML assertions, web identity tokens, TOTP codes): names only.
        return "QueryParameters" + parameters.keySet();
    }

    /** Hand loop instead of Integer.parseInt so a bad value costs no exception stack. */
    private static long parseInt(String s) {
        int n = s.length();
        int i = n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        if (i == n) {
            return NOT_AN_INT;
        }
        long result = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_AN_INT;
            }
            result = result * 10 + (c - '0');
            if (result > 1L + Integer.MAX_VALUE) {
                return NOT_AN_INT;
            }
        }
        result = s.charAt(0) == '-' ? -result : result;
        return result < Integer.MIN_VALUE || result > Integer.MAX_VALUE ? NOT_AN_INT : result;
    }
}

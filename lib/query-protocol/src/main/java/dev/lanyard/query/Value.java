package dev.lanyard.query;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A response value, rendered by {@link ResponseEncoder} to AWS Query XML or to the JSON variant STS answers with for
 * {@code Accept: application/json}.
 */
public sealed interface Value permits Value.Text, Value.Int, Value.Bool, Value.Timestamp, Value.ListOf, Value.MapOf,
        Struct {

    /** Text. Characters XML 1.0 cannot carry are replaced by U+FFFD when rendered as XML (see ResponseEncoder). */
    record Text(String value) implements Value {
        public Text {
            requireNonNull(value, "value is null");
        }
    }

    record Int(long value) implements Value {}

    record Bool(boolean value) implements Value {}

    /** XML: ISO-8601 UTC, milliseconds only when non-zero (sub-millisecond digits dropped); JSON: epoch seconds. */
    record Timestamp(Instant value) implements Value {
        public Timestamp {
            requireNonNull(value, "value is null");
        }
    }

    /** XML: one {@code <member>} per item; JSON: an array. */
    record ListOf(List<Value> items) implements Value {
        public ListOf {
            items = List.copyOf(items);
        }

        /** A list of texts, e.g. a ClientIDList. */
        public static ListOf ofTexts(Collection<String> texts) {
            List<Value> items = new ArrayList<>(texts.size());
            for (String text : texts) {
                items.add(new Text(text));
            }
            return new ListOf(items);
        }
    }

    /** XML: {@code <entry><key/><value/></entry>} per entry in iteration order; JSON: an object. */
    record MapOf(Map<String, Value> entries) implements Value {
        public MapOf {
            // Map.copyOf would lose the order, and AWS output order is part of the golden files.
            LinkedHashMap<String, Value> copy = new LinkedHashMap<>(entries.size() * 2);
            entries.forEach((k, v) -> copy.put(requireNonNull(k, "key is null"), requireNonNull(v, "value is null")));
            entries = Collections.unmodifiableMap(copy);
        }
    }
}

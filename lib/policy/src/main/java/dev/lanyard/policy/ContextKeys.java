package dev.lanyard.policy;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Request context keys for condition evaluation. Keys are case-insensitive, including the tag-key suffix of
 * {@code aws:PrincipalTag/…}, {@code aws:RequestTag/…} and {@code aws:ResourceTag/…}; a key is single- or
 * multi-valued (multi-valued keys need ForAllValues/ForAnyValue and cannot be policy variables).
 */
public final class ContextKeys {
    private static final ContextKeys EMPTY = new ContextKeys(Map.of());

    private final Map<String, Entry> entries;

    private ContextKeys(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ContextKeys empty() {
        return EMPTY;
    }

    /** The values of {@code key}, or empty when the request does not carry it. */
    public Optional<List<String>> values(String key) {
        Entry entry = entries.get(normalize(key));
        return entry == null ? Optional.empty() : Optional.of(entry.values());
    }

    public boolean isMultiValued(String key) {
        Entry entry = entries.get(normalize(key));
        return entry != null && entry.multi();
    }

    /** The single value of a single-valued key: what a policy variable {@code ${key}} resolves to. */
    public Optional<String> singleValue(String key) {
        Entry entry = entries.get(normalize(key));
        if (entry == null || entry.multi() || entry.values().size() != 1) {
            return Optional.empty();
        }
        return Optional.of(entry.values().getFirst());
    }

    /** The keys present, in lower case. */
    public Set<String> keys() {
        return entries.keySet();
    }

    static String normalize(String key) {
        // toLowerCase returns the same instance when nothing changes, so pre-normalized keys cost no allocation.
        return key.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "ContextKeys" + entries;
    }

    private record Entry(List<String> values, boolean multi) {
        @Override
        public String toString() {
            return multi ? values.toString() : values.getFirst();
        }
    }

    public static final class Builder {
        private final Map<String, Entry> entries = new HashMap<>();

        private Builder() {
        }

        public Builder put(String key, String value) {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
            entries.put(normalize(key), new Entry(List.of(value), false));
            return this;
        }

        public Builder putMulti(String key, List<String> values) {
            requireNonNull(key, "key is null");
            entries.put(normalize(key), new Entry(List.copyOf(values), true));
            return this;
        }

        public Builder putAll(ContextKeys other) {
            entries.putAll(other.entries);
            return this;
        }

        public ContextKeys build() {
            return new ContextKeys(Map.copyOf(entries));
        }
    }
}

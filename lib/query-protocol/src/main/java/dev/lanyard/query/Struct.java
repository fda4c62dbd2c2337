package dev.lanyard.query;

import static java.util.Objects.requireNonNull;

import dev.lanyard.query.internal.XmlWriter;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An ordered structure: field name to value. Absent optional members are simply not added, as AWS omits them. */
public final class Struct implements Value {
    private final Map<String, Value> fields;

    private Struct(Map<String, Value> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The fields in insertion order. */
    public Map<String, Value> fields() {
        return fields;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Struct other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "Struct" + fields;
    }

    public static final class Builder {
        private LinkedHashMap<String, Value> fields = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Adds a field. Names become XML element names, so they must be ASCII names ({@code [A-Za-z_][A-Za-z0-9_.-]*});
         * a name may be added only once.
         */
        public Builder put(String name, Value v) {
            requireNonNull(v, "v is null");
            if (fields == null) {
                throw new IllegalStateException("build() was already called");
            }
            if (!XmlWriter.isElementName(requireNonNull(name, "name is null"))) {
                throw new IllegalArgumentException("not a valid element name: " + name);
            }
            if (fields.putIfAbsent(name, v) != null) {
                throw new IllegalArgumentException("field added twice: " + name);
            }
            return this;
        }

        public Builder put(String name, String text) {
            return put(name, new Value.Text(text));
        }

        public Builder putIfPresent(String name, Optional<String> text) {
            text.ifPresent(t -> put(name, t));
            return this;
        }

        /** Like {@link #putIfPresent(String, Optional)} for any value (a nested struct, a timestamp, ...). */
        public Builder putValueIfPresent(String name, Optional<? extends Value> v) {
            v.ifPresent(value -> put(name, value));
            return this;
        }

        public Builder put(String name, long n) {
            return put(name, new Value.Int(n));
        }

        public Builder put(String name, boolean b) {
            return put(name, new Value.Bool(b));
        }

        public Builder put(String name, Instant t) {
            return put(name, new Value.Timestamp(t));
        }

        public Struct build() {
            if (fields == null) {
                throw new IllegalStateException("build() was already called");
            }
            // The Struct takes the map over without a copy; the builder is spent.
            Struct struct = new Struct(fields);
            fields = null;
            return struct;
        }
    }
}

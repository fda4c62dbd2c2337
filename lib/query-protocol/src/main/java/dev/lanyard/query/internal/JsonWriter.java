package dev.lanyard.query.internal;

import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Renders {@link Value}s as JSON into a {@link ByteSink}: structs and maps as objects, lists as arrays, integers and
 * timestamps (epoch seconds, as STS's JSON variant sends {@code Credentials.Expiration}) as integer numbers.
 *
 * <p>String escaping: {@code "} and {@code \} are backslash-escaped, C0 controls and U+2028/U+2029 become
 * {@code \}{@code u00XX}-style escapes, and unpaired surrogates (which have no UTF-8 form) become U+FFFD.
 */
public final class JsonWriter {
    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private final ByteSink out;

    public JsonWriter(ByteSink out) {
        this.out = out;
    }

    public JsonWriter beginObject() {
        out.asciiByte('{');
        return this;
    }

    public JsonWriter endObject() {
        out.asciiByte('}');
        return this;
    }

    public JsonWriter comma() {
        out.asciiByte(',');
        return this;
    }

    /** {@code "name":} */
    public JsonWriter name(String name) {
        string(name);
        out.asciiByte(':');
        return this;
    }

    public JsonWriter stringField(String name, String value) {
        name(name);
        string(value);
        return this;
    }

    public void value(Value value) {
        switch (value) {
            case Value.Text t -> string(t.value());
            case Value.Int i -> out.decimal(i.value());
            case Value.Bool b -> out.ascii(b.value() ? "true" : "false");
            case Value.Timestamp t -> out.decimal(t.value().getEpochSecond());
            case Value.ListOf l -> array(l.items());
            case Value.MapOf m -> object(m.entries());
            case Struct s -> object(s.fields());
        }
    }

    private void array(List<Value> items) {
        out.asciiByte('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                comma();
            }
            value(items.get(i));
        }
        out.asciiByte(']');
    }

    private void object(Map<String, Value> members) {
        beginObject();
        boolean first = true;
        for (Map.Entry<String, Value> member : members.entrySet()) {
            if (!first) {
                comma();
            }
            first = false;
            name(member.getKey());
            value(member.getValue());
        }
        endObject();
    }

    public void string(String s) {
        out.asciiByte('"');
        int n = s.length();
        for (int i = 0; i < n; ) {
            int cp = Unicode.codePointAt(s, i);
            i += Character.charCount(cp);
            if (cp == '"' || cp == '\\') {
                out.asciiByte('\\').asciiByte(cp);
            } else if (cp < 0x20 || cp == 0x2028 || cp == 0x2029) {
                // U+2028/9 are legal JSON but break JavaScript string literals; escaping costs nothing.
                out.ascii("\\u").ascii(UPPER_HEX.toHexDigits((char) cp));
            } else {
                out.codePoint(cp);
            }
        }
        out.asciiByte('"');
    }
}

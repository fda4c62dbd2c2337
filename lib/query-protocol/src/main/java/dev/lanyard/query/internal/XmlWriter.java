package dev.lanyard.query.internal;

import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import java.util.List;
import java.util.Map;

/**
 * Renders {@link Value}s as AWS Query XML into a {@link ByteSink}.
 *
 * <p>Text escaping: {@code & < > " '} become entity references; CR becomes {@code &#xD;} so parsers do not normalise
 * it to LF. Characters XML 1.0 cannot represent at all, not even as character references (C0 controls other than tab,
 * LF and CR, U+FFFE, U+FFFF and unpaired surrogates), are replaced by U+FFFD so the document always stays well-formed.
 */
public final class XmlWriter {
    private final ByteSink out;

    public XmlWriter(ByteSink out) {
        this.out = out;
    }

    /** True for the ASCII element names we emit: {@code [A-Za-z_][A-Za-z0-9_.-]*}. */
    public static boolean isElementName(String name) {
        if (name.isEmpty() || !isNameStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isNameStart(c) && !(c >= '0' && c <= '9') && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    public XmlWriter open(String name) {
        out.asciiByte('<').ascii(name).asciiByte('>');
        return this;
    }

    /** An opening tag with a default namespace declaration. */
    public XmlWriter open(String name, String namespace) {
        out.asciiByte('<').ascii(name).ascii(" xmlns=\"");
        text(namespace);
        out.ascii("\">");
        return this;
    }

    public XmlWriter close(String name) {
        out.ascii("</").ascii(name).asciiByte('>');
        return this;
    }

    public XmlWriter textElement(String name, String text) {
        open(name);
        text(text);
        return close(name);
    }

    /** The fields of a struct as sibling elements. */
    public void fields(Struct struct) {
        for (Map.Entry<String, Value> field : struct.fields().entrySet()) {
            open(field.getKey());
            content(field.getValue());
            close(field.getKey());
        }
    }

    private void content(Value value) {
        switch (value) {
            case Value.Text t -> text(t.value());
            case Value.Int i -> out.decimal(i.value());
            case Value.Bool b -> out.ascii(b.value() ? "true" : "false");
            case Value.Timestamp t -> Timestamps.appendIso(out, t.value());
            case Value.ListOf l -> members(l.items());
            case Value.MapOf m -> entries(m.entries());
            case Struct s -> fields(s);
        }
    }

    private void members(List<Value> items) {
        for (Value item : items) {
            open("member");
            content(item);
            close("member");
        }
    }

    private void entries(Map<String, Value> entries) {
        for (Map.Entry<String, Value> entry : entries.entrySet()) {
            open("entry");
            textElement("key", entry.getKey());
            open("value");
            content(entry.getValue());
            close("value");
            close("entry");
        }
    }

    /** Escaped character data; also safe inside double-quoted attribute values. */
    public void text(String s) {
        int n = s.length();
        for (int i = 0; i < n; ) {
            int cp = Unicode.codePointAt(s, i);
            i += Character.charCount(cp);
            switch (cp) {
                case '&' -> out.ascii("&amp;");
                case '<' -> out.ascii("&lt;");
                case '>' -> out.ascii("&gt;");
                case '"' -> out.ascii("&quot;");
                case '\'' -> out.ascii("&apos;");
                case '\r' -> out.ascii("&#xD;");
                default -> out.codePoint(isXmlChar(cp) ? cp : Unicode.REPLACEMENT);
            }
        }
    }

    private static boolean isXmlChar(int cp) {
        return cp >= 0x20 ? cp != 0xFFFE && cp != 0xFFFF : cp == '\t' || cp == '\n';
    }

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }
}

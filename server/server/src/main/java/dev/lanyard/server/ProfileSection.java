package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One section of an AWS shared config or credentials file (INI, as botocore reads it), merged into the file's text:
 * the section's own settings are set, every other line of the file stays byte for byte. Settings the user added to
 * the section stay too, so the section can be tuned; only the named keys are Lanyard's.
 *
 * @param name the section header's text, e.g. {@code profile lanyard} for the config file or {@code lanyard} for the
 *     credentials file
 * @param settings key to value, in the order new keys are written
 */
record ProfileSection(String name, Map<String, String> settings) {
    ProfileSection {
        requireNonNull(name, "name is null");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * The file's text with this section's settings in place: changed where present, added at the end of the section
     * where missing, and the section appended when the file has none.
     */
    String mergeInto(String file) {
        List<String> lines = lines(file);
        String newline = file.contains("\r\n") ? "\r\n" : "\n";
        int header = -1;
        for (int i = 0; i < lines.size() && header < 0; i++) {
            header = isHeaderOf(lines.get(i), name) ? i : -1;
        }
        if (header < 0) {
            return appended(file, newline);
        }
        int end = header + 1;
        while (end < lines.size() && !isHeader(lines.get(end))) {
            end++;
        }
        List<String> merged = new ArrayList<>(lines.subList(0, header + 1));
        Map<String, String> missing = new LinkedHashMap<>(settings);
        int lastSetting = merged.size();
        for (int i = header + 1; i < end; i++) {
            String line = lines.get(i);
            String key = keyOf(line);
            if (key != null && settings.containsKey(key)) {
                if (missing.remove(key) != null) {
                    merged.add(key + " = " + settings.get(key) + terminator(line, newline));
                    lastSetting = merged.size();
                }
                // A duplicate of one of our keys, and any indented continuation of it, goes.
                while (i + 1 < end && isContinuation(lines.get(i + 1))) {
                    i++;
                }
                continue;
            }
            merged.add(line);
            if (key != null || isContinuation(line)) {
                lastSetting = merged.size();
            }
        }
        if (!missing.isEmpty() && lastSetting > 0 && !merged.get(lastSetting - 1).endsWith("\n")) {
            merged.set(lastSetting - 1, merged.get(lastSetting - 1) + newline);
        }
        List<String> added = new ArrayList<>();
        missing.forEach((key, value) -> added.add(key + " = " + value + newline));
        merged.addAll(lastSetting, added);
        merged.addAll(lines.subList(end, lines.size()));
        return String.join("", merged);
    }

    private String appended(String file, String newline) {
        StringBuilder text = new StringBuilder(file);
        if (!file.isEmpty()) {
            text.append(file.endsWith("\n") ? "" : newline).append(newline);
        }
        text.append('[').append(name).append(']').append(newline);
        settings.forEach((key, value) -> text.append(key).append(" = ").append(value).append(newline));
        return text.toString();
    }

    /** The lines with their terminators, so that joining them gives the text back exactly. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static String terminator(String line, String newline) {
        return line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : newline;
    }

    /** A section header starts in the first column, as in Python's configparser. */
    private static boolean isHeader(String line) {
        return line.startsWith("[") && line.strip().endsWith("]");
    }

    /**
     * As botocore reads a header: the text between the brackets names the section exactly, except that a config
     * file's {@code [profile  name ]} is split on whitespace.
     */
    private static boolean isHeaderOf(String line, String name) {
        if (!isHeader(line)) {
            return false;
        }
        String inner = line.strip();
        inner = inner.substring(1, inner.length() - 1);
        return inner.equals(name) || name.startsWith("profile ") && inner.startsWith("profile")
                && String.join(" ", inner.strip().split("\\s+")).equals(name);
    }

    private static boolean isContinuation(String line) {
        return !line.isBlank() && Character.isWhitespace(line.charAt(0));
    }

    /** The lower-cased key of a {@code key = value} (or {@code key: value}) line; null for anything else. */
    private static String keyOf(String line) {
        if (line.isBlank() || Character.isWhitespace(line.charAt(0)) || line.startsWith("#")
                || line.startsWith(";")) {
            return null;
        }
        int equals = line.indexOf('=');
        int colon = line.indexOf(':');
        int separator = equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
        return separator <= 0 ? null : line.substring(0, separator).strip().toLowerCase(Locale.ROOT);
    }
}

package dev.lanyard.query.internal;

import dev.lanyard.aws.AwsErrors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reassembles Query collections from flat names: {@code Name.member.N}, {@code Name.member.N.Field},
 * {@code Name.Field} and {@code Name.entry.N.key/value}. Names that do not fit the asked-for shape are ignored like any
 * unknown parameter; indexes must run 1..N without gaps or leading zeros.
 */
public final class MemberCollections {
    private static final int MAX_INDEX_DIGITS = 9;

    private MemberCollections() {}

    public static List<String> list(Map<String, String> params, String name) {
        String prefix = name + ".member.";
        int count = 0;
        int max = 0;
        for (String key : params.keySet()) {
            if (key.startsWith(prefix)) {
                int index = index(key, prefix.length(), key.length());
                if (index > 0) {
                    count++;
                    max = Math.max(max, index);
                }
            }
        }
        checkShape(params, name, count, max, ".member.N");
        List<String> values = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            values.add(params.get(prefix + i));
        }
        return Collections.unmodifiableList(values);
    }

    public static List<Map<String, String>> structList(Map<String, String> params, String name) {
        String prefix = name + ".member.";
        Map<Integer, Map<String, String>> byIndex = fieldsByIndex(params, prefix);
        int max = byIndex.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        checkShape(params, name, byIndex.size(), max, ".member.N.Field");
        List<Map<String, String>> structs = new ArrayList<>(byIndex.size());
        for (int i = 1; i <= byIndex.size(); i++) {
            structs.add(Collections.unmodifiableMap(byIndex.get(i)));
        }
        return Collections.unmodifiableList(structs);
    }

    public static Map<String, String> struct(Map<String, String> params, String name) {
        String prefix = name + ".";
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String key = e.getKey();
            if (key.length() > prefix.length() && key.startsWith(prefix)) {
                fields.put(key.substring(prefix.length()), e.getValue());
            }
        }
        checkShape(params, name, fields.size(), fields.size(), ".Field");
        return Collections.unmodifiableMap(fields);
    }

    public static Map<String, String> map(Map<String, String> params, String name) {
        String prefix = name + ".entry.";
        Map<Integer, Map<String, String>> byIndex = fieldsByIndex(params, prefix);
        int max = byIndex.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        checkShape(params, name, byIndex.size(), max, ".entry.N.key");
        LinkedHashMap<String, String> entries = new LinkedHashMap<>();
        for (int i = 1; i <= byIndex.size(); i++) {
            Map<String, String> entry = byIndex.get(i);
            String key = entry.get("key");
            String value = entry.get("value");
            if (key == null || value == null) {
                throw AwsErrors.validation(String.format(
                        "%1$s%2$d needs both %1$s%2$d.key and %1$s%2$d.value.", prefix, i));
            }
            if (entries.putIfAbsent(key, value) != null) {
                throw AwsErrors.validation("The map parameter " + name + " has the key '" + key + "' twice.");
            }
        }
        return Collections.unmodifiableMap(entries);
    }

    /** {@code prefix N . field -> value}, grouped by N; names without a field are skipped. */
    private static Map<Integer, Map<String, String>> fieldsByIndex(Map<String, String> params, String prefix) {
        Map<Integer, Map<String, String>> byIndex = new HashMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(prefix)) {
                continue;
            }
            int dot = key.indexOf('.', prefix.length());
            if (dot < 0 || dot == key.length() - 1) {
                continue;
            }
            int index = index(key, prefix.length(), dot);
            if (index > 0) {
                byIndex.computeIfAbsent(index, unused -> new LinkedHashMap<>()).put(key.substring(dot + 1), e.getValue());
            }
        }
        return byIndex;
    }

    /**
     * The member index in {@code key[from, to)}: -1 when that is not all digits (a name of another shape), a
     * ValidationError for a zero, a leading zero or an absurd length.
     */
    private static int index(String key, int from, int to) {
        if (from == to) {
            return -1;
        }
        for (int i = from; i < to; i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        if (key.charAt(from) == '0' || to - from > MAX_INDEX_DIGITS) {
            throw AwsErrors.validation("The parameter " + key
                    + " has an invalid member index: indexes are decimal numbers from 1 without leading zeros.");
        }
        return Integer.parseInt(key, from, to, 10);
    }

    private static void checkShape(Map<String, String> params, String name, int count, int max, String form) {
        String scalar = params.get(name);
        if (count == 0 && scalar != null && !scalar.isEmpty()) {
            throw AwsErrors.validation("The parameter " + name + " must be sent as " + name + form
                    + "; on its own it may only be empty (" + name + "=).");
        }
        if (count != max) {
            throw AwsErrors.validation("The parameter " + name + " has a gap: its members must be numbered "
                    + "1 to " + max + " without gaps, but only " + count + " are present.");
        }
    }
}

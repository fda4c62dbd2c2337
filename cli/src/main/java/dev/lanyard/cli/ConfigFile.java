package dev.lanyard.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code lanyard.yaml}: a mapping whose keys are serve options' names without the dashes. Nested mappings join
 * their keys with a dash ({@code tls: {certificate: F}} is {@code tls-certificate: F}), so a file may group settings
 * without the reader knowing any of them. Values are scalars or lists of scalars; anything else is a mistake.
 *
 * @param file where the settings came from
 * @param settings each key's values (one for a scalar), in the file's order
 * @param mistakes what is wrong with the file, one sentence each
 */
record ConfigFile(Path file, Map<String, List<String>> settings, List<String> mistakes) {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    ConfigFile {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        mistakes = List.copyOf(mistakes);
    }

    static ConfigFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return failed(file, "the configuration file " + file + " does not exist");
        } catch (IOException e) {
            return failed(file, "cannot read the configuration file " + file + ": " + e.getMessage());
        }
        JsonNode root;
        try {
            root = YAML.readTree(bytes);
        } catch (JsonProcessingException e) {
            return failed(file, file + where(e.getLocation()) + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            return failed(file, "cannot read the configuration file " + file + ": " + e.getMessage());
        }
        Map<String, List<String>> settings = new LinkedHashMap<>();
        List<String> mistakes = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new ConfigFile(file, settings, mistakes);
        }
        if (!root.isObject()) {
            return failed(file, file + ": the file must be a mapping of settings (key: value), not a "
                    + kind(root));
        }
        flatten(file, "", root, settings, mistakes);
        return new ConfigFile(file, settings, mistakes);
    }

    private static void flatten(Path file, String prefix, JsonNode mapping, Map<String, List<String>> settings,
            List<String> mistakes) {
        for (Map.Entry<String, JsonNode> entry : mapping.properties()) {
            String key = prefix + entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isObject()) {
                flatten(file, key + "-", value, settings, mistakes);
            } else if (value.isArray()) {
                List<String> values = new ArrayList<>();
                for (JsonNode element : value) {
                    if (element.isValueNode() && !element.isNull()) {
                        values.add(element.asText());
                    } else {
                        mistakes.add(file + ": " + key + ": a list of plain values is expected, but an element is a "
                                + kind(element));
                    }
                }
                put(file, key, values, settings, mistakes);
            } else if (value.isNull()) {
                mistakes.add(file + ": " + key + ": has no value (remove the key to keep the default)");
            } else {
                put(file, key, List.of(value.asText()), settings, mistakes);
            }
        }
    }

    private static void put(Path file, String key, List<String> values, Map<String, List<String>> settings,
            List<String> mistakes) {
        if (settings.putIfAbsent(key, values) != null) {
            mistakes.add(file + ": " + key + ": set twice (once nested, once with its full name)");
        }
    }

    private static String kind(JsonNode node) {
        if (node.isObject()) {
            return "mapping";
        }
        if (node.isArray()) {
            return "list";
        }
        return node.isNull() ? "null" : "plain value";
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : ":" + location.getLineNr() + ":" + location.getColumnNr();
    }

    private static ConfigFile failed(Path file, String mistake) {
        return new ConfigFile(file, Map.of(), List.of(mistake));
    }
}

package dev.lanyard.iamapi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** The services Lanyard can name in service last-accessed data (service-names.tsv), by namespace. */
final class ServiceNames {
    static final SortedMap<String, String> KNOWN = load();

    private ServiceNames() {}

    /** AWS's name of the service, or the namespace itself for one not in the table. */
    static String name(String namespace) {
        return KNOWN.getOrDefault(namespace, namespace);
    }

    private static SortedMap<String, String> load() {
        SortedMap<String, String> names = new TreeMap<>();
        try (InputStream in = ServiceNames.class.getResourceAsStream("service-names.tsv")) {
            if (in == null) {
                throw new IllegalStateException("service-names.tsv is missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] fields = line.split("\t", -1);
                    if (fields.length != 2) {
                        throw new IllegalStateException("service-names.tsv: not namespace TAB name: " + line);
                    }
                    names.put(fields[0], fields[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableSortedMap(names);
    }
}

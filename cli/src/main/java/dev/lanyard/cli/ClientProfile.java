package dev.lanyard.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the commands that drive a running Lanyard find it and sign: AWS_* environment variables first, else the
 * profile files Lanyard wrote into its data directory.
 */
final class ClientProfile {
    private ClientProfile() {}

    static QueryClient client(Path dataDirectory, Optional<URI> endpoint) {
        Map<String, String> credentials = ini(dataDirectory.resolve("aws/credentials"));
        URI uri = endpoint.orElseGet(() -> URI.create(ini(dataDirectory.resolve("aws/config"))
                .getOrDefault("endpoint_url", "http://127.0.0.1:8955")));
        String id = Optional.ofNullable(System.getenv("AWS_ACCESS_KEY_ID")).orElse(credentials.get("aws_access_key_id"));
        String secret = Optional.ofNullable(System.getenv("AWS_SECRET_ACCESS_KEY"))
                .orElse(credentials.get("aws_secret_access_key"));
        if (id == null || secret == null) {
            throw new IllegalStateException("no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or"
                    + " point --data-dir at a data directory with aws/credentials");
        }
        return new QueryClient(uri, id, secret, Optional.ofNullable(System.getenv("AWS_SESSION_TOKEN")),
                Clock.systemUTC());
    }

    private static Map<String, String> ini(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("[")) {
                    values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            return values;
        }
        return values;
    }
}

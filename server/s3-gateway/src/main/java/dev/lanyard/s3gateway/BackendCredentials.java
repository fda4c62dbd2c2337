package dev.lanyard.s3gateway;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.SecretAccessKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The backend's own key, with which the gateway re-signs what it forwards. It comes from the environment or from a
 * file, never from the command line (where {@code ps} shows it), and prints as {@code [REDACTED]}.
 */
public record BackendCredentials(String accessKeyId, SecretAccessKey secretAccessKey) {
    public static final String ACCESS_KEY_VARIABLE = "LANYARD_S3_BACKEND_ACCESS_KEY_ID";
    public static final String SECRET_KEY_VARIABLE = "LANYARD_S3_BACKEND_SECRET_ACCESS_KEY";

    public BackendCredentials {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        if (accessKeyId.isBlank()) {
            throw new IllegalArgumentException("the backend access key id is empty");
        }
    }

    /** From {@value #ACCESS_KEY_VARIABLE} and {@value #SECRET_KEY_VARIABLE}; empty when either is unset. */
    public static Optional<BackendCredentials> fromEnvironment(Map<String, String> environment) {
        String id = environment.get(ACCESS_KEY_VARIABLE);
        String secret = environment.get(SECRET_KEY_VARIABLE);
        if (id == null || secret == null || id.isBlank() || secret.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new BackendCredentials(id.strip(), SecretAccessKey.of(secret.strip())));
    }

    /**
     * From a properties file with {@code aws_access_key_id} and {@code aws_secret_access_key} (the shape of an AWS
     * credentials file's profile, without the section header).
     */
    public static BackendCredentials fromFile(Path file) {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the backend credentials file " + file, e);
        }
        String id = properties.getProperty("aws_access_key_id");
        String secret = properties.getProperty("aws_secret_access_key");
        if (id == null || secret == null || id.isBlank() || secret.isBlank()) {
            throw new IllegalArgumentException("the backend credentials file " + file
                    + " must set aws_access_key_id and aws_secret_access_key");
        }
        return new BackendCredentials(id.strip(), SecretAccessKey.of(secret.strip()));
    }

    @Override
    public String toString() {
        return "BackendCredentials[" + accessKeyId + ", secret=[REDACTED]]";
    }
}

package dev.lanyard.server;

import dev.lanyard.iam.model.AccessKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a "lanyard" profile pointing at this server in DIR/aws/credentials and DIR/aws/config (0600). Only that
 * profile's own settings are Lanyard's: other profiles, comments and settings the user added stay byte for byte.
 */
final class ClientConfigFiles {
    static final String PROFILE = "lanyard";

    private ClientConfigFiles() {}

    static Path credentialsFile(Path dataDirectory) {
        return dataDirectory.resolve("aws").resolve("credentials");
    }

    static Path configFile(Path dataDirectory) {
        return dataDirectory.resolve("aws").resolve("config");
    }

    static void writeCredentials(Path dataDirectory, AccessKey rootKey) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("aws_access_key_id", rootKey.id().value());
        settings.put("aws_secret_access_key", rootKey.secret().reveal());
        merge(credentialsFile(dataDirectory), new ProfileSection(PROFILE, settings));
    }

    /**
     * On every start, so the endpoint follows the port. {@code caBundle}: the listener's certificate file when it ends
     * in its own authority (self-signed, or a chain holding its CA), for the profile to trust; a public CA's chain
     * gets none, so the client's usual roots apply.
     */
    static void writeConfig(Path dataDirectory, String endpointUrl, String region, Optional<Path> caBundle) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("region", region);
        settings.put("endpoint_url", endpointUrl);
        settings.put("output", "json");
        caBundle.ifPresent(file -> settings.put("ca_bundle", file.toAbsolutePath().toString()));
        merge(configFile(dataDirectory), new ProfileSection("profile " + PROFILE, settings));
    }

    /** ISO-8859-1 maps every byte to one char and back, so whatever the user wrote survives unchanged. */
    private static void merge(Path file, ProfileSection section) {
        try {
            Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file;
            String existing = Files.exists(target) ? Files.readString(target, StandardCharsets.ISO_8859_1) : "";
            String merged = section.mergeInto(existing);
            if (!merged.equals(existing)) {
                writePrivate(target, merged);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + file, e);
        }
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path temp = Files.createTempFile(file.getParent(), ".tmp", "",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, text, StandardCharsets.ISO_8859_1);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}

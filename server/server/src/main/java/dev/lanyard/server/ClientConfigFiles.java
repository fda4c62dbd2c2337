package dev.lanyard.server;

import dev.lanyard.iam.model.AccessKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes DIR/aws/credentials and DIR/aws/config (0600) with a "lanyard" profile pointing at this server. */
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
        String text = "[" + PROFILE + "]\n"
                + "aws_access_key_id = " + rootKey.id().value() + "\n"
                + "aws_secret_access_key = " + rootKey.secret().reveal() + "\n";
        writePrivate(credentialsFile(dataDirectory), text);
    }

    /** Rewritten on every start so the endpoint follows the port. */
    static void writeConfig(Path dataDirectory, String endpointUrl, String region) {
        String text = "[profile " + PROFILE + "]\n"
                + "region = " + region + "\n"
                + "endpoint_url = " + endpointUrl + "\n"
                + "output = json\n";
        writePrivate(configFile(dataDirectory), text);
    }

    private static void writePrivate(Path file, String text) {
        try {
            Files.createDirectories(file.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path temp = Files.createTempFile(file.getParent(), ".tmp", "",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

package dev.lanyard.server;

import dev.lanyard.tokens.MasterKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The master key comes from configuration (LANYARD_MASTER_KEY, base64 of 32 bytes) or from {@code master.key} in the
 * data directory, created 0600 on first start. It never goes into the database.
 *
 * <p>A new key is written only into an empty data directory: one that already holds something (a store, client
 * profiles, anything) lost its key or is not a Lanyard directory, and a fresh key could decrypt none of it.
 */
final class MasterKeySource {
    static final String FILE_NAME = "master.key";

    private MasterKeySource() {}

    static MasterKey load(Path dataDirectory, Optional<String> configured, SecureRandom random) {
        if (configured.isPresent()) {
            return MasterKey.fromBase64(configured.get().trim(), random);
        }
        Path file = dataDirectory.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return MasterKey.fromBase64(Files.readString(file, StandardCharsets.US_ASCII).trim(), random);
            }
            requireEmpty(dataDirectory, file);
            MasterKey key = MasterKey.generate(random);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, key.toBase64() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file, e);
        }
    }

    private static void requireEmpty(Path dataDirectory, Path file) throws IOException {
        try (Stream<Path> entries = Files.list(dataDirectory)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalStateException("the master key " + file + " is missing, and the data directory "
                        + dataDirectory + " is not empty: restore the master.key it was created with, or set"
                        + " LANYARD_MASTER_KEY to that key (a new key could decrypt none of what is there); for a"
                        + " new installation, choose an empty or new data directory");
            }
        }
    }
}

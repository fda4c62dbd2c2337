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

/**
 * The master key comes from configuration (LANYARD_MASTER_KEY, base64 of 32 bytes) or from {@code master.key} in the
 * data directory, created 0600 on first start. It never goes into the database.
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
            MasterKey key = MasterKey.generate(random);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, key.toBase64() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file, e);
        }
    }
}

package dev.lanyard.server;

import dev.lanyard.tokens.MasterKey;
import dev.lanyard.tokens.MasterKeyring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a node's master keys come from: LANYARD_MASTER_KEY, a key file the operator gives ({@code --master-key-file}),
 * or {@code master.key} in the data directory, which Lanyard creates 0600 on first start and rewrites itself during
 * {@code rotate-master-key}. Each holds one base64 key a line (or separated by commas or spaces); during a rotation
 * it holds several, the key to move to first. The keys never go into the database.
 *
 * <p>A new key is written only into an empty data directory: one that already holds something (a store, client
 * profiles, anything) lost its key or is not a Lanyard directory, and a fresh key could decrypt none of it.
 */
final class MasterKeySource {
    static final String FILE_NAME = "master.key";

    /** Who owns the keys, which decides what {@code rotate-master-key} may do with them. */
    enum Kind {
        /** DATA_DIR/master.key: Lanyard generates the new key and rewrites the file. */
        MANAGED,
        /** The operator's file: re-read when it changes; the operator puts the new key first. */
        GIVEN_FILE,
        /** LANYARD_MASTER_KEY: fixed for the life of the process. */
        ENVIRONMENT
    }

    /** The keys as loaded, and the file they are re-read from (none for the environment). */
    record Loaded(MasterKeyring ring, Kind kind, Optional<Path> file) {}

    private MasterKeySource() {}

    static Loaded load(Path dataDirectory, Optional<String> configured, Optional<Path> givenFile,
            SecureRandom random) {
        if (givenFile.isPresent()) {
            return new Loaded(read(givenFile.get(), random), Kind.GIVEN_FILE, givenFile);
        }
        if (configured.isPresent()) {
            return new Loaded(parse(configured.get(), "LANYARD_MASTER_KEY", random), Kind.ENVIRONMENT,
                    Optional.empty());
        }
        Path file = dataDirectory.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return new Loaded(read(file, random), Kind.MANAGED, Optional.of(file));
        }
        try {
            requireEmpty(dataDirectory, file);
            MasterKeyring ring = MasterKeyring.of(MasterKey.generate(random));
            KeyFiles.replace(file, ring.toBase64Lines());
            return new Loaded(ring, Kind.MANAGED, Optional.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the master key file " + file, e);
        }
    }

    /** The keys in {@code file}, sealing under the first. */
    static MasterKeyring read(Path file, SecureRandom random) {
        try {
            return parse(Files.readString(file, StandardCharsets.US_ASCII), file.toString(), random);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the master key file " + file, e);
        }
    }

    private static MasterKeyring parse(String text, String where, SecureRandom random) {
        try {
            return MasterKeyring.fromBase64List(text, random);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
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

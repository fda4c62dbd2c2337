package dev.lanyard.cli;

import dev.lanyard.server.KeyFiles;
import dev.lanyard.store.jdbc.EmbeddedRestore;
import dev.lanyard.tokens.MasterKey;
import dev.lanyard.tokens.MasterKeyId;
import dev.lanyard.tokens.MasterKeyring;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lanyard restore --input FILE}: puts a backup in place as the embedded store of a stopped node's data
 * directory. Everything is checked before anything is replaced (see {@link EmbeddedRestore}); a database already there
 * is set aside, and only with {@code --force}.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a backup made by 'lanyard backup' into the data directory of a stopped Lanyard.")
final class RestoreCommand implements Callable<Integer> {
    private static final String MANAGED_KEY_FILE = "master.key";

    @Option(names = "--data-dir", defaultValue = "lanyard-data",
            description = "Data directory to restore into (default ${DEFAULT-VALUE}); Lanyard must not be running on"
                    + " it.")
    Path dataDirectory;

    @Option(names = {"-i", "--input"}, required = true, description = "The backup file.")
    Path input;

    @Option(names = "--master-key-file", description = "A file of master keys the backup may be sealed under"
            + " (repeatable). Also used: DATA_DIR/master.key, DATA_DIR/master-key-*.retired, LANYARD_MASTER_KEY.")
    List<Path> keyFiles = new ArrayList<>();

    @Option(names = "--force", description = "Replace the data directory's database (it is set aside, not deleted).")
    boolean force;

    @Override
    public Integer call() throws IOException {
        SecureRandom random = new SecureRandom();
        Path directory = dataDirectory.toAbsolutePath();
        MasterKeyring keys = keys(directory, random);
        EmbeddedRestore.Outcome outcome = EmbeddedRestore.restore(input, directory, keys, force, Clock.systemUTC());
        System.out.println("restored the backup of " + outcome.backup().createdAt() + " (IAM version "
                + outcome.backup().iamVersion() + ") into " + directory);
        outcome.setAside().ifPresent(aside -> System.out.println("the database it replaced is in " + aside));
        List<MasterKeyId> needed = new ArrayList<>(outcome.backup().keysNeeded());
        outcome.backup().sealingKey().ifPresent(key -> {
            needed.remove(key);
            needed.addFirst(key);
        });
        keepKeysTheStoreNeeds(directory, needed, keys, random);
        return 0;
    }

    /** Every key the restore may need, from every place one can be (duplicates counted once). */
    private MasterKeyring keys(Path directory, SecureRandom random) throws IOException {
        List<MasterKeyring> rings = new ArrayList<>();
        Path managed = directory.resolve(MANAGED_KEY_FILE);
        if (Files.exists(managed)) {
            rings.add(read(managed, random));
        }
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path retired : files.filter(p -> p.getFileName().toString().matches("master-key-[0-9a-f]{16}"
                        + "\\.retired")).sorted().toList()) {
                    rings.add(read(retired, random));
                }
            }
        }
        for (Path file : keyFiles) {
            rings.add(read(file, random));
        }
        Optional.ofNullable(System.getenv("LANYARD_MASTER_KEY"))
                .ifPresent(text -> rings.add(MasterKeyring.fromBase64List(text, random)));
        if (rings.isEmpty()) {
            throw new IllegalStateException("no master key to open the backup with: give the key file it was made"
                    + " under with --master-key-file (the data directory has no master.key)");
        }
        MasterKeyring all = rings.getFirst();
        for (MasterKeyring ring : rings) {
            for (MasterKeyId id : ring.ids()) {
                all = all.with(ring.key(id).orElseThrow());
            }
        }
        return all;
    }

    private static MasterKeyring read(Path file, SecureRandom random) throws IOException {
        try {
            return MasterKeyring.fromBase64List(Files.readString(file, StandardCharsets.US_ASCII), random);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A data directory whose key Lanyard keeps (master.key) gets the keys the restored store needs, the sealing key
     * first, so that it starts; otherwise the operator is told which keys to start it with.
     */
    private static void keepKeysTheStoreNeeds(Path directory, List<MasterKeyId> needed, MasterKeyring keys,
            SecureRandom random) throws IOException {
        Path managed = directory.resolve(MANAGED_KEY_FILE);
        if (!Files.exists(managed)) {
            System.out.println("start Lanyard with the master key(s) " + needed + " (--master-key-file, or copy the"
                    + " key file to " + managed + ")");
            return;
        }
        MasterKeyring present = read(managed, random);
        if (needed.isEmpty() || present.ids().containsAll(needed)
                && present.sealing().id().equals(needed.getFirst())) {
            return;
        }
        List<MasterKey> ordered = new ArrayList<>();
        needed.forEach(id -> ordered.add(keys.key(id).orElseThrow()));
        present.ids().stream().filter(id -> !needed.contains(id)).forEach(id -> ordered.add(present.key(id)
                .orElseThrow()));
        KeyFiles.replace(managed, MasterKeyring.of(ordered).toBase64Lines());
        System.out.println(managed + " now holds the master keys the restored store is sealed under " + needed
                + "; run lanyard rotate-master-key to leave them behind");
    }
}

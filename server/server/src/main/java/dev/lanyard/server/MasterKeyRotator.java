package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import dev.lanyard.store.jdbc.JdbcIamStore;
import dev.lanyard.store.jdbc.MasterKeyRotation;
import dev.lanyard.store.jdbc.MasterKeyStatus;
import dev.lanyard.tokens.MasterKey;
import dev.lanyard.tokens.MasterKeyId;
import dev.lanyard.tokens.MasterKeyring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code lanyard rotate-master-key} on a running node: moves everything sealed at rest to the first key of the node's
 * key source while the store serves (the store's {@link MasterKeyRotation} re-seals between writers), and keeps the
 * node's keys in step with its key file.
 *
 * <ul>
 *   <li>{@link MasterKeySource.Kind#MANAGED} (DATA_DIR/master.key): a new key is generated and written first in the
 *       file, beside the old one, before anything is sealed under it; after the rotation the old key leaves the file
 *       for {@code master-key-ID.retired}, which backups taken before the rotation need. A rotation cut short (a crash,
 *       a stop) resumes towards the same new key.
 *   <li>{@link MasterKeySource.Kind#GIVEN_FILE}: the operator puts the new key first in the file on every node, each
 *       node re-reads it ({@link #reloadIfChanged}), then the rotation moves to it; the operator removes the old key
 *       from the files afterwards (a node refuses to drop a key anything is still sealed under).
 *   <li>{@link MasterKeySource.Kind#ENVIRONMENT}: a process cannot re-read its environment; refused with the way out.
 * </ul>
 */
final class MasterKeyRotator {
    private static final System.Logger LOG = System.getLogger("dev.lanyard.server");
    private static final String RETIRED_PREFIX = "master-key-";
    private static final String RETIRED_SUFFIX = ".retired";

    private final JdbcIamStore store;
    private final MasterKeySource.Loaded source;
    private final SecureRandom random;
    /** The key file's content when this node last read it: a change is reloaded. */
    private String lastRead;

    MasterKeyRotator(JdbcIamStore store, MasterKeySource.Loaded source, SecureRandom random) {
        this.store = requireNonNull(store, "store is null");
        this.source = requireNonNull(source, "source is null");
        this.random = requireNonNull(random, "random is null");
        this.lastRead = source.file().map(MasterKeyRotator::readText).orElse("");
    }

    /** What a rotation did, as {@code rotate-master-key} prints it (key ids only). */
    record Report(MasterKeyId sealingKey, long resealed, List<MasterKeyId> retired, Optional<Path> retiredTo) {}

    synchronized Report rotate() {
        return switch (source.kind()) {
            case ENVIRONMENT -> throw new IllegalStateException("this node's master key comes from"
                    + " LANYARD_MASTER_KEY, which a running process cannot re-read: to rotate without downtime, give"
                    + " the keys in a file (serve --master-key-file), the new key on the first line");
            case GIVEN_FILE -> rotateGiven();
            case MANAGED -> rotateManaged();
        };
    }

    private Report rotateGiven() {
        reloadIfChanged();
        MasterKeyring ring = MasterKeySource.read(file(), random);
        MasterKeyRotation.Result result = store.rotateMasterKey(ring.sealing().id());
        LOG.log(System.Logger.Level.INFO, "master key rotated to " + result.sealingKey() + " (" + result.resealed()
                + " values re-sealed); no longer needed: " + result.retirable());
        return new Report(result.sealingKey(), result.resealed(), result.retirable(), Optional.empty());
    }

    private Report rotateManaged() {
        Path file = file();
        MasterKeyring inFile = MasterKeySource.read(file, random);
        MasterKeyring ring;
        if (inFile.ids().size() > 1) {
            ring = inFile; // a rotation cut short: its new key is already first in the file
        } else {
            MasterKey fresh = MasterKey.generate(random);
            ring = prepend(fresh, inFile);
            writeKeys(file, ring); // durable before anything is sealed under the new key
        }
        store.useKeyring(ring);
        MasterKeyId target = ring.sealing().id();
        MasterKeyRotation.Result result = store.rotateMasterKey(target);
        List<MasterKeyId> retired = new ArrayList<>();
        for (MasterKeyId old : ring.ids()) {
            if (!old.equals(target)) {
                writeRetired(file.getParent(), ring.key(old).orElseThrow());
                retired.add(old);
            }
        }
        MasterKeyring kept = MasterKeyring.of(ring.sealing());
        store.useKeyring(kept);
        writeKeys(file, kept);
        lastRead = readText(file);
        LOG.log(System.Logger.Level.INFO, "master key rotated to " + target + " (" + result.resealed()
                + " values re-sealed); retired " + retired + " to " + file.getParent());
        return new Report(target, result.resealed(), retired, Optional.of(file.getParent()));
    }

    /**
     * Re-reads the operator's key file when it changed, and makes its keys the node's (refused, keeping the current
     * ones, when the new set lacks a key the store needs). Runs on the maintenance timer.
     */
    synchronized void reloadIfChanged() {
        if (source.kind() != MasterKeySource.Kind.GIVEN_FILE) {
            return;
        }
        String text = readText(file());
        if (text.equals(lastRead)) {
            return;
        }
        lastRead = text; // a file that cannot be used is said once per change, not at every check
        try {
            MasterKeyring ring = MasterKeySource.read(file(), random);
            store.useKeyring(ring);
            LOG.log(System.Logger.Level.INFO, "master keys reloaded from " + file() + ": " + ring.ids());
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "the master keys in " + file() + " are not used: " + e.getMessage());
        }
    }

    MasterKeyStatus status() {
        return store.masterKeyStatus();
    }

    private Path file() {
        return source.file().orElseThrow();
    }

    private static MasterKeyring prepend(MasterKey first, MasterKeyring rest) {
        List<MasterKey> keys = new ArrayList<>();
        keys.add(first);
        rest.ids().forEach(id -> keys.add(rest.key(id).orElseThrow()));
        return MasterKeyring.of(keys);
    }

    private static void writeKeys(Path file, MasterKeyring ring) {
        try {
            KeyFiles.replace(file, ring.toBase64Lines());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the master key file " + file, e);
        }
    }

    /** The retired key stays beside the data, owner-only: backups taken before the rotation are sealed under it. */
    private static void writeRetired(Path directory, MasterKey key) {
        Path file = directory.resolve(RETIRED_PREFIX + key.id() + RETIRED_SUFFIX);
        try {
            KeyFiles.replace(file, key.toBase64() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the retired master key in " + file, e);
        }
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the master key file " + file, e);
        }
    }
}

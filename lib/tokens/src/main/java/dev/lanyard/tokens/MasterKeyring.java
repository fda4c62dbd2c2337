package dev.lanyard.tokens;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The master keys a node holds, while a rotation has more than one: exactly one seals, every one opens what it sealed
 * (picked by the key id in the sealed data). Immutable; a node swaps in a new ring when its keys change.
 *
 * <p>Which key seals is not the node's choice alone: nodes sharing a database seal under the key the database names,
 * so that no node writes what another cannot read (see the store's rotation).
 */
public final class MasterKeyring implements Sealer {
    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

    private final List<MasterKey> keys;
    private final MasterKey sealing;

    private MasterKeyring(List<MasterKey> keys, MasterKey sealing) {
        this.keys = List.copyOf(keys);
        this.sealing = sealing;
    }

    /** The ring of these keys, sealing under the first. */
    public static MasterKeyring of(List<MasterKey> keys) {
        requireNonNull(keys, "keys is null");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a master keyring needs at least one key");
        }
        Set<MasterKeyId> ids = new LinkedHashSet<>();
        for (MasterKey key : keys) {
            if (!ids.add(key.id())) {
                throw new IllegalArgumentException("master key " + key.id() + " is given twice");
            }
        }
        return new MasterKeyring(keys, keys.getFirst());
    }

    public static MasterKeyring of(MasterKey key) {
        return of(List.of(key));
    }

    /**
     * The ring from its text form: base64 keys separated by commas, spaces or line breaks (one key, as before rotation
     * existed, is a ring of one). Sealing under the first.
     *
     * @throws IllegalArgumentException naming the position of a key that is not valid; never quoting the text
     */
    public static MasterKeyring fromBase64List(String text, SecureRandom rnd) {
        requireNonNull(text, "text is null");
        requireNonNull(rnd, "rnd is null");
        List<MasterKey> keys = new ArrayList<>();
        for (String part : SEPARATORS.split(text.strip())) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                keys.add(MasterKey.fromBase64(part, rnd));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("master key " + (keys.size() + 1) + ": " + e.getMessage());
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no master key given");
        }
        return of(keys);
    }

    /** The text form: one base64 key a line, the sealing key first. For writing a 0600 key file only. */
    public String toBase64Lines() {
        StringBuilder text = new StringBuilder(sealing.toBase64()).append('\n');
        for (MasterKey key : keys) {
            if (key != sealing) {
                text.append(key.toBase64()).append('\n');
            }
        }
        return text.toString();
    }

    public MasterKey sealing() {
        return sealing;
    }

    /** The ids of the keys held, in the order given. */
    public List<MasterKeyId> ids() {
        return keys.stream().map(MasterKey::id).toList();
    }

    public boolean holds(MasterKeyId id) {
        return key(id).isPresent();
    }

    public Optional<MasterKey> key(MasterKeyId id) {
        requireNonNull(id, "id is null");
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    /** The same keys, sealing under {@code id}. */
    public MasterKeyring sealingWith(MasterKeyId id) {
        MasterKey key = key(id).orElseThrow(() -> new IllegalArgumentException("master key " + id
                + " is not among this node's master keys (" + ids() + ")"));
        return key == sealing ? this : new MasterKeyring(keys, key);
    }

    /** This ring and {@code key} (opening only, until the ring is told to seal with it). */
    public MasterKeyring with(MasterKey key) {
        requireNonNull(key, "key is null");
        if (holds(key.id())) {
            return this;
        }
        List<MasterKey> more = new ArrayList<>(keys);
        more.add(key);
        return new MasterKeyring(more, sealing);
    }

    /** This ring without key {@code id}, which must not be the sealing key. */
    public MasterKeyring without(MasterKeyId id) {
        if (sealing.id().equals(id)) {
            throw new IllegalArgumentException("master key " + id + " seals: it cannot be dropped");
        }
        return new MasterKeyring(keys.stream().filter(k -> !k.id().equals(id)).toList(), sealing);
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        return sealing.encrypt(plaintext, associatedData);
    }

    /**
     * Opens data sealed under any key of the ring: the one its key id names, or for data sealed before keys had ids,
     * whichever opens it.
     *
     * @throws SealedDataException if it names a key the ring does not hold, or does not open (see {@link MasterKey})
     */
    @Override
    public byte[] decrypt(byte[] sealed, byte[] associatedData) throws SealedDataException {
        requireNonNull(sealed, "sealed is null");
        Optional<MasterKeyId> sealer = MasterKey.sealedBy(sealed);
        if (sealer.isPresent()) {
            MasterKey key = key(sealer.get()).orElseThrow(() -> new SealedDataException("sealed under master key "
                    + sealer.get() + ", which is not among this node's master keys (" + ids() + ")"));
            return key.decrypt(sealed, associatedData);
        }
        SealedDataException last = null;
        for (MasterKey key : keys) {
            try {
                return key.decrypt(sealed, associatedData);
            } catch (SealedDataException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Key ids only: nothing here is secret. */
    @Override
    public String toString() {
        return "MasterKeyring[sealing=" + sealing.id() + ", keys=" + ids() + "]";
    }
}

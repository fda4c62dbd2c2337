package dev.lanyard.store.jdbc;

import dev.lanyard.iam.model.IamEntity;
import dev.lanyard.tokens.MasterKey;
import dev.lanyard.tokens.MasterKeyId;
import dev.lanyard.tokens.MasterKeyring;
import dev.lanyard.tokens.SealedDataException;
import dev.lanyard.tokens.TokenKeyset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Replaces the master key while the store serves, on one node or on several sharing a database, in three phases so
 * that no node ever meets a secret it cannot open (docs/adr/0012):
 *
 * <ol>
 *   <li><b>Distribute</b>: the new key joins every node's keyring, opening only ({@link #useKeyring}). Each node
 *       records the ids of its keys in the database ({@link NodeKeys}).
 *   <li><b>Switch and re-seal</b> ({@link #rotateTo}): once every live node holds the new key, the database names it
 *       the sealing key, in one transaction under the version row's lock. Every write reads the sealing key under that
 *       same lock, so every write after the switch, on any node, seals under the new key. Then everything still sealed
 *       under another key is re-sealed, a batch per transaction, each after the writers queued before it. Last, every
 *       binary column of every table is scanned: a value left under another key fails the rotation, so a secret that
 *       this class does not know how to re-seal keeps its old key alive instead of being lost with it.
 *   <li><b>Retire</b>: the old key leaves every node's keyring; {@link #useKeyring} refuses while anything stored is
 *       still sealed under it.
 * </ol>
 *
 * Re-sealing goes through the same {@link EntityCodec} as every write (decode, then encode under the sealing key), so
 * it covers every entity's secrets without a list of them; the token keyset is the one secret sealed outside the
 * codec, and is re-sealed here by name.
 */
public final class MasterKeyRotation {
    static final int BATCH = 100;
    private static final int PASSES = 3;

    private final JdbcIamStore store;

    MasterKeyRotation(JdbcIamStore store) {
        this.store = store;
    }

    /** What a rotation did: the key that seals now, how many values it re-sealed, which keys nothing needs now. */
    public record Result(MasterKeyId sealingKey, long resealed, List<MasterKeyId> retirable) {
        public Result {
            retirable = List.copyOf(retirable);
        }
    }

    MasterKeyStatus status() {
        return store.read((c, meta) -> new MasterKeyStatus(
                meta.sealingKey().orElse(store.keyring().sealing().id()), store.keyring().ids(),
                store.membership().isPresent() ? Optional.of(NodeKeys.live(c, store.clock().instant()))
                        : Optional.empty(),
                SealedValues.scan(c)));
    }

    void useKeyring(MasterKeyring ring) {
        MasterKeyring adopted = store.maintenanceWrite((c, meta) -> {
            MasterKeyId sealing = meta.sealingKey().orElse(store.keyring().sealing().id());
            if (!ring.holds(sealing)) {
                throw new IllegalArgumentException("the new master keys " + ring.ids() + " lack " + sealing
                        + ", the key the store seals under: keep it until a rotation has moved to another key");
            }
            Map<String, Long> sealed = SealedValues.scan(c).byKey();
            Set<String> missing = new TreeSet<>(sealed.keySet());
            ring.ids().forEach(id -> missing.remove(id.value()));
            if (missing.remove(SealedValues.WITHOUT_KEY_ID) && !ring.ids().containsAll(store.keyring().ids())) {
                throw new IllegalArgumentException(sealed.get(SealedValues.WITHOUT_KEY_ID) + " values were sealed"
                        + " before sealed data named its key: run rotate-master-key before dropping a key");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("the new master keys " + ring.ids() + " lack " + missing
                        + ", which stored secrets are still sealed under: run rotate-master-key first");
            }
            MasterKeyring next = ring.sealingWith(sealing);
            store.replaceKeyring(next);
            return next;
        });
        store.register(adopted);
    }

    Result rotateTo(MasterKeyId target) {
        if (!store.keyring().holds(target)) {
            throw new IllegalArgumentException("this node does not hold master key " + target + " (it holds "
                    + store.keyring().ids() + "): add the key to its keys first");
        }
        store.maintenanceWrite((c, meta) -> {
            if (store.membership().isPresent()) {
                requireEveryLiveNodeHolds(c, target);
            }
            setSealingKey(c, target);
            return store.sealingRing(new JdbcIamStore.Meta(meta.version(), Optional.of(target)));
        });
        long resealed = resealEntities() + store.maintenanceWrite(this::resealKeyset);
        MasterKeyStatus after = status();
        Map<String, Long> left = after.sealed().notUnder(after.sealingKey());
        if (!left.isEmpty()) {
            throw new IllegalStateException("after re-sealing, values in " + left + " are still sealed under"
                    + " other master keys, which this rotation does not re-seal: keep every old key");
        }
        return new Result(after.sealingKey(), resealed, after.retirable());
    }

    private void requireEveryLiveNodeHolds(Connection c, MasterKeyId target) throws SQLException {
        List<String> lacking = new ArrayList<>();
        for (MasterKeyStatus.Node node : NodeKeys.live(c, store.clock().instant())) {
            if (!node.keys().contains(target)) {
                lacking.add(node.name() + " (" + node.instance() + ", holds " + node.keys() + ")");
            }
        }
        if (!lacking.isEmpty()) {
            throw new IllegalStateException("master key " + target + " is not on every node yet; lacking it: "
                    + String.join(", ", lacking) + ". Give them the key (phase 1) and try again");
        }
    }

    static void setSealingKey(Connection c, MasterKeyId id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE lanyard_meta SET sealing_key = ? WHERE id = 1")) {
            s.setString(1, id.value());
            s.executeUpdate();
        }
    }

    /** Re-seals, a batch per transaction, every entity secret not sealed under the sealing key; returns how many. */
    private long resealEntities() {
        long resealed = 0;
        for (int pass = 0; pass < PASSES; pass++) {
            List<EntityRef> pending = store.read((c, meta) -> pending(c, store.sealingRing(meta).sealing().id()));
            if (pending.isEmpty()) {
                return resealed;
            }
            for (int from = 0; from < pending.size(); from += BATCH) {
                List<EntityRef> batch = pending.subList(from, Math.min(pending.size(), from + BATCH));
                resealed += store.maintenanceWrite((c, meta) -> reseal(c, store.sealingRing(meta), batch));
            }
        }
        return resealed; // what is still left is reported by the scan that follows
    }

    private record EntityRef(String type, String account, String id) {}

    private static List<EntityRef> pending(Connection c, MasterKeyId sealing) throws SQLException {
        List<EntityRef> pending = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT entity_type, account_id, entity_id, secret"
                + " FROM iam_entity WHERE secret IS NOT NULL");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                if (!MasterKey.sealedBy(rs.getBytes(4)).equals(Optional.of(sealing))) {
                    pending.add(new EntityRef(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return pending;
    }

    /** Under the version row's lock: no writer changes these rows meanwhile. */
    private int reseal(Connection c, MasterKeyring ring, List<EntityRef> batch) throws SQLException {
        EntityCodec codec = store.codec().with(ring);
        int resealed = 0;
        for (EntityRef ref : batch) {
            EntityCodec.Row row = read(c, ref);
            if (row == null || MasterKey.sealedBy(row.secret()).equals(Optional.of(ring.sealing().id()))) {
                continue; // removed, or rewritten by a writer since the plan was made
            }
            IamEntity entity = codec.decode(row);
            EntityCodec.Row again = codec.encode(entity);
            if (!again.type().equals(row.type()) || !again.account().equals(row.account())
                    || !again.id().equals(row.id())) {
                throw new IllegalStateException("entity " + ref + " encodes under another key: " + again.type() + "/"
                        + again.account() + "/" + again.id());
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE iam_entity SET secret = ?"
                    + " WHERE entity_type = ? AND account_id = ? AND entity_id = ?")) {
                s.setBytes(1, again.secret());
                s.setString(2, ref.type());
                s.setString(3, ref.account());
                s.setString(4, ref.id());
                resealed += s.executeUpdate();
            }
        }
        return resealed;
    }

    private static EntityCodec.Row read(Connection c, EntityRef ref) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT body, secret FROM iam_entity"
                + " WHERE entity_type = ? AND account_id = ? AND entity_id = ?")) {
            s.setString(1, ref.type());
            s.setString(2, ref.account());
            s.setString(3, ref.id());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBytes(2) != null
                        ? new EntityCodec.Row(ref.type(), ref.account(), ref.id(), rs.getString(1), rs.getBytes(2))
                        : null;
            }
        }
    }

    private long resealKeyset(Connection c, JdbcIamStore.Meta meta) throws SQLException {
        MasterKeyring ring = store.sealingRing(meta);
        byte[] stored;
        try (PreparedStatement s = c.prepareStatement("SELECT keyset FROM token_keyset WHERE id = 1 FOR UPDATE");
                ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return 0;
            }
            stored = rs.getBytes(1);
        }
        if (MasterKey.sealedBy(stored).equals(Optional.of(ring.sealing().id()))) {
            return 0;
        }
        byte[] resealed;
        try {
            resealed = TokenKeyset.fromEncryptedBytes(stored, ring).toEncryptedBytes(ring);
        } catch (SealedDataException e) {
            throw new SQLException("the token keyset does not open with this node's master keys: " + e.getMessage(),
                    e);
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE token_keyset SET keyset = ? WHERE id = 1")) {
            s.setBytes(1, resealed);
            return s.executeUpdate();
        }
    }
}

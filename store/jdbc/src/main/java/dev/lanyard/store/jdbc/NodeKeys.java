package dev.lanyard.store.jdbc;

import static java.util.Objects.requireNonNull;

import dev.lanyard.tokens.MasterKeyId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One node's entry in the registry of the master keys held by the nodes that share a database (key ids only): what a
 * rotation checks before it makes a key the sealing key, so that no running node meets a secret it cannot open.
 *
 * <p>A node writes its entry when it opens the store and when its keys change, refreshes it every
 * {@link #HEARTBEAT}, and removes it when it closes. An entry not refreshed for {@link #LIVE} is a node that is gone
 * (killed, or cut off from the database); should it come back without the sealing key, it refuses to start, and a
 * running one reports the missing key in its health and answers writes with 503 until it is given the key.
 */
final class NodeKeys {
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    static final Duration LIVE = Duration.ofSeconds(60);

    private final String instance;
    private final String name;
    private volatile Instant lastWritten = Instant.MIN;

    /** {@code instance} tells this process from every other, {@code name} is the node id an operator gave it. */
    NodeKeys(String instance, String name) {
        this.instance = requireNonNull(instance, "instance is null");
        this.name = requireNonNull(name, "name is null");
    }

    void register(Connection c, List<MasterKeyId> keys, Instant now) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            deregister(c);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO lanyard_node_keys (instance_id, node_id, key_ids, seen_at) VALUES (?, ?, ?, ?)")) {
                s.setString(1, instance);
                s.setString(2, name);
                s.setString(3, String.join(",", keys.stream().map(MasterKeyId::value).toList()));
                s.setLong(4, now.toEpochMilli());
                s.executeUpdate();
            }
            c.commit();
            lastWritten = now;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** Refreshes the entry once it is {@link #HEARTBEAT} old. */
    void heartbeat(Connection c, List<MasterKeyId> keys, Instant now) throws SQLException {
        if (!now.isBefore(lastWritten.plus(HEARTBEAT))) {
            register(c, keys, now);
        }
    }

    void deregister(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM lanyard_node_keys WHERE instance_id = ?")) {
            s.setString(1, instance);
            s.executeUpdate();
        }
    }

    /** The nodes whose entry is younger than {@link #LIVE}. */
    static List<MasterKeyStatus.Node> live(Connection c, Instant now) throws SQLException {
        List<MasterKeyStatus.Node> nodes = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT instance_id, node_id, key_ids, seen_at FROM lanyard_node_keys WHERE seen_at > ?"
                        + " ORDER BY node_id, instance_id")) {
            s.setLong(1, now.minus(LIVE).toEpochMilli());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<MasterKeyId> keys = Arrays.stream(rs.getString(3).split(",")).filter(k -> !k.isEmpty())
                            .map(MasterKeyId::new).toList();
                    nodes.add(new MasterKeyStatus.Node(rs.getString(1), rs.getString(2), keys,
                            Instant.ofEpochMilli(rs.getLong(4))));
                }
            }
        }
        return nodes;
    }
}

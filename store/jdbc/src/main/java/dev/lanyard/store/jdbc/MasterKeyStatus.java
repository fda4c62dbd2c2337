package dev.lanyard.store.jdbc;

import static java.util.Objects.requireNonNull;

import dev.lanyard.tokens.MasterKeyId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a master-key rotation stands: the key that seals, the keys this node holds, the live nodes and theirs (only
 * when nodes share the database), and what the store holds sealed under which key.
 */
public record MasterKeyStatus(MasterKeyId sealingKey, List<MasterKeyId> nodeKeys, Optional<List<Node>> nodes,
        SealedValues sealed) {
    public MasterKeyStatus {
        requireNonNull(sealingKey, "sealingKey is null");
        nodeKeys = List.copyOf(nodeKeys);
        nodes = nodes.map(List::copyOf);
        requireNonNull(sealed, "sealed is null");
    }

    /** A node sharing the database: its configured name, the ids of the keys it holds, when it last said so. */
    public record Node(String instance, String name, List<MasterKeyId> keys, Instant seenAt) {
        public Node {
            keys = List.copyOf(keys);
        }
    }

    /**
     * The keys of this node that do not seal and that nothing stored is sealed under: safe to retire. None while
     * anything is sealed without a key id (it could need any of them).
     */
    public List<MasterKeyId> retirable() {
        Map<String, Long> byKey = sealed.byKey();
        if (byKey.containsKey(SealedValues.WITHOUT_KEY_ID)) {
            return List.of();
        }
        return nodeKeys.stream().filter(id -> !id.equals(sealingKey) && !byKey.containsKey(id.value())).toList();
    }
}

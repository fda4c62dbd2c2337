-- Master-key rotation (docs/adr/0012). Every node seals new secrets under the key named here, read in the same
-- transaction (under the version row's lock) as the write it seals, so a rotation's switch and every write are
-- ordered: nothing is sealed under a key after the switch away from it. Null until a node first opens the store.
ALTER TABLE lanyard_meta ADD COLUMN sealing_key VARCHAR(16);

-- The master keys each node sharing the database holds (key ids, never keys), refreshed while the node runs: a
-- rotation switches to a key only when every live node can open what is sealed under it. Not backed up.
CREATE TABLE lanyard_node_keys (
    instance_id VARCHAR(200)  PRIMARY KEY,
    node_id     VARCHAR(200)  NOT NULL,
    key_ids     VARCHAR(2000) NOT NULL,
    seen_at     BIGINT        NOT NULL
);

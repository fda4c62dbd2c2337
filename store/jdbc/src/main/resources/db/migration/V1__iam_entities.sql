-- One schema for the embedded database (H2 in PostgreSQL mode) and PostgreSQL.
-- Entities are stored as JSON documents keyed by (type, account, id); secrets live encrypted in their own column.
CREATE TABLE lanyard_meta (
    id      INTEGER PRIMARY KEY,
    version BIGINT  NOT NULL
);
INSERT INTO lanyard_meta (id, version) VALUES (1, 0);

CREATE TABLE iam_entity (
    entity_type VARCHAR(40)   NOT NULL,
    account_id  VARCHAR(20)   NOT NULL,
    entity_id   VARCHAR(2100) NOT NULL,
    body        TEXT          NOT NULL,
    secret      BYTEA,
    PRIMARY KEY (entity_type, account_id, entity_id)
);

CREATE TABLE token_keyset (
    id      INTEGER PRIMARY KEY,
    keyset  BYTEA   NOT NULL
);

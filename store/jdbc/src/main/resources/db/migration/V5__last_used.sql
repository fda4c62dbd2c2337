-- When access keys and roles were last used (IAM's GetAccessKeyLastUsed and RoleLastUsed), aggregated by each node
-- from its audit trail and written every few seconds. Times are epoch milliseconds.
CREATE TABLE last_used (
    kind       VARCHAR(16)   NOT NULL,
    subject    VARCHAR(2048) NOT NULL,
    used_at    BIGINT        NOT NULL,
    service    VARCHAR(64),
    region     VARCHAR(32)   NOT NULL,
    PRIMARY KEY (kind, subject)
);

-- The audit trail of nodes sharing a database: each CloudTrail record whole (record), and the columns the forensic
-- questions look it up by. Times are epoch milliseconds, as elsewhere in the schema.
CREATE TABLE audit_event (
    event_id           VARCHAR(36)   PRIMARY KEY,
    event_time         BIGINT        NOT NULL,
    event_source       VARCHAR(64)   NOT NULL,
    event_name         VARCHAR(128)  NOT NULL,
    access_key_id      VARCHAR(128),
    principal_arn      VARCHAR(2048),
    recipient_account  VARCHAR(20),
    request_id         VARCHAR(64)   NOT NULL,
    error_code         VARCHAR(128),
    node_id            VARCHAR(128)  NOT NULL,
    record             TEXT          NOT NULL
);
CREATE INDEX audit_event_by_time ON audit_event (event_time);
CREATE INDEX audit_event_by_key ON audit_event (access_key_id, event_time);
CREATE INDEX audit_event_by_principal ON audit_event (principal_arn, event_time);

-- IAM's generated reports (credential reports, service last-accessed and Organizations access report jobs), kept in
-- the store so that every node sharing it answers for a report any node generated. Times are epoch milliseconds.
CREATE TABLE iam_report (
    account_id   VARCHAR(12)  NOT NULL,
    kind         VARCHAR(32)  NOT NULL,
    report_id    VARCHAR(64)  NOT NULL,
    generated_at BIGINT       NOT NULL,
    body         TEXT         NOT NULL,
    PRIMARY KEY (account_id, kind, report_id)
);
CREATE INDEX iam_report_by_time ON iam_report (kind, generated_at);

-- The S3 gateway's bucket registry: each bucket's owning account and its bucket policy (not a secret: stored as is).
CREATE TABLE s3_bucket (
    bucket_name   VARCHAR(63) PRIMARY KEY,
    owner_account VARCHAR(20) NOT NULL,
    policy        TEXT,
    created_at    BIGINT      NOT NULL
);

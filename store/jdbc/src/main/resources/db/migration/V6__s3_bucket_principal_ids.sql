-- A bucket policy's IAM user and role principals bound to the unique IDs they had when it was put, as AWS binds them
-- (JSON object, ARN to ID; NULL without a policy or for a policy put before this column existed).
ALTER TABLE s3_bucket ADD COLUMN policy_principal_ids TEXT;

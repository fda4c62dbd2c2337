-- When each last-used fact was saved (epoch milliseconds, the saving node's clock), so that nodes read only the facts
-- saved since their previous read instead of the whole table every few seconds.
ALTER TABLE last_used ADD COLUMN saved_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX last_used_saved_at ON last_used (saved_at);

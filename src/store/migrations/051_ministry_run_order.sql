-- Runs started within the same clock tick (tests with a fixed clock, fast retries) still list
-- newest first: order by insertion, not only by started_at.
ALTER TABLE ministry_connector_runs ADD COLUMN seq bigserial;
CREATE INDEX ministry_connector_runs_seq_idx ON ministry_connector_runs (connector_id, seq);

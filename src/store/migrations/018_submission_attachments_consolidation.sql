-- Narrative attachments: bytes kept in the database with their SHA-256 so what was approved
-- is exactly what is sent.
CREATE TABLE submission_attachments (
  id            text PRIMARY KEY,
  submission_id text NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  name          text NOT NULL,
  media_type    text NOT NULL,
  size          integer NOT NULL,
  sha256        text NOT NULL,
  content       bytea NOT NULL,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL
);
CREATE INDEX submission_attachments_submission_idx ON submission_attachments (submission_id);

-- Which sub-units' submissions (and which of their versions) a consolidation summed.
CREATE TABLE submission_consolidation_sources (
  parent_submission_id text NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  child_submission_id  text NOT NULL REFERENCES submissions (id),
  child_org_unit_id    text NOT NULL,
  child_version        integer NOT NULL,
  consolidated_at      timestamptz NOT NULL,
  PRIMARY KEY (parent_submission_id, child_submission_id)
);

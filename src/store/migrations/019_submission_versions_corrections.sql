-- Each dispatched version of a report, frozen (the original is 1; corrections add one).
CREATE TABLE submission_versions (
  submission_id text NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  version       integer NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('original', 'correction')),
  report        jsonb NOT NULL,
  signature     text,
  signer        text,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (submission_id, version)
);

-- Đính chính: the sender's request with the new values, decided by the receiver.
CREATE TABLE submission_corrections (
  id              bigserial PRIMARY KEY,
  submission_id   text NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  base_version    integer NOT NULL,
  reason          text NOT NULL,
  cell_values     jsonb NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
  requested_by    text NOT NULL,
  requested_at    timestamptz NOT NULL,
  decided_by      text,
  decided_at      timestamptz,
  decision_reason text
);
CREATE UNIQUE INDEX submission_corrections_pending_uq ON submission_corrections (submission_id) WHERE status = 'pending';

-- Every workflow step: who, in which role, when, from which state to which, and why
-- (Kon Tum 9, Lai Châu 17.4). Append-only; mirrored in audit_log in the same transaction.
CREATE TABLE submission_transitions (
  id            bigserial PRIMARY KEY,
  submission_id text NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  action        text NOT NULL,
  from_state    text NOT NULL,
  to_state      text NOT NULL,
  actor         text NOT NULL,
  role          text NOT NULL,
  at            timestamptz NOT NULL,
  reason        text,
  version       integer NOT NULL,
  details       jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX submission_transitions_submission_idx ON submission_transitions (submission_id, id);

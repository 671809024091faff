-- Deadline extensions (gia hạn): a unit asks, with a reason, for more days to enter a report; a
-- leader or administrator above it grants (possibly a different day) or refuses with a reason.
-- The day granted is kept on the assignment (extended_until) so every read of the lock is one
-- row; the requests keep the whole story (who asked, who decided, when, why).
ALTER TABLE assignments ADD COLUMN extended_until text;

CREATE TABLE assignment_extensions (
  id              text PRIMARY KEY,
  assignment_id   text NOT NULL REFERENCES assignments (id),
  requested_until text NOT NULL,
  reason          text NOT NULL,
  requested_by    text NOT NULL,
  requested_at    timestamptz NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'granted', 'refused')),
  granted_until   text,
  decision_note   text,
  decided_by      text,
  decided_at      timestamptz
);
-- One open request per assignment: a second one while the first waits is a conflict, not a queue.
CREATE UNIQUE INDEX assignment_extensions_one_pending_uq ON assignment_extensions (assignment_id) WHERE status = 'pending';
CREATE INDEX assignment_extensions_assignment_idx ON assignment_extensions (assignment_id, requested_at);
CREATE INDEX assignment_extensions_pending_idx ON assignment_extensions (requested_at) WHERE status = 'pending';

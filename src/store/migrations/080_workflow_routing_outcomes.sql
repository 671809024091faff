-- Workflow (issue 10): routing as data per regime and form, the national system's refusal as a
-- state of its own, corrections through the whole path (no pending-correction state), and the
-- first send that timeliness measures.
ALTER TABLE submissions DROP CONSTRAINT IF EXISTS submissions_state_check;
-- A correction waiting for the receiver now runs as the next version from draft; an old pending
-- request keeps the accepted report as it was.
UPDATE submissions SET state = 'accepted' WHERE state = 'correction_requested';
ALTER TABLE submissions ADD CONSTRAINT submissions_state_check
  CHECK (state IN ('draft', 'submitted', 'returned', 'approved', 'sent', 'accepted', 'refused'));
ALTER TABLE submissions ADD COLUMN first_sent_at timestamptz;
UPDATE submissions SET first_sent_at = sent_at WHERE sent_at IS NOT NULL;

ALTER TABLE report_regimes ADD COLUMN routing jsonb NOT NULL DEFAULT '{}';
ALTER TABLE report_regimes ADD COLUMN timeliness_step text NOT NULL DEFAULT 'sent'
  CHECK (timeliness_step IN ('sent', 'submitted'));

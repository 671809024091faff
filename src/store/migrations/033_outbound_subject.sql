-- One outbound packet model for every QCVN 125 type: a packet is about a subject (a report, a
-- report's status, a catalog, a set of KPI observations), not always a submission. Existing
-- rows are reports: they keep their columns and get subject = their submission.
ALTER TABLE delivery_packets
  ALTER COLUMN submission_id DROP NOT NULL,
  ALTER COLUMN org_unit_id DROP NOT NULL,
  ALTER COLUMN period_key DROP NOT NULL,
  ALTER COLUMN form_code DROP NOT NULL,
  ADD COLUMN subject_kind text NOT NULL DEFAULT 'report' CHECK (subject_kind IN ('report', 'status', 'catalog', 'kpi')),
  ADD COLUMN subject_id text,
  ADD COLUMN subject_version integer,
  -- The receiver's last receipt, whole (unknown fields kept): proof of delivery beside the message log.
  ADD COLUMN receipt text;
UPDATE delivery_packets SET subject_id = submission_id, subject_version = submission_version WHERE subject_id IS NULL;
ALTER TABLE delivery_packets ALTER COLUMN subject_id SET NOT NULL;
CREATE INDEX delivery_packets_subject_idx ON delivery_packets (subject_kind, subject_id);

-- Assignments (giao báo cáo): one form × org unit × period. The unique key makes generation
-- idempotent (INSERT … ON CONFLICT DO NOTHING). Out-of-schedule open/close is recorded with a
-- note (Lai Châu 17.4); every status change is also kept in assignment_status_changes.
CREATE TABLE assignments (
  id                   text PRIMARY KEY,
  regime_code          text NOT NULL REFERENCES report_regimes (code),
  form_code            text NOT NULL REFERENCES forms (code),
  org_unit_id          text NOT NULL REFERENCES org_units (id),
  period_key           text NOT NULL,
  -- The period with its cut-off window as assigned (ad hoc windows cannot be derived from the key).
  period               jsonb NOT NULL,
  deadline             text,
  status               text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  parent_assignment_id text REFERENCES assignments (id),
  opened_at            timestamptz,
  closed_at            timestamptz,
  status_note          text,
  created_at           timestamptz NOT NULL
);
CREATE UNIQUE INDEX assignments_form_unit_period_uq ON assignments (form_code, org_unit_id, period_key);
CREATE INDEX assignments_unit_period_idx ON assignments (org_unit_id, period_key);
CREATE INDEX assignments_period_idx ON assignments (period_key, regime_code);

CREATE TABLE assignment_status_changes (
  assignment_id text NOT NULL REFERENCES assignments (id),
  status        text NOT NULL CHECK (status IN ('open', 'closed')),
  note          text NOT NULL,
  changed_by    text NOT NULL,
  changed_at    timestamptz NOT NULL
);
CREATE INDEX assignment_status_changes_idx ON assignment_status_changes (assignment_id);

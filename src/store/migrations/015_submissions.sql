-- Submissions (báo cáo): one per assignment (form × org unit × period), carried through the
-- workflow draft → submitted → approved → sent → accepted. Org units, forms and assignments
-- are owned by the catalog; they are referenced by id/code without foreign keys so the
-- catalog can evolve (re-parenting, merged units) without touching submitted history.
CREATE TABLE submissions (
  id                 text PRIMARY KEY,
  assignment_id      text NOT NULL,
  org_unit_id        text NOT NULL,
  form_code          text NOT NULL,
  regime_code        text NOT NULL,
  period_key         text NOT NULL,
  type               text NOT NULL CHECK (type IN ('data', 'narrative')),
  -- State secrets are never stored (Hải Phòng 5.2).
  classification     text NOT NULL DEFAULT 'normal' CHECK (classification = 'normal'),
  state              text NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'approved', 'sent', 'accepted', 'correction_requested')),
  version            integer NOT NULL DEFAULT 1,
  kind               text NOT NULL DEFAULT 'original' CHECK (kind IN ('original', 'correction')),
  created_by         text NOT NULL,
  created_at         timestamptz NOT NULL,
  entered_at         timestamptz,
  first_submitted_at timestamptz,
  submitted_at       timestamptz,
  approved_at        timestamptz,
  approved_by        text,
  sent_at            timestamptz,
  accepted_at        timestamptz,
  consolidated_at    timestamptz,
  signature          text,
  signer             text,
  -- The report exactly as the leader signed it; the clerk verifies the signature over it.
  approved_report    jsonb,
  narrative_title    text,
  narrative_text     text,
  updated_at         timestamptz NOT NULL
);
CREATE UNIQUE INDEX submissions_assignment_uq ON submissions (assignment_id);
CREATE INDEX submissions_unit_period_idx ON submissions (org_unit_id, form_code, period_key);
CREATE INDEX submissions_period_idx ON submissions (period_key, regime_code);

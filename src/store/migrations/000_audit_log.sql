-- Audit log (nhật ký hệ thống): who did what, when. Append-only; every workflow transition,
-- account change, re-run and security refusal lands here.
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor       text NOT NULL,
  action      text NOT NULL,
  subject     text,
  org_unit_id text,
  details     jsonb NOT NULL DEFAULT '{}'::jsonb,
  correlation_id text
);
CREATE INDEX audit_log_subject_idx ON audit_log (subject);
CREATE INDEX audit_log_action_idx ON audit_log (action, at);

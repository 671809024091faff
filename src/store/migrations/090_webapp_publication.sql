-- Public dashboard (Hòa Bình 12.3): what an administrator published, frozen at publication time.
-- Only figures approved by each unit's leader are copied; later changes do not leak until republished.
CREATE TABLE IF NOT EXISTS published_figures (
  period_key     TEXT NOT NULL,
  form_code      TEXT NOT NULL,
  published_by   TEXT NOT NULL,
  published_at   TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (period_key, form_code)
);

CREATE TABLE IF NOT EXISTS published_values (
  period_key     TEXT NOT NULL,
  form_code      TEXT NOT NULL,
  org_unit_id    TEXT NOT NULL,
  indicator_code TEXT NOT NULL,
  column_code    TEXT NOT NULL,
  value          DOUBLE PRECISION,
  PRIMARY KEY (period_key, form_code, org_unit_id, indicator_code, column_code),
  FOREIGN KEY (period_key, form_code) REFERENCES published_figures (period_key, form_code) ON DELETE CASCADE
);

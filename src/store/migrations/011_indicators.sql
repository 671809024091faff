-- Indicators (chỉ tiêu): the code is the concept; one code has exactly one unit of measure.
-- Template indicators form the indicator library (kho chỉ tiêu mẫu).
CREATE TABLE indicators (
  code                    text PRIMARY KEY,
  name                    text NOT NULL,
  unit                    text NOT NULL,
  method                  text NOT NULL DEFAULT '',
  periodicity             jsonb NOT NULL DEFAULT '[]',
  responsible_org_unit_id text REFERENCES org_units (id),
  catalog                 text NOT NULL CHECK (catalog IN ('national', 'provincial')),
  field                   text NOT NULL,
  ministry_code           text,
  disaggregations         jsonb NOT NULL DEFAULT '[]',
  template                boolean NOT NULL DEFAULT false,
  sample                  boolean NOT NULL DEFAULT false,
  created_at              timestamptz NOT NULL,
  updated_at              timestamptz NOT NULL
);
CREATE INDEX indicators_field_idx ON indicators (catalog, field);
CREATE INDEX indicators_ministry_idx ON indicators (ministry_code);

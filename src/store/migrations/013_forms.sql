-- Forms (biểu mẫu): the grid (rows, columns, constraints) or the narrative spec is one json
-- definition, validated by the domain before it is stored. Template forms = kho báo cáo mẫu.
CREATE TABLE forms (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  type        text NOT NULL CHECK (type IN ('data', 'narrative')),
  regime_code text REFERENCES report_regimes (code),
  definition  jsonb NOT NULL,
  template    boolean NOT NULL DEFAULT false,
  sample      boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE INDEX forms_regime_idx ON forms (regime_code);

-- Report regimes (chế độ báo cáo): periodic, thematic, ad hoc. The deadline rule and the
-- assignees are data (json) so each province configures its own.
CREATE TABLE report_regimes (
  code                 text PRIMARY KEY,
  name                 text NOT NULL,
  type                 text NOT NULL CHECK (type IN ('periodic', 'thematic', 'ad_hoc')),
  period_kinds         jsonb NOT NULL DEFAULT '[]',
  deadline_rule        jsonb NOT NULL,
  assignees            jsonb NOT NULL,
  receiver_org_unit_id text REFERENCES org_units (id),
  auto_dispatch        boolean NOT NULL DEFAULT true,
  national             boolean NOT NULL DEFAULT false,
  sample               boolean NOT NULL DEFAULT false,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL
);

-- Ministry data (ngành dọc): values pushed or pulled from a ministry's reporting system are
-- source data for the province, not workflow submissions. One row per source cell; re-sending
-- the same cell updates it in place (idempotent imports), and import_id names the import that
-- last changed it. Org units and indicators are referenced without foreign keys, as submissions do.
CREATE TABLE ministry_values (
  source             text NOT NULL,
  org_unit_id        text NOT NULL,
  indicator_code     text NOT NULL,
  period_key         text NOT NULL,
  column_code        text NOT NULL,
  disaggregation_key text NOT NULL DEFAULT '',
  value              numeric,
  unit               text NOT NULL,
  received_at        timestamptz NOT NULL,
  import_id          text NOT NULL,
  PRIMARY KEY (source, org_unit_id, indicator_code, period_key, column_code, disaggregation_key)
);
CREATE INDEX ministry_values_period_idx ON ministry_values (source, period_key);

-- Every import (inbound API, file upload, connector pull): who, what, and the summary the caller
-- received. Long file imports update processed/total while they run so callers can poll progress.
CREATE TABLE ministry_imports (
  id           text PRIMARY KEY,
  source       text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('values', 'indicators')),
  format       text NOT NULL,
  status       text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  dry_run      boolean NOT NULL DEFAULT false,
  atomic       boolean NOT NULL DEFAULT true,
  total        integer NOT NULL DEFAULT 0,
  processed    integer NOT NULL DEFAULT 0,
  summary      jsonb,
  error        jsonb,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL,
  finished_at  timestamptz
);
CREATE INDEX ministry_imports_created_idx ON ministry_imports (created_at);

-- Runs of declarative connectors (scheduled or on demand), with their outcome.
CREATE TABLE ministry_connector_runs (
  id            text PRIMARY KEY,
  connector_id  text NOT NULL,
  trigger       text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  direction     text NOT NULL CHECK (direction IN ('push', 'pull')),
  status        text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  period_key    text,
  summary       jsonb,
  error         jsonb,
  started_at    timestamptz NOT NULL,
  finished_at   timestamptz
);
CREATE INDEX ministry_connector_runs_idx ON ministry_connector_runs (connector_id, started_at);

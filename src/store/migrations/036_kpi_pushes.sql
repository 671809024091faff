-- KPI data (dữ liệu chỉ tiêu) pushed to the national system per source + period + reporting org:
-- the version last sent and the hash of its observations, so an unchanged set sends nothing and a
-- changed one goes as version + 1 (its own packet id and Idempotency-Key).
CREATE TABLE exchange_kpi_pushes (
  source       text NOT NULL,
  period_key   text NOT NULL,
  org_code     text NOT NULL,
  version      integer NOT NULL CHECK (version >= 1),
  content_hash text NOT NULL,
  packet_id    text NOT NULL,
  pushed_at    timestamptz NOT NULL,
  PRIMARY KEY (source, period_key, org_code)
);

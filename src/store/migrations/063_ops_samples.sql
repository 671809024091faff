-- Samples of the delivery queues over time (the console's queue-depth chart), taken by the ops
-- module on the gateway scheduler; kept 14 days. The index on delivery_attempts (at, id) serves
-- the operational-monitoring API's time range and keyset pages (read through delivery's service).
CREATE TABLE ops_samples (
  at        timestamptz NOT NULL,
  queue     text NOT NULL,
  depth     integer NOT NULL,
  PRIMARY KEY (at, queue)
);
CREATE INDEX delivery_attempts_at_idx ON delivery_attempts (at, id);

-- Delivery engine: packets and their state machine, the transactional outbox, every attempt,
-- channel health (for the fallback threshold) and the tamper-evident message log.

CREATE TABLE delivery_packets (
  packet_id          text PRIMARY KEY,
  -- Kept forever, independent of queue job retention: the receiver dedupes on it.
  idempotency_key    text NOT NULL UNIQUE,
  -- national: primary route with e-document fallback; archive: copy to the e-document system.
  route              text NOT NULL CHECK (route IN ('national', 'archive')),
  submission_id      text NOT NULL,
  submission_version integer NOT NULL DEFAULT 1,
  packet_type        text NOT NULL,
  org_unit_id        text NOT NULL,
  period_key         text NOT NULL,
  form_code          text NOT NULL,
  title              text NOT NULL,
  body               text NOT NULL,
  signature          text NOT NULL,
  deadline           text,
  state              text NOT NULL CHECK (state IN ('queued', 'sending', 'delivered', 'acknowledged', 'rejected', 'dead', 'sent_via_fallback', 'reconciled')),
  channel            text NOT NULL,
  attempts           integer NOT NULL DEFAULT 0,
  -- attempts already spent before the last replay; the retry budget counts from here.
  retry_base         integer NOT NULL DEFAULT 0,
  last_error_code    text,
  last_error_message text,
  remote_id          text,
  fallback_remote_id text,
  next_attempt_at    timestamptz,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  acknowledged_at    timestamptz,
  fallback_at        timestamptz,
  reconciled_at      timestamptz
);
CREATE INDEX delivery_packets_state_idx ON delivery_packets (state, updated_at);
CREATE INDEX delivery_packets_submission_idx ON delivery_packets (submission_id);
CREATE INDEX delivery_packets_period_idx ON delivery_packets (period_key, org_unit_id);

-- Written in the dispatch transaction; the relay moves rows to the queue after commit.
CREATE TABLE delivery_outbox (
  id            bigserial PRIMARY KEY,
  packet_id     text NOT NULL REFERENCES delivery_packets (packet_id),
  created_at    timestamptz NOT NULL,
  claimed_until timestamptz
);

CREATE TABLE delivery_attempts (
  id             bigserial PRIMARY KEY,
  packet_id      text NOT NULL REFERENCES delivery_packets (packet_id),
  attempt        integer NOT NULL,
  channel        text NOT NULL,
  at             timestamptz NOT NULL,
  outcome        text NOT NULL CHECK (outcome IN ('ok', 'retry', 'failed')),
  error_code     text,
  error_message  text,
  duration_ms    integer NOT NULL,
  correlation_id text
);
CREATE INDEX delivery_attempts_packet_idx ON delivery_attempts (packet_id, id);
CREATE INDEX delivery_attempts_errors_idx ON delivery_attempts (outcome, id);

-- When a channel started failing (null = healthy); survives restarts so a 3-working-hour
-- outage is measured across them.
CREATE TABLE delivery_channel_health (
  channel       text PRIMARY KEY,
  failing_since timestamptz,
  updated_at    timestamptz NOT NULL
);

-- Messages waiting to be sealed into the chain (appends stay cheap and concurrent; one sealer
-- at a time gives them gap-free sequence numbers and hashes).
CREATE TABLE delivery_message_inbox (
  id        bigserial PRIMARY KEY,
  at        timestamptz NOT NULL,
  direction text NOT NULL CHECK (direction IN ('out', 'in')),
  packet_id text NOT NULL,
  channel   text NOT NULL,
  payload   text NOT NULL
);

CREATE TABLE delivery_message_log (
  seq          bigint PRIMARY KEY,
  at           timestamptz NOT NULL,
  direction    text NOT NULL,
  packet_id    text NOT NULL,
  channel      text NOT NULL,
  payload_hash text NOT NULL,
  payload      text NOT NULL,
  prev_hash    text NOT NULL,
  hash         text NOT NULL
);
CREATE INDEX delivery_message_log_packet_idx ON delivery_message_log (packet_id);

-- The chain head: deleting the last records is detected against it.
CREATE TABLE delivery_message_head (
  id   integer PRIMARY KEY CHECK (id = 1),
  seq  bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO delivery_message_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Trusted time for the message log: the chain head (seq, hash) time-stamped periodically by an
-- RFC 3161 authority. `lienthong audit verify` checks each token against its record; the state
-- row says since when time-stamping fails (the fail-closed policy reads it, across instances).
CREATE TABLE delivery_message_timestamps (
  id         bigserial PRIMARY KEY,
  seq        bigint NOT NULL,
  head_hash  text NOT NULL,
  token      text NOT NULL,
  gen_time   timestamptz NOT NULL,
  tsa        text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX delivery_message_timestamps_seq_idx ON delivery_message_timestamps (seq);

CREATE TABLE delivery_timestamp_state (
  id              integer PRIMARY KEY CHECK (id = 1),
  last_success_at timestamptz,
  failing_since   timestamptz,
  last_error      text
);
INSERT INTO delivery_timestamp_state (id) VALUES (1);

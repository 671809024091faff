-- Bounded growth: message-log records, their time stamps and delivery attempts older than the
-- retention period move to archive files (X-Road's archiver). Each row indexes one file: the
-- chain position it covers, the hashes that link it to the record before it and to the live
-- chain after it, and the file's own digest, which the next file also names (file-to-file link).
-- The live chain starts after the last archived record, so `audit verify` walks only what is
-- live, and `audit verify --archive DIR` re-checks every file from the genesis.
CREATE TABLE delivery_message_archives (
  id               bigserial PRIMARY KEY,
  file_name        text NOT NULL UNIQUE,
  first_seq        bigint NOT NULL,
  last_seq         bigint NOT NULL,
  prev_hash        text NOT NULL,
  last_hash        text NOT NULL,
  file_sha256      text NOT NULL,
  prev_file_sha256 text NOT NULL,
  messages         integer NOT NULL,
  attempts         integer NOT NULL,
  timestamps       integer NOT NULL,
  created_at       timestamptz NOT NULL
);
CREATE UNIQUE INDEX delivery_message_archives_seq_idx ON delivery_message_archives (last_seq);

-- One archiver at a time (row lock), whatever the number of instances or CLI runs.
CREATE TABLE delivery_message_archive_state (
  id integer PRIMARY KEY CHECK (id = 1)
);
INSERT INTO delivery_message_archive_state (id) VALUES (1);

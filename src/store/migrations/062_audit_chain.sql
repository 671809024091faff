-- The audit log, hash-chained like the message log: a sealer gives each entry, in commit order,
-- a gap-free seq and hash = sha256(prev_hash + canonical entry); `lienthong audit verify`
-- recomputes the chain, so an altered entry or a deleted one is found. ip: where the request
-- came from (the audit viewer's "from where").
ALTER TABLE audit_log ADD COLUMN ip text;
ALTER TABLE audit_log ADD COLUMN seq bigint;
ALTER TABLE audit_log ADD COLUMN prev_hash text;
ALTER TABLE audit_log ADD COLUMN hash text;
CREATE UNIQUE INDEX audit_log_seq_uq ON audit_log (seq);
CREATE INDEX audit_log_unsealed_idx ON audit_log (id) WHERE seq IS NULL;
CREATE INDEX audit_log_at_idx ON audit_log (at, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor, at);
CREATE INDEX audit_log_unit_idx ON audit_log (org_unit_id, at);
CREATE TABLE audit_head (
  id   integer PRIMARY KEY CHECK (id = 1),
  seq  bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

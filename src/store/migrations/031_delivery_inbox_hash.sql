-- The worker hashes each payload when it appends, so the sealer chains hashes without
-- shipping payloads back and forth (it copies them server-side).
ALTER TABLE delivery_message_inbox ADD COLUMN payload_hash text;

-- Console and `lienthong status` cost O(page), not O(history) (issue 14).
-- Packet counts per (route, subject kind, period, unit, channel, state) kept by statement-level triggers:
-- each statement appends its net deltas (insert-only, so concurrent dispatch and worker
-- transactions never wait on a shared counter row); a scheduled fold moves the deltas into
-- delivery_packet_counts. A reader sums both.
CREATE TABLE delivery_packet_counts (
  route       text NOT NULL,
  subject_kind text NOT NULL,
  period_key  text NOT NULL,
  org_unit_id text NOT NULL,
  channel     text NOT NULL,
  state       text NOT NULL,
  n           bigint NOT NULL,
  PRIMARY KEY (route, subject_kind, period_key, org_unit_id, channel, state)
);
CREATE TABLE delivery_packet_count_deltas (
  id          bigserial PRIMARY KEY,
  route       text NOT NULL,
  subject_kind text NOT NULL,
  period_key  text NOT NULL,
  org_unit_id text NOT NULL,
  channel     text NOT NULL,
  state       text NOT NULL,
  n           bigint NOT NULL
);

INSERT INTO delivery_packet_counts (route, subject_kind, period_key, org_unit_id, channel, state, n)
SELECT coalesce(route, ''), coalesce(subject_kind, 'report'), coalesce(period_key, ''), coalesce(org_unit_id, ''), coalesce(channel, ''), state, count(*) FROM delivery_packets GROUP BY 1, 2, 3, 4, 5, 6;

CREATE FUNCTION delivery_packet_counts_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO delivery_packet_count_deltas (route, subject_kind, period_key, org_unit_id, channel, state, n)
  SELECT coalesce(route, ''), coalesce(subject_kind, 'report'), coalesce(period_key, ''), coalesce(org_unit_id, ''), coalesce(channel, ''), state, count(*) FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6;
  RETURN NULL;
END $$;
CREATE FUNCTION delivery_packet_counts_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO delivery_packet_count_deltas (route, subject_kind, period_key, org_unit_id, channel, state, n)
  SELECT coalesce(route, ''), coalesce(subject_kind, 'report'), coalesce(period_key, ''), coalesce(org_unit_id, ''), coalesce(channel, ''), state, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6;
  RETURN NULL;
END $$;
CREATE FUNCTION delivery_packet_counts_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO delivery_packet_count_deltas (route, subject_kind, period_key, org_unit_id, channel, state, n)
  SELECT route, subject_kind, period_key, org_unit_id, channel, state, sum(n) FROM (
    SELECT coalesce(route, '') AS route, coalesce(subject_kind, 'report') AS subject_kind, coalesce(period_key, '') AS period_key, coalesce(org_unit_id, '') AS org_unit_id, coalesce(channel, '') AS channel, state, 1 AS n FROM new_rows
    UNION ALL
    SELECT coalesce(route, ''), coalesce(subject_kind, 'report'), coalesce(period_key, ''), coalesce(org_unit_id, ''), coalesce(channel, ''), state, -1 FROM old_rows
  ) d GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0;
  RETURN NULL;
END $$;
CREATE TRIGGER delivery_packet_counts_ins AFTER INSERT ON delivery_packets
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION delivery_packet_counts_ins();
CREATE TRIGGER delivery_packet_counts_del AFTER DELETE ON delivery_packets
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION delivery_packet_counts_del();
CREATE TRIGGER delivery_packet_counts_upd AFTER UPDATE ON delivery_packets
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION delivery_packet_counts_upd();

-- Keyset pages of packets, newest change first, with or without a filter.
CREATE INDEX delivery_packets_updated_idx ON delivery_packets (updated_at DESC, packet_id DESC);
CREATE INDEX delivery_packets_period_updated_idx ON delivery_packets (period_key, updated_at DESC, packet_id DESC);
CREATE INDEX delivery_packets_unit_updated_idx ON delivery_packets (org_unit_id, updated_at DESC, packet_id DESC);
CREATE INDEX delivery_packets_state_updated_idx ON delivery_packets (state, updated_at DESC, packet_id DESC);
-- The overview's report list: newest national packets first.
CREATE INDEX delivery_packets_route_created_idx ON delivery_packets (route, created_at DESC, packet_id DESC);
CREATE INDEX delivery_packets_route_period_created_idx ON delivery_packets (route, period_key, created_at DESC, packet_id DESC);
-- Recent errors without walking the successful attempts.
CREATE INDEX delivery_attempts_failed_idx ON delivery_attempts (id DESC) WHERE outcome <> 'ok' AND error_code IS NOT NULL;

-- Notifications (thông báo): one row per message to one recipient on one channel. dedupe_key
-- makes each notification happen once (a rule, an event, a channel, a recipient); the row
-- records every attempt's outcome.
CREATE TABLE notifications (
  id          bigserial PRIMARY KEY,
  dedupe_key  text NOT NULL UNIQUE,
  rule_id     text NOT NULL,
  event_type  text NOT NULL,
  channel     text NOT NULL,
  recipient   text NOT NULL,
  org_unit_id text,
  subject     text NOT NULL,
  body        text NOT NULL,
  state       text NOT NULL DEFAULT 'queued',
  attempts    integer NOT NULL DEFAULT 0,
  last_error  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  sent_at     timestamptz
);
CREATE INDEX notifications_state_idx ON notifications (state, created_at);

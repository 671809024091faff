-- Announcements (thông báo chung): planned maintenance and other notices shown as a banner to
-- every user (console and reporting app) and, for maintenance, mailed ahead (Kon Tum 14.6).
CREATE TABLE announcements (
  id           bigserial PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('maintenance', 'notice')),
  title        text NOT NULL,
  body         text NOT NULL DEFAULT '',
  starts_at    timestamptz NOT NULL,
  ends_at      timestamptz NOT NULL,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL,
  withdrawn_at timestamptz,
  CHECK (ends_at > starts_at)
);
CREATE INDEX announcements_ends_idx ON announcements (ends_at);

-- Lockout per account AND source (client address): failures from one source lock that source
-- out of that account only, so an outsider cannot lock a known account (admin included) for
-- everyone. lock_level doubles the next lock (backoff); a successful login or an admin unlock clears it.
CREATE TABLE login_lockouts (
  user_id      text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  source       text NOT NULL,
  failures     integer NOT NULL DEFAULT 0,
  lock_level   integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (user_id, source)
);

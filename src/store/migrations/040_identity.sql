-- Identity: local and federated users, ministry clients, sessions/bearer tokens, and one-time
-- values (OIDC login state, ID-token nonces, client-assertion jtis) kept until they expire so a
-- replay is refused. Secrets (session ids, tokens) are stored only as SHA-256 hashes.
CREATE TABLE users (
  id              text PRIMARY KEY,
  username        text NOT NULL,
  display_name    text NOT NULL,
  email           text,
  org_unit_id     text,
  roles           jsonb NOT NULL DEFAULT '[]'::jsonb,
  status          text NOT NULL CHECK (status IN ('active', 'pending', 'disabled')),
  disabled_reason text CHECK (disabled_reason IN ('transfer', 'retirement', 'other')),
  password_hash   text,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_username_uq ON users (lower(username));
CREATE INDEX users_org_unit_idx ON users (org_unit_id);

-- A person known to an OIDC issuer (VNConnect or a provincial IdP), linked to one local user.
CREATE TABLE external_identities (
  issuer     text NOT NULL,
  subject    text NOT NULL,
  user_id    text NOT NULL REFERENCES users (id),
  claims     jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL,
  last_login_at timestamptz,
  PRIMARY KEY (issuer, subject)
);

-- Ministry systems calling the API with private_key_jwt or mutual TLS.
CREATE TABLE ministry_clients (
  client_id         text PRIMARY KEY,
  name              text NOT NULL,
  ministry_code     text NOT NULL,
  org_unit_id       text NOT NULL,
  indicator_codes   jsonb NOT NULL DEFAULT '[]'::jsonb,
  indicator_pattern text,
  public_key_pem    text NOT NULL,
  cert_sha256       text,
  status            text NOT NULL CHECK (status IN ('active', 'disabled')),
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL
);
CREATE UNIQUE INDEX ministry_clients_cert_uq ON ministry_clients (cert_sha256) WHERE cert_sha256 IS NOT NULL;

-- Console sessions (kind 'session', with a CSRF token) and API bearer tokens (kind 'bearer').
CREATE TABLE auth_sessions (
  id_hash     text PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('session', 'bearer')),
  subject_kind text NOT NULL CHECK (subject_kind IN ('user', 'client')),
  subject_id  text NOT NULL,
  csrf_token  text,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX auth_sessions_subject_idx ON auth_sessions (subject_kind, subject_id);

-- One-time values: kind 'nonce' (ID token), 'jti' (client assertion). Inserting a duplicate fails.
CREATE TABLE used_token_ids (
  kind       text NOT NULL,
  value      text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (kind, value)
);

-- OIDC logins in flight: state → nonce and PKCE verifier, consumed once by the callback.
CREATE TABLE oidc_login_states (
  state         text PRIMARY KEY,
  nonce         text NOT NULL,
  code_verifier text NOT NULL,
  return_to     text,
  expires_at    timestamptz NOT NULL
);

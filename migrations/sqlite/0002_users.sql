-- Accounts: users, their sessions and refresh tokens, password resets, API keys, addresses, and the audit log.
-- Timestamps are unix milliseconds (BIGINT) on both backends; booleans are 0/1 here and BOOLEAN in PostgreSQL.

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL,               -- trimmed and lower-cased: unique without regard to case
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('customer', 'vendor', 'admin')),
  password_hash TEXT NOT NULL,       -- Argon2id, libsodium's encoded form
  disabled BOOLEAN NOT NULL DEFAULT FALSE,
  email_order_updates BOOLEAN NOT NULL DEFAULT TRUE,
  marketing_emails BOOLEAN NOT NULL DEFAULT FALSE,
  language TEXT NOT NULL DEFAULT 'en',
  currency TEXT NOT NULL DEFAULT 'USD',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT                  -- set when the user deleted the account (personal data anonymised)
);
CREATE UNIQUE INDEX users_email ON users (email);
CREATE INDEX users_role ON users (role, id);

-- A session is one login: the family of its refresh tokens. Revoking it ends every token of the family.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  last_used_at BIGINT NOT NULL,
  revoked_at BIGINT,
  revoked_reason TEXT,
  client_ip TEXT,
  user_agent TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE refresh_tokens (
  token_hash TEXT PRIMARY KEY,       -- SHA-256 of the opaque token; the token itself is never stored
  session_id TEXT NOT NULL REFERENCES sessions (id),
  issued_at BIGINT NOT NULL,
  spent_at BIGINT                    -- rotated: presenting it again is theft
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE INDEX password_resets_user ON password_resets (user_id);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL,            -- SHA-256 of the secret; the secret is shown once
  prefix TEXT NOT NULL,              -- the first characters, to recognise a key in a list
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT
);
CREATE UNIQUE INDEX api_keys_hash ON api_keys (key_hash);
CREATE INDEX api_keys_user ON api_keys (user_id, id);

CREATE TABLE addresses (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  label TEXT,
  full_name TEXT NOT NULL,
  line1 TEXT NOT NULL,
  line2 TEXT,
  city TEXT NOT NULL,
  region TEXT,
  postal_code TEXT,
  country TEXT NOT NULL,
  phone TEXT,
  is_default_shipping BOOLEAN NOT NULL DEFAULT FALSE,
  is_default_billing BOOLEAN NOT NULL DEFAULT FALSE,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX addresses_user ON addresses (user_id, id);
-- At most one default of each kind per user, whatever the concurrency.
CREATE UNIQUE INDEX addresses_default_shipping ON addresses (user_id) WHERE is_default_shipping;
CREATE UNIQUE INDEX addresses_default_billing ON addresses (user_id) WHERE is_default_billing;

-- Who did what to whom: security-relevant changes, kept for the store's records.
CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  actor_id TEXT,                     -- null for anonymous actions (a failed reset, a theft detection)
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  details TEXT NOT NULL,             -- JSON
  client_ip TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id, created_at);

-- Outgoing webhooks (Standard Webhooks): the endpoints admins and vendors register, one delivery per endpoint
-- and event (its id is the stable `webhook-id`, its payload frozen when planned), and the log of every attempt.
-- Deliveries are a queue: a worker claims due rows (state pending, or delivering with a lapsed lease) by moving
-- next_attempt_at to the end of its lease and writing its claim token, sends with no transaction open, and
-- records the outcome only while the token is still its own. Deleting an endpoint deletes its deliveries and
-- their attempts (ON DELETE CASCADE, also an attempt a worker records while the endpoint is being deleted).
--
-- The signing secret is stored as issued (whsec_…): signing needs it in clear, so it cannot be hashed. It is
-- shown once, at creation, and never in a later answer; protecting it at rest is the database's job.

CREATE TABLE webhook_endpoints (
  id TEXT COLLATE "C" PRIMARY KEY,                    -- whk_…, time-ordered
  owner_id TEXT COLLATE "C" NOT NULL REFERENCES users (id),  -- the admin or vendor who registered it
  owner_role TEXT COLLATE "C" NOT NULL CHECK (owner_role IN ('admin', 'vendor')),  -- at registration
  url TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  events TEXT NOT NULL,                               -- JSON array of event types; ["*"]: every type
  secret TEXT NOT NULL,                               -- whsec_<base64 of the key bytes>
  enabled BOOLEAN NOT NULL DEFAULT TRUE,
  disabled_reason TEXT,                               -- why it was turned off (by its owner, 410, failures)
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX webhook_endpoints_owner ON webhook_endpoints (owner_id, id);
CREATE INDEX webhook_endpoints_enabled ON webhook_endpoints (enabled, id);

CREATE TABLE webhook_deliveries (
  id TEXT COLLATE "C" PRIMARY KEY,                    -- msg_…: the webhook-id header, the same on every attempt
  endpoint_id TEXT COLLATE "C" NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  event_id TEXT COLLATE "C" NOT NULL,                 -- evt_…
  event_type TEXT COLLATE "C" NOT NULL,
  payload TEXT NOT NULL,                              -- the exact body sent: {"type","timestamp","data"}
  state TEXT COLLATE "C" NOT NULL CHECK (state IN ('pending', 'delivering', 'delivered', 'failed')),
  attempts BIGINT NOT NULL DEFAULT 0,                 -- attempts started (counted when claimed)
  manual BOOLEAN NOT NULL DEFAULT FALSE,              -- a manual retry: one attempt, no schedule
  next_attempt_at BIGINT,                             -- pending: when due; delivering: when the lease ends
  lease_until BIGINT,
  claim_token TEXT COLLATE "C",                       -- the worker whose claim it is
  last_status BIGINT,                                 -- HTTP status of the last attempt (NULL: no answer)
  last_error TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  delivered_at BIGINT,
  UNIQUE (endpoint_id, event_id)                      -- planning an event twice never sends it twice
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id)
  WHERE state IN ('pending', 'delivering');
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);

CREATE TABLE webhook_attempts (
  delivery_id TEXT COLLATE "C" NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempt BIGINT NOT NULL,                            -- 1, 2, …
  started_at BIGINT NOT NULL,
  status BIGINT,                                      -- the receiver's HTTP status; NULL: no answer
  latency_ms BIGINT NOT NULL,
  error TEXT,                                         -- why it failed (capped)
  response_body TEXT,                                 -- the first bytes of the answer (capped)
  PRIMARY KEY (delivery_id, attempt)
);

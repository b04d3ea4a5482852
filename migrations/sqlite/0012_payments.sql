-- Payments: one payment record per order (what the provider calls it, what the client pays with, what came
-- in), every provider event applied at most once (keyed by the provider's event id), and refunds (ours,
-- rfd_…), each sent to the provider with its own id as the idempotency key and retried until it is decided.
-- Money is integer minor units; timestamps are unix milliseconds.

CREATE TABLE payments (
  order_id TEXT PRIMARY KEY REFERENCES orders (id),
  provider TEXT NOT NULL,  -- manual | stripe | paypal
  -- not_started: the provider has no payment yet (its call failed; starting again is safe) ·
  -- awaiting_payment: the client can pay · succeeded: the money came in · failed: the last attempt failed
  status TEXT NOT NULL CHECK (status IN ('not_started', 'awaiting_payment', 'succeeded', 'failed')),
  reference TEXT,          -- pi_… (Stripe), the PayPal order id; NULL until known
  client_secret TEXT,                  -- Stripe: what the customer's browser confirms with
  approval_url TEXT,                   -- PayPal: where the buyer approves
  capture_id TEXT,         -- PayPal capture id, Stripe charge id
  amount BIGINT NOT NULL,              -- what the order asks for
  currency TEXT NOT NULL,
  amount_received BIGINT,              -- what came in (set when it succeeded)
  failure_reason TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX payments_reference ON payments (provider, reference);

-- Orders placed before this migration: an admin marked them paid, or they still wait for it. All of them are
-- manual payments (no other provider existed), so those cancelled after payment (refund_due) stay refund_due
-- until an admin records their refund: the refund job never refunds manual payments by itself.
INSERT INTO payments (order_id, provider, status, amount, currency, amount_received, created_at, updated_at)
SELECT id, payment_provider, CASE WHEN paid_at IS NULL THEN 'awaiting_payment' ELSE 'succeeded' END, total, currency,
       CASE WHEN paid_at IS NULL THEN NULL ELSE total END, created_at, updated_at
FROM orders;

CREATE TABLE payment_events (
  provider TEXT NOT NULL,
  event_id TEXT NOT NULL,  -- the provider's id (evt_…, WH-…): the same id is applied once
  type TEXT NOT NULL,                  -- as the provider sent it
  order_id TEXT REFERENCES orders (id),
  outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'ignored', 'anomaly', 'pending')),
  detail TEXT,                         -- why it was ignored or is an anomaly
  payload_digest TEXT NOT NULL,        -- SHA-256 hex of the raw body
  received_at BIGINT NOT NULL,
  PRIMARY KEY (provider, event_id)
);
CREATE INDEX payment_events_order ON payment_events (order_id, received_at);

CREATE TABLE refunds (
  id TEXT PRIMARY KEY,     -- rfd_…, also the provider's idempotency key
  order_id TEXT NOT NULL REFERENCES orders (id),
  provider TEXT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL,
  reason TEXT NOT NULL,
  restock BOOLEAN NOT NULL DEFAULT FALSE,  -- give the order's stock back once the refund succeeded
  status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  provider_refund_id TEXT, -- re_… (Stripe); NULL while the provider has not accepted it
  failure_reason TEXT,
  actor_id TEXT REFERENCES users (id),  -- NULL: the system (cancellation, late payment)
  request_key TEXT,                    -- the admin's Idempotency-Key (finds it after a crash)
  attempts BIGINT NOT NULL DEFAULT 0,
  lease_until BIGINT NOT NULL DEFAULT 0,   -- a worker (or the request) is sending it until then
  attempt_token TEXT,          -- whose attempt it is: only that one records the outcome
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX refunds_order ON refunds (order_id, created_at, id);
CREATE INDEX refunds_due ON refunds (status, lease_until);
CREATE INDEX orders_refund_due ON orders (id) WHERE payment_status = 'refund_due';

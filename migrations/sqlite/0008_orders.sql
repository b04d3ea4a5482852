-- Orders: the order with its frozen prices and address snapshots, its lines (a snapshot of each product and
-- variant as sold, with per-vendor fulfilment), its timeline, and the idempotency keys of POST requests.
-- Money is integer minor units of the order's currency; timestamps are unix milliseconds.

CREATE TABLE orders (
  id TEXT PRIMARY KEY,                 -- ord_…, time-ordered
  customer_id TEXT NOT NULL REFERENCES users (id),
  status TEXT NOT NULL CHECK (status IN ('pending_payment', 'paid', 'processing', 'shipped', 'delivered',
                                         'cancelled', 'refunded', 'partially_refunded')),
  currency TEXT NOT NULL,
  subtotal BIGINT NOT NULL CHECK (subtotal >= 0),
  discount BIGINT NOT NULL CHECK (discount >= 0),
  shipping BIGINT NOT NULL CHECK (shipping >= 0),
  tax BIGINT NOT NULL CHECK (tax >= 0),
  total BIGINT NOT NULL CHECK (total >= 0),
  coupon_id TEXT,                      -- the coupon redeemed for it, if any
  coupon_code TEXT,                    -- its code as the admin wrote it, frozen
  shipping_address TEXT NOT NULL,      -- JSON object: the address as it was when the order was placed
  billing_address TEXT NOT NULL,       -- JSON object
  payment_provider TEXT NOT NULL,      -- manual | stripe | paypal
  payment_status TEXT NOT NULL,        -- pending | paid | voided | refund_due | refunded
  idempotency_key TEXT,                -- the Idempotency-Key it was placed with (found through orders_customer)
  expires_at BIGINT,                   -- pending_payment only: when it is cancelled unless paid
  paid_at BIGINT,
  cancelled_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1    -- moves on with every change (conditional updates)
);
CREATE INDEX orders_customer ON orders (customer_id, created_at, id);
CREATE INDEX orders_status ON orders (status, created_at, id);
CREATE INDEX orders_newest ON orders (created_at, id);
CREATE INDEX orders_expiry ON orders (status, expires_at);

CREATE TABLE order_lines (
  id TEXT PRIMARY KEY,                 -- oli_…
  order_id TEXT NOT NULL REFERENCES orders (id),
  position BIGINT NOT NULL,            -- the line's place in the order, from 0
  product_id TEXT NOT NULL REFERENCES products (id),
  variant_id TEXT NOT NULL REFERENCES product_variants (id),
  vendor_id TEXT NOT NULL REFERENCES users (id),
  product_name TEXT NOT NULL,          -- snapshots: what was sold, whatever the catalog says later
  sku TEXT NOT NULL,
  options TEXT NOT NULL DEFAULT '{}',  -- JSON object option → value
  unit_price BIGINT NOT NULL CHECK (unit_price >= 0),
  quantity BIGINT NOT NULL CHECK (quantity > 0),
  line_total BIGINT NOT NULL CHECK (line_total >= 0),
  fulfillment_status TEXT NOT NULL DEFAULT 'unfulfilled'
    CHECK (fulfillment_status IN ('unfulfilled', 'shipped', 'delivered')),
  carrier TEXT,
  tracking_number TEXT,
  shipped_at BIGINT
);
CREATE INDEX order_lines_order ON order_lines (order_id, position);
CREATE INDEX order_lines_vendor ON order_lines (vendor_id, order_id);

-- The timeline of an order: one row per thing that happened to it.
CREATE TABLE order_events (
  id TEXT PRIMARY KEY,                 -- oev_…, time-ordered
  order_id TEXT NOT NULL REFERENCES orders (id),
  type TEXT NOT NULL,                  -- created | status_changed | lines_shipped
  from_status TEXT,
  to_status TEXT,
  actor_id TEXT,                       -- the user; NULL for the system (expiry)
  note TEXT,
  data TEXT NOT NULL DEFAULT '{}',     -- JSON object
  created_at BIGINT NOT NULL
);
CREATE INDEX order_events_order ON order_events (order_id, created_at, id);

-- Idempotency-Key of a user's POST: the fingerprint of method, route and body it was first used with, and once
-- done the response to replay. A claim stays in_progress while its request runs; one whose locked_at is older
-- than the claim timeout was left by a crash and may be taken over. Rows older than their lifetime are purged.
CREATE TABLE idempotency_keys (
  user_id TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,           -- SHA-256 hex
  state TEXT NOT NULL CHECK (state IN ('in_progress', 'done')),
  claim_token TEXT NOT NULL,           -- whose claim it is: only that request completes it
  response_status BIGINT,
  response_headers TEXT,               -- JSON array of [name, value] pairs
  response_body TEXT,
  locked_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

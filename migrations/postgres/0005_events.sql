-- Business events (product.low_stock, order.created, …), written in the same transaction as the change that
-- caused them, so that an event exists exactly when its change committed. The delivery of events (mail,
-- webhooks) reads this table; it adds its own columns when it comes.

CREATE TABLE events (
  id TEXT COLLATE "C" PRIMARY KEY,  -- evt_…, time-ordered
  type TEXT COLLATE "C" NOT NULL,   -- 'product.low_stock'
  subject_id TEXT COLLATE "C" NOT NULL,  -- the object it is about: a variant, an order…
  owner_id TEXT COLLATE "C",        -- the vendor the object belongs to, for vendor subscriptions; NULL: store-wide
  data TEXT NOT NULL,               -- a JSON object, the event's `data`
  created_at BIGINT NOT NULL
);
CREATE INDEX events_type ON events (type, created_at, id);
CREATE INDEX events_subject ON events (subject_id, created_at, id);

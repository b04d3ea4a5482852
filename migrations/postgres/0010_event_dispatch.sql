-- Events are dispatched once: the dispatcher claims undispatched events in a write transaction, lets every
-- consumer (mail, webhooks) plan its own durable jobs for them in that same transaction, and marks them
-- dispatched. A crash before the commit leaves them undispatched, so they are planned again, never lost.

ALTER TABLE events ADD COLUMN dispatched_at BIGINT;
CREATE INDEX events_undispatched ON events (dispatched_at, id);

-- Events recorded before delivery existed are history: mailing customers about old orders now would be wrong.
UPDATE events SET dispatched_at = created_at;

-- The mail queue: every message the store sends (order mails planned from events, password resets, webhook
-- notices), stored before it is sent. The delivery worker claims due rows with a lease and a claim token,
-- sends with no transaction open, and records the outcome only if its token still holds; a crash while
-- sending lets the lease run out, and another run sends it again.
-- Once sent, a message keeps its recipient and subject but not its bodies (personal data, reset codes).
-- UNIQUE (event_id, kind, recipient): planning one event twice never queues a message twice (messages not
-- planned from an event have a NULL event_id, which never conflicts).

CREATE TABLE mail_messages (
  id TEXT PRIMARY KEY,                   -- msg_…, time-ordered; also the Message-ID's left part
  event_id TEXT,                         -- the event it was planned from; NULL: sent through the mailer
  kind TEXT NOT NULL,                    -- the template: order_placed, password_reset, …
  recipient TEXT NOT NULL,               -- the address
  recipient_name TEXT,                   -- the display name in To:, if any
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT,                        -- NULL: a text-only message
  state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
  attempts BIGINT NOT NULL DEFAULT 0,    -- attempts started
  next_attempt_at BIGINT NOT NULL,       -- pending: due from then
  lease_until BIGINT,                    -- sending: claimed by a worker until then
  claim_token TEXT,                      -- the attempt that holds the lease
  last_error TEXT,
  created_at BIGINT NOT NULL,            -- also the Date: header
  sent_at BIGINT
);
CREATE UNIQUE INDEX mail_messages_once ON mail_messages (event_id, kind, recipient);
CREATE INDEX mail_messages_due ON mail_messages (state, next_attempt_at);
CREATE INDEX mail_messages_leased ON mail_messages (state, lease_until);

"""A fake of the part of Stripe's API that Emporium calls, for the integration tests.

Speaks Stripe's wire format: form-encoded POST bodies (bracketed keys such as metadata[order_id]),
`Authorization: Bearer <secret key>`, `Idempotency-Key` (the same key on the same endpoint answers the first
response again, and is refused with a different body, as Stripe does), JSON answers with Stripe's object
shapes and error envelope, and webhooks signed the way Stripe signs them (`Stripe-Signature: t=…,v1=…`,
HMAC-SHA256 of "t.body" with the endpoint secret).

API:       POST /v1/payment_intents, GET /v1/payment_intents/<id>, POST /v1/refunds
Control:   GET  /_fake/requests        every API request received (method, path, form, idempotency key, answer)
           GET  /_fake/intents         every intent made; GET /_fake/refunds every refund made
           POST /_fake/fail            {"mode": "timeout"|"500"|"twice", "count": n, "path": "/v1/…", "delay": s}
                                       the next n API requests (under path, if given): "timeout" does the work and
                                       answers after `delay` seconds (default 3); "500" answers 500 without doing
                                       anything; "twice" does the work and answers 500, as if the answer was lost
                                       (a retry with the same Idempotency-Key then gets the first answer)
           POST /_fake/clear-failures  forgets every failure still queued by /_fake/fail
           POST /_fake/refund-status   {"status": "succeeded"|"pending"|"failed"} for refunds made from now on
           POST /_fake/send-webhook    {"type", "intent", "target", "secret", "amount"?, "currency"?, "message"?,
                                        "signature"?: "valid"|"bad"|"none"|"rotated", "age"?: seconds in the past,
                                        "event_id"?, "deliver"?: true}
                                       builds the event from the intent as Stripe would (and moves the intent:
                                       succeeded, failed, refunds confirmed), signs it and POSTs it to target;
                                       charge.refund.updated / refund.updated take "refund" (re_… or our rfd_…
                                       in metadata.refund_id; default the newest) and "status" (the refund's new
                                       status, "failure_reason" with "failed"), and carry the Refund object;
                                       answers {"status", "body", "event", "signature"} ("deliver": false only
                                       signs it, for tests that deliver it themselves)
Run: python3 fake_stripe.py --secret-key sk_test_x   (prints "listening <port>" first)
"""

import argparse
import hashlib
import hmac
import json
import secrets
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
STATE = {
    "requests": [],
    "intents": {},      # id -> intent
    "charges": {},      # intent id -> charge id
    "refunds": {},      # id -> refund
    "idempotency": {},  # (path, key) -> (form, status, body)
    "failures": [],     # [{"mode", "path", "delay"}]
    "refund_status": "succeeded",
}
SECRET_KEY = "sk_test_fake"


def new_id(prefix):
    return prefix + "_" + secrets.token_hex(12)


def stripe_error(status, message, kind="invalid_request_error", code=None):
    error = {"type": kind, "message": message}
    if code:
        error["code"] = code
    return status, {"error": error}


def nested_form(pairs):
    """metadata[order_id]=x → {"metadata": {"order_id": "x"}} (one level, as Emporium sends)."""
    out = {}
    for key, value in pairs:
        if "[" in key and key.endswith("]"):
            outer, inner = key[:-1].split("[", 1)
            out.setdefault(outer, {})[inner] = value
        else:
            out[key] = value
    return out


def create_intent(form):
    amount = form.get("amount", "")
    currency = form.get("currency", "")
    if not amount.isdigit() or int(amount) < 1:
        return stripe_error(400, "Invalid integer: " + amount, code="parameter_invalid_integer")
    if len(currency) != 3 or currency != currency.lower():
        return stripe_error(400, "Invalid currency: " + currency, code="invalid_currency")
    intent_id = new_id("pi")
    intent = {
        "id": intent_id, "object": "payment_intent", "amount": int(amount), "amount_capturable": 0,
        "amount_received": 0, "currency": currency, "status": "requires_payment_method",
        "client_secret": intent_id + "_secret_" + secrets.token_hex(8), "metadata": form.get("metadata", {}),
        "automatic_payment_methods": {"enabled": form.get("automatic_payment_methods", {}).get("enabled") == "true"},
        "capture_method": "automatic", "confirmation_method": "automatic", "created": int(time.time()),
        "latest_charge": None, "last_payment_error": None, "livemode": False, "payment_method": None,
    }
    STATE["intents"][intent_id] = intent
    return 200, intent


def refunded_total(intent_id, statuses=("succeeded", "pending")):
    return sum(r["amount"] for r in STATE["refunds"].values()
               if r["payment_intent"] == intent_id and r["status"] in statuses)


def create_refund(form):
    intent = STATE["intents"].get(form.get("payment_intent", ""))
    if intent is None:
        return stripe_error(400, "No such payment_intent: '%s'" % form.get("payment_intent", ""), code="resource_missing")
    if intent["status"] != "succeeded":
        return stripe_error(400, "This PaymentIntent does not have a successful charge to refund.")
    left = intent["amount_received"] - refunded_total(intent["id"])
    amount = int(form["amount"]) if form.get("amount", "").isdigit() else left
    if amount < 1 or amount > left:
        return stripe_error(400, "Refund amount (%d) is greater than unrefunded amount on charge (%d)" % (amount, left),
                            code="amount_too_large")
    refund = {
        "id": new_id("re"), "object": "refund", "amount": amount, "charge": STATE["charges"][intent["id"]],
        "created": int(time.time()), "currency": intent["currency"], "metadata": form.get("metadata", {}),
        "payment_intent": intent["id"], "reason": None, "status": STATE["refund_status"],
    }
    STATE["refunds"][refund["id"]] = refund
    return 200, refund


def take_failure(path):
    for failure in STATE["failures"]:
        if path.startswith(failure.get("path") or "/v1/"):
            STATE["failures"].remove(failure)
            return failure
    return None


def charge_of(intent):
    charge_id = STATE["charges"].setdefault(intent["id"], new_id("ch"))
    refunds = sorted((r for r in STATE["refunds"].values() if r["payment_intent"] == intent["id"]),
                     key=lambda r: r["created"], reverse=True)
    return {
        "id": charge_id, "object": "charge", "amount": intent["amount"], "amount_captured": intent["amount_received"],
        "amount_refunded": refunded_total(intent["id"]), "currency": intent["currency"], "metadata": {},
        "paid": True, "payment_intent": intent["id"], "refunded": refunded_total(intent["id"]) >= intent["amount_received"],
        "refunds": {"object": "list", "data": refunds, "has_more": False, "url": "/v1/charges/%s/refunds" % charge_id},
        "status": "succeeded",
    }


def updated_refund(intent, spec):
    """Moves one refund of the intent to spec["status"] (as Stripe does when it settles or fails one) and returns
    it: the data.object of charge.refund.updated and refund.updated."""
    wanted = spec.get("refund")
    refunds = sorted((r for r in STATE["refunds"].values() if r["payment_intent"] == intent["id"]),
                     key=lambda r: r["created"])
    refund = next((r for r in refunds if wanted in (r["id"], r["metadata"].get("refund_id"))), None) if wanted \
        else (refunds[-1] if refunds else None)
    if refund is None:
        raise KeyError("no such refund: %s" % wanted)
    if "status" in spec:
        refund["status"] = spec["status"]
        if spec["status"] == "failed":
            refund["failure_reason"] = spec.get("failure_reason", "expired_or_canceled_card")
    return dict(refund)


def event_object(kind, intent, spec):
    """Moves the intent as the event says and returns the event's data.object."""
    if kind == "payment_intent.succeeded":
        intent["status"] = "succeeded"
        intent["amount_received"] = int(spec.get("amount", intent["amount"]))
        intent["latest_charge"] = STATE["charges"].setdefault(intent["id"], new_id("ch"))
        obj = dict(intent)
    elif kind == "payment_intent.payment_failed":
        intent["status"] = "requires_payment_method"
        intent["last_payment_error"] = {"type": "card_error", "code": "card_declined",
                                        "message": spec.get("message", "Your card was declined.")}
        obj = dict(intent)
    elif kind in ("charge.refund.updated", "refund.updated"):
        obj = updated_refund(intent, spec)
    elif kind == "charge.refunded":
        for refund in STATE["refunds"].values():
            if refund["payment_intent"] == intent["id"] and refund["status"] == "pending":
                refund["status"] = "succeeded"
        obj = charge_of(intent)
    else:
        obj = dict(intent)
    if "currency" in spec:
        obj["currency"] = spec["currency"]
    if "amount" in spec and kind != "payment_intent.succeeded":
        obj["amount_refunded" if kind == "charge.refunded" else "amount"] = int(spec["amount"])
    if "metadata" in spec:
        obj["metadata"] = spec["metadata"]
    return obj


def signature_header(body, secret, age, how):
    timestamp = int(time.time()) - int(age)
    def sign(key):
        return hmac.new(key.encode(), ("%d." % timestamp).encode() + body, hashlib.sha256).hexdigest()
    if how == "none":
        return None
    if how == "bad":
        return "t=%d,v1=%s" % (timestamp, sign(secret + "-wrong"))
    if how == "rotated":
        return "t=%d,v1=%s,v1=%s,v0=%s" % (timestamp, sign("whsec_old_secret"), sign(secret), sign("v0"))
    return "t=%d,v1=%s" % (timestamp, sign(secret))


def send_webhook(spec):
    with LOCK:
        intent = STATE["intents"].get(spec.get("intent", ""))
        if intent is None:
            return 404, {"error": "no such intent"}
        event = {
            "id": spec.get("event_id") or new_id("evt"), "object": "event", "api_version": "2024-06-20",
            "created": int(time.time()), "livemode": False, "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None}, "type": spec["type"],
            "data": {"object": event_object(spec["type"], intent, spec)},
        }
    body = json.dumps(event).encode()
    header = signature_header(body, spec.get("secret", ""), spec.get("age", 0), spec.get("signature", "valid"))
    answer = {"event": event, "body_text": body.decode(), "signature": header}
    if spec.get("deliver", True) is False:
        return 200, answer
    request = urllib.request.Request(spec["target"], data=body, method="POST")
    request.add_header("Content-Type", "application/json; charset=utf-8")
    request.add_header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
    if header:
        request.add_header("Stripe-Signature", header)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            answer.update(status=response.status, body=response.read().decode())
    except urllib.error.HTTPError as error:
        answer.update(status=error.code, body=error.read().decode())
    return 200, answer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("fake_stripe: " + (fmt % args) + "\n")

    def reply(self, status, payload, headers=None):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Request-Id", "req_" + secrets.token_hex(7))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_GET(self):
        path = urllib.parse.urlparse(self.path).path
        with LOCK:
            if path == "/_fake/requests":
                return self.reply(200, STATE["requests"])
            if path == "/_fake/intents":
                return self.reply(200, list(STATE["intents"].values()))
            if path == "/_fake/refunds":
                return self.reply(200, list(STATE["refunds"].values()))
            if path.startswith("/v1/payment_intents/"):
                if not self.authorized():
                    return self.reply(*stripe_error(401, "Invalid API Key provided."))
                intent = STATE["intents"].get(path.rsplit("/", 1)[1])
                if intent is None:
                    return self.reply(*stripe_error(404, "No such payment_intent", code="resource_missing"))
                return self.reply(200, intent)
        self.reply(404, {"error": "unknown path " + path})

    def do_POST(self):
        path = urllib.parse.urlparse(self.path).path
        raw = self.body()
        if path.startswith("/_fake/"):
            return self.control(path, json.loads(raw or b"{}"))
        self.api(path, raw)

    def authorized(self):
        return self.headers.get("Authorization") == "Bearer " + SECRET_KEY

    def control(self, path, spec):
        if path == "/_fake/send-webhook":
            return self.reply(*send_webhook(spec))
        with LOCK:
            if path == "/_fake/fail":
                for _ in range(int(spec.get("count", 1))):
                    STATE["failures"].append({"mode": spec["mode"], "path": spec.get("path"),
                                              "delay": float(spec.get("delay", 3))})
                return self.reply(200, {"queued": len(STATE["failures"])})
            if path == "/_fake/clear-failures":
                STATE["failures"].clear()
                return self.reply(200, {"queued": 0})
            if path == "/_fake/refund-status":
                STATE["refund_status"] = spec["status"]
                return self.reply(200, {"status": STATE["refund_status"]})
        self.reply(404, {"error": "unknown control " + path})

    def api(self, path, raw):
        key = self.headers.get("Idempotency-Key")
        with LOCK:
            record = {"method": "POST", "path": path, "idempotencyKey": key,
                      "authorization": self.headers.get("Authorization"),
                      "stripeVersion": self.headers.get("Stripe-Version"),
                      "contentType": self.headers.get("Content-Type"), "form": {}, "status": 0}
            STATE["requests"].append(record)
            status, payload, failure = self.handle_api(path, raw, key, record)
            record["status"] = status
        if failure and failure["mode"] == "timeout":
            time.sleep(failure["delay"])
        if failure and failure["mode"] in ("500", "twice"):
            status, payload = stripe_error(500, "An unknown error occurred", kind="api_error")
        try:
            self.reply(status, payload, {"Idempotency-Key": key} if key else None)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)

    def handle_api(self, path, raw, key, record):
        if not self.authorized():
            return (*stripe_error(401, "Invalid API Key provided.", kind="invalid_request_error"), None)
        if not (self.headers.get("Content-Type") or "").startswith("application/x-www-form-urlencoded"):
            return (*stripe_error(400, "Request bodies must be form-encoded."), None)
        pairs = urllib.parse.parse_qsl(raw.decode(), keep_blank_values=True, strict_parsing=bool(raw))
        form = nested_form(pairs)
        record["form"] = form
        failure = take_failure(path)
        if failure and failure["mode"] == "500":
            return 500, {}, failure
        if key and (path, key) in STATE["idempotency"]:
            first_form, status, payload = STATE["idempotency"][(path, key)]
            if first_form != form:
                return (*stripe_error(400, "Keys for idempotent requests can only be used with the same parameters "
                                           "they were first used with.", kind="idempotency_error"), None)
            record["replayed"] = True
            return status, payload, failure
        if path == "/v1/payment_intents":
            status, payload = create_intent(form)
        elif path == "/v1/refunds":
            status, payload = create_refund(form)
        else:
            status, payload = stripe_error(404, "Unrecognized request URL (POST: %s)." % path)
        if key:
            STATE["idempotency"][(path, key)] = (form, status, payload)
        return status, payload, failure


def main():
    global SECRET_KEY
    parser = argparse.ArgumentParser()
    parser.add_argument("--secret-key", default=SECRET_KEY)
    SECRET_KEY = parser.parse_args().secret_key
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print("listening %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

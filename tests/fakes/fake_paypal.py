#!/usr/bin/python3
"""A fake PayPal REST API on loopback, for tests: the calls Emporium makes, with PayPal's request and
response shapes.

  POST /v1/oauth2/token                          Basic client_id:secret, grant_type=client_credentials
  POST /v2/checkout/orders                       Bearer; PayPal-Request-Id replays the first 2xx answer
  GET  /v2/checkout/orders/{id}
  POST /v2/checkout/orders/{id}/capture          422 ORDER_NOT_APPROVED / ORDER_ALREADY_CAPTURED
  POST /v2/payments/captures/{id}/refund         422 REFUND_AMOUNT_EXCEEDED / CAPTURE_FULLY_REFUNDED
  POST /v1/notifications/verify-webhook-signature   SUCCESS only for transmissions this fake sent itself

Control API (JSON, no auth):
  POST /_fake/approve {order_id, capture_status?: COMPLETED|PENDING|DECLINED}   the buyer approves
  GET  /_fake/requests            every API request received: {method, path, headers, body, status}
  DELETE /_fake/requests          forget them
  GET  /_fake/state               {orders, captures, refunds}
  POST /_fake/fail {mode, path?, method?, count?, delay_ms?}   the next `count` matching requests:
       500: answer 500 INTERNAL_SERVER_ERROR without doing anything;
       timeout: do the work, then stall delay_ms (default 3000) before answering (the answer is lost);
       twice: do the work, then answer 500 (a retry must get the first result, not do it twice).
  POST /_fake/expire-tokens       every token issued so far now gets 401 invalid_token
  POST /_fake/config {expires_in?, refund_status?}
  POST /_fake/send-webhook {event_type, order_id? | capture_id?, target?, verification?: SUCCESS|FAILURE,
       times?: 1, event_id?, amount?: {value, currency_code}, custom_id?, transmission_time?,
       refund_id? | refund_amount?}
       builds the event from this fake's state (COMPLETED settles the order's capture, or captures an approved
       order; DENIED declines it; REFUNDED describes refund_id, or makes a new refund of refund_amount minor
       units, default all that is left), remembers the transmission and POSTs it to `target` with the PAYPAL-*
       headers `times` times (same event and transmission); without `target` it only returns it.
       Answers {event, headers, body, deliveries: [{status, body}]}.

Usage: fake_paypal.py [--client-id ID] [--client-secret SECRET] [--webhook-id ID] [--expires-in SECONDS]
"""

import argparse
import json
import re
import secrets
import sys
import threading
import time
import urllib.request
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from fake_paypal_state import ApiError, State


def now_iso():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Failures:
    """The failures tests asked for, consumed by the requests they match."""

    def __init__(self):
        self.lock = threading.Lock()
        self.rules = []

    def add(self, rule):
        if rule.get("mode") not in ("timeout", "500", "twice"):
            raise ApiError(400, "INVALID_REQUEST", "mode must be timeout, 500 or twice")
        with self.lock:
            self.rules.append({"mode": rule["mode"], "path": rule.get("path", ""), "method": rule.get("method"),
                               "count": int(rule.get("count", 1)), "delay_ms": int(rule.get("delay_ms", 3000))})

    def take(self, method, path):
        with self.lock:
            for rule in self.rules:
                if path.startswith(rule["path"]) and rule["method"] in (None, method) and rule["count"] > 0:
                    rule["count"] -= 1
                    return dict(rule)
        return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: the tests' client sends several requests on one connection
    server_version = "FakePayPal/1.0"

    def log_message(self, fmt, *args):
        sys.stderr.write("fake_paypal: " + (fmt % args) + "\n")

    # --- plumbing ---------------------------------------------------------------------------------------
    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def answer(self, status, body=None):
        data = b"" if body is None else json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Paypal-Debug-Id", secrets.token_hex(7))
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)

    def do_GET(self):
        self.dispatch("GET")

    def do_POST(self):
        self.dispatch("POST")

    def do_DELETE(self):
        self.dispatch("DELETE")

    def dispatch(self, method):
        raw = self.read_body()
        path = self.path.split("?")[0]
        try:
            if path.startswith("/_fake/"):
                self.answer(200, self.control(method, path, json.loads(raw or b"{}")))
            else:
                self.api(method, path, raw)
        except ApiError as error:
            self.answer(error.status, error.body())
        except (ValueError, KeyError, TypeError) as error:
            self.answer(400, {"name": "INVALID_REQUEST", "message": str(error), "details": []})

    # --- the API --------------------------------------------------------------------------------------------
    def api(self, method, path, raw):
        state = self.server.state
        record = state.record(method, path, self.headers, raw)
        failure = self.server.failures.take(method, path)
        if failure and failure["mode"] == "500":
            record["status"] = 500
            return self.answer(500, {"name": "INTERNAL_SERVER_ERROR", "message": "An internal server error occurred.",
                                     "debug_id": secrets.token_hex(7), "details": []})
        try:
            status, body = self.route(method, path, raw)
        except ApiError as error:
            status, body = error.status, error.body()
        record["status"] = status
        if failure and failure["mode"] == "timeout":
            time.sleep(failure["delay_ms"] / 1000)
        if failure and failure["mode"] == "twice":
            record["status"] = 500
            status, body = 500, {"name": "INTERNAL_SERVER_ERROR", "message": "An internal server error occurred.",
                                 "details": []}
        self.answer(status, body)

    def route(self, method, path, raw):
        state = self.server.state
        if (method, path) == ("POST", "/v1/oauth2/token"):
            return 200, state.issue_token(self.headers.get("Authorization", ""), raw.decode())
        state.check_bearer(self.headers.get("Authorization", ""))
        body = json.loads(raw) if raw.strip() else {}
        representation = "return=representation" in (self.headers.get("Prefer") or "")
        request_id = self.headers.get("PayPal-Request-Id")
        if (method, path) == ("POST", "/v2/checkout/orders"):
            return state.once(path, request_id, lambda: (201, state.create_order(body, representation)))
        if (method, path) == ("POST", "/v1/notifications/verify-webhook-signature"):
            return 200, {"verification_status": state.verify_transmission(body)}
        match = re.fullmatch(r"/v2/checkout/orders/(\w+)(/capture)?", path)
        if match and method == "GET" and not match.group(2):
            return 200, state.order_view(match.group(1))
        if match and method == "POST" and match.group(2):
            return state.once(path, request_id, lambda: (201, state.capture(match.group(1), representation)))
        match = re.fullmatch(r"/v2/payments/captures/(\w+)/refund", path)
        if match and method == "POST":
            return state.once(path, request_id, lambda: (201, state.refund(match.group(1), body, representation)))
        raise ApiError(404, "RESOURCE_NOT_FOUND", "The specified resource does not exist.")

    # --- control ----------------------------------------------------------------------------------------------
    def control(self, method, path, body):
        state = self.server.state
        if (method, path) == ("POST", "/_fake/approve"):
            return state.approve(body["order_id"], body.get("capture_status", "COMPLETED"))
        if (method, path) == ("GET", "/_fake/requests"):
            return {"requests": state.requests_seen()}
        if (method, path) == ("DELETE", "/_fake/requests"):
            state.forget_requests()
            return {}
        if (method, path) == ("GET", "/_fake/state"):
            return state.snapshot()
        if (method, path) == ("POST", "/_fake/fail"):
            self.server.failures.add(body)
            return {}
        if (method, path) == ("POST", "/_fake/expire-tokens"):
            state.expire_tokens()
            return {}
        if (method, path) == ("POST", "/_fake/config"):
            state.configure(body)
            return {}
        if (method, path) == ("POST", "/_fake/send-webhook"):
            return self.send_webhook(body)
        raise ApiError(404, "RESOURCE_NOT_FOUND", "No such control call.")

    def send_webhook(self, request):
        state = self.server.state
        event = state.build_event(request)
        body = json.dumps(event)
        transmission = {"id": secrets.token_hex(16), "time": request.get("transmission_time", now_iso())}
        headers = state.sign(transmission, event, body, request.get("verification", "SUCCESS"))
        deliveries = []
        for _ in range(int(request.get("times", 1)) if request.get("target") else 0):
            deliveries.append(deliver(request["target"], body, headers))
        return {"event": event, "headers": headers, "body": body, "deliveries": deliveries}


def deliver(target, body, headers):
    outgoing = urllib.request.Request(target, data=body.encode(), method="POST",
                                      headers=dict(headers, **{"Content-Type": "application/json",
                                                               "User-Agent": "PayPal/AUHD-214.0-54280748"}))
    try:
        with urllib.request.urlopen(outgoing, timeout=30) as response:
            return {"status": response.status, "body": response.read().decode(errors="replace")}
    except urllib.error.HTTPError as error:
        return {"status": error.code, "body": error.read().decode(errors="replace")}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--client-id", default="test-client-id")
    parser.add_argument("--client-secret", default="test-client-secret")
    parser.add_argument("--webhook-id", default="WH-TEST-0001")
    parser.add_argument("--expires-in", type=int, default=32400)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    base = "http://127.0.0.1:%d" % server.server_address[1]
    server.state = State(base, args.client_id, args.client_secret, args.webhook_id, args.expires_in)
    server.failures = Failures()
    print("listening %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""A Standard Webhooks receiver for the integration tests (Python 3 standard library only).

Usage: webhook_receiver.py [--port N] [--secret whsec_...]

Binds 127.0.0.1 (port 0 unless --port: a receiver brought back on the port of one that went down) and prints
"listening <port>" first. Every request to a path outside /_fake/ is recorded (method, path, headers, raw body)
together with its own verdict on the Standard Webhooks signature (webhook-id, webhook-timestamp,
webhook-signature: "v1,<base64 HMAC-SHA256 of id.timestamp.body>" keyed by the base64-decoded secret after
"whsec_"; timestamps more than 5 minutes away are refused), and then answered from a script of responses.

Control API (JSON):
  POST /_fake/secret    {"secret": "whsec_…", "path"?: "/hook"}   the secret for that path (or the default one)
  POST /_fake/script    {"responses": [{"status": 500}, {"status": 301, "headers": {"Location": "/x"}},
                          {"status": 200, "sleepMs": 3000, "body": "…"}], "path"?: "/hook"}
                          answers for the next requests to that path (or to any path), in order; then 200
  POST /_fake/reset     forget requests, scripts and secrets
  GET  /_fake/requests[?path=/hook]   {"requests": [{"method", "path", "headers": {lower-case: value},
                          "body", "receivedAt", "signatureValid", "verifyError"}]}
"""
import argparse
import base64
import hashlib
import hmac
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

TOLERANCE_SECONDS = 5 * 60
lock = threading.Lock()
state = {"requests": [], "scripts": {}, "secrets": {}, "default_secret": None}


def verify(secret, headers, body):
    """(valid, error) per the Standard Webhooks spec; (None, "no secret") when none was given."""
    if not secret:
        return None, "no secret"
    msg_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not msg_id or not timestamp or not signatures:
        return False, "missing webhook-id, webhook-timestamp or webhook-signature"
    if not timestamp.isdigit():
        return False, "webhook-timestamp is not an integer"
    if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        return False, "webhook-timestamp too far from now"
    key_text = secret[len("whsec_"):] if secret.startswith("whsec_") else secret
    try:
        key = base64.b64decode(key_text, validate=True)
    except ValueError:
        return False, "the secret is not base64"
    content = msg_id.encode() + b"." + timestamp.encode() + b"." + body
    expected = base64.b64encode(hmac.new(key, content, hashlib.sha256).digest()).decode()
    for entry in signatures.split(" "):
        version, _, signature = entry.partition(",")
        if version == "v1" and hmac.compare_digest(signature, expected):
            return True, None
    return False, "no v1 signature matches"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("webhook_receiver: " + (fmt % args) + "\n")

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def send(self, status, body=b"", content_type="application/json", headers=None):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_json(self, status, value):
        self.send(status, json.dumps(value).encode())

    def do_GET(self):
        parts = urlsplit(self.path)
        if parts.path == "/_fake/requests":
            wanted = parse_qs(parts.query).get("path", [None])[0]
            with lock:
                found = [r for r in state["requests"] if wanted is None or r["path"] == wanted]
            return self.send_json(200, {"requests": found})
        self.receive(b"")

    def do_POST(self):
        parts = urlsplit(self.path)
        body = self.read_body()
        if parts.path.startswith("/_fake/"):
            return self.control(parts.path, json.loads(body or b"{}"))
        self.receive(body)

    def control(self, path, command):
        with lock:
            if path == "/_fake/secret":
                if command.get("path"):
                    state["secrets"][command["path"]] = command["secret"]
                else:
                    state["default_secret"] = command["secret"]
            elif path == "/_fake/script":
                key = command.get("path") or "*"
                state["scripts"].setdefault(key, []).extend(command.get("responses", []))
            elif path == "/_fake/reset":
                state.update({"requests": [], "scripts": {}, "secrets": {}, "default_secret": None})
            else:
                return self.send_json(404, {"error": "unknown control " + path})
        self.send_json(200, {"ok": True})

    def receive(self, body):
        path = urlsplit(self.path).path
        headers = {name.lower(): value for name, value in self.headers.items()}
        with lock:
            secret = state["secrets"].get(path, state["default_secret"])
            valid, error = verify(secret, headers, body)
            state["requests"].append({"method": self.command, "path": path, "headers": headers,
                                      "body": body.decode("utf-8", "replace"), "receivedAt": time.time(),
                                      "signatureValid": valid, "verifyError": error})
            script = state["scripts"].get(path) or state["scripts"].get("*") or []
            action = script.pop(0) if script else {"status": 200}
        print("received", self.command, path, headers.get("webhook-id"), "->", action.get("status", 200), flush=True)
        if action.get("sleepMs"):
            time.sleep(action["sleepMs"] / 1000.0)
        try:
            self.send(action.get("status", 200), action.get("body", "").encode(), "text/plain",
                      action.get("headers"))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the sender gave up waiting (its timeout): what the sleep was for


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--secret")
    args = parser.parse_args()
    state["default_secret"] = args.secret
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print("listening", server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

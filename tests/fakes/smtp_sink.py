#!/usr/bin/python3
"""An SMTP server for tests (aiosmtpd on 127.0.0.1, a free port), with a JSON control API over HTTP.

Usage: /usr/bin/python3 -u smtp_sink.py [--auth USER:PASSWORD]

Prints "listening <control port>" and then "smtp <smtp port>". With --auth, every message needs AUTH PLAIN or
LOGIN with those credentials (allowed without TLS: this is loopback).

Control API (JSON):
  GET  /_fake/info        {"smtpPort": n, "up": true|false}
  GET  /_fake/messages    every message accepted, oldest first: {"mailFrom", "rcptTos", "authUser", "data" (the
                          raw message, CRLF line ends, dot-unstuffed), "parsed" (see below)}
  GET  /_fake/attempts    {"<recipient>": {"accepted": n, "rejected": n}}: every DATA the sink answered
  POST /_fake/reject      {"recipient": "a@b", "count": n, "code": 451|550, "text": "…"}: answer the next n
                          messages to that recipient with `code` after their DATA ("*": any recipient)
  POST /_fake/smtp        {"up": false}: close the SMTP listener (connections are refused); {"up": true}:
                          listen again on the same port
  POST /_fake/parse       a raw message as the body: its "parsed" form (for .eml files)
  POST /_fake/reset       forget messages, attempts and pending rejections

"parsed" comes from Python's email package (policy.default): subject, from, to (decoded), toName, toAddress,
date, messageId, mimeVersion, contentType, parts [{contentType, charset, transferEncoding, body (decoded)}],
defects (every defect the parser noted, in the message or a part).
"""

import argparse
import asyncio
import email
import email.policy
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

LOCK = threading.Lock()
STATE = {"messages": [], "attempts": {}, "rejections": {}}


def parse_message(raw: bytes) -> dict:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    defects = [type(d).__name__ for d in message.defects]
    parts = []
    for part in message.walk():
        defects += [type(d).__name__ for d in part.defects]
        if part.is_multipart():
            continue
        parts.append({
            "contentType": part.get_content_type(),
            "charset": part.get_content_charset() or "",
            "transferEncoding": str(part.get("Content-Transfer-Encoding", "")),
            "body": part.get_content(),
        })
    to_header = message["To"]
    to_name, to_address = "", ""
    if to_header is not None and to_header.addresses:
        to_name, to_address = to_header.addresses[0].display_name, to_header.addresses[0].addr_spec
    return {
        "subject": str(message.get("Subject", "")),
        "from": str(message.get("From", "")),
        "to": str(to_header or ""),
        "toName": to_name,
        "toAddress": to_address,
        "date": str(message.get("Date", "")),
        "messageId": str(message.get("Message-ID", "")),
        "mimeVersion": str(message.get("MIME-Version", "")),
        "contentType": message.get_content_type(),
        "parts": parts,
        "defects": defects,
    }


def count_attempt(recipient: str, outcome: str) -> None:
    counts = STATE["attempts"].setdefault(recipient, {"accepted": 0, "rejected": 0})
    counts[outcome] += 1


def take_rejection(recipients) -> str | None:
    for recipient in list(recipients) + ["*"]:
        rule = STATE["rejections"].get(recipient)
        if rule and rule["count"] > 0:
            rule["count"] -= 1
            return f'{rule["code"]} {rule["text"]}'
    return None


class Handler:
    async def handle_DATA(self, server, session, envelope):
        with LOCK:
            rejection = take_rejection(envelope.rcpt_tos)
            for recipient in envelope.rcpt_tos:
                count_attempt(recipient, "rejected" if rejection else "accepted")
            if rejection:
                return rejection
            raw = envelope.original_content or envelope.content
            STATE["messages"].append({
                "mailFrom": envelope.mail_from,
                "rcptTos": list(envelope.rcpt_tos),
                "authUser": session.auth_data.decode() if isinstance(session.auth_data, bytes) else "",
                "data": raw.decode("utf-8", "replace"),
                "parsed": parse_message(raw),
            })
        return "250 Message accepted for delivery"


class Authenticator:
    def __init__(self, user: str, password: str):
        self.user, self.password = user.encode(), password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == self.user and \
            auth_data.password == self.password
        return AuthResult(success=ok, handled=False, auth_data=auth_data.login if ok else None)


class SmtpListener:
    """The SMTP side, on its own asyncio loop (thread); can be closed and opened again on the same port."""

    def __init__(self, auth):
        self.loop = asyncio.new_event_loop()
        self.auth = auth
        self.server = None
        self.port = 0
        threading.Thread(target=self.loop.run_forever, daemon=True).start()

    def _factory(self):
        options = {"decode_data": False, "enable_SMTPUTF8": True}
        if self.auth:
            options.update(authenticator=Authenticator(*self.auth), auth_required=True, auth_require_tls=False)
        return SMTP(Handler(), **options)

    async def _open(self):
        self.server = await self.loop.create_server(self._factory, host="127.0.0.1", port=self.port)
        self.port = self.server.sockets[0].getsockname()[1]

    async def _close(self):
        self.server.close()
        await self.server.wait_closed()
        self.server = None

    def set_up(self, up: bool) -> None:
        if up and self.server is None:
            asyncio.run_coroutine_threadsafe(self._open(), self.loop).result(10)
        elif not up and self.server is not None:
            asyncio.run_coroutine_threadsafe(self._close(), self.loop).result(10)


def make_control(listener: SmtpListener):
    class Control(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def reply(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length", "0")))

        def do_GET(self):
            with LOCK:
                if self.path == "/_fake/info":
                    return self.reply(200, {"smtpPort": listener.port, "up": listener.server is not None})
                if self.path == "/_fake/messages":
                    return self.reply(200, STATE["messages"])
                if self.path == "/_fake/attempts":
                    return self.reply(200, STATE["attempts"])
            self.reply(404, {"error": "no such path"})

        def do_POST(self):
            body = self.body()
            if self.path == "/_fake/parse":
                return self.reply(200, parse_message(body))
            request = json.loads(body or b"{}")
            if self.path == "/_fake/smtp":
                listener.set_up(bool(request["up"]))
                return self.reply(200, {"up": listener.server is not None})
            with LOCK:
                if self.path == "/_fake/reject":
                    STATE["rejections"][request["recipient"]] = {
                        "count": int(request["count"]), "code": int(request.get("code", 451)),
                        "text": request.get("text", "Try again later")}
                    return self.reply(200, {})
                if self.path == "/_fake/reset":
                    STATE.update(messages=[], attempts={}, rejections={})
                    return self.reply(200, {})
            self.reply(404, {"error": "no such path"})

    return Control


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--auth", help="USER:PASSWORD that AUTH must present")
    args = parser.parse_args()
    auth = tuple(args.auth.split(":", 1)) if args.auth else None
    listener = SmtpListener(auth)
    listener.set_up(True)
    control = ThreadingHTTPServer(("127.0.0.1", 0), make_control(listener))
    print(f"listening {control.server_address[1]}", flush=True)
    print(f"smtp {listener.port}", flush=True)
    try:
        control.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

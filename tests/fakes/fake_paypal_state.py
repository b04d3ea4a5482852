"""What the fake PayPal (fake_paypal.py) knows: tokens, orders, captures, refunds, idempotent answers,
webhook transmissions it sent, and the requests it received. Every method takes the lock; nothing here does
I/O. Shapes follow PayPal's Orders v2, Payments v2 and Notifications v1 APIs."""

import base64
import binascii
import copy
import hashlib
import hmac
import json
import re
import secrets
import string
import threading
import time
from datetime import datetime, timezone
from decimal import Decimal

# Currencies PayPal accepts, with the decimals it wants (HUF, JPY and TWD take none).
CURRENCIES = {code: 2 for code in "AUD BRL CAD CNY CZK DKK EUR HKD ILS MYR MXN NZD NOK PHP PLN GBP SGD SEK CHF THB "
                                    "USD".split()}
CURRENCIES.update({"HUF": 0, "JPY": 0, "TWD": 0})
RECORDED_HEADERS = ("authorization", "content-type", "paypal-request-id", "prefer", "accept")


class ApiError(Exception):
    """A PayPal error answer: {name, message, debug_id, details: [{issue, description}], links}; 401s use the
    OAuth shape {error, error_description}."""

    def __init__(self, status, name, message, issue=None, description=None):
        super().__init__(message)
        self.status, self.name, self.message = status, name, message
        self.issue, self.description = issue, description or message

    def body(self):
        if self.status == 401:
            return {"error": self.name, "error_description": self.message}
        details = [{"issue": self.issue, "description": self.description}] if self.issue else []
        return {"name": self.name, "message": self.message, "debug_id": secrets.token_hex(7), "details": details,
                "links": [{"href": "https://developer.paypal.com/docs/api/orders/v2/#error-%s" % (self.issue or self.name),
                           "rel": "information_link", "method": "GET"}]}


def unprocessable(issue, description):
    return ApiError(422, "UNPROCESSABLE_ENTITY", "The requested action could not be performed, semantically "
                    "incorrect, or failed business validation.", issue, description)


def not_found(what="The specified resource does not exist."):
    return ApiError(404, "RESOURCE_NOT_FOUND", "The specified resource does not exist.", "INVALID_RESOURCE_ID", what)


def paypal_id():
    return "".join(secrets.choice(string.ascii_uppercase + string.digits) for _ in range(17))


def now_iso():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_minor(amount):
    """{"currency_code", "value"} → (minor units, currency), checking PayPal's rules."""
    currency, value = amount.get("currency_code"), amount.get("value")
    if currency not in CURRENCIES:
        raise unprocessable("CURRENCY_NOT_SUPPORTED", "Currency code is not supported.")
    if not isinstance(value, str) or not re.fullmatch(r"\d{1,10}(\.\d{1,2})?", value):
        raise ApiError(400, "INVALID_REQUEST", "Request is not well-formed.", "INVALID_PARAMETER_SYNTAX")
    digits = CURRENCIES[currency]
    if "." in value and len(value.split(".")[1]) != digits:
        raise unprocessable("DECIMAL_PRECISION", "The value of the field should not have more decimal places.")
    return int(Decimal(value) * (10 ** digits)), currency


def money(minor, currency):
    digits = CURRENCIES[currency]
    value = str(minor) if digits == 0 else "%d.%0*d" % (minor // 10 ** digits, digits, minor % 10 ** digits)
    return {"currency_code": currency, "value": value}


class State:
    def __init__(self, base, client_id, client_secret, webhook_id, expires_in):
        self.lock = threading.Lock()
        self.base, self.client_id, self.client_secret = base, client_id, client_secret
        self.webhook_id, self.expires_in, self.refund_status = webhook_id, expires_in, "COMPLETED"
        self.tokens, self.orders, self.captures, self.refunds = {}, {}, {}, {}
        self.answers, self.transmissions, self.requests = {}, {}, []
        self.signing_key = secrets.token_bytes(32)

    # --- requests, idempotency, configuration ---------------------------------------------------------------
    def record(self, method, path, headers, raw):
        try:
            body = json.loads(raw) if raw.strip() else None
        except ValueError:
            body = raw.decode(errors="replace")
        entry = {"method": method, "path": path, "body": body, "status": None,
                 "headers": {name: headers[name] for name in RECORDED_HEADERS if headers.get(name) is not None}}
        with self.lock:
            self.requests.append(entry)
        return entry

    def requests_seen(self):
        with self.lock:
            return copy.deepcopy(self.requests)

    def forget_requests(self):
        with self.lock:
            self.requests.clear()

    def configure(self, settings):
        with self.lock:
            self.expires_in = int(settings.get("expires_in", self.expires_in))
            self.refund_status = settings.get("refund_status", self.refund_status)

    def once(self, path, request_id, work):
        """PayPal-Request-Id: a repeat of a request that succeeded gets the first answer, the work done once.
        (Failed requests are not remembered: a retry after a refusal is tried again.)"""
        key = (path, request_id)
        with self.lock:
            if request_id and key in self.answers:
                return copy.deepcopy(self.answers[key])
        status, body = work()
        with self.lock:
            if request_id and 200 <= status < 300:
                self.answers.setdefault(key, (status, copy.deepcopy(body)))
                return copy.deepcopy(self.answers[key])
        return status, body

    # --- OAuth ------------------------------------------------------------------------------------------------
    def issue_token(self, authorization, form):
        expected = base64.b64encode(("%s:%s" % (self.client_id, self.client_secret)).encode()).decode()
        if authorization != "Basic " + expected:
            raise ApiError(401, "invalid_client", "Client Authentication failed")
        if form != "grant_type=client_credentials":
            raise ApiError(400, "unsupported_grant_type", "Grant Type is NULL")
        token = "A21AA" + secrets.token_urlsafe(40)
        with self.lock:
            self.tokens[token] = time.monotonic() + self.expires_in
            expires_in = self.expires_in
        return {"scope": "https://uri.paypal.com/services/payments/payment", "access_token": token,
                "token_type": "Bearer", "app_id": "APP-80W284485P519543T", "expires_in": expires_in,
                "nonce": now_iso() + secrets.token_hex(8)}

    def check_bearer(self, authorization):
        token = authorization[len("Bearer "):] if authorization.startswith("Bearer ") else None
        with self.lock:
            if token is None or self.tokens.get(token, 0) < time.monotonic():
                raise ApiError(401, "invalid_token", "Token signature verification failed")

    def expire_tokens(self):
        with self.lock:
            self.tokens.clear()

    # --- orders and captures ------------------------------------------------------------------------------------
    def create_order(self, body, representation):
        units = body.get("purchase_units")
        if body.get("intent") != "CAPTURE" or not isinstance(units, list) or len(units) != 1:
            raise ApiError(400, "INVALID_REQUEST", "Request is not well-formed.", "MISSING_REQUIRED_PARAMETER")
        to_minor(units[0].get("amount") or {})
        order_id = paypal_id()
        context = ((body.get("payment_source") or {}).get("paypal") or {}).get("experience_context")
        order = {"id": order_id, "intent": "CAPTURE", "status": "PAYER_ACTION_REQUIRED" if context else "CREATED",
                 "purchase_units": [copy.deepcopy(units[0])], "create_time": now_iso(),
                 "_experience_context": context, "_capture_status": None}
        with self.lock:
            self.orders[order_id] = order
            return self.order_view_locked(order_id, representation)

    def order_view_locked(self, order_id, representation=True):
        order = self.orders.get(order_id)
        if order is None:
            raise not_found()
        href = "%s/v2/checkout/orders/%s" % (self.base, order_id)
        rel = "payer-action" if order["_experience_context"] else "approve"
        links = [{"href": href, "rel": "self", "method": "GET"}]
        if order["status"] in ("CREATED", "PAYER_ACTION_REQUIRED"):
            links.append({"href": "%s/checkoutnow?token=%s" % (self.base, order_id), "rel": rel, "method": "GET"})
        if order["status"] == "APPROVED":
            links.append({"href": href + "/capture", "rel": "capture", "method": "POST"})
        view = {"id": order_id, "status": order["status"], "links": links}
        if order["_experience_context"]:
            view["payment_source"] = {"paypal": {}}
        if representation:
            view.update({key: copy.deepcopy(value) for key, value in order.items() if not key.startswith("_")})
            view["links"] = links
        return view

    def order_view(self, order_id):
        with self.lock:
            return self.order_view_locked(order_id)

    def approve(self, order_id, capture_status):
        with self.lock:
            order = self.orders.get(order_id)
            if order is None:
                raise not_found("No such order.")
            if order["status"] not in ("CREATED", "PAYER_ACTION_REQUIRED", "APPROVED"):
                raise unprocessable("ORDER_NOT_APPROVABLE", "The order is %s." % order["status"])
            order["status"], order["_capture_status"] = "APPROVED", capture_status
            order["payer"] = {"name": {"given_name": "John", "surname": "Doe"}, "email_address": "buyer@example.com",
                              "payer_id": "QYR5Z8XDVJNXQ"}
            return self.order_view_locked(order_id)

    def new_capture_locked(self, order, status):
        unit = order["purchase_units"][0]
        capture_id = paypal_id()
        capture = {"id": capture_id, "status": status, "amount": copy.deepcopy(unit["amount"]), "final_capture": True,
                   "custom_id": unit.get("custom_id"), "create_time": now_iso(), "update_time": now_iso(),
                   "supplementary_data": {"related_ids": {"order_id": order["id"]}},
                   "links": [{"href": "%s/v2/payments/captures/%s" % (self.base, capture_id), "rel": "self"},
                             {"href": "%s/v2/payments/captures/%s/refund" % (self.base, capture_id), "rel": "refund"},
                             {"href": "%s/v2/checkout/orders/%s" % (self.base, order["id"]), "rel": "up"}]}
        if status == "PENDING":
            capture["status_details"] = {"reason": "PENDING_REVIEW"}
        if status == "DECLINED":
            capture["status_details"] = {"reason": "DECLINED_BY_RISK_FRAUD_FILTERS"}
        self.captures[capture_id] = capture
        unit.setdefault("payments", {"captures": []})["captures"].append(capture)
        order["status"] = "COMPLETED"
        return capture

    def capture(self, order_id, representation):
        with self.lock:
            order = self.orders.get(order_id)
            if order is None:
                raise not_found()
            if order["status"] == "COMPLETED":
                raise unprocessable("ORDER_ALREADY_CAPTURED", "Order already captured.")
            if order["status"] != "APPROVED":
                raise unprocessable("ORDER_NOT_APPROVED", "Payer has not yet approved the Order for payment.")
            self.new_capture_locked(order, order["_capture_status"] or "COMPLETED")
            return self.order_view_locked(order_id, representation)

    # --- refunds ------------------------------------------------------------------------------------------------------
    def refunded_minor_locked(self, capture_id):
        return sum(to_minor(r["amount"])[0] for r in self.refunds.values()
                   if r["_capture_id"] == capture_id and r["status"] in ("COMPLETED", "PENDING"))

    def refund(self, capture_id, body, representation):
        with self.lock:
            capture = self.captures.get(capture_id)
            if capture is None:
                raise not_found()
            captured, currency = to_minor(capture["amount"])
            left = captured - self.refunded_minor_locked(capture_id)
            if capture["status"] not in ("COMPLETED", "PARTIALLY_REFUNDED") or left <= 0:
                raise unprocessable("CAPTURE_FULLY_REFUNDED", "The capture has already been fully refunded.")
            amount, refund_currency = to_minor(body["amount"]) if "amount" in body else (left, currency)
            if refund_currency != currency:
                raise unprocessable("REFUND_CURRENCY_MISMATCH", "Refund must be in the capture's currency.")
            if amount > left or amount <= 0:
                raise unprocessable("REFUND_AMOUNT_EXCEEDED", "The refund amount must be less than or equal to the "
                                    "capture amount that has not yet been refunded.")
            return self.new_refund_locked(capture, amount, body, representation)

    def new_refund_locked(self, capture, amount, body, representation):
        refund_id, currency = paypal_id(), capture["amount"]["currency_code"]
        refund = {"id": refund_id, "status": self.refund_status, "amount": money(amount, currency),
                  "custom_id": body.get("custom_id"), "note_to_payer": body.get("note_to_payer"),
                  "create_time": now_iso(), "update_time": now_iso(), "_capture_id": capture["id"],
                  "links": [{"href": "%s/v2/payments/refunds/%s" % (self.base, refund_id), "rel": "self"},
                            {"href": "%s/v2/payments/captures/%s" % (self.base, capture["id"]), "rel": "up"}]}
        refund = {key: value for key, value in refund.items() if value is not None}  # PayPal leaves out what is unset
        self.refunds[refund_id] = refund
        total = self.refunded_minor_locked(capture["id"])
        captured = to_minor(capture["amount"])[0]
        capture["status"] = "REFUNDED" if total >= captured else "PARTIALLY_REFUNDED"
        refund["seller_payable_breakdown"] = {"gross_amount": money(amount, currency),
                                              "paypal_fee": money(0, currency), "net_amount": money(amount, currency),
                                              "total_refunded_amount": money(total, currency)}
        view = {key: value for key, value in refund.items() if not key.startswith("_")}
        return copy.deepcopy(view if representation else {k: view[k] for k in ("id", "status", "links")})

    def snapshot(self):
        with self.lock:
            strip = lambda items: [{k: v for k, v in item.items() if k != "_capture_id"} for item in items]
            return copy.deepcopy({"orders": [self.order_view_locked(order_id) for order_id in self.orders],
                                  "captures": list(self.captures.values()), "refunds": strip(self.refunds.values())})

    # --- webhooks -------------------------------------------------------------------------------------------------
    def build_event(self, request):
        event_type = request["event_type"]
        with self.lock:
            resource, resource_type = self.event_resource_locked(event_type, request)
        if "amount" in request:
            resource["amount"] = request["amount"]
        if "custom_id" in request:
            resource["custom_id"] = request["custom_id"]
        event_id = request.get("event_id") or "WH-%s-%s" % (paypal_id(), paypal_id())
        return {"id": event_id, "event_version": "1.0", "create_time": now_iso(), "resource_type": resource_type,
                "resource_version": "2.0", "event_type": event_type, "summary": "Fake PayPal %s" % event_type,
                "resource": resource,
                "links": [{"href": "%s/v1/notifications/webhooks-events/%s" % (self.base, event_id), "rel": "self"}]}

    def capture_for_locked(self, request, status):
        if "capture_id" in request:
            capture = self.captures.get(request["capture_id"])
            if capture is None:
                raise not_found("No such capture.")
            return capture
        order = self.orders.get(request.get("order_id"))
        if order is None:
            raise not_found("No such order.")
        captures = order["purchase_units"][0].get("payments", {}).get("captures", [])
        if captures:
            return captures[-1]
        if order["status"] != "APPROVED":
            raise unprocessable("ORDER_NOT_APPROVED", "Approve the order before it can be paid.")
        return self.new_capture_locked(order, status)

    def event_resource_locked(self, event_type, request):
        if event_type in ("PAYMENT.CAPTURE.COMPLETED", "PAYMENT.CAPTURE.DENIED"):
            status = "COMPLETED" if event_type.endswith("COMPLETED") else "DECLINED"
            capture = self.capture_for_locked(request, status)
            if capture["status"] in ("PENDING", "COMPLETED"):
                capture["status"] = status  # a pending capture settles (or is denied) now
            return copy.deepcopy(capture), "capture"
        if event_type == "PAYMENT.CAPTURE.REFUNDED":
            return self.refund_resource_locked(request), "refund"
        if "order_id" in request:
            return self.order_view_locked(request["order_id"]), "checkout-order"
        return {}, "unknown"

    def refund_resource_locked(self, request):
        """The refund `refund_id` (made through the API), or a new one made at PayPal's site: `refund_amount`
        minor units of the capture (default: all that is left)."""
        if "refund_id" in request:
            refund = self.refunds.get(request["refund_id"])
            if refund is None:
                raise not_found("No such refund.")
            view = {key: value for key, value in refund.items() if not key.startswith("_")}
            view["seller_payable_breakdown"]["total_refunded_amount"] = money(
                self.refunded_minor_locked(refund["_capture_id"]), refund["amount"]["currency_code"])
            return copy.deepcopy(view)
        capture = self.capture_for_locked(request, "COMPLETED")
        left = to_minor(capture["amount"])[0] - self.refunded_minor_locked(capture["id"])
        amount = int(request.get("refund_amount", left))
        if amount <= 0 or amount > left:
            raise unprocessable("REFUND_AMOUNT_EXCEEDED", "Nothing (or not that much) is left to refund.")
        return self.new_refund_locked(capture, amount, {"custom_id": capture.get("custom_id")}, True)

    def sign(self, transmission, event, body, verification):
        """The PAYPAL-* headers of a transmission, remembered so verify-webhook-signature can confirm it."""
        crc = binascii.crc32(body.encode()) & 0xFFFFFFFF
        message = "%s|%s|%s|%d" % (transmission["id"], transmission["time"], self.webhook_id, crc)
        headers = {"PAYPAL-TRANSMISSION-ID": transmission["id"], "PAYPAL-TRANSMISSION-TIME": transmission["time"],
                   "PAYPAL-TRANSMISSION-SIG": base64.b64encode(
                       hmac.new(self.signing_key, message.encode(), hashlib.sha256).digest()).decode(),
                   "PAYPAL-CERT-URL": "%s/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77" % self.base,
                   "PAYPAL-AUTH-ALGO": "SHA256withRSA"}
        with self.lock:
            self.transmissions[transmission["id"]] = {"headers": headers, "event": copy.deepcopy(event),
                                                      "verification": verification}
        return headers

    def verify_transmission(self, body):
        fields = ("auth_algo", "cert_url", "transmission_id", "transmission_sig", "transmission_time", "webhook_id",
                  "webhook_event")
        missing = [field for field in fields if not body.get(field)]
        if missing:
            raise ApiError(400, "VALIDATION_ERROR", "Invalid request - see details", "MISSING_REQUIRED_FIELD")
        with self.lock:
            sent = self.transmissions.get(body["transmission_id"])
        if sent is None or body["webhook_id"] != self.webhook_id or sent["verification"] != "SUCCESS":
            return "FAILURE"
        headers = sent["headers"]
        same = (body["auth_algo"] == headers["PAYPAL-AUTH-ALGO"] and body["cert_url"] == headers["PAYPAL-CERT-URL"]
                and body["transmission_sig"] == headers["PAYPAL-TRANSMISSION-SIG"]
                and body["transmission_time"] == headers["PAYPAL-TRANSMISSION-TIME"]
                and body["webhook_event"] == sent["event"])
        return "SUCCESS" if same else "FAILURE"

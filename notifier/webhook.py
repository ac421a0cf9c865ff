"""SendGrid's signed Event Webhook: proof that a notice was delivered, bounced or dropped.

Why: the ledger records when SendGrid *accepted* each notice; delivery events complete the proof
of notice. They arrive as HTTP posts from the internet, so nothing is believed unless SendGrid
signed it: ECDSA P-256 over SHA-256 of `timestamp + raw body`, the signature (base64 DER) in
`X-Twilio-Email-Event-Webhook-Signature`, the timestamp in `X-Twilio-Email-Event-Webhook-Timestamp`,
checked against the public key SendGrid shows (base64 DER SubjectPublicKeyInfo).

Steps of one post: POST only -> size limit -> signature headers present -> timestamp fresh ->
signature valid -> JSON array of event objects -> keep the notifier's events of interest ->
`sink(events)` -> 204. Replays inside the freshness window are harmless: the ledger keeps one
row per `sg_event_id`.

Nothing secret or personal is logged: no key, signature, body or address, only counts and the
reason a post was refused.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import logging
import re
import time
from collections.abc import Callable, Iterable
from http.server import ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from policy.errors import ConfigError
from policy.httpserver import DeadlineRequestHandler

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePublicKey

SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature"
TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp"
# The custom_args the notifier puts on every message; SendGrid copies them onto each event.
RELEASE_ARG = "policy_release"
BATCH_ARG = "policy_batch"
EVENTS_OF_INTEREST = frozenset(
    {"processed", "deferred", "delivered", "bounce", "dropped", "spamreport", "blocked"}
)
MAX_BODY_BYTES = 4 * 1024 * 1024  # SendGrid batches events; a post is well under this
FUTURE_SKEW = 60.0  # seconds a timestamp may be ahead of our clock (clock drift)

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class DeliveryEvent:
    """One SendGrid event about one message to one recipient."""

    email: str  # the recipient, as SendGrid reports it
    event: str  # delivered, bounce, dropped, spamreport, deferred, processed, blocked, ...
    timestamp: int | None  # when it happened (Unix seconds), as SendGrid reports it
    sg_message_id: str | None  # SendGrid's id of the message (starts with the X-Message-Id)
    sg_event_id: str | None  # SendGrid's id of this event: retried posts repeat it
    batch_id: str | None  # the notifier's batch, from custom_args
    release: str | None  # the notifier's release key, from custom_args
    reason: str | None  # why it bounced, was dropped or deferred (`reason`, else `response`)


class WebhookKeyError(ConfigError):
    """The configured event-webhook public key is not one SendGrid could have given."""


def load_public_key(public_key: str) -> EllipticCurvePublicKey:
    """The P-256 key from SendGrid's base64 DER text (PEM text is accepted too)."""
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import (
        load_der_public_key,
        load_pem_public_key,
    )

    text = public_key.strip()
    try:
        if text.startswith("-----BEGIN"):
            key = load_pem_public_key(text.encode("ascii"))
        else:
            key = load_der_public_key(base64.b64decode(text, validate=True))
    except (ValueError, binascii.Error, UnicodeEncodeError) as error:
        raise WebhookKeyError(
            "the SendGrid event webhook public key is not base64 DER (copy the verification key "
            "from SendGrid's Mail Settings > Signed Event Webhook)"
        ) from error
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
        raise WebhookKeyError(
            "the SendGrid event webhook public key is not an ECDSA P-256 key (copy the "
            "verification key from SendGrid's Mail Settings > Signed Event Webhook)"
        )
    return key


def verify_signature(
    public_key: str | EllipticCurvePublicKey, payload: bytes, signature: str, timestamp: str
) -> bool:
    """Whether SendGrid signed `timestamp + payload`; a malformed signature is simply False.

    `payload` must be the raw request body: re-serialised JSON would not verify.
    """
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    key = load_public_key(public_key) if isinstance(public_key, str) else public_key
    try:
        decoded = base64.b64decode(signature, validate=True)
        key.verify(decoded, timestamp.encode("ascii") + payload, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError, binascii.Error, UnicodeEncodeError):
        return False
    return True


def parse_events(payload: bytes | str) -> list[DeliveryEvent]:
    """SendGrid's JSON array of event objects; ValueError when it is not one."""
    data = json.loads(payload)
    if not isinstance(data, list):
        raise ValueError("the body is not a JSON array of events")
    return [_event(item, i) for i, item in enumerate(data)]


def _event(item: Any, index: int) -> DeliveryEvent:
    if not isinstance(item, dict):
        raise ValueError(f"event {index} is not an object")
    email, event = item.get("email"), item.get("event")
    if not isinstance(email, str) or not isinstance(event, str):
        raise ValueError(f"event {index} has no email or event")
    timestamp = item.get("timestamp")
    if not isinstance(timestamp, int) or isinstance(timestamp, bool):
        timestamp = None
    reason = item.get("reason") if item.get("reason") is not None else item.get("response")
    return DeliveryEvent(
        email=email,
        event=event,
        timestamp=timestamp,
        sg_message_id=_text(item.get("sg_message_id")),
        sg_event_id=_text(item.get("sg_event_id")),
        batch_id=_text(item.get(BATCH_ARG)),
        release=_text(item.get(RELEASE_ARG)),
        reason=_text(reason),
    )


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return str(value)


def of_interest(events: Iterable[DeliveryEvent]) -> list[DeliveryEvent]:
    """Delivery outcomes of the notifier's own messages (opens, clicks and other mail ignored)."""
    return [e for e in events if e.event in EVENTS_OF_INTEREST and e.release is not None]


class _Refused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def make_server(
    host: str,
    port: int,
    public_key: str,
    sink: Callable[[list[DeliveryEvent]], object],
    max_age: float = 300,
    clock: Callable[[], float] = time.time,
    max_bytes: int = MAX_BODY_BYTES,
    request_deadline: float = 30.0,
    max_workers: int = 32,
) -> ThreadingHTTPServer:
    """An HTTP server (not yet serving) that hands verified events of interest to `sink`.

    Answers: 204 accepted; 401 signature headers missing; 403 bad signature or timestamp older
    than `max_age` seconds or ahead by more than a minute; 400 not a JSON array of events;
    405 not a POST; 411 no Content-Length (400 one that is not a number); 413 larger than
    `max_bytes`; 500 when `sink` raised (SendGrid then retries the post). At most `max_workers`
    posts are handled at once, the others wait in the listen backlog; a client that has not sent
    its whole post after `request_deadline` seconds is disconnected. Call `serve_forever()` on
    the result.
    """
    from policy.httpserver import BoundedHTTPServer

    key = load_public_key(public_key)
    settings = {"key": key, "sink": sink, "max_age": max_age, "clock": clock, "limit": max_bytes}
    attributes = {"settings": settings, "request_deadline": request_deadline}
    handler = type("EventWebhookHandler", (_Handler,), attributes)
    # A burst of concurrent posts waits in a deep backlog for a bounded set of workers.
    return BoundedHTTPServer((host, port), handler, max_workers)


_DIGITS = re.compile(r"[0-9]{1,18}")  # ASCII only: str.isdigit() accepts "²", int() does not


class _Handler(DeadlineRequestHandler):
    settings: dict[str, Any]
    protocol_version = "HTTP/1.1"
    server_version = "policy-webhook"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the request line could carry a secret in a query string; see `_finish`."""

    def do_POST(self) -> None:
        try:
            count = self._receive()
        except _Refused as refused:
            log.warning("event webhook: refused a post (%s): %s", refused.status, refused.reason)
            self._finish(refused.status, refused.reason)
        else:
            log.info("event webhook: accepted %d events", count)
            self._finish(204, None)

    def do_GET(self) -> None:
        self._not_allowed()

    def do_PUT(self) -> None:
        self._not_allowed()

    def do_DELETE(self) -> None:
        self._not_allowed()

    def do_PATCH(self) -> None:
        self._not_allowed()

    def _not_allowed(self) -> None:
        self.close_connection = True
        self._finish(405, "only POST is accepted", {"Allow": "POST"})

    def _receive(self) -> int:
        settings = self.settings
        length_text = self.headers.get("Content-Length")
        if length_text is None:
            self.close_connection = True
            raise _Refused(411, "a Content-Length is required")
        if not _DIGITS.fullmatch(length_text.strip()):
            self.close_connection = True
            raise _Refused(400, "the Content-Length is not a number")
        length = int(length_text)
        if length > settings["limit"]:
            self.close_connection = True
            raise _Refused(413, f"the body is larger than {settings['limit']} bytes")
        payload = self.rfile.read(length)
        if len(payload) < length:
            self.close_connection = True
            raise _Refused(400, "the body is shorter than its Content-Length")
        signature = self.headers.get(SIGNATURE_HEADER)
        timestamp = self.headers.get(TIMESTAMP_HEADER)
        if not signature or not timestamp:
            raise _Refused(401, "the post is not signed")
        try:
            sent = int(timestamp)
        except ValueError:
            raise _Refused(403, "the signature timestamp is not a number") from None
        now = settings["clock"]()
        if sent < now - settings["max_age"]:
            raise _Refused(403, "the signature timestamp is too old")
        if sent > now + FUTURE_SKEW:
            raise _Refused(403, "the signature timestamp is in the future")
        if not verify_signature(settings["key"], payload, signature, timestamp):
            raise _Refused(403, "the signature does not match")
        try:
            events = of_interest(parse_events(payload))
        except (ValueError, UnicodeDecodeError) as error:
            reason = "the body is not JSON" if isinstance(error, json.JSONDecodeError) else error
            raise _Refused(400, str(reason)) from None
        except RecursionError:
            raise _Refused(400, "the body is nested too deeply") from None
        if events:
            try:
                settings["sink"](events)
            except Exception as error:
                log.error("event webhook: recording events failed: %s", type(error).__name__)
                raise _Refused(500, "the events could not be recorded") from None
        return len(events)

    def _finish(self, status: int, reason: str | None, extra: dict[str, str] | None = None) -> None:
        body = b"" if reason is None else json.dumps({"error": reason}).encode()
        self.send_response(status)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        if body:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

"""A SendGrid v3 Mail API stand-in: a real HTTP server on 127.0.0.1 for tests and benchmarks.

Why: the notifier must be proven against SendGrid's real wire behaviour (status codes, error
shapes, batch ids, the scheduled-send cancel window, rate limiting, answers lost in transit)
without the network. The stand-in speaks the v3 endpoints the notifier uses, validates every
`/v3/mail/send` body against SendGrid's own OpenAPI schema (`tests/data/sendgrid/`) plus the
documented limits the schema cannot express, and records what it accepted so tests can assert
"every recipient exactly once, cancelled batches excluded".

Steps of one request: authenticate -> injected fault? -> parse JSON -> validate (schema, then
limits) -> record (accepted personalizations, batches, cancellations) -> latency -> answer (or
drop the connection after recording, to simulate an answer lost in transit).

The cancel rule (Cancel Scheduled Sends: `POST /v3/user/scheduled_sends`, `PATCH` and `DELETE`
of `/v3/user/scheduled_sends/{batch_id}`) is modelled to the second, with no margin of its own:
a cancel or pause is refused once the batch's earliest `send_at` is less than 600 s (SendGrid's
documented 10 minutes) after the stand-in's clock, and at most 10 cancelled or paused batches
may wait for their send time at once. The notifier keeps its own margins (30 s before relying
on a cancel to resend a lost batch, 60 s of clock skew before `--cancel` stops asking), and
those are what the tests must prove against the exact rule; a softer stand-in would hide a
margin that is too thin. Tests can move the stand-in's clock away from the notifier's.

In tests: `with SendGridStandIn() as sg: ...` and point `SENDGRID_API_HOST` at `sg.url`.
As a process (benchmarks): `python tests/sendgrid_standin.py --port 0 --latency 0.02
--ready-file F [--summary FILE]`; it writes its URL to F and, on SIGTERM, a JSON summary.
"""

from __future__ import annotations

import argparse
import base64
import collections
import copy
import dataclasses
import functools
import gzip
import json
import secrets
import signal
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

SPEC_PATH = Path(__file__).resolve().parent / "data" / "sendgrid" / "tsg_mail_v3.yaml"
SPEC_URI = "urn:sendgrid:tsg_mail_v3"
REQUEST_BODY_POINTER = "#/components/requestBodies/PostMailSend/content/application~1json/schema"

MAX_PERSONALIZATIONS = 1000  # documented: "up to 1000 personalizations per request"
MAX_RECIPIENTS = 1000  # documented: to + cc + bcc across all personalizations of one request
MAX_SCHEDULE_AHEAD = 72 * 3600  # documented: "cannot be scheduled more than 72 hours in advance"
MAX_BODY_BYTES = 30 * 1024 * 1024  # documented: total message size limit of 30 MB
MAX_CUSTOM_ARGS_BYTES = 10_000  # documented: "Total custom_args size may not exceed 10,000 bytes"
MAX_SUBSTITUTIONS_BYTES = 10_000  # the Mail Send spec: "may not exceed 10,000 bytes per
# personalization" (a guide says 50,000: the stricter number is the one to meet)
MAX_PENDING_CANCELS = 10  # documented: "can't pause or cancel more than 10 different batches"
RESERVED_HEADERS = frozenset(
    h.lower()
    for h in (
        "x-sg-id",
        "x-sg-eid",
        "received",
        "dkim-signature",
        "Content-Type",
        "Content-Transfer-Encoding",
        "To",
        "From",
        "Subject",
        "Reply-To",
        "CC",
        "BCC",
    )
)
BYPASS_FILTERS = (
    "bypass_spam_management",
    "bypass_bounce_management",
    "bypass_unsubscribe_management",
)
DEFAULT_MESSAGES = {
    400: "bad request",
    401: "authorization required",
    403: "access forbidden",
    404: "not found",
    405: "method not allowed",
    413: "content too large",
    429: "too many requests",
    500: "internal server error",
    502: "bad gateway",
    503: "service unavailable",
}


@dataclasses.dataclass(frozen=True, slots=True)
class Accepted:
    """One personalization SendGrid accepted (202): who gets what, in which batch, when."""

    batch_id: str | None  # the request's batch_id; None for an unbatched send
    email: str  # the first `to` address, as sent
    message_id: str  # the request's X-Message-Id (SendGrid's is per request, not per recipient)
    send_at: int | None  # the personalization's send_at, else the request's, else None (now)
    custom_args: dict[str, str]  # request-level custom_args overridden by the personalization's
    subject: str | None  # the personalization's subject, else the request's
    body: str | None  # the text/plain content (or the first content when there is none)
    html: str | None  # the text/html content, if any
    recipients: tuple[str, ...]  # every address of the personalization: to, cc, bcc in order
    template_id: str | None = None
    dynamic_template_data: dict[str, Any] | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class LoggedRequest:
    """One request as the stand-in saw it; the Authorization header is redacted."""

    method: str
    path: str
    status: int | None  # None when the connection was dropped without an answer
    headers: dict[str, str]
    json: Any  # the parsed body, or None (no body, or not JSON)
    received: float = 0.0  # time.time() when the request arrived, before any latency


@dataclasses.dataclass(slots=True)
class _Fault:
    kind: str  # "fail", "drop" or "slow"
    path: str | None
    status: int = 0
    headers: dict[str, str] | None = None
    seconds: float = 0.0


class _Refusal(Exception):
    """An error answer in SendGrid's shape: {"errors": [{"message", "field", "help"}]}."""

    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field

    def body(self) -> dict[str, Any]:
        return {"errors": [{"message": self.message, "field": self.field, "help": None}]}


@functools.lru_cache(maxsize=1)
def mail_send_validator() -> Any:
    """The compiled JSON Schema validator for `/v3/mail/send` bodies, built once per process.

    The spec is OpenAPI 3.1, whose schemas are JSON Schema 2020-12: the whole document goes into
    a `referencing` registry so the request body's `$ref`s to `components/schemas` resolve. The
    spec's one known defect (top-level `custom_args` typed as a string) is patched first.
    """
    import jsonschema
    import yaml
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    spec = copy.deepcopy(spec)
    body = spec["components"]["requestBodies"]["PostMailSend"]["content"]["application/json"]
    body["schema"]["properties"]["custom_args"] = {
        "type": "object",
        "additionalProperties": {"type": "string"},
    }
    personalization = body["schema"]["properties"]["personalizations"]["items"]
    personalization["properties"]["custom_args"]["additionalProperties"] = {"type": "string"}
    registry = Registry().with_resource(
        SPEC_URI, Resource(contents=spec, specification=DRAFT202012)
    )
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    schema["$ref"] = SPEC_URI + REQUEST_BODY_POINTER
    checker = jsonschema.FormatChecker(formats=("email",))
    return jsonschema.Draft202012Validator(schema, registry=registry, format_checker=checker)


def _schema_errors(payload: Any) -> _Refusal | None:
    """The first schema violation, as SendGrid would name it (`personalizations.0.to`), or None."""
    error = next(iter(sorted(mail_send_validator().iter_errors(payload), key=str)), None)
    if error is None:
        return None
    field = ".".join(str(p) for p in error.absolute_path) or None
    return _Refusal(400, error.message, field)


def _has_crlf(value: Any) -> bool:
    return isinstance(value, str) and ("\r" in value or "\n" in value)


def _new_id(length: int) -> str:
    """An opaque id shaped like SendGrid's (URL-safe letters and digits)."""
    return base64.urlsafe_b64encode(secrets.token_bytes(length)).decode()[:length].replace("-", "x")


class SendGridStandIn:
    """SendGrid's v3 Mail API on 127.0.0.1, in a daemon thread; a context manager.

    `validate`: True checks every `/v3/mail/send` body against the spec's schema; "sample"
    checks one request in `sample_every` (the documented limits, duplicates, batch ids and
    header injection are always checked: they are cheap and they are what catches notifier
    bugs); False skips the schema. `cancel_window`: a batch whose earliest `send_at` is less
    than this many seconds after `clock()` can no longer be cancelled or paused (SendGrid: 10
    minutes). `max_pending_cancels`: how many cancelled or paused batches may wait for their
    send time at once (SendGrid documents 10; None for no limit). `record`: False keeps only the
    counts (no `accepted`/`requests` lists), for million-recipient benchmarks.

    Faults (`fail_next`, `drop_next`, `slow_next`) apply to the next matching requests in the
    order they were queued; by default they match `POST /v3/mail/send` only (`path=None`
    matches every request).
    """

    def __init__(
        self,
        *,
        api_key: str = "SG.standin-key",
        latency: float = 0.0,
        validate: bool | str = True,
        cancel_window: float = 600.0,
        clock: Callable[[], float] = time.time,
        sample_every: int = 50,
        max_pending_cancels: int | None = MAX_PENDING_CANCELS,
        record: bool = True,
    ) -> None:
        if validate not in (True, False, "sample"):
            raise ValueError(f"validate must be True, False or 'sample', not {validate!r}")
        self.api_key = api_key
        self.latency = latency
        self.validate = validate
        self.sample_every = max(1, sample_every)
        self.cancel_window = cancel_window
        self.clock = clock
        self.max_pending_cancels = max_pending_cancels
        self.record = record
        self.accepted: list[Accepted] = []
        self.cancelled: set[str] = set()
        self.paused: set[str] = set()
        self.requests: list[LoggedRequest] = []
        self.batches: set[str] = set()
        self.validated = 0  # how many /mail/send bodies went through the schema
        self.mail_requests = 0  # how many /mail/send bodies were accepted (202)
        self._lock = threading.Lock()
        self._faults: list[_Fault] = []
        self._by_batch: dict[str | None, collections.Counter[str]] = {}
        self._earliest_send_at: dict[str, float] = {}
        self._send_seen = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.url = ""
        if validate:
            mail_send_validator()  # compile once, before the first request is timed

    # -- life cycle -----------------------------------------------------------------------

    def start(self, port: int = 0) -> SendGridStandIn:
        handler = type("Handler", (_Handler,), {"standin": self})
        server = _Server(("127.0.0.1", port), handler)
        self._server = server
        self.url = f"http://127.0.0.1:{server.server_address[1]}"
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="sendgrid-standin"
        )
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> SendGridStandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- faults ---------------------------------------------------------------------------

    def fail_next(
        self,
        status: int,
        count: int = 1,
        headers: dict[str, str] | None = None,
        *,
        path: str | None = "/v3/mail/send",
    ) -> None:
        """Answer the next `count` matching requests with `status` and nothing recorded.

        A 429 carries X-RateLimit-Limit/Remaining/Reset (reset one second ahead) unless
        `headers` says otherwise.
        """
        with self._lock:
            for _ in range(count):
                self._faults.append(_Fault("fail", path, status=status, headers=headers))

    def drop_next(self, count: int = 1, *, path: str | None = "/v3/mail/send") -> None:
        """Accept (and record) the next `count` matching requests, then close unanswered."""
        with self._lock:
            self._faults.extend(_Fault("drop", path) for _ in range(count))

    def slow_next(
        self, seconds: float, count: int = 1, *, path: str | None = "/v3/mail/send"
    ) -> None:
        """Accept the next `count` matching requests, then wait `seconds` before answering.

        The request is recorded before the wait, as at SendGrid: a client that times out
        does not know whether its mail was accepted.
        """
        with self._lock:
            self._faults.extend(_Fault("slow", path, seconds=seconds) for _ in range(count))

    def _take_fault(self, path: str) -> _Fault | None:
        with self._lock:
            for i, fault in enumerate(self._faults):
                if fault.path is None or fault.path == path:
                    return self._faults.pop(i)
        return None

    # -- results --------------------------------------------------------------------------

    def deliveries(self) -> collections.Counter[str]:
        """Lower-cased address -> times accepted, batches cancelled in time excluded."""
        total: collections.Counter[str] = collections.Counter()
        with self._lock:
            for batch_id, counts in self._by_batch.items():
                if batch_id is None or batch_id not in self.cancelled:
                    total.update(counts)
        return total

    def summary(self) -> dict[str, int]:
        """Counts for a benchmark: accepted (cancelled excluded), unique, duplicates."""
        counts = self.deliveries()
        with self._lock:
            cancelled_recipients = sum(
                sum(self._by_batch.get(b, collections.Counter()).values()) for b in self.cancelled
            )
            return {
                "accepted": sum(counts.values()),
                "unique": len(counts),
                "duplicates": sum(c - 1 for c in counts.values() if c > 1),
                "duplicate_addresses": sum(1 for c in counts.values() if c > 1),
                "cancelled": len(self.cancelled),
                "cancelled_recipients": cancelled_recipients,
                "mail_requests": self.mail_requests,
                "validated": self.validated,
            }

    # -- endpoints (called by the handler; raise _Refusal for an error answer) ------------

    def create_batch(self) -> dict[str, str]:
        batch_id = _new_id(32)
        with self._lock:
            self.batches.add(batch_id)
        return {"batch_id": batch_id}

    def get_batch(self, batch_id: str) -> dict[str, str]:
        with self._lock:
            if batch_id not in self.batches:
                raise _Refusal(400, "invalid batch id")
        return {"batch_id": batch_id}

    def scheduled_sends(self, batch_id: str | None = None) -> list[dict[str, str]]:
        with self._lock:
            rows = [{"batch_id": b, "status": "cancel"} for b in sorted(self.cancelled)]
            rows += [{"batch_id": b, "status": "pause"} for b in sorted(self.paused)]
        return [r for r in rows if batch_id is None or r["batch_id"] == batch_id]

    def update_scheduled_send(self, batch_id: str, payload: Any) -> None:
        """`PATCH /v3/user/scheduled_sends/{batch_id}`: turn a pause into a cancel or back; the
        same window applies as for a new cancellation (SendGrid answers 204)."""
        status = payload.get("status") if isinstance(payload, dict) else None
        if status not in ("cancel", "pause"):
            raise _Refusal(400, "status must be either cancel or pause", "status")
        now = self.clock()
        with self._lock:
            if batch_id not in self.cancelled and batch_id not in self.paused:
                raise _Refusal(404, "not found")
            self._check_window(batch_id, now)
            self.cancelled.discard(batch_id)
            self.paused.discard(batch_id)
            (self.cancelled if status == "cancel" else self.paused).add(batch_id)

    def delete_scheduled_send(self, batch_id: str) -> None:
        """`DELETE /v3/user/scheduled_sends/{batch_id}`: the batch goes out at its send time
        after all (SendGrid answers 204; 404 when it was neither cancelled nor paused)."""
        with self._lock:
            if batch_id not in self.cancelled and batch_id not in self.paused:
                raise _Refusal(404, "not found")
            self.cancelled.discard(batch_id)
            self.paused.discard(batch_id)

    def _check_window(self, batch_id: str, now: float) -> None:
        """SendGrid's rule, to the second: no cancel or pause less than `cancel_window`
        (documented: 10 minutes) before the batch's earliest `send_at`. Call with the lock held."""
        earliest = self._earliest_send_at.get(batch_id)
        if earliest is not None and earliest - now < self.cancel_window:
            raise _Refusal(
                400,
                "cannot cancel or pause a batch less than "
                f"{self.cancel_window:g} seconds before its send_at time",
                "batch_id",
            )

    def cancel_or_pause(self, payload: Any) -> dict[str, str]:
        if not isinstance(payload, dict):
            raise _Refusal(400, "request body must be a JSON object")
        batch_id, status = payload.get("batch_id"), payload.get("status")
        if not isinstance(batch_id, str) or not batch_id:
            raise _Refusal(400, "batch_id is required", "batch_id")
        if status not in ("cancel", "pause"):
            raise _Refusal(400, "status must be either cancel or pause", "status")
        now = self.clock()
        with self._lock:
            if batch_id not in self.batches:
                raise _Refusal(400, "invalid batch id", "batch_id")
            if batch_id in self.cancelled or batch_id in self.paused:
                raise _Refusal(400, "batch id already has a cancel or pause status", "batch_id")
            self._check_window(batch_id, now)
            if self.max_pending_cancels is not None:
                pending = sum(
                    1
                    for b in self.cancelled | self.paused
                    if self._earliest_send_at.get(b, float("inf")) > now
                )
                if pending >= self.max_pending_cancels:
                    raise _Refusal(400, "max limit reached", "batch_id")
            (self.cancelled if status == "cancel" else self.paused).add(batch_id)
        return {"batch_id": batch_id, "status": status}

    def mail_send(self, payload: Any) -> str:
        """Validate, record and return the X-Message-Id; raise _Refusal when SendGrid would."""
        with self._lock:
            self._send_seen += 1
            sample = self.validate is True or (
                self.validate == "sample" and (self._send_seen - 1) % self.sample_every == 0
            )
        if sample:
            refusal = _schema_errors(payload)
            with self._lock:
                self.validated += 1
            if refusal is not None:
                raise refusal
        if not isinstance(payload, dict):
            raise _Refusal(400, "request body must be a JSON object")
        personalizations = payload.get("personalizations")
        if not isinstance(personalizations, list) or not personalizations:
            raise _Refusal(400, "the personalizations field is required", "personalizations")
        now = self.clock()
        limits = _check_limits(payload, personalizations, now)
        batch_id = payload.get("batch_id")
        with self._lock:
            if batch_id is not None and batch_id not in self.batches:
                raise _Refusal(400, "invalid batch id", "batch_id")
        message_id = _new_id(22)
        rows, addresses = _accepted_rows(
            payload, personalizations, message_id, limits, substitute=self.record
        )
        with self._lock:
            self.mail_requests += 1
            counts = self._by_batch.setdefault(batch_id, collections.Counter())
            counts.update(addresses)
            if batch_id is not None:
                earliest = min((float(r.send_at) if r.send_at is not None else now) for r in rows)
                previous = self._earliest_send_at.get(batch_id, earliest)
                self._earliest_send_at[batch_id] = min(previous, earliest)
            if self.record:
                self.accepted.extend(rows)
        return message_id


def _check_limits(payload: dict[str, Any], personalizations: list[Any], now: float) -> bool:
    """The documented rules the schema cannot express; returns whether a template is used."""
    if len(personalizations) > MAX_PERSONALIZATIONS:
        raise _Refusal(400, "The personalizations field has too many items", "personalizations")
    template = bool(payload.get("template_id"))
    seen: dict[str, str] = {}
    total = 0
    for i, p in enumerate(personalizations):
        if not isinstance(p, dict) or not p.get("to"):
            raise _Refusal(
                400,
                "The to array is required for all personalization objects",
                f"personalizations.{i}.to",
            )
        for kind in ("to", "cc", "bcc"):
            for j, address in enumerate(p.get(kind) or ()):
                where = f"personalizations.{i}.{kind}.{j}"
                if not isinstance(address, dict) or not isinstance(address.get("email"), str):
                    raise _Refusal(400, "an email address is required", f"{where}.email")
                email = address["email"]
                if "@" not in email or _has_crlf(email) or any(c in email for c in ' <>,;"'):
                    raise _Refusal(400, "Does not contain a valid address.", f"{where}.email")
                if _has_crlf(address.get("name")):
                    raise _Refusal(
                        400, "Invalid name: line breaks are not allowed", f"{where}.name"
                    )
                key = email.lower()
                if key in seen:
                    raise _Refusal(
                        400,
                        "Each email address in the personalization block should be unique "
                        f"between to, cc, and bcc. We found the first duplicate instance of "
                        f"[{email}] in the {where}.email field.",
                        f"{where}.email",
                    )
                seen[key] = where
                total += 1
        if total > MAX_RECIPIENTS:
            raise _Refusal(
                400,
                f"The total number of recipients must be no more than {MAX_RECIPIENTS}.",
                "personalizations",
            )
        if not template and not (p.get("subject") or payload.get("subject")):
            raise _Refusal(
                400,
                "The subject is required. You can get around this requirement if you use a "
                "template with a subject defined or if every personalization has a subject.",
                "subject",
            )
        if _has_crlf(p.get("subject")):
            raise _Refusal(
                400, "The subject may not contain line breaks", f"personalizations.{i}.subject"
            )
        _check_substitutions(p.get("substitutions"), f"personalizations.{i}.substitutions")
        _check_headers(p.get("headers"), f"personalizations.{i}.headers")
        _check_send_at(p.get("send_at"), now, f"personalizations.{i}.send_at")
        _check_custom_args(
            payload.get("custom_args"), p.get("custom_args"), f"personalizations.{i}.custom_args"
        )
    if _has_crlf(payload.get("subject")):
        raise _Refusal(400, "The subject may not contain line breaks", "subject")
    for field in ("from", "reply_to"):
        value = payload.get(field)
        if isinstance(value, dict) and (
            _has_crlf(value.get("name")) or _has_crlf(value.get("email"))
        ):
            raise _Refusal(400, "line breaks are not allowed", f"{field}")
    if payload.get("reply_to") and payload.get("reply_to_list"):
        raise _Refusal(400, "reply_to and reply_to_list cannot both be used", "reply_to_list")
    _check_headers(payload.get("headers"), "headers")
    _check_send_at(payload.get("send_at"), now, "send_at")
    if not template and not payload.get("content"):
        raise _Refusal(
            400,
            "Unless a valid template_id is provided, the content parameter is required.",
            "content",
        )
    settings = payload.get("mail_settings") or {}
    bypass = isinstance(settings, dict) and (settings.get("bypass_list_management") or {})
    others = bypass and any((settings.get(f) or {}).get("enable") for f in BYPASS_FILTERS)
    if bypass and bypass.get("enable") and others:
        raise _Refusal(
            400,
            "bypass_list_management cannot be combined with other bypass filters",
            "mail_settings.bypass_list_management",
        )
    return template


def _check_headers(headers: Any, where: str) -> None:
    if not isinstance(headers, dict):
        return
    for name, value in headers.items():
        if _has_crlf(name) or _has_crlf(value) or not isinstance(value, str):
            raise _Refusal(
                400,
                "Invalid header: line breaks are not allowed, values are strings",
                f"{where}.{name}",
            )
        if name.lower() in RESERVED_HEADERS:
            raise _Refusal(
                400, f"The header {name} is reserved and cannot be set", f"{where}.{name}"
            )


def _check_substitutions(substitutions: Any, where: str) -> None:
    if not isinstance(substitutions, dict):
        return
    if any(not isinstance(v, str) for v in substitutions.values()):
        raise _Refusal(400, "substitutions values must be strings", where)
    if len(json.dumps(substitutions).encode()) > MAX_SUBSTITUTIONS_BYTES:
        raise _Refusal(400, "The total size of substitutions may not exceed 10,000 bytes", where)


def _substitute(text: str | None, substitutions: dict[str, str]) -> str | None:
    """What the recipient reads: each tag replaced by the personalization's value, in the
    subject and the content, as SendGrid does (one pass, values are not scanned again)."""
    if text is None or not substitutions:
        return text
    import re

    pattern = re.compile("|".join(re.escape(tag) for tag in sorted(substitutions, key=len)[::-1]))
    return pattern.sub(lambda match: substitutions[match.group(0)], text)


def _check_send_at(send_at: Any, now: float, where: str) -> None:
    if send_at is not None and send_at > now + MAX_SCHEDULE_AHEAD:
        raise _Refusal(
            400, "The send_at parameter must be no more than 72 hours in the future", where
        )


def _check_custom_args(top: Any, own: Any, where: str) -> None:
    merged = {**(top if isinstance(top, dict) else {}), **(own if isinstance(own, dict) else {})}
    if any(not isinstance(v, str) for v in merged.values()):
        raise _Refusal(400, "custom_args values must be strings", where)
    if len(json.dumps(merged).encode()) > MAX_CUSTOM_ARGS_BYTES:
        raise _Refusal(400, "custom_args may not exceed 10,000 bytes", where)


def _accepted_rows(
    payload: dict[str, Any],
    personalizations: list[dict[str, Any]],
    message_id: str,
    template: bool,
    substitute: bool = True,
) -> tuple[list[Accepted], list[str]]:
    contents = payload.get("content") or []
    text = next((c["value"] for c in contents if c.get("type") == "text/plain"), None)
    if text is None and contents:
        text = contents[0].get("value")
    html = next((c["value"] for c in contents if c.get("type") == "text/html"), None)
    top_args = payload.get("custom_args") or {}
    rows: list[Accepted] = []
    addresses: list[str] = []
    for p in personalizations:
        recipients = tuple(a["email"] for kind in ("to", "cc", "bcc") for a in p.get(kind) or ())
        addresses.extend(r.lower() for r in recipients)
        send_at = p.get("send_at", payload.get("send_at"))
        values = (p.get("substitutions") or {}) if substitute else {}
        rows.append(
            Accepted(
                batch_id=payload.get("batch_id"),
                email=recipients[0],
                message_id=message_id,
                send_at=send_at,
                custom_args={**top_args, **(p.get("custom_args") or {})},
                subject=_substitute(p.get("subject", payload.get("subject")), values),
                body=_substitute(text, values),
                html=_substitute(html, values),
                recipients=recipients,
                template_id=payload.get("template_id") if template else None,
                dynamic_template_data=p.get("dynamic_template_data"),
            )
        )
    return rows, addresses


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up (it timed out on a slow answer) is normal, not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    """One HTTP exchange; all state lives on the `standin` class attribute."""

    standin: SendGridStandIn
    protocol_version = "HTTP/1.1"
    server_version = "sendgrid-standin"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: tests read `requests`, and nothing secret may reach a log."""

    def do_GET(self) -> None:
        self._exchange("GET")

    def do_POST(self) -> None:
        self._exchange("POST")

    def do_PUT(self) -> None:
        self._exchange("PUT")

    def do_PATCH(self) -> None:
        self._exchange("PATCH")

    def do_DELETE(self) -> None:
        self._exchange("DELETE")

    def _exchange(self, method: str) -> None:
        sg = self.standin
        received = time.time()
        path = self.path.split("?", 1)[0].rstrip("/")
        headers = {
            k: ("[redacted]" if k.lower() == "authorization" else v)
            for k, v in self.headers.items()
        }
        raw = self._read_body()
        payload: Any = None
        status: int | None = None
        extra: dict[str, str] = {}
        answer: Any = None
        dropped = False
        try:
            if raw is None:
                raise _Refusal(413, DEFAULT_MESSAGES[413])
            self._authenticate()
            fault = sg._take_fault(path)
            if fault is not None and fault.kind == "fail":
                extra = self._fault_headers(fault)
                raise _Refusal(fault.status, DEFAULT_MESSAGES.get(fault.status, "error"))
            if raw:
                try:
                    payload = json.loads(raw)
                except ValueError:
                    raise _Refusal(400, "Bad Request: the body is not valid JSON") from None
            status, answer, extra = self._route(method, path, payload)
            if fault is not None and fault.kind == "slow":
                time.sleep(fault.seconds)
            dropped = fault is not None and fault.kind == "drop"
        except _Refusal as refusal:
            status, answer = refusal.status, refusal.body()
        if sg.record:
            with sg._lock:
                logged = None if dropped else status
                sg.requests.append(LoggedRequest(method, path, logged, headers, payload, received))
        if sg.latency:
            time.sleep(sg.latency)
        if dropped:
            self.close_connection = True
            return
        self._answer(status or 500, answer, extra)

    def _read_body(self) -> bytes | None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            self.close_connection = True
            return None
        raw = self.rfile.read(length) if length else b""
        if raw and self.headers.get("Content-Encoding", "").lower() == "gzip":
            raw = gzip.decompress(raw)
        return raw

    def _authenticate(self) -> None:
        given = self.headers.get("Authorization")
        if not given:
            raise _Refusal(401, "authorization required")
        if given != f"Bearer {self.standin.api_key}":
            raise _Refusal(401, "The provided authorization grant is invalid, expired, or revoked")

    def _fault_headers(self, fault: _Fault) -> dict[str, str]:
        if fault.headers is not None:
            return dict(fault.headers)
        if fault.status == 429:
            return {
                "X-RateLimit-Limit": "600",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": str(int(self.standin.clock()) + 1),
            }
        return {}

    def _route(self, method: str, path: str, payload: Any) -> tuple[int, Any, dict[str, str]]:
        sg = self.standin
        if path == "/v3/mail/send":
            if method != "POST":
                raise _Refusal(405, DEFAULT_MESSAGES[405])
            return 202, None, {"X-Message-Id": sg.mail_send(payload)}
        if path == "/v3/mail/batch":
            if method != "POST":
                raise _Refusal(405, DEFAULT_MESSAGES[405])
            return 201, sg.create_batch(), {}
        if path.startswith("/v3/mail/batch/"):
            if method != "GET":
                raise _Refusal(405, DEFAULT_MESSAGES[405])
            return 200, sg.get_batch(path.rsplit("/", 1)[1]), {}
        if path == "/v3/user/scheduled_sends":
            if method == "POST":
                return 201, sg.cancel_or_pause(payload), {}
            if method == "GET":
                return 200, sg.scheduled_sends(), {}
            raise _Refusal(405, DEFAULT_MESSAGES[405])
        if path.startswith("/v3/user/scheduled_sends/"):
            batch_id = path.rsplit("/", 1)[1]
            if method == "GET":
                return 200, sg.scheduled_sends(batch_id), {}
            if method == "PATCH":
                sg.update_scheduled_send(batch_id, payload)
                return 204, None, {}
            if method == "DELETE":
                sg.delete_scheduled_send(batch_id)
                return 204, None, {}
            raise _Refusal(405, DEFAULT_MESSAGES[405])
        raise _Refusal(404, DEFAULT_MESSAGES[404])

    def _answer(self, status: int, answer: Any, extra: dict[str, str]) -> None:
        body = b"" if answer is None else json.dumps(answer).encode()
        self.send_response(status)
        for name, value in extra.items():
            self.send_header(name, value)
        if answer is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)


def main(argv: list[str] | None = None) -> int:
    """Run the stand-in as a process until SIGTERM/SIGINT, then print or write a summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to each answer")
    parser.add_argument("--api-key", default="SG.standin-key")
    # Full validation costs ~45 ms per 1,000-personalization request (bench/standin_bench.py):
    # too slow for the 1,000,000-recipient benchmark, so a process samples 1 request in 50.
    parser.add_argument("--validate", choices=("full", "sample", "off"), default="sample")
    parser.add_argument("--sample-every", type=int, default=50)
    parser.add_argument("--cancel-window", type=float, default=600.0)
    parser.add_argument("--ready-file", type=Path, help="where to write the URL once listening")
    parser.add_argument("--summary", type=Path, help="write the JSON summary here, not stdout")
    args = parser.parse_args(argv)
    validate: bool | str = {"full": True, "sample": "sample", "off": False}[args.validate]
    standin = SendGridStandIn(
        api_key=args.api_key,
        latency=args.latency,
        validate=validate,
        sample_every=args.sample_every,
        cancel_window=args.cancel_window,
        record=False,
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    with standin.start(args.port):
        if args.ready_file:
            partial = args.ready_file.with_name(args.ready_file.name + ".part")
            partial.write_text(standin.url + "\n", encoding="utf-8")
            partial.replace(args.ready_file)
        while not stop.wait(0.5):
            pass
    text = json.dumps(standin.summary(), sort_keys=True) + "\n"
    if args.summary:
        partial = args.summary.with_name(args.summary.name + ".part")
        partial.write_text(text, encoding="utf-8")
        partial.replace(args.summary)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""SendGrid's v3 API through the `sendgrid` package, with the guards the package lacks.

The package sends `Bearer None` when the key is missing, has no timeout, raises `TimeoutError`
or `URLError` (not its own `HTTPError`) when the network fails, and opens one connection per
request. Here: the key must be set, every request has a timeout, and each call's outcome is
one of four kinds the sender acts on: accepted, rate-limited (retry the same request later),
ambiguous (it may or may not have been accepted: cancel the batch before sending again), or
rejected (400/401/403/...: stop the run). The key never appears in any message.
"""

from __future__ import annotations

import http.client
import json
import logging
import os
import random
import socket
import threading
import time
import urllib.error
from dataclasses import dataclass

from policy.errors import PolicyError

DEFAULT_HOST = "https://api.sendgrid.com"
CANCEL_WINDOW = 600.0
"""SendGrid cancels a scheduled batch only until 10 minutes before its send time."""

_NETWORK_ERRORS = (
    TimeoutError,
    socket.timeout,
    urllib.error.URLError,
    http.client.HTTPException,  # RemoteDisconnected, BadStatusLine, IncompleteRead
    ConnectionError,
    OSError,
)


class SendGridError(PolicyError):
    """SendGrid refused the request (bad key, permissions, a request it will never accept)."""


class MissingApiKey(PolicyError):
    """The environment variable that should hold the API key is unset or empty."""


@dataclass(frozen=True)
class Outcome:
    """What became of one request."""

    kind: str
    """`accepted`, `rate_limited`, `ambiguous` or `rejected`."""
    status: int | None = None
    message_id: str | None = None
    retry_after: float = 0.0
    detail: str = ""


def api_key_from_env(variable: str) -> str:
    key = os.environ.get(variable, "").strip()
    if not key:
        raise MissingApiKey(
            f"the SendGrid API key is not set: put it in the environment variable {variable} "
            "(named by [notify] api_key_env in policy.toml); nothing was sent"
        )
    return key


def api_host() -> str:
    host = os.environ.get("SENDGRID_API_HOST", "").strip() or DEFAULT_HOST
    if not host.startswith(("https://", "http://")):
        raise PolicyError(f"SENDGRID_API_HOST {host!r} must start with https:// or http://")
    return host.rstrip("/")


def backoff(attempt: int, base: float = 0.5, cap: float = 30.0) -> float:
    """Full jitter: a random wait up to base * 2**attempt (capped), so runs spread out."""
    return random.uniform(0, min(cap, base * 2**attempt))


class SendGridApi:
    """The three endpoints the notifier uses; one `sendgrid` client per thread."""

    def __init__(self, api_key: str, host: str, timeout: float) -> None:
        self._key = api_key
        self.host = host
        self.timeout = timeout
        self._local = threading.local()
        # python_http_client logs every request's headers at DEBUG, Authorization included.
        _REDACT.secrets.add(api_key)
        client_log = logging.getLogger("python_http_client.client")
        if _REDACT not in client_log.filters:
            client_log.addFilter(_REDACT)

    def _client(self):
        client = getattr(self._local, "client", None)
        if client is None:
            from sendgrid import SendGridAPIClient

            client = SendGridAPIClient(api_key=self._key, host=self.host).client
            client.timeout = self.timeout
            self._local.client = client
        return client

    def _clean(self, text: str) -> str:
        return text.replace(self._key, "<api key>") if self._key else text

    def _call(self, method: str, path: str, body: object | None) -> Outcome:
        from python_http_client.exceptions import HTTPError

        endpoint = self._client()
        for part in path.strip("/").split("/"):
            endpoint = endpoint._(part)
        try:
            response = getattr(endpoint, method)(request_body=body, timeout=self.timeout)
        except HTTPError as exc:
            return self._error_outcome(exc.status_code, exc.body, exc.headers)
        except _NETWORK_ERRORS as exc:
            return Outcome("ambiguous", None, detail=self._clean(f"{type(exc).__name__}: {exc}"))
        headers = response.headers
        return Outcome(
            "accepted",
            response.status_code,
            message_id=headers.get("X-Message-Id") if headers else None,
            detail=response.body.decode("utf-8", "replace") if response.body else "",
        )

    def _error_outcome(self, status: int, body: bytes | None, headers) -> Outcome:
        detail = _first_error(body)
        if status == 429:
            return Outcome("rate_limited", status, retry_after=_reset_wait(headers), detail=detail)
        if status >= 500 or status == 408:
            return Outcome("ambiguous", status, detail=self._clean(detail))
        return Outcome("rejected", status, detail=self._clean(detail))

    # -- endpoints ------------------------------------------------------------------------------

    def create_batch(self) -> Outcome:
        """`POST /v3/mail/batch`: a new batch id (in `message_id`), safe to retry."""
        outcome = self._call("post", "mail/batch", None)
        if outcome.kind == "accepted":
            try:
                batch_id = json.loads(outcome.detail)["batch_id"]
            except (ValueError, KeyError, TypeError):
                return Outcome("ambiguous", outcome.status, detail="no batch_id in the answer")
            return Outcome("accepted", outcome.status, message_id=str(batch_id))
        return outcome

    def send(self, body: dict) -> Outcome:
        """`POST /v3/mail/send`, once; the caller decides what to do with an ambiguous end."""
        return self._call("post", "mail/send", body)

    def cancel(self, batch_id: str) -> Outcome:
        """`POST /v3/user/scheduled_sends` with status cancel. A batch already cancelled (our
        earlier answer was lost) counts as cancelled."""
        outcome = self._call(
            "post", "user/scheduled_sends", {"batch_id": batch_id, "status": "cancel"}
        )
        if outcome.kind == "rejected" and "already" in outcome.detail.lower():
            return Outcome("accepted", outcome.status, detail=outcome.detail)
        return outcome


class _Redact(logging.Filter):
    """Replaces API keys in any record of the HTTP client's logger, whatever the level."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if any(secret in text for secret in self.secrets):
            for secret in self.secrets:
                text = text.replace(secret, "<api key>")
            record.msg, record.args = text, None
        return True


_REDACT = _Redact()


def _first_error(body: bytes | None) -> str:
    if not body:
        return ""
    try:
        errors = json.loads(body.decode("utf-8", "replace")).get("errors") or []
        first = errors[0]
        field = f" (field {first['field']})" if first.get("field") else ""
        return f"{first.get('message', '')}{field}"
    except (ValueError, AttributeError, IndexError, KeyError, TypeError):
        return body.decode("utf-8", "replace")[:200]


def _reset_wait(headers) -> float:
    """Seconds until `X-RateLimit-Reset` (an epoch time), within reason; 1 s when absent."""
    try:
        reset = float(headers.get("X-RateLimit-Reset"))
    except (TypeError, ValueError, AttributeError):
        return 1.0
    return max(0.0, min(60.0, reset - time.time())) + random.uniform(0, 0.25)


def rejected_message(what: str, outcome: Outcome) -> str:
    reasons = {
        400: "SendGrid rejected the request as invalid",
        401: "SendGrid refused the API key (401): check the key in the environment",
        403: "SendGrid refused access (403): the API key lacks the Mail Send or "
        "Scheduled Sends permission",
    }
    reason = reasons.get(outcome.status or 0, f"SendGrid answered {outcome.status}")
    detail = f": {outcome.detail}" if outcome.detail and outcome.status != 401 else ""
    return f"{what}: {reason}{detail}"

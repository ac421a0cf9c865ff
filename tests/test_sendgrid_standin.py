"""The SendGrid stand-in answers as SendGrid does: driven by the real `sendgrid` client and urllib.

The notifier's exactly-once tests are only as good as this stand-in, so each rule it enforces
(schema, limits, duplicates, batch ids, the cancel window) and each fault it injects is pinned
here against the real client over loopback.
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_http_client import exceptions as sg_errors
from sendgrid import SendGridAPIClient
from sendgrid.helpers.mail import Mail
from sendgrid_standin import MAX_RECIPIENTS, SendGridStandIn

KEY = "SG.standin-key"
NOW = 1_800_000_000.0


class Clock:
    """A clock the test moves by hand, so the cancel window is exact."""

    def __init__(self, now: float = NOW) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sendgrid client honours http_proxy even for 127.0.0.1."""
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sg(clock: Clock):
    with SendGridStandIn(clock=clock) as standin:
        yield standin


def client(standin: SendGridStandIn, key: str | None = KEY, timeout: float = 5.0):
    api = SendGridAPIClient(key, host=standin.url)
    api.client.timeout = timeout
    return api


def call(
    standin: SendGridStandIn,
    method: str,
    path: str,
    body: Any = None,
    *,
    key: str | None = KEY,
    raw: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], Any]:
    """One request with urllib (no proxy); returns status, headers and the parsed JSON body."""
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    request = urllib.request.Request(standin.url + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if key is not None:
        request.add_header("Authorization", f"Bearer {key}")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=5) as response:
            status, answer, text = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        status, answer, text = error.code, dict(error.headers), error.read()
    return status, answer, (json.loads(text) if text else None)


def mail(*addresses: str, **extra: Any) -> dict[str, Any]:
    """A valid /v3/mail/send body: one personalization per address."""
    body: dict[str, Any] = {
        "personalizations": [{"to": [{"email": a}]} for a in addresses],
        "from": {"email": "privacy@example.com", "name": "Example Privacy"},
        "subject": "Our privacy policy changes on 1 March",
        "content": [
            {"type": "text/plain", "value": "What changes"},
            {"type": "text/html", "value": "<p>What changes</p>"},
        ],
    }
    body.update(extra)
    return body


def error(message: str, field: str | None = None) -> dict[str, Any]:
    return {"errors": [{"message": message, "field": field, "help": None}]}


def new_batch(standin: SendGridStandIn) -> str:
    status, _, answer = call(standin, "POST", "/v3/mail/batch")
    assert status == 201
    return answer["batch_id"]


# -- sending ---------------------------------------------------------------------------------


def test_client_send_is_accepted_and_recorded_per_personalization(sg, clock):
    batch = client(sg).client.mail.batch.post()
    assert batch.status_code == 201
    batch_id = json.loads(batch.body)["batch_id"]
    body = mail(
        "Ann@Example.com",
        "bob@example.com",
        batch_id=batch_id,
        send_at=int(NOW) + 900,
        custom_args={"release": "privacy-policy@2.0.0", "batch": "7"},
    )
    body["personalizations"][1]["custom_args"] = {"batch": "8"}
    body["personalizations"][1]["subject"] = "Bob's own subject"

    response = client(sg).send(body)

    assert response.status_code == 202
    assert response.body == b""
    message_id = response.headers["X-Message-Id"]
    assert len(message_id) == 22
    assert [(a.email, a.batch_id, a.send_at, a.message_id) for a in sg.accepted] == [
        ("Ann@Example.com", batch_id, int(NOW) + 900, message_id),
        ("bob@example.com", batch_id, int(NOW) + 900, message_id),
    ]
    assert sg.accepted[0].custom_args == {"release": "privacy-policy@2.0.0", "batch": "7"}
    assert sg.accepted[1].custom_args == {"release": "privacy-policy@2.0.0", "batch": "8"}
    assert [a.subject for a in sg.accepted] == [
        "Our privacy policy changes on 1 March",
        "Bob's own subject",
    ]
    assert sg.accepted[0].body == "What changes"
    assert sg.accepted[0].html == "<p>What changes</p>"
    assert sg.deliveries() == {"ann@example.com": 1, "bob@example.com": 1}


def test_requests_are_logged_with_the_key_redacted(sg):
    client(sg).send(mail("ann@example.com"))

    (logged,) = sg.requests
    assert (logged.method, logged.path, logged.status) == ("POST", "/v3/mail/send", 202)
    assert logged.headers["Authorization"] == "[redacted]"
    assert KEY not in json.dumps(logged.headers)
    assert logged.json["personalizations"] == [{"to": [{"email": "ann@example.com"}]}]


def test_to_emails_without_is_multiple_puts_everyone_in_one_personalization(sg):
    """The client pitfall the notifier must avoid: recipients would see each other."""
    shared = Mail(
        from_email="privacy@example.com",
        to_emails=["ann@example.com", "bob@example.com"],
        subject="s",
        plain_text_content="t",
    )
    separate = Mail(
        from_email="privacy@example.com",
        to_emails=["cy@example.com", "di@example.com"],
        subject="s",
        plain_text_content="t",
        is_multiple=True,
    )

    assert client(sg).send(shared).status_code == 202
    assert client(sg).send(separate).status_code == 202

    assert sorted(a.recipients for a in sg.accepted) == [
        ("ann@example.com", "bob@example.com"),
        ("cy@example.com",),
        ("di@example.com",),
    ]


def test_a_template_send_needs_no_subject_or_content(sg):
    body = {
        "personalizations": [{"to": [{"email": "ann@example.com"}], "dynamic_template_data": {}}],
        "from": {"email": "privacy@example.com"},
        "template_id": "d-0123456789abcdef",
    }

    assert call(sg, "POST", "/v3/mail/send", body)[0] == 202
    assert sg.accepted[0].template_id == "d-0123456789abcdef"
    assert sg.accepted[0].subject is None


def test_a_gzip_body_is_accepted(sg):
    raw = gzip.compress(json.dumps(mail("ann@example.com")).encode())

    status, _, _ = call(sg, "POST", "/v3/mail/send", raw=raw, headers={"Content-Encoding": "gzip"})

    assert status == 202
    assert sg.deliveries() == {"ann@example.com": 1}


# -- authentication --------------------------------------------------------------------------


def test_a_missing_key_is_401(sg):
    assert call(sg, "POST", "/v3/mail/send", mail("a@example.com"), key=None)[::2] == (
        401,
        error("authorization required"),
    )
    assert sg.accepted == []


@pytest.mark.parametrize("key", ["SG.wrong", None])
def test_a_wrong_or_unset_key_is_401_through_the_client(sg, monkeypatch, key):
    """An unset key becomes `Bearer None` in the client: SendGrid refuses it."""
    monkeypatch.delenv("SENDGRID_API_KEY", raising=False)

    with pytest.raises(sg_errors.UnauthorizedError) as caught:
        client(sg, key=key).send(mail("a@example.com"))

    assert caught.value.to_dict == error(
        "The provided authorization grant is invalid, expired, or revoked"
    )
    assert sg.requests[0].status == 401
    assert sg.accepted == []


# -- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message", "field"),
    [
        (lambda b: b.pop("from"), "'from' is a required property", None),
        (
            lambda b: b["personalizations"][0]["to"][0].update(email=7),
            "7 is not of type 'string'",
            "personalizations.0.to.0.email",
        ),
        (
            lambda b: b["personalizations"][0]["to"][0].update(email="not-an-address"),
            "'not-an-address' is not a 'email'",
            "personalizations.0.to.0.email",
        ),
        (
            lambda b: b.update(custom_args="release=2"),
            "'release=2' is not of type 'object'",
            "custom_args",
        ),
        (
            lambda b: b.update(custom_args={"batch": 7}),
            "7 is not of type 'string'",
            "custom_args.batch",
        ),
        (lambda b: b.update(subject=""), "'' should be non-empty", "subject"),
        (
            lambda b: b.update(categories=["a"] * 2),
            "['a', 'a'] has non-unique elements",
            "categories",
        ),
    ],
    ids=[
        "no-from",
        "email-type",
        "email-format",
        "custom-args-string",
        "custom-args-int",
        "empty-subject",
        "categories",
    ],
)
def test_bodies_are_checked_against_the_spec(sg, change, message, field):
    body = mail("ann@example.com")
    change(body)

    assert call(sg, "POST", "/v3/mail/send", body)[::2] == (400, error(message, field))
    assert sg.accepted == []


def test_custom_args_as_an_object_pass_despite_the_specs_defect(sg):
    body = mail("ann@example.com", custom_args={"release": "privacy-policy@2.0.0"})

    assert call(sg, "POST", "/v3/mail/send", body)[0] == 202


def test_more_than_1000_personalizations_are_refused(sg):
    addresses = [f"u{i}@example.com" for i in range(1001)]

    status, _, answer = call(sg, "POST", "/v3/mail/send", mail(*addresses))

    assert status == 400
    assert answer["errors"][0]["field"] == "personalizations"
    assert "is too long" in answer["errors"][0]["message"]


def test_exactly_1000_recipients_pass_and_1001_across_to_cc_bcc_are_refused(sg):
    body = mail(*(f"u{i}@example.com" for i in range(1000)))
    assert call(sg, "POST", "/v3/mail/send", body)[0] == 202

    body = mail(*(f"v{i}@example.com" for i in range(999)))
    body["personalizations"][0]["cc"] = [{"email": "cc@example.com"}]
    body["personalizations"][0]["bcc"] = [{"email": "bcc@example.com"}]

    assert call(sg, "POST", "/v3/mail/send", body)[::2] == (
        400,
        error(
            f"The total number of recipients must be no more than {MAX_RECIPIENTS}.",
            "personalizations",
        ),
    )
    assert len(sg.deliveries()) == 1000


def test_the_same_address_twice_in_one_request_is_refused_whatever_its_case(sg):
    body = mail("ann@example.com", "bob@example.com")
    body["personalizations"][1]["bcc"] = [{"email": "ANN@example.com"}]

    assert call(sg, "POST", "/v3/mail/send", body)[::2] == (
        400,
        error(
            "Each email address in the personalization block should be unique between to, "
            "cc, and bcc. We found the first duplicate instance of [ANN@example.com] in the "
            "personalizations.1.bcc.0.email field.",
            "personalizations.1.bcc.0.email",
        ),
    )
    assert sg.accepted == []


def test_the_same_address_in_two_requests_is_two_deliveries(sg):
    assert call(sg, "POST", "/v3/mail/send", mail("ann@example.com"))[0] == 202
    assert call(sg, "POST", "/v3/mail/send", mail("Ann@example.com"))[0] == 202

    assert sg.deliveries() == {"ann@example.com": 2}
    assert sg.summary()["duplicates"] == 1


def test_send_at_more_than_72_hours_ahead_is_refused(sg):
    ok = mail("ann@example.com", send_at=int(NOW) + 72 * 3600)
    late = mail("bob@example.com")
    late["personalizations"][0]["send_at"] = int(NOW) + 72 * 3600 + 1

    assert call(sg, "POST", "/v3/mail/send", ok)[0] == 202
    assert call(sg, "POST", "/v3/mail/send", late)[::2] == (
        400,
        error(
            "The send_at parameter must be no more than 72 hours in the future",
            "personalizations.0.send_at",
        ),
    )


def test_an_unknown_batch_id_is_refused(sg):
    body = mail("ann@example.com", batch_id="NoSuchBatch")

    assert call(sg, "POST", "/v3/mail/send", body)[::2] == (
        400,
        error("invalid batch id", "batch_id"),
    )


def test_a_subject_is_required_without_a_template(sg):
    body = mail("ann@example.com")
    del body["subject"]

    status, _, answer = call(sg, "POST", "/v3/mail/send", body)

    assert (status, answer["errors"][0]["field"]) == (400, "subject")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda b: b.update(subject="Hello\r\nBcc: all@example.com"), "subject"),
        (
            lambda b: b["personalizations"][0].update(subject="Hi\nX-Evil: 1"),
            "personalizations.0.subject",
        ),
        (
            lambda b: b["personalizations"][0]["to"][0].update(name="Ann\r\nBcc: x@example.com"),
            "personalizations.0.to.0.name",
        ),
        (lambda b: b.update(headers={"X-Policy": "v2\r\nBcc: x@example.com"}), "headers.X-Policy"),
        (lambda b: b["from"].update(name="Privacy\nTeam"), "from"),
        (lambda b: b.update(headers={"Bcc": "x@example.com"}), "headers.Bcc"),
    ],
    ids=["subject", "personal-subject", "to-name", "header-value", "from-name", "reserved"],
)
def test_header_injection_is_refused(sg, change, field):
    body = mail("ann@example.com")
    change(body)

    status, _, answer = call(sg, "POST", "/v3/mail/send", body)

    assert (status, answer["errors"][0]["field"]) == (400, field)
    assert sg.accepted == []


def test_bypass_list_management_cannot_be_combined(sg):
    body = mail(
        "ann@example.com",
        mail_settings={
            "bypass_list_management": {"enable": True},
            "bypass_unsubscribe_management": {"enable": True},
        },
    )

    assert call(sg, "POST", "/v3/mail/send", body)[::2] == (
        400,
        error(
            "bypass_list_management cannot be combined with other bypass filters",
            "mail_settings.bypass_list_management",
        ),
    )


def test_bad_json_unknown_paths_and_methods(sg):
    assert call(sg, "POST", "/v3/mail/send", raw=b"{not json")[::2] == (
        400,
        error("Bad Request: the body is not valid JSON"),
    )
    assert call(sg, "GET", "/v3/mail/send")[::2] == (405, error("method not allowed"))
    assert call(sg, "POST", "/v3/nothing", {})[::2] == (404, error("not found"))


def test_sample_validation_checks_one_request_in_n_but_always_the_limits(clock):
    with SendGridStandIn(clock=clock, validate="sample", sample_every=3) as sg:
        bad_schema = mail("ann@example.com", categories=["a", "a"])
        statuses = [call(sg, "POST", "/v3/mail/send", bad_schema)[0] for _ in range(4)]
        duplicate = mail("bob@example.com", "BOB@example.com")
        status = call(sg, "POST", "/v3/mail/send", duplicate)[0]

    assert statuses == [400, 202, 202, 400]
    assert status == 400
    assert sg.validated == 2  # requests 1 and 4 of 5


def test_sampling_every_request_validates_every_request(clock):
    with SendGridStandIn(clock=clock, validate="sample", sample_every=1) as sg:
        bad_schema = mail("ann@example.com", categories=["a", "a"])
        statuses = [call(sg, "POST", "/v3/mail/send", bad_schema)[0] for _ in range(2)]

    assert statuses == [400, 400]
    assert sg.validated == 2


# -- batches and scheduled sends -------------------------------------------------------------


def test_batch_ids_are_created_and_validated(sg):
    batch_id = new_batch(sg)

    assert call(sg, "GET", f"/v3/mail/batch/{batch_id}")[::2] == (200, {"batch_id": batch_id})
    assert call(sg, "GET", "/v3/mail/batch/unknown")[::2] == (400, error("invalid batch id"))


def test_a_batch_cancelled_inside_the_window_is_not_delivered(sg, clock):
    kept, cancelled = new_batch(sg), new_batch(sg)
    later = int(NOW) + 601
    call(sg, "POST", "/v3/mail/send", mail("ann@example.com", batch_id=kept, send_at=later))
    call(sg, "POST", "/v3/mail/send", mail("bob@example.com", batch_id=cancelled, send_at=later))

    response = client(sg).client.user.scheduled_sends.post(
        request_body={"batch_id": cancelled, "status": "cancel"}
    )

    assert response.status_code == 201
    assert json.loads(response.body) == {"batch_id": cancelled, "status": "cancel"}
    assert sg.cancelled == {cancelled}
    assert sg.deliveries() == {"ann@example.com": 1}
    assert call(sg, "GET", "/v3/user/scheduled_sends")[::2] == (
        200,
        [{"batch_id": cancelled, "status": "cancel"}],
    )
    assert call(sg, "GET", f"/v3/user/scheduled_sends/{cancelled}")[2] == [
        {"batch_id": cancelled, "status": "cancel"}
    ]
    assert sg.summary()["cancelled_recipients"] == 1


@pytest.mark.parametrize("send_at", [int(NOW) + 599, None], ids=["599s-ahead", "immediate"])
def test_a_batch_past_the_window_cannot_be_cancelled(sg, send_at):
    batch_id = new_batch(sg)
    extra = (
        {"batch_id": batch_id} if send_at is None else {"batch_id": batch_id, "send_at": send_at}
    )
    call(sg, "POST", "/v3/mail/send", mail("ann@example.com", **extra))

    with pytest.raises(sg_errors.BadRequestsError) as caught:
        client(sg).client.user.scheduled_sends.post(
            request_body={"batch_id": batch_id, "status": "cancel"}
        )

    assert caught.value.to_dict == error(
        "cannot cancel or pause a batch less than 600 seconds before its send_at time",
        "batch_id",
    )
    assert sg.cancelled == set()
    assert sg.deliveries() == {"ann@example.com": 1}


def test_the_window_is_read_from_the_clock_at_cancel_time(sg, clock):
    batch_id = new_batch(sg)
    call(
        sg,
        "POST",
        "/v3/mail/send",
        mail("a@example.com", batch_id=batch_id, send_at=int(NOW) + 900),
    )

    clock.now += 301
    status, _, _ = call(
        sg, "POST", "/v3/user/scheduled_sends", {"batch_id": batch_id, "status": "cancel"}
    )

    assert status == 400
    assert sg.cancelled == set()


def test_a_batch_cancelled_before_its_send_is_discarded_when_sent(sg):
    batch_id = new_batch(sg)
    call(sg, "POST", "/v3/user/scheduled_sends", {"batch_id": batch_id, "status": "cancel"})

    assert call(sg, "POST", "/v3/mail/send", mail("ann@example.com", batch_id=batch_id))[0] == 202
    assert sg.deliveries() == {}


@pytest.mark.parametrize(
    ("body", "answer"),
    [
        ({"batch_id": "unknown", "status": "cancel"}, error("invalid batch id", "batch_id")),
        ({"status": "cancel"}, error("batch_id is required", "batch_id")),
        (
            {"batch_id": "x", "status": "stop"},
            error("status must be either cancel or pause", "status"),
        ),
    ],
    ids=["unknown", "no-batch", "bad-status"],
)
def test_bad_cancel_requests_are_refused(sg, body, answer):
    assert call(sg, "POST", "/v3/user/scheduled_sends", body)[::2] == (400, answer)
    assert sg.cancelled == set()


def test_a_second_cancel_of_the_same_batch_is_refused_and_a_pause_is_not_a_cancel(sg):
    cancelled, paused = new_batch(sg), new_batch(sg)
    for batch_id, status in ((cancelled, "cancel"), (paused, "pause")):
        assert (
            call(sg, "POST", "/v3/user/scheduled_sends", {"batch_id": batch_id, "status": status})[
                0
            ]
            == 201
        )

    again = call(
        sg, "POST", "/v3/user/scheduled_sends", {"batch_id": cancelled, "status": "cancel"}
    )

    assert again[::2] == (400, error("batch id already has a cancel or pause status", "batch_id"))
    assert (sg.cancelled, sg.paused) == ({cancelled}, {paused})


def test_at_most_ten_batches_wait_cancelled_at_once(sg, clock):
    batches = [new_batch(sg) for _ in range(11)]
    for i, batch_id in enumerate(batches):
        call(
            sg,
            "POST",
            "/v3/mail/send",
            mail(f"u{i}@example.com", batch_id=batch_id, send_at=int(NOW) + 900),
        )
    statuses = [
        call(sg, "POST", "/v3/user/scheduled_sends", {"batch_id": b, "status": "cancel"})[0]
        for b in batches
    ]

    assert statuses == [201] * 10 + [400]
    assert call(sg, "GET", "/v3/user/scheduled_sends")[2][0]["status"] == "cancel"
    assert len(sg.cancelled) == 10


def test_a_pause_can_become_a_cancel_and_a_cancellation_can_be_deleted(sg, clock):
    paused, cancelled = new_batch(sg), new_batch(sg)
    for i, batch_id in enumerate((paused, cancelled)):
        call(sg, "POST", "/v3/mail/send", mail(f"u{i}@example.com", batch_id=batch_id,
                                               send_at=int(NOW) + 900))  # fmt: skip
    call(sg, "POST", "/v3/user/scheduled_sends", {"batch_id": paused, "status": "pause"})
    call(sg, "POST", "/v3/user/scheduled_sends", {"batch_id": cancelled, "status": "cancel"})

    api = client(sg).client.user.scheduled_sends
    assert api._(paused).patch(request_body={"status": "cancel"}).status_code == 204
    assert api._(cancelled).delete().status_code == 204

    assert (sg.cancelled, sg.paused) == ({paused}, set())
    assert sg.deliveries() == {"u1@example.com": 1}  # the un-cancelled batch goes out
    assert call(sg, "DELETE", f"/v3/user/scheduled_sends/{cancelled}")[0] == 404
    assert (
        call(sg, "PATCH", f"/v3/user/scheduled_sends/{cancelled}", {"status": "cancel"})[0] == 404
    )
    assert call(sg, "PATCH", f"/v3/user/scheduled_sends/{paused}", {"status": "stop"})[::2] == (
        400,
        error("status must be either cancel or pause", "status"),
    )
    clock.now += 301  # 599 s before send_at: too late to change a cancel into a pause
    assert call(sg, "PATCH", f"/v3/user/scheduled_sends/{paused}", {"status": "pause"})[0] == 400
    assert sg.cancelled == {paused}


def test_substitutions_are_applied_per_personalization_and_limited(sg):
    body = mail("ann@example.com", "bob@example.com")
    body["content"] = [
        {"type": "text/plain", "value": "-greet-\nText"},
        {"type": "text/html", "value": "<p>-greet_html-</p>"},
    ]
    body["subject"] = "For -greet-"
    body["personalizations"][0]["substitutions"] = {
        "-greet-": "Hi Ann & co",
        "-greet_html-": "Hi Ann &amp; co",
    }
    body["personalizations"][1]["substitutions"] = {"-greet-": "-greet_html-", "-greet_html-": "x"}
    assert call(sg, "POST", "/v3/mail/send", body)[0] == 202
    ann, bob = sg.accepted
    assert (ann.subject, ann.body, ann.html) == (
        "For Hi Ann & co",
        "Hi Ann & co\nText",
        "<p>Hi Ann &amp; co</p>",
    )
    assert bob.body == "-greet_html-\nText"  # a value is not substituted again
    body["personalizations"][0]["substitutions"] = {"-greet-": "x" * 10_001}
    status, _, answer = call(sg, "POST", "/v3/mail/send", body)
    assert (status, answer["errors"][0]["field"]) == (400, "personalizations.0.substitutions")


# -- faults ----------------------------------------------------------------------------------


def test_429_carries_rate_limit_headers_and_records_nothing(sg):
    sg.fail_next(429)

    with pytest.raises(sg_errors.TooManyRequestsError) as caught:
        client(sg).send(mail("ann@example.com"))

    assert caught.value.to_dict == error("too many requests")
    assert caught.value.headers["X-RateLimit-Limit"] == "600"
    assert caught.value.headers["X-RateLimit-Remaining"] == "0"
    assert caught.value.headers["X-RateLimit-Reset"] == str(int(NOW) + 1)
    assert sg.deliveries() == {}
    assert client(sg).send(mail("ann@example.com")).status_code == 202
    assert sg.deliveries() == {"ann@example.com": 1}


@pytest.mark.parametrize(
    ("status", "exception", "message"),
    [
        (500, sg_errors.InternalServerError, "internal server error"),
        (503, sg_errors.ServiceUnavailableError, "service unavailable"),
        (400, sg_errors.BadRequestsError, "bad request"),
        (401, sg_errors.UnauthorizedError, "authorization required"),
        (403, sg_errors.ForbiddenError, "access forbidden"),
    ],
)
def test_injected_errors_answer_in_sendgrids_shape(sg, status, exception, message):
    sg.fail_next(status, count=2)

    for _ in range(2):
        with pytest.raises(exception) as caught:
            client(sg).send(mail("ann@example.com"))
        assert caught.value.to_dict == error(message)

    assert client(sg).send(mail("ann@example.com")).status_code == 202
    assert [r.status for r in sg.requests] == [status, status, 202]
    assert sg.deliveries() == {"ann@example.com": 1}


def test_custom_fault_headers_and_paths(sg):
    sg.fail_next(429, headers={"X-RateLimit-Reset": "123"}, path="/v3/mail/batch")

    status = call(sg, "POST", "/v3/mail/send", mail("ann@example.com"))[0]
    batch_status, batch_headers, _ = call(sg, "POST", "/v3/mail/batch")

    assert status == 202
    assert batch_status == 429
    assert batch_headers["X-RateLimit-Reset"] == "123"
    assert "X-RateLimit-Limit" not in batch_headers


def test_a_dropped_answer_still_counts_as_sent(sg):
    sg.drop_next()

    with pytest.raises(http.client.RemoteDisconnected):
        client(sg).send(mail("ann@example.com"))

    assert sg.deliveries() == {"ann@example.com": 1}
    assert sg.requests[0].status is None
    assert client(sg).send(mail("bob@example.com")).status_code == 202


def test_a_slow_answer_times_out_the_client_after_the_send_was_accepted(sg):
    sg.slow_next(1.0)

    with pytest.raises(TimeoutError):
        client(sg, timeout=0.2).send(mail("ann@example.com"))

    assert sg.deliveries() == {"ann@example.com": 1}


# -- invariants ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_standin():
    with SendGridStandIn(validate=False) as standin:
        yield standin


addresses = st.lists(
    st.sampled_from(["ann", "Ann", "bob", "cy", "DI", "di"]).map(lambda n: f"{n}@example.com"),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(requests=st.lists(st.tuples(addresses, st.booleans()), min_size=1, max_size=5))
def test_deliveries_count_each_accepted_request_outside_cancelled_batches(shared_standin, requests):
    sg = shared_standin
    before = sg.deliveries()
    expected = before.copy()
    for recipients, cancel in requests:
        batch_id = sg.create_batch()["batch_id"]
        body = mail(*recipients, batch_id=batch_id, send_at=int(time.time()) + 3600)
        status = call(sg, "POST", "/v3/mail/send", body)[0]
        lowered = [r.lower() for r in recipients]
        assert status == (202 if len(set(lowered)) == len(lowered) else 400)
        if cancel:
            sg.max_pending_cancels = None
            call(sg, "POST", "/v3/user/scheduled_sends", {"batch_id": batch_id, "status": "cancel"})
        elif status == 202:
            expected.update(lowered)
    assert sg.deliveries() == expected


# -- as a process ----------------------------------------------------------------------------


def test_runs_as_a_process_and_prints_a_summary_on_sigterm(tmp_path: Path):
    ready = tmp_path / "url"
    script = Path(__file__).with_name("sendgrid_standin.py")
    process = subprocess.Popen(
        [
            sys.executable,
            str(script),
            "--port",
            "0",
            "--latency",
            "0.01",
            "--ready-file",
            str(ready),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    try:
        deadline = time.monotonic() + 30
        while not ready.exists():
            assert process.poll() is None, "the stand-in exited before it was ready"
            assert time.monotonic() < deadline, "the stand-in did not start within 30 s"
            time.sleep(0.05)
        standin = SimpleNamespace(url=ready.read_text(encoding="utf-8").strip())
        batch = call(standin, "POST", "/v3/mail/batch")[2]["batch_id"]
        later = int(time.time()) + 3600
        call(standin, "POST", "/v3/mail/send", mail("a@example.com", "b@example.com"))
        call(standin, "POST", "/v3/mail/send", mail("A@example.com"))
        call(standin, "POST", "/v3/mail/send", mail("c@example.com", batch_id=batch, send_at=later))
        call(standin, "POST", "/v3/user/scheduled_sends", {"batch_id": batch, "status": "cancel"})
    finally:
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=30)

    assert process.returncode == 0
    assert json.loads(out) == {
        "accepted": 3,
        "unique": 2,
        "duplicates": 1,
        "duplicate_addresses": 1,
        "cancelled": 1,
        "cancelled_recipients": 1,
        "mail_requests": 3,
        "validated": 1,
    }

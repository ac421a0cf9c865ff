"""The event webhook believes only fresh posts SendGrid signed: real keys, real HTTP on loopback."""

from __future__ import annotations

import base64
import http.client
import json
import logging
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import given
from hypothesis import strategies as st

from policy.errors import ConfigError, ExitCode
from policy.notifier.webhook import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    DeliveryEvent,
    make_server,
    parse_events,
    verify_signature,
)

NOW = 1_800_000_000

# SendGrid's own published example (sendgrid-python's event webhook test): a real signature.
SENDGRID_KEY = (
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62"
    "gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g=="
)
SENDGRID_SIGNATURE = (
    "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtE"
    "ZtM="
)
SENDGRID_TIMESTAMP = "1600112502"
SENDGRID_PAYLOAD = (
    json.dumps(
        [
            {
                "email": "hello@world.com",
                "event": "dropped",
                "reason": "Bounced Address",
                "sg_event_id": "ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA",
                "sg_message_id": "LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18"
                "-5F5FC76C-9.0",
                "smtp-id": "<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>",
                "timestamp": 1600112492,
            }
        ],
        sort_keys=True,
        separators=(",", ":"),
    )
    + "\r\n"
).encode()


class Signer:
    """A key pair like SendGrid's: P-256, public half as base64 DER SubjectPublicKeyInfo."""

    def __init__(self) -> None:
        self.private = ec.generate_private_key(ec.SECP256R1())
        der = self.private.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        self.public = base64.b64encode(der).decode()

    def sign(self, payload: bytes, timestamp: str) -> str:
        signature = self.private.sign(timestamp.encode() + payload, ec.ECDSA(hashes.SHA256()))
        return base64.b64encode(signature).decode()


def event(**fields: Any) -> dict[str, Any]:
    base = {
        "email": "ann@example.com",
        "event": "delivered",
        "timestamp": NOW - 5,
        "sg_message_id": "UsbHGzicp0mIi2aNR67GU5.recvd-1",
        "sg_event_id": "ZGVsaXZlcmVkLTA",
        "policy_release": "privacy-policy@2.0.0",
        "policy_batch": "44wFNFBOdYNYzKpcRnE5HN4TpBHXi31j",
        "response": "250 OK",
    }
    base.update(fields)
    return base


# -- signatures ------------------------------------------------------------------------------


def test_sendgrids_published_example_verifies():
    assert verify_signature(SENDGRID_KEY, SENDGRID_PAYLOAD, SENDGRID_SIGNATURE, SENDGRID_TIMESTAMP)


@pytest.mark.parametrize(
    ("payload", "signature", "timestamp"),
    [
        (SENDGRID_PAYLOAD.replace(b"dropped", b"dropper"), SENDGRID_SIGNATURE, SENDGRID_TIMESTAMP),
        (SENDGRID_PAYLOAD, SENDGRID_SIGNATURE, "1600112503"),
        (SENDGRID_PAYLOAD, SENDGRID_SIGNATURE[:-8] + "AAAAAAA=", SENDGRID_TIMESTAMP),
        (SENDGRID_PAYLOAD, "not base64!", SENDGRID_TIMESTAMP),
        (SENDGRID_PAYLOAD, "", SENDGRID_TIMESTAMP),
        (SENDGRID_PAYLOAD, SENDGRID_SIGNATURE, "16001125é"),
    ],
    ids=["payload", "timestamp", "signature", "not-base64", "empty", "non-ascii-timestamp"],
)
def test_anything_changed_does_not_verify(payload, signature, timestamp):
    assert verify_signature(SENDGRID_KEY, payload, signature, timestamp) is False


def test_another_key_does_not_verify():
    signer, other = Signer(), Signer()
    signature = signer.sign(b"[]", "1")

    assert verify_signature(signer.public, b"[]", signature, "1") is True
    assert verify_signature(other.public, b"[]", signature, "1") is False


@pytest.mark.parametrize(
    "key",
    [
        "not a key",
        base64.b64encode(b"not DER").decode(),
        base64.b64encode(
            ec.generate_private_key(ec.SECP384R1())
            .public_key()
            .public_bytes(
                serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        ).decode(),
    ],
    ids=["text", "not-der", "p384"],
)
def test_a_key_sendgrid_could_not_have_given_is_a_config_error(key):
    with pytest.raises(ConfigError) as caught:
        verify_signature(key, b"[]", "", "1")

    assert caught.value.exit_code == ExitCode.FAILURE
    assert caught.value.message.startswith("the SendGrid event webhook public key is not ")
    assert key not in caught.value.message


# -- parsing ---------------------------------------------------------------------------------


def test_events_are_parsed_with_their_custom_args():
    payload = json.dumps(
        [event(), event(event="bounce", reason="550 no such user", sg_event_id="Ym91bmNl")]
    )

    assert parse_events(payload) == [
        DeliveryEvent(
            email="ann@example.com",
            event="delivered",
            timestamp=NOW - 5,
            sg_message_id="UsbHGzicp0mIi2aNR67GU5.recvd-1",
            sg_event_id="ZGVsaXZlcmVkLTA",
            batch_id="44wFNFBOdYNYzKpcRnE5HN4TpBHXi31j",
            release="privacy-policy@2.0.0",
            reason="250 OK",
        ),
        DeliveryEvent(
            email="ann@example.com",
            event="bounce",
            timestamp=NOW - 5,
            sg_message_id="UsbHGzicp0mIi2aNR67GU5.recvd-1",
            sg_event_id="Ym91bmNl",
            batch_id="44wFNFBOdYNYzKpcRnE5HN4TpBHXi31j",
            release="privacy-policy@2.0.0",
            reason="550 no such user",
        ),
    ]


def test_sendgrids_example_parses_without_custom_args():
    (parsed,) = parse_events(SENDGRID_PAYLOAD)

    assert (parsed.email, parsed.event, parsed.reason) == (
        "hello@world.com",
        "dropped",
        "Bounced Address",
    )
    assert (parsed.release, parsed.batch_id, parsed.timestamp) == (None, None, 1600112492)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("{}", "the body is not a JSON array of events"),
        ("[1]", "event 0 is not an object"),
        (
            '[{"email": "a@example.com", "event": "delivered"}, {"event": "open"}]',
            "event 1 has no email or event",
        ),
    ],
)
def test_a_body_that_is_not_an_array_of_events_is_refused(payload, message):
    with pytest.raises(ValueError, match=f"^{message}$"):
        parse_events(payload)


texts = st.text(max_size=30)
events = st.fixed_dictionaries(
    {"email": texts, "event": st.sampled_from(["delivered", "bounce", "open", "processed"])},
    optional={
        "timestamp": st.integers(0, 2**40),
        "sg_message_id": texts,
        "sg_event_id": texts,
        "policy_release": texts,
        "policy_batch": texts,
        "reason": texts,
        "category": st.lists(texts),
    },
)


@given(st.lists(events, max_size=5))
def test_parsing_keeps_every_field_it_knows(items):
    parsed = parse_events(json.dumps(items).encode())

    assert [(p.email, p.event, p.timestamp) for p in parsed] == [
        (i["email"], i["event"], i.get("timestamp")) for i in items
    ]
    assert [(p.release, p.batch_id, p.sg_event_id, p.reason) for p in parsed] == [
        (i.get("policy_release"), i.get("policy_batch"), i.get("sg_event_id"), i.get("reason"))
        for i in items
    ]


# -- the server ------------------------------------------------------------------------------


class Receiver:
    """A running webhook server on 127.0.0.1 and what its sink received."""

    def __init__(self, signer: Signer, **options: Any) -> None:
        self.signer = signer
        self.received: list[list[DeliveryEvent]] = []
        self.fail = False
        self.server = make_server(
            "127.0.0.1", 0, signer.public, self._sink, clock=lambda: NOW, **options
        )
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def _sink(self, events: list[DeliveryEvent]) -> None:
        if self.fail:
            raise RuntimeError("database is down for ann@example.com")
        self.received.append(events)

    def post(
        self,
        body: bytes,
        *,
        timestamp: int | None = NOW,
        signer: Signer | None = None,
        signature: str | None = None,
        method: str = "POST",
    ) -> tuple[int, Any]:
        headers = {"Content-Type": "application/json"}
        if timestamp is not None:
            headers[TIMESTAMP_HEADER] = str(timestamp)
            headers[SIGNATURE_HEADER] = signature or (signer or self.signer).sign(
                body, str(timestamp)
            )
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request(method, "/sendgrid/events", body=body, headers=headers)
            response = connection.getresponse()
            text = response.read()
        finally:
            connection.close()
        return response.status, (json.loads(text) if text else None)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    running = Receiver(Signer())
    yield running
    running.close()


def body(*items: dict[str, Any]) -> bytes:
    return json.dumps(list(items)).encode()


def test_a_signed_fresh_post_reaches_the_sink_with_only_events_of_interest(receiver):
    payload = body(
        event(),
        event(event="open", sg_event_id="b3Blbg"),
        event(event="dropped", sg_event_id="ZHJvcA", reason="Bounced Address"),
        event(policy_release=None, policy_batch=None, sg_event_id="b3RoZXI"),
    )

    assert receiver.post(payload) == (204, None)

    assert [[(e.event, e.sg_event_id) for e in batch] for batch in receiver.received] == [
        [("delivered", "ZGVsaXZlcmVkLTA"), ("dropped", "ZHJvcA")]
    ]


def test_a_post_with_nothing_of_interest_is_accepted_without_calling_the_sink(receiver):
    assert receiver.post(body(event(event="click"))) == (204, None)
    assert receiver.received == []


@pytest.mark.parametrize(
    ("post", "answer"),
    [
        (lambda r: r.post(body(event()), timestamp=None), (401, "the post is not signed")),
        (
            lambda r: r.post(body(event()), signer=Signer()),
            (403, "the signature does not match"),
        ),
        (
            lambda r: r.post(
                body(event()), signature=r.signer.sign(body(event(email="x")), str(NOW))
            ),
            (403, "the signature does not match"),
        ),
        (
            lambda r: r.post(body(event()), timestamp=NOW - 301),
            (403, "the signature timestamp is too old"),
        ),
        (
            lambda r: r.post(body(event()), timestamp=NOW + 61),
            (403, "the signature timestamp is in the future"),
        ),
        (lambda r: r.post(b"[{not json"), (400, "the body is not JSON")),
        (lambda r: r.post(b'{"email": "a"}'), (400, "the body is not a JSON array of events")),
        (lambda r: r.post(body(event()), method="PUT"), (405, "only POST is accepted")),
    ],
    ids=["unsigned", "wrong-key", "tampered", "stale", "future", "bad-json", "not-array", "put"],
)
def test_posts_are_refused_with_a_reason(receiver, post, answer):
    status, reply = post(receiver)

    assert (status, reply["error"]) == answer
    assert receiver.received == []


def test_the_edges_of_the_freshness_window_are_accepted(receiver):
    assert receiver.post(body(event()), timestamp=NOW - 300)[0] == 204
    assert receiver.post(body(event()), timestamp=NOW + 60)[0] == 204
    assert len(receiver.received) == 2


def test_a_tampered_body_with_its_original_signature_is_refused(receiver):
    original = body(event())
    signature = receiver.signer.sign(original, str(NOW))
    tampered = original.replace(b"delivered", b"bounce\x20\x20\x20")

    assert receiver.post(tampered, signature=signature) == (
        403,
        {"error": "the signature does not match"},
    )


def test_a_too_large_post_is_413():
    running = Receiver(Signer(), max_bytes=1000)
    try:
        status, reply = running.post(body(*(event() for _ in range(10))))
        small = running.post(body(event()))
    finally:
        running.close()

    assert (status, reply) == (413, {"error": "the body is larger than 1000 bytes"})
    assert small == (204, None)


def test_a_failing_sink_is_500_so_sendgrid_retries_and_the_log_holds_no_secret(receiver, caplog):
    receiver.fail = True
    payload = body(event())
    with caplog.at_level(logging.INFO, logger="policy.notifier.webhook"):
        answer = receiver.post(payload)
        receiver.fail = False
        again = receiver.post(payload)

    assert answer == (500, {"error": "the events could not be recorded"})
    assert again == (204, None)
    assert [r.getMessage() for r in caplog.records] == [
        "event webhook: recording events failed: RuntimeError",
        "event webhook: refused a post (500): the events could not be recorded",
        "event webhook: accepted 1 events",
    ]
    assert "ann@example.com" not in caplog.text
    assert receiver.signer.public not in caplog.text

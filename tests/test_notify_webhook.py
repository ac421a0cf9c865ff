"""`policy webhook` as a real process: signed events land in the ledger and in `policy audit`."""

from __future__ import annotations

import base64
import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from click.testing import CliRunner
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from notifyrepo import SLUG, addresses, release_repo, standin_env, subprocess_env, write_csv
from sendgrid_standin import SendGridStandIn

from policy.cli import main

KEY = "SG.webhook-test-key-42"
POLICY = Path(sys.executable).with_name("policy")


def run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="policy")


def signed_post(url: str, private, events: list[dict], sign: bool = True) -> int:
    body = json.dumps(events).encode()
    stamp = str(int(time.time()))
    headers = {"Content-Type": "application/json"}
    if sign:
        signature = private.sign(stamp.encode() + body, ec.ECDSA(hashes.SHA256()))
        headers["X-Twilio-Email-Event-Webhook-Signature"] = base64.b64encode(signature).decode()
        headers["X-Twilio-Email-Event-Webhook-Timestamp"] = stamp
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_webhook_refuses_to_start_without_a_public_key(tmp_path, monkeypatch):
    repo = release_repo(tmp_path / "repo")
    monkeypatch.delenv("SENDGRID_WEBHOOK_PUBLIC_KEY", raising=False)
    result = run("--repo", repo.working_tree_dir, "webhook", "--port", "0")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the event webhook's public key is not set: put SendGrid's verification key in "
        "the environment variable SENDGRID_WEBHOOK_PUBLIC_KEY; unsigned events are never "
        "accepted\n"
    )


def test_signed_events_reach_the_audit_and_the_report(tmp_path, monkeypatch):
    repo = release_repo(tmp_path / "repo")
    source = write_csv(tmp_path / "r.csv", addresses(2))
    private = ec.generate_private_key(ec.SECP256R1())
    public = base64.b64encode(
        private.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    ).decode()
    where = repo.working_tree_dir
    with SendGridStandIn(api_key=KEY) as standin:
        for name, value in standin_env(standin.url, KEY).items():
            monkeypatch.setenv(name, value)
        assert (
            run("--repo", where, "notify", SLUG, "2.0.0", "--recipients", str(source)).exit_code
            == 0
        )
        batch = standin.accepted[0].batch_id
        env = subprocess_env(standin.url, KEY, SENDGRID_WEBHOOK_PUBLIC_KEY=public)
        server = subprocess.Popen(
            [str(POLICY), "--repo", where, "webhook", "--port", "0"],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            line = server.stderr.readline()
            assert line.startswith("Listening on http://127.0.0.1:"), line
            url = line.split()[2]
            common = {"policy_release": "privacy-policy@2.0.0", "policy_batch": batch}
            events = [
                {"email": "user0@example.com", "event": "delivered", "timestamp": 1800000000,
                 "sg_event_id": "e1", "sg_message_id": "m.1", **common},
                {"email": "user1@example.com", "event": "dropped", "timestamp": 1800000001,
                 "sg_event_id": "e2", "sg_message_id": "m.2", "reason": "Bounced Address",
                 **common},
            ]  # fmt: skip
            assert signed_post(url, private, events, sign=False) == 401
            assert signed_post(url, private, events) == 204
            assert signed_post(url, private, events) == 204  # SendGrid retries: counted once
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                _, err = server.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()  # it ignored SIGTERM: fail here, with nothing left open
                server.communicate()
                raise
        assert server.returncode == 0
        assert err == "event webhook: refused a post (401): the post is not signed\nStopped.\n"
        audit = run("--repo", where, "audit", SLUG, "2.0.0", "--format", "json")
        rows = json.loads(audit.stdout)["recipients"]
        assert [r["events"] for r in rows] == [
            [{"event": "delivered", "timestamp": "2027-01-15T08:00:00.000Z", "reason": ""}],
            [
                {
                    "event": "dropped",
                    "timestamp": "2027-01-15T08:00:01.000Z",
                    "reason": "Bounced Address",
                }
            ],
        ]
        again = run("--repo", where, "notify", SLUG, "2.0.0", "--recipients", str(source))
        assert "  suppressed (dropped by SendGrid)       1" in again.output

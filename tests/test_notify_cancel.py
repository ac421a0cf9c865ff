"""`policy notify SLUG VERSION --cancel`: a mistaken send withdrawn while SendGrid allows it,
through the stand-in's Cancel Scheduled Sends API and its rules (no cancel less than 600 s
before `send_at`; at most 10 cancelled batches waiting at once)."""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner
from gitrepo import write
from notifyrepo import SLUG, addresses, release_repo, standin_env, write_csv
from sendgrid_standin import SendGridStandIn

from policy.cli import main
from policy.notifier import ledger as L

KEY = "SG.cancel-test-key-0123456789"


def run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="policy", terminal_width=80)


@pytest.fixture
def repo(tmp_path):
    repo = release_repo(tmp_path / "repo")
    write(repo, "policy.toml", "[notify]\nbatch_size = 100\n")
    return repo


def serve(monkeypatch, **options) -> SendGridStandIn:
    server = SendGridStandIn(api_key=KEY, **options).start()
    for name, value in standin_env(server.url, KEY).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("POLICY_LEDGER_URL", raising=False)
    return server


@pytest.fixture
def standin(monkeypatch):
    server = serve(monkeypatch)
    yield server
    server.stop()


def notify(repo, *args: str):
    return run("--repo", repo.working_tree_dir, "notify", SLUG, *args)


def statuses(repo) -> dict[str, int]:
    book = L.Ledger(f"sqlite:///{repo.working_tree_dir}/.policy/ledger.sqlite3")
    try:
        return book.counts("privacy-policy@2.0.0")
    finally:
        book.close()


def test_a_mistaken_send_is_withdrawn_and_stays_withdrawn(repo, standin, tmp_path):
    source = write_csv(tmp_path / "r.csv", addresses(500))
    assert notify(repo, "2.0.0", "--recipients", str(source)).exit_code == 0
    assert sum(standin.deliveries().values()) == 500
    report = tmp_path / "cancel.json"
    args = ["2.0.0", "--cancel", "--reason", "Sent the wrong version", "--report", str(report)]
    result = notify(repo, *args)
    assert result.exit_code == 0, result.output
    assert result.output == (
        "privacy-policy 2.0.0: notice withdrawn\n"
        "  withdrawn (cancelled in time)           500 in 5 batch(es)\n"
        "  never sent (were pending)               0\n"
        "  beyond reach: already sent or too late  0 in 0 batch(es)\n"
        "Recorded in the ledger: later runs send nothing more of this release unless a person "
        "decides to (`policy notify privacy-policy 2.0.0 --force --reason '...'`).\n"
    )
    assert standin.deliveries() == {}  # SendGrid discards cancelled batches at send time
    assert len(standin.cancelled) == 5
    assert statuses(repo) == {"cancelled": 500}
    data = json.loads(report.read_text())
    assert (data["withdrawn"], data["beyond_reach"]) == (500, 0)
    audit = run("--repo", repo.working_tree_dir, "audit", SLUG, "2.0.0")
    assert {line.split(",")[1] for line in audit.stdout.splitlines()[1:]} == {"cancelled"}
    # Later runs send nothing, the default one says why, a named one refuses.
    requests = len(standin.requests)
    default = notify(repo, "--recipients", str(source))
    assert default.output == (
        "privacy-policy 2.0.0 (major): its notice was withdrawn (policy notify --cancel); "
        "nothing to send.\n"
    )
    named = notify(repo, "2.0.0", "--recipients", str(source))
    assert named.exit_code == 1
    assert named.stdout.startswith(
        "privacy-policy 2.0.0 (major): not sent. Its notice was withdrawn on "
    )
    assert len(standin.requests) == requests
    # A person decides to send it after all: everyone gets it, once.
    again = notify(repo, "2.0.0", "--recipients", str(source), "--force", "--reason", "Fixed")
    assert again.exit_code == 0, again.output
    assert "(forced: withdrawn earlier)" in again.output.splitlines()[0]
    assert standin.deliveries() == {email: 1 for email in addresses(500)}
    audit = run("--repo", repo.working_tree_dir, "audit", SLUG, "2.0.0", "--format", "json")
    decisions = [(d["action"], d["detail"]) for d in json.loads(audit.stdout)["decisions"]]
    assert decisions == [
        (
            "cancel",
            "500 recipient(s) withdrawn in 5 batch(es), 0 never sent, 0 beyond reach: "
            "Sent the wrong version",
        ),
        ("force", "withdrawn earlier: Fixed"),
        ("resend_cancelled", "500 withdrawn recipient(s) sent again: Fixed"),
    ]


def test_what_went_out_or_is_too_late_is_beyond_reach(repo, standin, tmp_path):
    write(repo, "policy.toml", "[notify]\nbatch_size = 100\nsend_delay_seconds = 0\n")
    assert (
        notify(
            repo, "2.0.0", "--recipients", str(write_csv(tmp_path / "a.csv", addresses(200)))
        ).exit_code
        == 0
    )
    write(repo, "policy.toml", "[notify]\nbatch_size = 100\n")
    later = write_csv(tmp_path / "b.csv", addresses(500))
    assert notify(repo, "2.0.0", "--recipients", str(later)).exit_code == 0
    standin.fail_next(400)  # a third run stops at once: its recipients stay pending
    more = write_csv(tmp_path / "c.csv", addresses(560))
    assert notify(repo, "2.0.0", "--recipients", str(more)).exit_code == 1
    assert statuses(repo) == {"sent": 500, "pending": 60}
    dry = notify(repo, "2.0.0", "--cancel", "--dry-run")
    assert dry.output.splitlines()[:4] == [
        "privacy-policy 2.0.0: dry run, nothing cancelled",
        "  withdrawn (would be cancelled in time)  300 in 3 batch(es)",
        "  never sent (were pending)               60",
        "  beyond reach: already sent or too late  200 in 2 batch(es)",
    ]
    assert standin.cancelled == set() and statuses(repo)["pending"] == 60
    result = notify(repo, "2.0.0", "--cancel")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:4] == [
        "  withdrawn (cancelled in time)           300 in 3 batch(es)",
        "  never sent (were pending)               60",
        "  beyond reach: already sent or too late  200 in 2 batch(es)",
    ]
    assert standin.deliveries() == {email: 1 for email in addresses(200)}
    assert statuses(repo) == {"sent": 200, "cancelled": 360}


def test_sendgrids_clock_has_the_last_word(repo, monkeypatch, tmp_path):
    # SendGrid's clock runs 400 s ahead of ours: by ours every batch is 900 s away, by
    # SendGrid's 500 s, inside the last 10 minutes when no cancel is allowed.
    standin = serve(monkeypatch, clock=lambda: time.time() + 400)
    try:
        source = write_csv(tmp_path / "r.csv", addresses(200))
        assert notify(repo, "2.0.0", "--recipients", str(source)).exit_code == 0
        result = notify(repo, "2.0.0", "--cancel")
        assert result.exit_code == 0, result.output
        assert result.output.splitlines()[1:4] == [
            "  withdrawn (cancelled in time)           0 in 0 batch(es)",
            "  never sent (were pending)               0",
            "  beyond reach: already sent or too late  200 in 2 batch(es)",
        ]
        cancels = [r for r in standin.requests if r.path == "/v3/user/scheduled_sends"]
        assert [r.status for r in cancels] == [400, 400]  # it did ask
        assert statuses(repo) == {"sent": 200}
    finally:
        standin.stop()


def test_sendgrid_keeps_at_most_ten_cancelled_batches_waiting(repo, standin, tmp_path):
    source = write_csv(tmp_path / "r.csv", addresses(1200))
    assert notify(repo, "2.0.0", "--recipients", str(source)).exit_code == 0
    result = notify(repo, "2.0.0", "--cancel")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1] == "  withdrawn (cancelled in time)           1000 in 10 batch(es)"
    assert lines[4] == "  beyond reach: SendGrid's limit of 10    200 in 2 batch(es)"
    assert lines[5].startswith(
        "SendGrid keeps at most 10 cancelled batches waiting at once, and no slot frees before "
        "these batches' cancel window closes: they go out."
    )
    assert sum(standin.deliveries().values()) == 200
    assert statuses(repo) == {"sent": 200, "cancelled": 1000}


def test_a_release_still_being_sent_is_not_cancelled_underneath(repo, standin, tmp_path):
    source = write_csv(tmp_path / "r.csv", addresses(100))
    assert notify(repo, "2.0.0", "--recipients", str(source)).exit_code == 0
    book = L.Ledger(f"sqlite:///{repo.working_tree_dir}/.policy/ledger.sqlite3")
    try:
        book.start_run("privacy-policy@2.0.0")  # a run of this very (live) process
    finally:
        book.close()
    result = notify(repo, "2.0.0", "--cancel")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: a run of privacy-policy 2.0.0 is still sending ")
    assert result.stderr.endswith(
        "stop it first (Ctrl-C, or cancel its job), then run --cancel again; nothing was "
        "cancelled\n"
    )
    assert standin.cancelled == set()


def test_cancel_needs_a_version(repo, standin):
    result = notify(repo, "--cancel")
    assert result.exit_code == 2
    assert "--cancel applies to one release: give its VERSION" in result.stderr


def test_withdrawing_a_release_never_sent_records_the_decision(tmp_path, standin):
    repo = release_repo(tmp_path / "repo", effective="2026-03-01")
    source = write_csv(tmp_path / "r.csv", addresses(3))
    assert notify(repo, "--recipients", str(source)).exit_code == 1  # in effect, never sent
    result = notify(repo, "2.0.0", "--cancel", "--reason", "Told by letter instead")
    assert result.exit_code == 0, result.output
    assert "  withdrawn (cancelled in time)           0 in 0 batch(es)" in result.output
    quiet = notify(repo, "--recipients", str(source))
    assert quiet.exit_code == 0
    assert "its notice was withdrawn" in quiet.output
    assert [r for r in standin.requests if r.path == "/v3/mail/send"] == []

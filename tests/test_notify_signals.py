"""Stop means stop: real SIGINT and SIGTERM sent to a real `policy notify` process sending to
the SendGrid stand-in. No new request starts after the signal, the process ends within 10 s
with 130 or 143, its report counts exactly what SendGrid accepted and what was not sent, a
second Ctrl-C ends it at once, and a later run sends the rest exactly once."""

from __future__ import annotations

import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
from gitrepo import write
from notifyrepo import SLUG, addresses, release_repo, subprocess_env, write_csv
from sendgrid_standin import SendGridStandIn
from test_notify_crash import POLICY

KEY = "SG.signal-test-key-abcdef"
SETTINGS = "[notify]\nbatch_size = 50\nconcurrency = 2\n"
PEOPLE = 2000


def start(repo, standin) -> subprocess.Popen:
    command = [str(POLICY), "--repo", repo.working_tree_dir, "notify", SLUG, "2.0.0"]
    command += ["--recipients", str(Path(repo.working_tree_dir).parent / "r.csv")]
    return subprocess.Popen(
        command,
        env=subprocess_env(standin.url, KEY),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def mail_sends(standin) -> list:
    return [r for r in standin.requests if r.path == "/v3/mail/send"]


def hung(standin) -> int:
    """Requests SendGrid took (a batch recorded) whose answer has not gone out yet."""
    return len({a.batch_id for a in standin.accepted}) - len(mail_sends(standin))


def wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition never came true"
        time.sleep(0.02)


def count(label: str, out: str) -> int:
    match = re.search(rf"^  {re.escape(label)} +(\d+)$", out, re.MULTILINE)
    assert match, f"no {label!r} line in:\n{out}"
    return int(match.group(1))


@pytest.fixture
def repo(tmp_path):
    repo = release_repo(tmp_path / "repo")
    write(repo, "policy.toml", SETTINGS)
    write_csv(tmp_path / "r.csv", addresses(PEOPLE))
    return repo


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_stops_sending_reports_exactly_and_a_later_run_finishes(repo, signum, code):
    with SendGridStandIn(api_key=KEY, latency=0.15) as standin:
        process = start(repo, standin)
        wait_for(lambda: len(standin.accepted) >= 200)
        signalled = time.time()
        process.send_signal(signum)
        out, err = process.communicate(timeout=30)
        took = time.time() - signalled
        assert process.returncode == code, err
        assert took < 10
        # No request began after the signal (the ones in flight were let finish).
        assert [r for r in standin.requests if r.received > signalled + 0.1] == []
        name = {signal.SIGINT: "SIGINT (Ctrl-C)", signal.SIGTERM: "SIGTERM"}[signum]
        assert out.startswith(f"privacy-policy 2.0.0 (major): stopped by {name} before the end\n")
        accepted = sum(standin.deliveries().values())
        assert 0 < accepted < PEOPLE
        assert count("sent now", out) == accepted
        assert count("not sent (run again to send)", out) == PEOPLE - accepted
        assert "in flight" not in out
        assert err.startswith(
            f"Stopping ({name}): no new request; waiting up to 6 s for those in flight. "
            "Press Ctrl-C again to stop at once.\n"
        )
        assert err.endswith(
            f"Error: stopped by {name}: {accepted} accepted by SendGrid in this run, "
            f"{PEOPLE - accepted} not sent; run the same command again to send the rest "
            "(nobody gets it twice)\n"
        )
        later = start(repo, standin)
        out, err = later.communicate(timeout=120)
        assert later.returncode == 0, err
        assert count("sent now", out) == PEOPLE - accepted
        assert count("already sent earlier", out) == accepted
        assert standin.deliveries() == {email: 1 for email in addresses(PEOPLE)}


def test_requests_that_outlive_the_grace_stay_in_flight_and_are_settled_later(repo):
    with SendGridStandIn(api_key=KEY, latency=0.05) as standin:
        process = start(repo, standin)
        wait_for(lambda: len(standin.accepted) >= 100)
        standin.slow_next(20.0, count=2)  # the next two requests hang past the grace
        wait_for(lambda: hung(standin) >= 2)
        signalled = time.time()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
        assert process.returncode == 130, err
        assert time.time() - signalled < 10
        accepted_now = count("sent now", out)
        in_flight = count("in flight, answer unknown", out)
        assert in_flight == 100  # two batches of 50 whose answers never came
        assert accepted_now + in_flight + count("not sent (run again to send)", out) == PEOPLE
        assert "In flight: SendGrid had not answered" in out
        later = start(repo, standin)
        out, err = later.communicate(timeout=120)
        assert later.returncode == 0, err
        # The two hung batches were cancelled (inside SendGrid's window) and sent again.
        assert len(standin.cancelled) == 2
        assert standin.deliveries() == {email: 1 for email in addresses(PEOPLE)}


def test_a_second_ctrl_c_exits_at_once_and_nothing_is_lost(repo):
    with SendGridStandIn(api_key=KEY, latency=0.05) as standin:
        process = start(repo, standin)
        wait_for(lambda: len(standin.accepted) >= 100)
        standin.slow_next(30.0, count=2)
        wait_for(lambda: hung(standin) >= 2)
        process.send_signal(signal.SIGINT)
        time.sleep(0.5)
        again = time.time()
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=30)
        assert process.returncode == 130
        assert time.time() - again < 2
        assert "Stopped at once by a second SIGINT (Ctrl-C)" in err
        later = start(repo, standin)
        _out, err = later.communicate(timeout=120)
        assert later.returncode == 0, err
        assert standin.deliveries() == {email: 1 for email in addresses(PEOPLE)}

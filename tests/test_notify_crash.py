"""Exactly once under fire: `policy notify` runs as a real process against the stand-in, is
killed with SIGKILL at random points (several seeds), and resumed; several processes share one
PostgreSQL ledger at once. Whatever happens, every recipient is accepted exactly once (batches
cancelled in time do not count, as SendGrid never sends them)."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from gitrepo import write
from notifyrepo import SLUG, addresses, release_repo, subprocess_env, write_csv
from sendgrid_standin import SendGridStandIn

KEY = "SG.crash-test-key-abcdef"
POLICY = Path(sys.executable).with_name("policy")
SETTINGS = "[notify]\nbatch_size = 50\nconcurrency = 2\nmax_attempts = 20\n"


def start(repo, standin, ledger: str | None, *extra: str) -> subprocess.Popen:
    command = [str(POLICY), "--repo", repo.working_tree_dir, "notify", SLUG, "2.0.0"]
    command += ["--recipients", str(Path(repo.working_tree_dir).parent / "r.csv"), *extra]
    if ledger:
        command += ["--ledger", ledger]
    return subprocess.Popen(
        command,
        env=subprocess_env(standin.url, KEY),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill_and_resume(tmp_path, ledger: str | None, seed: int, people: int = 2000) -> None:
    rng = random.Random(seed)
    repo = release_repo(tmp_path / "repo")
    write(repo, "policy.toml", SETTINGS)
    write_csv(tmp_path / "r.csv", addresses(people))
    with SendGridStandIn(api_key=KEY, latency=0.03) as standin:
        kills = 0
        for _ in range(3):
            if rng.random() < 0.5:
                standin.drop_next(1)
            else:
                standin.fail_next(rng.choice([429, 500, 503]))
            process = start(repo, standin, ledger)
            time.sleep(rng.uniform(0.4, 2.5))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                kills += 1
            process.communicate(timeout=60)
        final = start(repo, standin, ledger)
        out, err = final.communicate(timeout=180)
        assert final.returncode == 0, err
        assert "  failed (left pending, run again)       0" in out
        assert "  uncertain                              0" in out
        deliveries = standin.deliveries()
        assert deliveries == {email: 1 for email in addresses(people)}, (
            f"seed {seed}: {kills} kills; duplicates "
            f"{[e for e, n in deliveries.items() if n > 1][:5]}, "
            f"missing {people - len(deliveries)}"
        )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sigkill_and_resume_on_sqlite(tmp_path, seed):
    kill_and_resume(tmp_path, None, seed)


@pytest.mark.parametrize("seed", [4, 5])
def test_sigkill_and_resume_on_postgres(tmp_path, pg_server, seed):
    url = pg_server.create_database(f"crash_{seed}")
    try:
        kill_and_resume(tmp_path, url, seed)
    finally:
        pg_server.drop_database(url)


@pytest.mark.parametrize("ledger", ["sqlite", "postgres"])
def test_concurrent_runs_on_one_ledger_send_nobody_twice(tmp_path, request, ledger):
    people = 3000
    repo = release_repo(tmp_path / "repo")
    write(repo, "policy.toml", SETTINGS)
    write_csv(tmp_path / "r.csv", addresses(people))
    server = request.getfixturevalue("pg_server") if ledger == "postgres" else None
    url = server.create_database("concurrent") if server else f"sqlite:///{tmp_path}/l.sqlite3"
    try:
        with SendGridStandIn(api_key=KEY, latency=0.02) as standin:
            processes = [start(repo, standin, url) for _ in range(4)]
            outputs = [p.communicate(timeout=180) for p in processes]
            for process, (_out, err) in zip(processes, outputs, strict=True):
                assert process.returncode == 0, err
            assert standin.deliveries() == {email: 1 for email in addresses(people)}
            sent = [
                int(line.split()[-1])
                for out, _ in outputs
                for line in out.splitlines()
                if line.startswith("  sent now ")
            ]
            assert sum(sent) == people
            if ledger == "postgres":
                assert sum(1 for n in sent if n > 0) >= 2  # the work was shared out
    finally:
        if server:
            server.drop_database(url)


def test_lost_answer_past_the_cancel_window_is_uncertain(tmp_path):
    repo = release_repo(tmp_path / "repo")
    write(repo, "policy.toml", SETTINGS + "send_delay_seconds = 620\n")
    write_csv(tmp_path / "r.csv", addresses(100))
    with SendGridStandIn(api_key=KEY) as standin:
        standin.drop_next(1)
        process = start(repo, standin, None)
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        assert "  uncertain                              50" in out
        assert standin.cancelled == set()
        assert sum(standin.deliveries().values()) == 100
    assert os.path.exists(tmp_path / "repo/.policy/ledger.sqlite3")


def test_progress_bar_only_on_a_terminal(tmp_path):
    import pty

    repo = release_repo(tmp_path / "repo")
    write_csv(tmp_path / "r.csv", addresses(120))
    with SendGridStandIn(api_key=KEY) as standin:
        master, slave = pty.openpty()
        command = [str(POLICY), "--repo", repo.working_tree_dir, "notify", SLUG, "2.0.0"]
        command += ["--recipients", str(tmp_path / "r.csv")]
        env = subprocess_env(standin.url, KEY, COLUMNS="100", TERM="xterm")
        done = subprocess.run(
            command, env=env, stdout=subprocess.PIPE, stderr=slave, timeout=60, check=False
        )
        os.close(slave)
        seen = b""
        with contextlib.suppress(OSError):
            while chunk := os.read(master, 65536):
                seen += chunk
        os.close(master)
        # Piped, in a clone of its own: this repository records the notice as sent now.
        other = release_repo(tmp_path / "other" / "repo")
        write_csv(tmp_path / "other" / "r.csv", addresses(120))
        piped = start(other, standin, f"sqlite:///{tmp_path}/other.sqlite3")
        out, err = piped.communicate(timeout=60)
    assert done.returncode == 0
    assert b"Sending" in seen and b"100%" in seen and b"120/120" in seen
    assert done.stdout.decode().startswith("privacy-policy 2.0.0 (major): notice sent\n")
    assert "  sent now                               120" in out  # it did send, silently
    assert "Sending" not in err

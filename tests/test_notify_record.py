"""The repository's record of each notify run: a line appended to a git note on the release tag
(refs/notes/policy-notify), naming the ledger without credentials and by its own id; and the
refusal to send a release the repository records as notified when the ledger in use has no
record of it (a fresh clone, another database at the same address). Real repositories, a
real bare origin, real SQLite and PostgreSQL ledgers and the SendGrid stand-in."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import git
import pytest
from click.testing import CliRunner
from notifyrepo import SLUG, addresses, release_repo, standin_env, write_csv
from sendgrid_standin import SendGridStandIn
from sqlalchemy.engine import make_url

from policy.cli import main

KEY = "SG.record-test-key-0123456789"
TAG = f"{SLUG}/v2.0.0"


def run(repo_dir: str | Path, *args: str):
    return CliRunner().invoke(
        main, ["--repo", str(repo_dir), *args], prog_name="policy", terminal_width=80
    )


@pytest.fixture
def standin(monkeypatch):
    with SendGridStandIn(api_key=KEY) as server:
        for name, value in standin_env(server.url, KEY).items():
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("POLICY_LEDGER_URL", raising=False)
        yield server


def records(repo_dir: str | Path, tag: str = TAG) -> list[dict]:
    repo = git.Repo(repo_dir)
    try:
        text = repo.git.notes("--ref", "policy-notify", "show", f"{tag}^{{tag}}")
    finally:
        repo.close()
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def ledger_id(path: Path) -> str:
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT value FROM notify_ledger WHERE key = 'ledger_id'").fetchone()[0]
    finally:
        db.close()


@pytest.fixture
def sent(tmp_path, standin):
    """2.0.0 announced to 3 people (and one invalid row) from the default ledger, `.policy/`."""
    repo = release_repo(tmp_path / "repo")
    source = write_csv(tmp_path / "r.csv", [*addresses(3), "not-an-address"])
    result = run(repo.working_tree_dir, "notify", SLUG, "2.0.0", "--recipients", str(source))
    assert result.exit_code == 0, result.output
    return repo, source


def test_each_run_appends_its_outcome_to_the_release_tag(sent, standin):
    repo, source = sent
    root = Path(repo.working_tree_dir)
    [first] = records(root)
    assert first == {
        "record": "policy-notify",
        "release": "privacy-policy@2.0.0",
        "at": first["at"],
        "outcome": "sent",
        "accepted": 3,
        "pending": 0,
        "invalid": 1,
        "cancelled": 0,
        "uncertain": 0,
        "complete": True,
        "ledger": "sqlite:///.policy/ledger.sqlite3",  # no machine's path in the repository
        "ledger_id": ledger_id(root / ".policy" / "ledger.sqlite3"),
        "by": first["by"],
    }
    assert first["at"].endswith("Z") and first["by"]
    again = run(root, "notify", SLUG, "2.0.0", "--recipients", str(source))
    assert again.exit_code == 0, again.output
    assert [(r["outcome"], r["accepted"], r["complete"]) for r in records(root)] == [
        ("sent", 3, True),
        ("sent", 3, True),
    ]
    assert standin.deliveries() == {a: 1 for a in addresses(3)}
    # A dry run writes nothing, not even a record.
    dry = run(root, "notify", SLUG, "2.0.0", "--recipients", str(source), "--dry-run")
    assert dry.exit_code == 0 and len(records(root)) == 2


def clone_with_records(repo: git.Repo, where: Path) -> Path:
    """A fresh clone through a bare origin, with every note fetched (as the workflow does):
    the records travel, the git-ignored `.policy/` ledger does not."""
    bare = where / "origin.git"
    git.Repo.init(bare, bare=True, initial_branch="main").close()
    repo.git.push(str(bare), "main", "--tags", "refs/notes/policy-notify")
    clone = git.Repo.clone_from(bare, where / "clone")
    clone.git.fetch("--no-tags", "origin", "+refs/notes/*:refs/notes/*")
    clone.close()
    return where / "clone"


def test_a_fresh_clone_refuses_to_send_again_unless_a_person_forces_it(sent, standin, tmp_path):
    repo, source = sent
    clone = clone_with_records(repo, tmp_path / "elsewhere")
    assert not (clone / ".policy").exists()
    refused = run(clone, "notify", SLUG, "2.0.0", "--recipients", str(source))
    assert refused.exit_code == 1
    line = refused.stdout.strip()
    assert "\n" not in line  # one line a person can act on
    assert line.startswith(
        "privacy-policy 2.0.0 (major): not sent. The repository records that its notice went "
        "out (3 accepted by SendGrid, complete, on "
    )
    assert line.endswith(
        "has no record of it: sending now would email everyone again. Point --ledger (or "
        "POLICY_LEDGER_URL) at that ledger, or run `policy notify privacy-policy 2.0.0 --force "
        "--reason '...'` to send anyway (recorded in the ledger)."
    )
    assert refused.stderr == (
        "Error: not sent, a person must decide (see above): privacy-policy 2.0.0\n"
    )
    # Without VERSION (every major release still owed, by this empty ledger) and as a dry run:
    for extra in ((), ("--dry-run",)):
        default = run(clone, "notify", SLUG, "--recipients", str(source), *extra)
        assert default.exit_code == 1 and "The repository records that" in default.stdout
    assert standin.deliveries() == {a: 1 for a in addresses(3)}
    # Pointed at the ledger that sent it, the clone knows it is done: nobody gets it twice.
    ledger = f"sqlite:///{Path(repo.working_tree_dir) / '.policy' / 'ledger.sqlite3'}"
    known = run(clone, "notify", SLUG, "--recipients", str(source), "--ledger", ledger)
    assert known.exit_code == 0, known.output
    assert "already notified (3 accepted by SendGrid" in known.stdout
    # A person decides to send again from this clone: recorded, and sent.
    forced = run(clone, "notify", SLUG, "2.0.0", "--recipients", str(source), "--force",
                 "--reason", "The first ledger was lost; legal asks to send again")  # fmt: skip
    assert forced.exit_code == 0, forced.output
    assert "(forced: recorded as notified in the repository" in forced.stdout
    assert standin.deliveries() == {a: 2 for a in addresses(3)}


def test_a_different_database_at_the_same_address_is_told_apart(sent, standin):
    repo, source = sent
    root = Path(repo.working_tree_dir)
    (root / ".policy" / "ledger.sqlite3").unlink()  # the ledger lost, a new one in its place
    for extra in ("-wal", "-shm"):
        (root / ".policy" / f"ledger.sqlite3{extra}").unlink(missing_ok=True)
    refused = run(root, "notify", SLUG, "2.0.0", "--recipients", str(source))
    assert refused.exit_code == 1
    assert "but the ledger in use (sqlite:///.policy/ledger.sqlite3, id " in refused.stdout
    assert ", a different database at the same address) has no record of it" in refused.stdout
    assert standin.deliveries() == {a: 1 for a in addresses(3)}


def test_a_run_that_sent_nothing_blocks_nothing(tmp_path, monkeypatch):
    """A run SendGrid refused (a wrong key) is recorded too, as sending nothing: another
    ledger may send the release later."""
    repo = release_repo(tmp_path / "repo")
    source = write_csv(tmp_path / "r.csv", addresses(2))
    with SendGridStandIn(api_key=KEY) as server:
        for name, value in standin_env(server.url, "SG.wrong-key").items():
            monkeypatch.setenv(name, value)
        failed = run(repo.working_tree_dir, "notify", SLUG, "2.0.0", "--recipients", str(source))
        assert failed.exit_code == 1
        [record] = records(repo.working_tree_dir)
        assert (record["outcome"], record["accepted"], record["complete"]) == ("stopped", 0, False)
        monkeypatch.setenv("SENDGRID_API_KEY", KEY)
        other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
        args = ("notify", SLUG, "2.0.0", "--recipients", str(source), "--ledger", other)
        result = run(repo.working_tree_dir, *args)
        assert result.exit_code == 0, result.output
        assert server.deliveries() == {a: 1 for a in addresses(2)}


def test_cancel_is_recorded_as_withdrawn(sent, standin):
    repo, _source = sent
    root = Path(repo.working_tree_dir)
    result = run(root, "notify", SLUG, "2.0.0", "--cancel", "--reason", "Sent by mistake")
    assert result.exit_code == 0, result.output
    last = records(root)[-1]
    assert (last["outcome"], last["cancelled"], last["accepted"]) == ("withdrawn", 3, 0)


def test_a_database_ledger_is_named_without_its_password(tmp_path, standin, pg_module_url):
    pg_url = pg_module_url
    repo = release_repo(tmp_path / "repo")
    source = write_csv(tmp_path / "r.csv", addresses(2))
    args = ("notify", SLUG, "2.0.0", "--recipients", str(source), "--ledger", pg_url)
    result = run(repo.working_tree_dir, *args)
    assert result.exit_code == 0, result.output
    [record] = records(repo.working_tree_dir)
    password = make_url(pg_url).password
    assert password and password not in json.dumps(record)
    assert record["ledger"] == pg_url.replace(f":{password}@", ":***@")

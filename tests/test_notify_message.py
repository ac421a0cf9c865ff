"""The email itself, the recipients parser and the ledger's guarantees, without the network."""

from __future__ import annotations

import csv
import io
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from notifyrepo import SLUG, release_repo

from policy.notifier import ledger as L
from policy.notifier.message import render
from policy.notifier.notice import build_notice, pick_release
from policy.notifier.recipients import Recipient, SourceCounts, check_row, read_recipients
from policy.versions.repository import PolicyRepository

ROOT = Path(__file__).resolve().parent.parent


def test_broken_repository_template_is_one_line(tmp_path):
    from gitrepo import write

    from policy.errors import ConfigError

    repo = release_repo(tmp_path / "repo")
    write(repo, "email/body.txt.j2", "Hello {{ nobody }}\n")
    repository = PolicyRepository.open(tmp_path / "repo")
    notice = build_notice(repository, pick_release(repository, SLUG, "2.0.0"))
    with pytest.raises(ConfigError) as caught:
        render(notice, repository.root, "email")
    assert caught.value.message == (
        "email template email/body.txt.j2: 'nobody' is undefined; fix the template"
    )
    repository.close()


# -- recipients ----------------------------------------------------------------------------------

CONTROL = st.sampled_from(["\r", "\n", "\x00", "\r\n", "\u2028", "\x85", "\x1b"])


@given(
    local=st.from_regex(r"[a-z0-9]{1,10}", fullmatch=True),
    bad=CONTROL,
    where=st.sampled_from(["email", "name", "user_id"]),
)
def test_no_row_with_control_characters_is_ever_accepted(local, bad, where):
    row = {"email": f"{local}@example.com", "name": "Ann", "user_id": "7"}
    row[where] = row[where][:2] + bad + "Bcc: evil@example.com" + row[where][2:]
    counts = SourceCounts()
    assert check_row(row, counts) is None
    assert counts.invalid_total == 1


@given(st.text(max_size=40))
def test_whatever_the_address_an_accepted_one_is_clean(text):
    counts = SourceCounts()
    recipient = check_row({"email": text}, counts)
    if recipient is None:
        assert counts.invalid_total == 1
    else:
        assert not any(ch in recipient.email for ch in "\r\n\x00,;<> ")
        assert recipient.key == recipient.email.lower()


@settings(max_examples=50)
@given(st.lists(st.tuples(st.text(max_size=12), st.text(max_size=12)), max_size=30))
def test_csv_rows_are_read_one_for_one(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("csv") / "r.csv"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["email", "name"])
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    counts = SourceCounts()
    got = list(read_recipients(str(path), counts=counts))
    assert counts.read == len(rows)
    assert counts.valid == len(got) and counts.valid + counts.invalid_total == len(rows)


def test_locale_that_is_not_a_locale_is_dropped_not_the_person():
    counts = SourceCounts()
    row = {"email": "Ann@Example.COM", "locale": "fr_FR; DROP", "name": " Ann "}
    assert check_row(row, counts) == Recipient("Ann@example.com", "ann@example.com", "Ann", "", "")


@pytest.mark.parametrize(
    ("name", "user_id"),
    [("Bob <bob@evil.example>", "7"), ("B" * 201, "7"), ("Bob", "9" * 300)],
    ids=["address-like-name", "long-name", "long-user-id"],
)
def test_odd_name_or_user_id_is_dropped_not_the_person(name, user_id):
    counts = SourceCounts()
    recipient = check_row({"email": "bob@example.com", "name": name, "user_id": user_id}, counts)
    assert recipient is not None and counts.invalid_total == 0
    assert recipient.email == "bob@example.com"
    assert "<" not in recipient.name and len(recipient.name) <= 200
    assert len(recipient.user_id) <= 200


# -- the ledger on SQLite and PostgreSQL -----------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgres"])
def ledger(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/ledger.sqlite3"
    else:
        url = request.getfixturevalue("pg_server").create_database("ledger")
    book = L.Ledger(url)
    yield book
    book.close()
    if request.param == "postgres":
        request.getfixturevalue("pg_server").drop_database(url)


def people(n: int) -> list[Recipient]:
    return [Recipient(f"P{i}@example.com", f"p{i}@example.com") for i in range(n)]


def test_case_variants_of_one_address_are_one_row(ledger):
    first = ledger.add_recipients("r@1", [Recipient("Ann@x.com", "ann@x.com")])
    again = ledger.add_recipients("r@1", [Recipient("ANN@x.com", "ann@x.com"), *people(2)])
    other_release = ledger.add_recipients("r@2", [Recipient("ann@x.com", "ann@x.com")])
    assert (first, again, other_release) == (1, 2, 1)
    assert ledger.counts("r@1") == {"pending": 3}


def test_claims_never_overlap(ledger):
    ledger.add_recipients("r", people(25))
    runs = [ledger.start_run("r") for _ in range(3)]
    seen: list[int] = []
    for n in range(20):
        for run in runs:
            seen += [c.id for c in ledger.claim_batch("r", run, 4, None, f"B{n}{run}", None)]
    assert sorted(seen) == sorted(set(seen)) and len(seen) == 25


def test_shards_split_the_recipients(ledger):
    ledger.add_recipients("r", people(40))
    run = ledger.start_run("r")
    parts = [ledger.claim_batch("r", run, 100, (i, 3), f"B{i}", None) for i in range(3)]
    assert sorted(len(p) for p in parts) != [0, 0, 40]
    assert sum(len(p) for p in parts) == 40
    assert all(p.shard_hash % 3 == i for i, part in enumerate(parts) for p in _people(part))


def _people(claimed):
    return [Recipient(c.email, c.key) for c in claimed]


def test_a_dead_runs_work_is_taken_over_once(ledger):
    ledger.add_recipients("r", people(6))
    dead = ledger.start_run("r")
    ledger.claim_batch("r", dead, 2, None, "B0", None)
    ledger.close_batch("B0", "cancelled", L.CLAIMED)  # 2 claimed, as after a cancel in a run
    ledger.claim_batch("r", dead, 2, None, "B1", None)  # 2 in flight
    ledger.finish_run(dead)  # ended without settling its batch: counts as dead
    first, second = ledger.start_run("r"), ledger.start_run("r")
    taken = ledger.recover("r", first)
    assert [t.batch_id for t in taken] == ["B1"]
    assert ledger.recover("r", second) == []  # the other recovering run gets nothing
    assert ledger.counts("r") == {"pending": 4, "in_flight": 2}
    ledger.close_batch("B1", "cancelled", L.PENDING)
    assert ledger.counts("r") == {"pending": 6}


def test_a_live_runs_work_is_left_alone(ledger):
    ledger.add_recipients("r", people(3))
    live = ledger.start_run("r")  # this very process: alive
    ledger.claim_batch("r", live, 3, None, "B", None)
    assert ledger.recover("r", ledger.start_run("r")) == []
    assert ledger.counts("r") == {"in_flight": 3}


def test_a_killed_process_counts_as_dead(ledger):
    ledger.add_recipients("r", people(2))
    code = (
        "import sys; from notifier import ledger as L; book = L.Ledger(sys.argv[1]); "
        "book.claim_batch('r', book.start_run('r'), 10, None, 'B', None); book.close()"
    )
    subprocess.run([sys.executable, "-c", code, ledger.url], check=True, cwd=ROOT, timeout=60)
    assert ledger.counts("r") == {"in_flight": 2}
    assert [t.size for t in ledger.recover("r", ledger.start_run("r"))] == [2]


def _hold_write_lock(path: Path, seconds: float | None) -> sqlite3.Connection:
    """Another run creating the same new SQLite file: a write under way, still in rollback mode."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE other_run (x)")
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO other_run VALUES (1)")
    if seconds is not None:
        threading.Timer(seconds, other.execute, ["COMMIT"]).start()
    return other


def test_a_new_sqlite_ledger_waits_for_another_run_opening_it(tmp_path):
    # SQLite refuses the switch to WAL at once, whatever the busy timeout, while another
    # connection writes; runs started together on a new ledger file must wait, not fail.
    path = tmp_path / "ledger.sqlite3"
    other = _hold_write_lock(path, 0.3)
    book = L.Ledger(f"sqlite:///{path}")
    with book.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    book.close()
    other.close()


def test_a_sqlite_ledger_locked_for_good_fails_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(L, "WAL_SWITCH_WAIT", 0.2)
    path = tmp_path / "ledger.sqlite3"
    other = _hold_write_lock(path, None)
    with pytest.raises(L.LedgerError) as caught:
        L.Ledger(f"sqlite:///{path}")
    other.close()
    assert caught.value.message == (
        f"ledger sqlite:///{path}: cannot be opened: database is locked; "
        "check --ledger / POLICY_LEDGER_URL"
    )


ADDRESS_CHARS = st.sampled_from([*"aZ09._-+!#'`{}~@@..\\\"(), \u00e9xX", "ß", "\u0430"])


@settings(max_examples=400)
@given(
    st.one_of(
        st.text(ADDRESS_CHARS, max_size=30),
        st.builds(
            "{}@{}".format,
            st.sampled_from(["Postmaster", "ann", "a.b", ".a", "a..b", "a" * 70, "ABUSE"]),
            st.sampled_from(["Example.COM", "x", "b\u00fccher.de", "localhost", "a-.com", "test"]),
        ),
    )
)
def test_fast_address_check_agrees_with_email_validator(text):
    from email_validator import EmailNotValidError, validate_email

    from policy.notifier.recipients import normalize_address

    try:
        expected = validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError:
        expected = None
    try:
        got = normalize_address(text)
    except EmailNotValidError:
        got = None
    assert got == expected


def test_every_notify_setting_is_in_policy_toml_at_its_default_and_in_the_readme():
    import tomllib

    from policy.settings.schema import NotifySettings

    defaults = NotifySettings().model_dump()
    written = tomllib.loads((ROOT / "policy.toml").read_text())["notify"]
    assert written == defaults
    readme = (ROOT / "docs" / "configuration.md").read_text()
    assert [k for k in defaults if f"| `[notify]` `{k}` |" not in readme] == []


@pytest.mark.parametrize(
    ("host", "silent_for", "taken"),
    [("elsewhere", 60, False), ("elsewhere", 180, True), ("here", 300, False), ("here", 900, True)],
)
def test_runs_are_dead_by_heartbeat_elsewhere_and_by_process_here(ledger, host, silent_for, taken):
    import datetime as dt
    import socket

    ledger.add_recipients("r", people(2))
    other = ledger.start_run("r")  # this live process, or a run on another machine
    ledger.claim_batch("r", other, 2, None, "B", None)
    beat = L.iso(L.now_utc() - dt.timedelta(seconds=silent_for))
    with ledger.engine.begin() as conn:
        conn.execute(
            ledger.runs.update()
            .where(ledger.runs.c.run_id == other)
            .values(host=socket.gethostname() if host == "here" else host, heartbeat_at=beat)
        )
    assert bool(ledger.recover("r", ledger.start_run("r"))) is taken


def test_loading_stopped_by_a_signal_says_from_which_row_the_next_run_reads(tmp_path):
    from notifyrepo import addresses, write_csv

    from policy.notifier.sender import LOAD_CHUNK, NotifyOptions, NotifyReport, _load

    source = write_csv(tmp_path / "r.csv", addresses(LOAD_CHUNK * 2 + 7))
    book = L.Ledger(f"sqlite:///{tmp_path}/ledger.sqlite3")
    asked = []

    def stopped() -> bool:  # the signal arrives while the second chunk is read
        asked.append(1)
        return len(asked) > 1

    report = NotifyReport(SLUG, "2.0.0", "major", "sent")
    try:
        complete = _load(book, "r", NotifyOptions(str(source)), report, stopped=stopped)
        assert complete is False
        assert book.counts("r") == {"pending": LOAD_CHUNK}
        assert (report.read, report.unread_from) == (LOAD_CHUNK, LOAD_CHUNK + 2)
        assert report.duplicates == 0
        again = NotifyReport(SLUG, "2.0.0", "major", "sent")
        assert _load(book, "r", NotifyOptions(str(source)), again) is True  # the next run
        assert book.counts("r") == {"pending": LOAD_CHUNK * 2 + 7}
        assert (again.read, again.duplicates, again.unread_from) == (
            LOAD_CHUNK * 2 + 7,
            LOAD_CHUNK,
            None,
        )
    finally:
        book.close()

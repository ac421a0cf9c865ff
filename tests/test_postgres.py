"""The PostgreSQL fixtures give real, separate databases on 127.0.0.1 that SQLAlchemy can use."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from postgres import postgres_bin
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

TESTS = Path(__file__).resolve().parent
INNER_TEST = """
from postgres import pg_server, pg_url  # noqa: F401


def test_url(pg_url):
    print("URL", pg_url)
"""
NO_POSTGRES = """
import postgres

postgres.BIN_GLOB = "/nonexistent/postgresql/*/bin"
"""


def run_inner(tmp_path: Path, env: dict[str, str], conftest: str = "") -> tuple[int, str]:
    """Run a one-test pytest session that uses the fixtures, in a separate process."""
    (tmp_path / "test_inner.py").write_text(INNER_TEST, encoding="utf-8")
    (tmp_path / "conftest.py").write_text(conftest, encoding="utf-8")
    command = [sys.executable, "-m", "pytest", "-q", "-s", "-rs", "-p", "no:cacheprovider"]
    done = subprocess.run(
        [*command, "test_inner.py"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(TESTS), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout


@pytest.fixture
def engine(pg_module_url):
    engine = create_engine(pg_module_url)
    yield engine
    engine.dispose()


def test_a_sqlalchemy_round_trip(engine):
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE notice (email text PRIMARY KEY, attempts int)"))
        connection.execute(
            text("INSERT INTO notice VALUES (:email, :attempts)"),
            [
                {"email": "ann@example.com", "attempts": 1},
                {"email": "bob@example.com", "attempts": 2},
            ],
        )
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT email, attempts FROM notice ORDER BY email")).all()
        version = connection.execute(text("SHOW server_version")).scalar_one()

    assert [tuple(r) for r in rows] == [("ann@example.com", 1), ("bob@example.com", 2)]
    assert int(version.split(".")[0]) >= 13


def test_the_url_is_psycopg_on_loopback_with_a_fresh_database(pg_url, pg_module_url):
    session, module = make_url(pg_url), make_url(pg_module_url)

    assert session.drivername == module.drivername == "postgresql+psycopg"
    assert session.database != module.database
    assert session.database != "postgres"
    if postgres_bin() is not None and session.host == "127.0.0.1":
        assert session.password  # the throwaway cluster is not open to every local user
    engine = create_engine(pg_url)
    try:
        with engine.connect() as connection:
            tables = connection.execute(
                text("SELECT count(*) FROM information_schema.tables WHERE table_schema='public'")
            ).scalar_one()
    finally:
        engine.dispose()
    assert tables == 0


def test_skip_locked_lets_two_workers_claim_distinct_rows(engine):
    """What the notifier's shards rely on: a locked chunk is skipped, not waited for."""
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE chunk (id int PRIMARY KEY, owner text)"))
        connection.execute(text("INSERT INTO chunk (id) SELECT generate_series(1, 4)"))
    claim = text(
        "SELECT id FROM chunk WHERE owner IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED"
    )
    first_claimed = threading.Event()
    release = threading.Event()
    claimed: dict[str, int] = {}

    def worker(name: str, hold: bool) -> None:
        with engine.begin() as connection:
            claimed[name] = connection.execute(claim).scalar_one()
            if hold:
                first_claimed.set()
                assert release.wait(10)

    holder = threading.Thread(target=worker, args=("a", True))
    holder.start()
    assert first_claimed.wait(10)
    worker("b", False)
    release.set()
    holder.join(10)

    assert claimed == {"a": 1, "b": 2}


def test_policy_test_pg_url_is_used_and_its_database_dropped(pg_server, tmp_path):
    given = make_url(pg_server.url).set(drivername="postgresql")  # a libpq-style URL works too

    code, out = run_inner(
        tmp_path, {"POLICY_TEST_PG_URL": given.render_as_string(hide_password=False)}
    )

    assert code == 0, out
    (line,) = [line for line in out.splitlines() if "URL " in line]
    used = make_url(line.split("URL ", 1)[1])
    assert (used.drivername, used.host, used.port) == ("postgresql+psycopg", given.host, given.port)
    assert used.database.startswith("policy_session_")
    engine = create_engine(pg_server.url)
    try:
        with engine.connect() as connection:
            left = connection.execute(
                text("SELECT count(*) FROM pg_database WHERE datname = :name"),
                {"name": used.database},
            ).scalar_one()
    finally:
        engine.dispose()
    assert left == 0


def test_without_postgresql_the_tests_are_skipped(tmp_path):
    env = {"POLICY_TEST_PG_URL": "", "CI": ""}

    code, out = run_inner(tmp_path, env, NO_POSTGRES)

    assert code == 0, out
    assert (
        "SKIPPED [1] test_inner.py:5: PostgreSQL (no /nonexistent/postgresql/*/bin/initdb, "
        "and POLICY_TEST_PG_URL is not set) is not installed; install the Debian package "
        "postgresql"
    ) in out
    assert "1 skipped" in out


def test_without_postgresql_in_ci_the_tests_fail(tmp_path):
    code, out = run_inner(tmp_path, {"POLICY_TEST_PG_URL": "", "CI": "true"}, NO_POSTGRES)

    assert code == 1, out
    assert (
        "is not installed; install the Debian package postgresql (CI is set: .ci/run "
        "installs it, so this is a broken set-up)"
    ) in out
    assert "1 error" in out

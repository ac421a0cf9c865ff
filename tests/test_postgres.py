"""The PostgreSQL fixtures give real, separate databases on 127.0.0.1 that SQLAlchemy can use."""

from __future__ import annotations

import threading

import pytest
from postgres import postgres_bin

sqlalchemy = pytest.importorskip("sqlalchemy")
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402


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

"""A real PostgreSQL for the tests: the ledger runs on PostgreSQL in production.

Why a throwaway cluster: CI runners are fresh Debian machines with the `postgresql` package but
no running server, and a developer's machine should not need one either. Steps:
`POLICY_TEST_PG_URL` set -> use that server; otherwise find Debian's binaries
(`/usr/lib/postgresql/*/bin`) -> `initdb` into a temporary directory (as the `postgres` user
when run as root, since PostgreSQL refuses to run as root) -> `pg_ctl start` on 127.0.0.1 at a
free port with its socket in the same directory -> hand out fresh databases (`CREATE DATABASE`)
-> stop the cluster and delete the directory at the end of the session.

No PostgreSQL on the machine: the tests that need it are skipped, except under CI (`CI` set),
where that is a broken set-up and fails.

Fixtures (made visible to every test module by `conftest.py`): `pg_server` (the session's
server), `pg_url` (a fresh database for the session), `pg_module_url` (a fresh database per
test module). SQLAlchemy and psycopg are imported lazily, so collecting tests stays fast.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ENV_URL = "POLICY_TEST_PG_URL"
BIN_GLOB = "/usr/lib/postgresql/*/bin"
DRIVER = "postgresql+psycopg"


@dataclasses.dataclass
class PostgresServer:
    """A PostgreSQL server the tests may create databases on."""

    url: str  # SQLAlchemy URL of a database to connect to for administration

    def create_database(self, hint: str = "policy_test") -> str:
        """A new, empty database; returns its SQLAlchemy URL."""
        from sqlalchemy import text
        from sqlalchemy.engine import make_url

        name = f"{re.sub(r'[^a-z0-9_]', '_', hint.lower())[:40]}_{secrets.token_hex(4)}"
        with self._admin() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        return make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def drop_database(self, url: str) -> None:
        from sqlalchemy import text
        from sqlalchemy.engine import make_url

        name = make_url(url).database
        with self._admin() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    @contextlib.contextmanager
    def _admin(self) -> Iterator:
        from sqlalchemy import create_engine
        from sqlalchemy.pool import NullPool

        engine = create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            with engine.connect() as connection:
                yield connection
        finally:
            engine.dispose()


def postgres_bin() -> Path | None:
    """The newest Debian PostgreSQL bin directory that has `initdb`, or None."""
    candidates = [p for p in Path("/").glob(BIN_GLOB.lstrip("/")) if (p / "initdb").is_file()]
    if not candidates:
        return None
    return max(candidates, key=lambda p: int(re.sub(r"\D", "", p.parent.name) or 0))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def throwaway_cluster(bin_dir: Path) -> Iterator[PostgresServer]:
    """A new cluster on 127.0.0.1, password-protected, stopped and deleted on exit."""
    as_root = os.geteuid() == 0
    runner = ["runuser", "-u", "postgres", "--"] if as_root else []
    base = Path(tempfile.mkdtemp(prefix="policy-pg-"))
    password = secrets.token_urlsafe(18)
    data = base / "data"
    try:
        (base / "pwfile").write_text(password + "\n", encoding="utf-8")
        if as_root:
            shutil.chown(base, "postgres", "postgres")
            shutil.chown(base / "pwfile", "postgres", "postgres")
        initdb = [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-E", "UTF8"]
        initdb += ["--auth=scram-sha-256", f"--pwfile={base / 'pwfile'}", "--no-sync"]
        _run([*runner, *initdb, "--locale=C.UTF-8"], base)
        port = free_port()
        options = (
            f"-c listen_addresses=127.0.0.1 -p {port} -k {base} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        start = [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-o", options]
        _run([*runner, *start, "-w", "-t", "60", "start"], base)
        try:
            yield PostgresServer(f"{DRIVER}://postgres:{password}@127.0.0.1:{port}/postgres")
        finally:
            stop = [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
            subprocess.run([*runner, *stop], capture_output=True, check=False)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _run(command: list[str], base: Path) -> None:
    """Run one PostgreSQL tool; on failure raise with its stderr and the server log's tail."""
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=base)
    if done.returncode != 0:
        tool = next(Path(c).name for c in command if c.endswith(("/initdb", "/pg_ctl")))
        log = base / "log"
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise RuntimeError(f"{tool} failed (exit {done.returncode}): {done.stderr.strip()} {tail}")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """The session's PostgreSQL: `POLICY_TEST_PG_URL`, else a throwaway local cluster."""
    given = os.environ.get(ENV_URL)
    if given:
        from sqlalchemy.engine import make_url

        url = make_url(given)
        if url.drivername == "postgresql":
            url = url.set(drivername=DRIVER)
        yield PostgresServer(url.render_as_string(hide_password=False))
        return
    bin_dir = postgres_bin()
    if bin_dir is None:
        from tools import missing

        missing(
            f"PostgreSQL (no {BIN_GLOB}/initdb, and {ENV_URL} is not set)",
            "the Debian package postgresql",
        )
    with throwaway_cluster(bin_dir) as server:
        yield server


@pytest.fixture(scope="session")
def pg_url(pg_server: PostgresServer) -> Iterator[str]:
    """A SQLAlchemy URL (`postgresql+psycopg://...`) to a fresh database for the session."""
    url = pg_server.create_database("policy_session")
    yield url
    pg_server.drop_database(url)


@pytest.fixture(scope="module")
def pg_module_url(pg_server: PostgresServer, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh database for one test module, so modules cannot see each other's tables."""
    url = pg_server.create_database(request.module.__name__.rsplit(".", 1)[-1])
    yield url
    pg_server.drop_database(url)

"""The ledger: per release and recipient, what was sent, under which batch, and when.

It is the memory that makes sending exactly once across crashes and concurrent runs. A
recipient row moves `pending` → `claimed` (a run took it) → `in_flight` (its batch is about to
be posted) → `sent` (SendGrid answered 202), or back to `pending` when its batch was cancelled,
or to `uncertain` when a batch was left unconfirmed past SendGrid's cancel window, or to
`cancelled` when a person withdrew the notice (`policy notify --cancel`). A batch row records the
SendGrid batch id, its send time and its fate. Runs register themselves so that a later run can
tell a crashed run's leftovers from a live run's work; a run that loaded every recipient and
left nothing pending records a completion, which is what "fully notified" means.

SQLite (the default, one machine) serialises writers with `BEGIN IMMEDIATE`; PostgreSQL (CI
runners, several machines) hands out distinct chunks with `FOR UPDATE SKIP LOCKED`. The schema is
created on first use, with the ledger's id: a random id, kept in the ledger itself, that the
repository's record of each run names (`notifier.record`), so that another database at the same
address is told apart. No secret and no message content is ever stored here.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from policy.errors import PolicyError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from policy.notifier.recipients import Recipient

DEFAULT_LEDGER = ".policy/ledger.sqlite3"
STALE_AFTER = 120.0
"""Seconds without a heartbeat after which a run on another machine counts as dead."""
LOCAL_STALE_AFTER = 600.0
"""The same for a run on this machine whose process still exists (a reused pid)."""

PENDING, CLAIMED, IN_FLIGHT = "pending", "claimed", "in_flight"
SENT, UNCERTAIN, CANCELLED = "sent", "uncertain", "cancelled"
WITHDRAWN = "withdrawn"
"""A batch a person cancelled with `policy notify --cancel` (its recipients are `cancelled`)."""


class LedgerError(PolicyError):
    """The ledger database cannot be opened or written."""


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime | None) -> str | None:
    """Timestamps are stored as ISO 8601 UTC text: sortable, portable, readable in any client."""
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def _tables():
    from sqlalchemy import (
        BigInteger,
        Boolean,
        Column,
        Index,
        Integer,
        MetaData,
        String,
        Table,
        Text,
        UniqueConstraint,
    )

    big = BigInteger().with_variant(Integer(), "sqlite")  # SQLite autoincrements INTEGER only
    md = MetaData()
    recipients = Table(
        "notify_recipients",
        md,
        Column("id", big, primary_key=True, autoincrement=True),
        Column("release", String(200), nullable=False),
        Column("email_key", String(320), nullable=False),
        Column("email", String(320), nullable=False),
        Column("name", String(200), nullable=False, default=""),
        Column("locale", String(35), nullable=False, default=""),
        Column("user_id", String(200), nullable=False, default=""),
        Column("shard_hash", BigInteger(), nullable=False),
        Column("status", String(16), nullable=False),
        Column("attempts", Integer(), nullable=False, default=0),
        Column("batch_id", String(128)),
        Column("message_id", String(200)),
        Column("run_id", String(64)),
        Column("accepted_at", String(32)),
        Column("updated_at", String(32), nullable=False),
        UniqueConstraint("release", "email_key", name="uq_notify_recipient"),
        Index("ix_notify_recipients_claim", "release", "status", "id"),
        Index("ix_notify_recipients_batch", "batch_id"),
    )
    batches = Table(
        "notify_batches",
        md,
        Column("batch_id", String(128), primary_key=True),
        Column("release", String(200), nullable=False),
        Column("run_id", String(64), nullable=False),
        Column("status", String(16), nullable=False),
        Column("size", Integer(), nullable=False),
        Column("send_at", String(32)),
        Column("message_id", String(200)),
        Column("detail", Text(), nullable=False, default=""),
        Column("created_at", String(32), nullable=False),
        Column("updated_at", String(32), nullable=False),
        Index("ix_notify_batches_release", "release", "status"),
    )
    runs = Table(
        "notify_runs",
        md,
        Column("run_id", String(64), primary_key=True),
        Column("release", String(200), nullable=False),
        Column("host", String(255), nullable=False),
        Column("pid", Integer(), nullable=False),
        Column("started_at", String(32), nullable=False),
        Column("heartbeat_at", String(32), nullable=False),
        Column("finished_at", String(32)),
    )
    releases = Table(
        "notify_releases",
        md,
        Column("release", String(200), primary_key=True),
        Column("slug", String(200), nullable=False),
        Column("version", String(40), nullable=False),
        Column("level", String(16), nullable=False),
        Column("forced", Boolean(), nullable=False, default=False),
        Column("created_at", String(32), nullable=False),
    )
    decisions = Table(
        "notify_decisions",
        md,
        Column("id", big, primary_key=True, autoincrement=True),
        Column("release", String(200), nullable=False),
        Column("at", String(32), nullable=False),
        Column("action", String(40), nullable=False),
        Column("by", String(200), nullable=False),
        Column("detail", Text(), nullable=False, default=""),
    )
    events = Table(
        "notify_events",
        md,
        Column("id", big, primary_key=True, autoincrement=True),
        Column("release", String(200)),
        Column("email_key", String(320), nullable=False),
        Column("event", String(32), nullable=False),
        Column("timestamp", String(32)),
        Column("sg_message_id", String(255)),
        Column("sg_event_id", String(255), unique=True),
        Column("batch_id", String(128)),
        Column("reason", Text(), nullable=False, default=""),
        Index("ix_notify_events_recipient", "release", "email_key"),
    )
    completions = Table(
        "notify_completions",
        md,
        Column("id", big, primary_key=True, autoincrement=True),
        Column("release", String(200), nullable=False),
        Column("run_id", String(64), nullable=False),
        Column("at", String(32), nullable=False),
        Column("recipients", Integer(), nullable=False),
        Index("ix_notify_completions_release", "release"),
    )
    identity = Table(
        "notify_ledger",
        md,
        Column("key", String(40), primary_key=True),
        Column("value", String(200), nullable=False),
    )
    return md, recipients, batches, runs, releases, decisions, events, completions, identity


@dataclass(frozen=True)
class Claimed:
    """A recipient a run holds, with what the email needs."""

    id: int
    email: str
    key: str
    name: str
    locale: str


@dataclass(frozen=True)
class Leftover:
    """A batch a dead or finished run left in flight, now owned by the recovering run."""

    batch_id: str
    send_at: dt.datetime | None
    size: int


@dataclass(frozen=True)
class ReleaseState:
    """What the ledger knows of one release's notice."""

    counts: dict[str, int]
    """Recipients per status."""
    completed_at: str | None
    """When a run last loaded every recipient and left none pending (None: never)."""
    withdrawn_at: str | None
    """When `--cancel` withdrew the notice, unless a person has sent it again since."""

    @property
    def accepted(self) -> int:
        return self.counts.get(SENT, 0)

    @property
    def never_notified(self) -> bool:
        """No recipient was ever accepted, or might have been (in flight, uncertain)."""
        return not any(self.counts.get(s, 0) for s in (SENT, UNCERTAIN, IN_FLIGHT, CANCELLED))

    @property
    def owed(self) -> int:
        """Recipients still to send (pending, or held by a run)."""
        return sum(self.counts.get(s, 0) for s in (PENDING, CLAIMED, IN_FLIGHT))

    @property
    def fully_notified(self) -> bool:
        return self.completed_at is not None and self.owed == 0


@dataclass(frozen=True)
class AuditRow:
    email: str
    status: str
    accepted_at: str | None
    batch_id: str | None
    message_id: str | None
    attempts: int
    events: tuple[tuple[str, str | None, str], ...]
    """(event, timestamp, reason) in time order."""


def shown_url(url: str) -> str:
    """The URL with every credential hidden and nothing else changed, for messages."""
    from policy.notifier.dburl import mask_url

    return mask_url(url)


def _make_folder(url: str) -> None:
    """The default ledger's folder, the repository's `.policy/`, is made (with its own
    `.gitignore`, `files.state_dir`) when the ledger is first opened; any other folder must
    exist, as the user named it."""
    from pathlib import Path

    from policy.files import STATE_DIR, state_dir

    if not url.startswith("sqlite:///") or url in ("sqlite://", "sqlite:///:memory:"):
        return
    folder = Path(url.removeprefix("sqlite:///").split("?", 1)[0]).parent
    if folder.name == STATE_DIR and folder.parent.is_dir():
        state_dir(folder.parent)


WAL_SWITCH_WAIT = 120.0
"""Seconds a new SQLite ledger waits for other runs that are switching it to WAL at once."""


def _switch_to_wal(cursor: Any) -> None:
    """Put the SQLite file in WAL mode, waiting for runs that open a new file at the same time.

    Leaving the rollback journal needs a lock that SQLite will not wait for when another
    connection holds the file's read lock meanwhile (it fails at once with "database is
    locked" rather than deadlock, whatever the busy timeout). The mode is kept in the file,
    so the first run to switch wins and the others only have to try again.
    """
    import random
    import sqlite3
    import time

    deadline = time.monotonic() + WAL_SWITCH_WAIT
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.005, 0.05))


class Ledger:
    """One ledger database; safe to share between the threads of one run."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine, event
        from sqlalchemy.exc import ArgumentError, NoSuchModuleError

        self.url = url
        _make_folder(url)
        try:
            if url.startswith("sqlite"):
                engine = create_engine(url, connect_args={"timeout": 120})

                @event.listens_for(engine, "connect")
                def _connect(dbapi_connection, _record) -> None:
                    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
                    cursor = dbapi_connection.cursor()
                    cursor.execute("PRAGMA busy_timeout=120000")
                    _switch_to_wal(cursor)
                    cursor.execute("PRAGMA synchronous=NORMAL")
                    cursor.close()

                @event.listens_for(engine, "begin")
                def _begin(conn) -> None:
                    conn.exec_driver_sql("BEGIN IMMEDIATE")  # one writer at a time, no upgrades

            else:
                engine = create_engine(url, pool_size=40, max_overflow=10, pool_pre_ping=True)
        except (ArgumentError, NoSuchModuleError, ValueError):
            raise LedgerError(
                f"ledger URL {shown_url(url)!r} is not a SQLAlchemy database URL; "
                "e.g. sqlite:///ledger.sqlite3 or postgresql+psycopg://user@host/db"
            ) from None
        except ImportError as exc:
            from policy.notifier.dburl import driver_missing

            raise LedgerError(driver_missing(exc, url, "ledger URL")) from None
        self.engine: Engine = engine
        self.is_postgres = engine.dialect.name == "postgresql"
        (
            self.md,
            self.recipients,
            self.batches,
            self.runs,
            self.releases,
            self.decisions,
            self.events,
            self.completions,
            self.identity,
        ) = _tables()
        self.ledger_id = self._create_schema()

    def _create_schema(self) -> str:
        """Create the tables on first use; the ledger's id (made then, kept in the ledger)."""
        from sqlalchemy import select, text
        from sqlalchemy.exc import SQLAlchemyError

        try:
            with self.engine.begin() as conn:
                if self.is_postgres:  # concurrent first runs must not race on CREATE TABLE
                    conn.execute(text("SELECT pg_advisory_xact_lock(7250001)"))
                self.md.create_all(conn, checkfirst=True)
                row = {"key": "ledger_id", "value": uuid.uuid4().hex}
                self._insert_ignore(conn, self.identity, [row], ["key"])
                found = conn.execute(
                    select(self.identity.c.value).where(self.identity.c.key == "ledger_id")
                ).scalar_one()
                return str(found)
        except SQLAlchemyError as exc:
            raise LedgerError(
                f"ledger {shown_url(self.url)}: cannot be opened: {_reason(exc, self.url)}; "
                "check --ledger / POLICY_LEDGER_URL"
            ) from None

    def close(self) -> None:
        self.engine.dispose()

    def _tx(self):
        return self.engine.begin()

    # -- releases, runs and decisions ---------------------------------------------------------

    def record_release(self, release: str, slug: str, version: str, level: str) -> None:
        with self._tx() as conn:
            self._insert_ignore(
                conn,
                self.releases,
                [
                    {
                        "release": release,
                        "slug": slug,
                        "version": version,
                        "level": level,
                        "forced": False,
                        "created_at": iso(now_utc()),
                    }
                ],
                ["release"],
            )

    def record_decision(self, release: str, action: str, by: str, detail: str = "") -> None:
        """A person's choice (`--force`, `--resend-uncertain`), kept for the audit trail."""
        with self._tx() as conn:
            conn.execute(
                self.decisions.insert().values(
                    release=release, at=iso(now_utc()), action=action, by=by, detail=detail
                )
            )
            if action == "force":
                conn.execute(
                    self.releases.update()
                    .where(self.releases.c.release == release)
                    .values(forced=True)
                )

    def decisions_for(self, release: str) -> list[tuple[str, str, str, str]]:
        from sqlalchemy import select

        d = self.decisions
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(d.c.at, d.c.action, d.c.by, d.c.detail)
                .where(d.c.release == release)
                .order_by(d.c.id)
            )
            return [tuple(r) for r in rows]

    def record_completion(self, release: str, run_id: str) -> bool:
        """Record that `run_id` loaded every recipient and none is left to send; False (nothing
        recorded) when recipients are still pending or held, e.g. by another run."""
        from sqlalchemy import func, select

        r = self.recipients
        with self._tx() as conn:
            owed = conn.execute(
                select(func.count()).where(
                    r.c.release == release, r.c.status.in_([PENDING, CLAIMED, IN_FLIGHT])
                )
            ).scalar_one()
            if owed:
                return False
            total = conn.execute(select(func.count()).where(r.c.release == release)).scalar_one()
            conn.execute(
                self.completions.insert().values(
                    release=release, run_id=run_id, at=iso(now_utc()), recipients=total
                )
            )
            return True

    def state(self, release: str) -> ReleaseState:
        from sqlalchemy import func, select

        c, d = self.completions, self.decisions
        with self.engine.connect() as conn:
            completed = conn.execute(
                select(func.max(c.c.at)).where(c.c.release == release)
            ).scalar_one()
            last = conn.execute(
                select(d.c.action, d.c.at)
                .where(d.c.release == release, d.c.action.in_(["cancel", "resend_cancelled"]))
                .order_by(d.c.id.desc())
                .limit(1)
            ).first()
        withdrawn = last[1] if last is not None and last[0] == "cancel" else None
        return ReleaseState(self.counts(release), completed, withdrawn)

    def start_run(self, release: str) -> str:
        run_id = uuid.uuid4().hex
        stamp = iso(now_utc())
        with self._tx() as conn:
            conn.execute(
                self.runs.insert().values(
                    run_id=run_id,
                    release=release,
                    host=socket.gethostname(),
                    pid=os.getpid(),
                    started_at=stamp,
                    heartbeat_at=stamp,
                )
            )
        return run_id

    def heartbeat(self, run_id: str) -> None:
        with self._tx() as conn:
            conn.execute(
                self.runs.update()
                .where(self.runs.c.run_id == run_id)
                .values(heartbeat_at=iso(now_utc()))
            )

    def finish_run(self, run_id: str) -> None:
        with self._tx() as conn:
            conn.execute(
                self.runs.update()
                .where(self.runs.c.run_id == run_id)
                .values(finished_at=iso(now_utc()))
            )

    def live_runs(self, release: str) -> list[tuple[str, int, str]]:
        """Runs of this release still working: (host, pid, started at)."""
        from sqlalchemy import select

        r = self.runs
        with self.engine.connect() as conn:
            dead = set(self._dead_runs(conn, release, ""))
            rows = conn.execute(
                select(r.c.run_id, r.c.host, r.c.pid, r.c.started_at).where(r.c.release == release)
            ).all()
        return [(host, pid, started) for run_id, host, pid, started in rows if run_id not in dead]

    def _dead_runs(self, conn: Connection, release: str, me: str) -> list[str]:
        """Runs of this release that can no longer finish their work: ended, killed, or silent."""
        from sqlalchemy import select

        r = self.runs
        host = socket.gethostname()
        now = now_utc()
        limit = now - dt.timedelta(seconds=STALE_AFTER)
        # On this machine the process table is the truth; a long silence still counts, in
        # case the dead run's pid was reused by another process.
        local_limit = now - dt.timedelta(seconds=LOCAL_STALE_AFTER)
        dead = []
        rows = conn.execute(
            select(r.c.run_id, r.c.host, r.c.pid, r.c.heartbeat_at, r.c.finished_at).where(
                r.c.release == release, r.c.run_id != me
            )
        )
        for run_id, run_host, pid, heartbeat, finished in rows:
            beat = parse_iso(heartbeat)
            local = run_host == host
            stale = beat is None or beat < (local_limit if local else limit)  # no beat: no proof
            gone = (not _alive(pid) or stale) if local else stale
            if finished is not None or gone:
                dead.append(run_id)
        return dead

    # -- recipients -----------------------------------------------------------------------------

    def add_recipients(
        self,
        release: str,
        chunk: Sequence[Recipient],
        locale_of: Callable[[str], str] | None = None,
    ) -> int:
        """Insert recipients not yet in the ledger for this release; the number inserted.
        `locale_of` turns a recipient's locale into the template language stored (claims take
        one language at a time).

        Written at the driver level (one prepared statement, tuples): building a million
        SQLAlchemy parameter dicts costs more than the database's own work."""
        if not chunk:
            return 0
        stamp = iso(now_utc())
        pick = locale_of or (lambda locale: locale)
        rows = [
            (release, r.key, r.email, r.name, pick(r.locale), r.user_id, r.shard_hash, stamp)
            for r in chunk
        ]
        columns = "release, email_key, email, name, locale, user_id, shard_hash, updated_at"
        mark = "%s" if self.is_postgres else "?"
        sql = (
            f"INSERT INTO notify_recipients ({columns}, status, attempts) "
            f"VALUES ({', '.join([mark] * 8)}, '{PENDING}', 0) "
            "ON CONFLICT (release, email_key) DO NOTHING"
        )
        with self._tx() as conn:
            cursor = conn.connection.driver_connection.cursor()
            try:
                cursor.executemany(sql, rows)
                return cursor.rowcount
            finally:
                cursor.close()

    def _insert_ignore(self, conn: Connection, table, rows: list[dict], keys: list[str]) -> int:
        """INSERT ... ON CONFLICT DO NOTHING; the number of rows inserted."""
        if self.is_postgres:
            from sqlalchemy.dialects.postgresql import insert as postgres_insert

            stmt = postgres_insert(table).on_conflict_do_nothing(index_elements=keys)
            returning = stmt.returning(table.c[keys[-1]])
            if len(rows) > 1:
                return len(conn.execute(returning, rows).all())
            return _one(conn, returning, rows)
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        sqlite_stmt = sqlite_insert(table).on_conflict_do_nothing(index_elements=keys)
        return conn.execute(sqlite_stmt, rows).rowcount

    def reopen_uncertain(self, release: str, status: str = UNCERTAIN) -> int:
        """`--resend-uncertain`: a person decided that uncertain recipients get the email again
        (and `--force` after `--cancel`: that withdrawn ones do, with status `cancelled`)."""
        r = self.recipients
        with self._tx() as conn:
            return conn.execute(
                r.update()
                .where(r.c.release == release, r.c.status == status)
                .values(status=PENDING, batch_id=None, run_id=None, updated_at=iso(now_utc()))
            ).rowcount

    def recover(self, release: str, run_id: str) -> list[Leftover]:
        """Take over what dead runs left: claimed rows go back to pending; their in-flight
        batches become this run's to cancel (or mark uncertain), returned for the caller."""
        from sqlalchemy import select

        r, b = self.recipients, self.batches
        stamp = iso(now_utc())
        with self._tx() as conn:
            dead = self._dead_runs(conn, release, run_id)
            if not dead:
                return []
            conn.execute(
                r.update()
                .where(r.c.release == release, r.c.status == CLAIMED, r.c.run_id.in_(dead))
                .values(status=PENDING, run_id=None, updated_at=stamp)
            )
            found = conn.execute(
                select(b.c.batch_id, b.c.run_id, b.c.send_at, b.c.size).where(
                    b.c.release == release, b.c.status == IN_FLIGHT, b.c.run_id.in_(dead)
                )
            ).all()
            taken = []
            for batch_id, owner, send_at, size in found:
                moved = conn.execute(  # a conditional update: two recovering runs cannot both win
                    b.update()
                    .where(b.c.batch_id == batch_id, b.c.run_id == owner, b.c.status == IN_FLIGHT)
                    .values(run_id=run_id, updated_at=stamp)
                ).rowcount
                if moved:
                    conn.execute(r.update().where(r.c.batch_id == batch_id).values(run_id=run_id))
                    taken.append(Leftover(batch_id, parse_iso(send_at), size))
            return taken

    def claim_batch(
        self,
        release: str,
        run_id: str,
        limit: int,
        shard: tuple[int, int] | None,
        batch_id: str,
        send_at: dt.datetime | None,
        by_locale: bool = False,
    ) -> list[Claimed]:
        """Claim up to `limit` pending recipients straight into a new in-flight batch, in one
        transaction: the ledger says `in_flight` before the request can go out. `by_locale`:
        only recipients of the oldest pending one's locale (one request, one language)."""
        from sqlalchemy import select

        r = self.recipients
        query = (
            select(r.c.id, r.c.email, r.c.email_key, r.c.name, r.c.locale)
            .where(r.c.release == release, r.c.status == PENDING)
            .order_by(r.c.id)
            .limit(limit)
        )
        if shard is not None:
            query = query.where(r.c.shard_hash % shard[1] == shard[0])
        if self.is_postgres:
            query = query.with_for_update(skip_locked=True)
        with self._tx() as conn:
            if by_locale:
                first = conn.execute(query.with_only_columns(r.c.locale).limit(1)).first()
                if first is None:
                    return []
                query = query.where(r.c.locale == first[0])
            rows = conn.execute(query).all()
            if not rows:
                return []
            ids = [row[0] for row in rows]
            self._write_in_flight(conn, release, run_id, batch_id, ids, send_at)
        return [Claimed(*row) for row in rows]

    def mark_in_flight(
        self,
        release: str,
        run_id: str,
        batch_id: str,
        ids: Sequence[int],
        send_at: dt.datetime | None,
    ) -> None:
        """Written before the request goes out: a crash after this point is recoverable."""
        with self._tx() as conn:
            self._write_in_flight(conn, release, run_id, batch_id, list(ids), send_at)

    def _write_in_flight(
        self,
        conn,
        release: str,
        run_id: str,
        batch_id: str,
        ids: list[int],
        send_at: dt.datetime | None,
    ) -> None:
        """The batch row and its recipients, `in_flight` together in the caller's transaction."""
        from sqlalchemy import update

        r = self.recipients
        stamp = iso(now_utc())
        conn.execute(
            self.batches.insert().values(
                batch_id=batch_id,
                release=release,
                run_id=run_id,
                status=IN_FLIGHT,
                size=len(ids),
                send_at=iso(send_at),
                detail="",
                created_at=stamp,
                updated_at=stamp,
            )
        )
        conn.execute(
            update(r)
            .where(r.c.id.in_(ids))
            .values(
                status=IN_FLIGHT,
                batch_id=batch_id,
                run_id=run_id,
                attempts=r.c.attempts + 1,
                updated_at=stamp,
            )
        )

    def mark_sent(self, batch_id: str, message_id: str | None) -> None:
        """SendGrid answered 202: the batch's recipients are done for good."""
        r, b = self.recipients, self.batches
        stamp = iso(now_utc())
        with self._tx() as conn:
            conn.execute(
                b.update()
                .where(b.c.batch_id == batch_id)
                .values(status=SENT, message_id=message_id, updated_at=stamp)
            )
            conn.execute(
                r.update()
                .where(r.c.batch_id == batch_id, r.c.status == IN_FLIGHT)
                .values(status=SENT, message_id=message_id, accepted_at=stamp, updated_at=stamp)
            )

    def close_batch(self, batch_id: str, status: str, recipients_to: str, detail: str = "") -> int:
        """End a batch that was not sent (`cancelled`, `rejected`) or cannot be known
        (`uncertain`); its recipients go to `recipients_to` (claimed, pending or uncertain)."""
        r, b = self.recipients, self.batches
        stamp = iso(now_utc())
        values: dict[str, Any] = {"status": recipients_to, "updated_at": stamp}
        if recipients_to == PENDING:
            values.update(batch_id=None, run_id=None)
        elif recipients_to == CLAIMED:
            values.update(batch_id=None)
        with self._tx() as conn:
            conn.execute(
                b.update()
                .where(b.c.batch_id == batch_id)
                .values(status=status, detail=detail, updated_at=stamp)
            )
            return conn.execute(
                r.update().where(r.c.batch_id == batch_id, r.c.status == IN_FLIGHT).values(values)
            ).rowcount

    # -- withdrawal (`policy notify --cancel`) -------------------------------------------------

    def scheduled_batches(self, release: str) -> list[Leftover]:
        """Batches SendGrid took or may have taken (`sent`, or `in_flight` from a dead run)."""
        from sqlalchemy import select

        b = self.batches
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(b.c.batch_id, b.c.send_at, b.c.size)
                .where(b.c.release == release, b.c.status.in_([SENT, IN_FLIGHT]))
                .order_by(b.c.created_at)
            ).all()
        return [Leftover(batch_id, parse_iso(send_at), size) for batch_id, send_at, size in rows]

    def withdraw_batch(self, batch_id: str) -> int:
        """SendGrid cancelled the batch: it is `withdrawn` and its recipients `cancelled`."""
        r, b = self.recipients, self.batches
        stamp = iso(now_utc())
        with self._tx() as conn:
            conn.execute(
                b.update()
                .where(b.c.batch_id == batch_id)
                .values(
                    status=WITHDRAWN, detail="cancelled by policy notify --cancel", updated_at=stamp
                )
            )
            return conn.execute(
                r.update()
                .where(r.c.batch_id == batch_id, r.c.status.in_([SENT, IN_FLIGHT]))
                .values(status=CANCELLED, updated_at=stamp)
            ).rowcount

    def cancel_pending(self, release: str) -> int:
        """Recipients not sent yet will not be: `cancelled` (a later run skips them)."""
        r = self.recipients
        with self._tx() as conn:
            return conn.execute(
                r.update()
                .where(r.c.release == release, r.c.status.in_([PENDING, CLAIMED]))
                .values(status=CANCELLED, batch_id=None, run_id=None, updated_at=iso(now_utc()))
            ).rowcount

    def unclaim(self, run_id: str, ids: Sequence[int]) -> None:
        """Give claimed recipients back (a run that stops early leaves nothing held)."""
        r = self.recipients
        with self._tx() as conn:
            conn.execute(
                r.update()
                .where(r.c.id.in_(list(ids)), r.c.status == CLAIMED, r.c.run_id == run_id)
                .values(status=PENDING, run_id=None, updated_at=iso(now_utc()))
            )

    # -- reading --------------------------------------------------------------------------------

    def counts(self, release: str, shard: tuple[int, int] | None = None) -> dict[str, int]:
        """Recipients of a release per status (of one shard, `--shard I/N`, when given)."""
        where = []
        if shard is not None:
            where.append(self.recipients.c.shard_hash % shard[1] == shard[0])
        return self._status_counts(self.recipients, release, *where)

    def _status_counts(self, table, release: str, *where) -> dict[str, int]:
        from sqlalchemy import func, select

        with self.engine.connect() as conn:
            rows = conn.execute(
                select(table.c.status, func.count())
                .where(table.c.release == release, *where)
                .group_by(table.c.status)
            )
            return {status: count for status, count in rows}

    def keys(self, release: str, size: int = 500) -> Iterator[list[str]]:
        """The recipients' keys of a release, `size` at a time (for a dry run's comparison)."""
        from sqlalchemy import select

        r = self.recipients
        last = 0
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(
                    select(r.c.id, r.c.email_key)
                    .where(r.c.release == release, r.c.id > last)
                    .order_by(r.c.id)
                    .limit(size)
                ).all()
            if not rows:
                return
            last = rows[-1][0]
            yield [row[1] for row in rows]

    def known(self, release: str, keys: Sequence[str]) -> int:
        """How many of these keys the ledger already has for the release."""
        from sqlalchemy import func, select

        r = self.recipients
        with self.engine.connect() as conn:
            return conn.execute(
                select(func.count()).where(r.c.release == release, r.c.email_key.in_(list(keys)))
            ).scalar_one()

    def languages(self, release: str) -> dict[str, int]:
        """Recipients per stored locale (the template language, when the notice has templates)."""
        from sqlalchemy import func, select

        r = self.recipients
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(r.c.locale, func.count()).where(r.c.release == release).group_by(r.c.locale)
            )
            return {locale: count for locale, count in rows}

    def suppressed(self, release: str) -> int:
        """Recipients SendGrid dropped (bounce or spam lists), as told by the event webhook."""
        from sqlalchemy import distinct, func, select

        e = self.events
        with self.engine.connect() as conn:
            return conn.execute(
                select(func.count(distinct(e.c.email_key))).where(
                    e.c.release == release, e.c.event == "dropped"
                )
            ).scalar_one()

    def uncertain(self, release: str, limit: int | None = None) -> list[str]:
        from sqlalchemy import select

        r = self.recipients
        query = (
            select(r.c.email)
            .where(r.c.release == release, r.c.status == UNCERTAIN)
            .order_by(r.c.id)
        )
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [row[0] for row in conn.execute(query)]

    def batch_statuses(self, release: str) -> dict[str, int]:
        """Batches of a release per status."""
        return self._status_counts(self.batches, release)

    def audit(self, release: str) -> Iterator[AuditRow]:
        """Every recipient of a release with its proof of notice, streamed in ledger order."""
        from sqlalchemy import select

        r, e = self.recipients, self.events
        query = (
            select(
                r.c.email,
                r.c.status,
                r.c.accepted_at,
                r.c.batch_id,
                r.c.message_id,
                r.c.attempts,
                e.c.event,
                e.c.timestamp,
                e.c.reason,
            )
            .select_from(
                r.outerjoin(e, (e.c.release == r.c.release) & (e.c.email_key == r.c.email_key))
            )
            .where(r.c.release == release)
            .order_by(r.c.id, e.c.timestamp, e.c.id)
        )
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=2000).execute(query)
            current: list[Any] | None = None
            events: list[tuple[str, str | None, str]] = []
            for row in result:
                head = list(row[:6])
                if current is not None and head != current:
                    yield _audit_row(current, events)
                    events = []
                current = head
                if row.event is not None:
                    events.append((row.event, row.timestamp, row.reason or ""))
            if current is not None:
                yield _audit_row(current, events)

    def add_events(self, events: Iterable[Any]) -> int:
        """Delivery events from the webhook; an event seen twice (SendGrid retries) counts once."""
        rows = [
            {
                "release": ev.release,
                "email_key": ev.email.lower(),
                "event": ev.event,
                "timestamp": iso(dt.datetime.fromtimestamp(ev.timestamp, dt.UTC))
                if ev.timestamp is not None
                else None,
                "sg_message_id": ev.sg_message_id,
                "sg_event_id": ev.sg_event_id,
                "batch_id": ev.batch_id,
                "reason": ev.reason or "",
            }
            for ev in events
        ]
        if not rows:
            return 0
        with self._tx() as conn:
            return self._insert_ignore(conn, self.events, rows, ["sg_event_id"])


def _audit_row(head: list[Any], events: list[tuple[str, str | None, str]]) -> AuditRow:
    email, status, accepted_at, batch_id, message_id, attempts = head
    return AuditRow(email, status, accepted_at, batch_id, message_id, attempts, tuple(events))


def _one(conn: Connection, stmt, rows: list[dict]) -> int:
    return len(conn.execute(stmt, rows[0]).all())


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _reason(exc: Exception, url: str) -> str:
    """The driver's first line, without any credential of `url` it may quote."""
    from policy.notifier.dburl import redact

    return redact(str(getattr(exc, "orig", None) or exc).strip().splitlines()[0], url)

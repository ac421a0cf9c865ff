"""The repository's own record of each notice sent: a line per `policy notify` run, in a git
note on the release tag (`versions.records.NotifyRecords`, `refs/notes/policy-notify`).

Why: the ledger is the memory that makes sending exactly once, but its default lives in the
git-ignored `.policy/` folder; a fresh clone, or a CI runner without `POLICY_LEDGER_URL`, has an
empty ledger and would email everyone again. The repository travels everywhere, so it keeps
what each run did, and a run refuses to send a release the repository records as notified
when the ledger in use has no record of it.

Steps, in order: `RunRecord.of` words a finished run (the ledger's counts after it: accepted,
pending, cancelled, uncertain; the invalid rows read; whether the release is now fully
notified; when; the ledger's address with every credential masked and a path inside the
repository made relative, and the ledger's own id, `Ledger.ledger_id`, which tells a different
database at the same address apart); `record` appends it to the tag; `records` reads them
back; `unknown_to_ledger` is the refusal's explanation when the records say the notice went
out and the ledger in use knows nothing of it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policy.errors import PolicyError

if TYPE_CHECKING:
    from policy.notifier.ledger import Ledger, ReleaseState
    from policy.versions.releases import Release
    from policy.versions.repository import PolicyRepository

KIND = "policy-notify"
"""The `record` field of every line, so that other notes appended by hand are told apart."""


@dataclass(frozen=True)
class RunRecord:
    """One run of `policy notify` (or `--cancel`) of one release, as the repository keeps it."""

    release: str
    """`SLUG@VERSION`, as the ledger names it."""
    at: str
    """When the run ended (ISO 8601 UTC)."""
    outcome: str
    """`sent`, `stopped` (an error), `interrupted` (a signal) or `withdrawn` (`--cancel`)."""
    accepted: int
    """Recipients SendGrid accepted, in all runs so far (the ledger's count after this one)."""
    pending: int
    """Recipients still owed the notice after this run."""
    invalid: int
    """Rows of the recipients this run read that could not be sent to."""
    cancelled: int
    """Recipients whose notice was withdrawn (`--cancel`)."""
    uncertain: int
    complete: bool
    """The release is fully notified: every recipient loaded, none owed."""
    ledger: str
    """The ledger's address, credentials masked."""
    ledger_id: str
    by: str
    record: str = KIND

    def to_line(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @property
    def notified(self) -> bool:
        """Some notice went out, or was fully dealt with, according to this record."""
        return self.accepted > 0 or self.complete

    def describe(self) -> str:
        status = "complete" if self.complete else f"{self.pending} still owed"
        return (
            f"{self.accepted} accepted by SendGrid, {status}, on {self.at[:10]}, from ledger "
            f"{self.ledger} (id {self.ledger_id[:12]})"
        )

    @classmethod
    def of(
        cls,
        release: str,
        outcome: str,
        state: ReleaseState,
        invalid: int,
        ledger: Ledger,
        root: Path,
    ) -> RunRecord:
        from policy.notifier.ledger import CANCELLED, UNCERTAIN, iso, now_utc
        from policy.notifier.sender import who

        return cls(
            release=release,
            at=iso(now_utc()) or "",
            outcome=outcome,
            accepted=state.accepted,
            pending=state.owed,
            invalid=invalid,
            cancelled=state.counts.get(CANCELLED, 0),
            uncertain=state.counts.get(UNCERTAIN, 0),
            complete=state.fully_notified,
            ledger=ledger_name(ledger.url, root),
            ledger_id=ledger.ledger_id,
            by=who(),
        )


def ledger_name(url: str, root: Path) -> str:
    """The ledger's address for a record: credentials masked (`notifier.dburl`), and a SQLite
    file inside the repository named relative to it (`sqlite:///.policy/ledger.sqlite3`), so
    that no machine's path is written into the repository."""
    from policy.notifier.ledger import shown_url

    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///").split("?", 1)[0])
        try:
            return f"sqlite:///{path.resolve().relative_to(root.resolve()).as_posix()}"
        except ValueError:
            pass
    return shown_url(url)


def record(repository: PolicyRepository, release: Release, run: RunRecord) -> None:
    """Append the run's record to the release tag (`versions.records.NotifyRecords`)."""
    from policy.versions.records import NotifyRecords

    NotifyRecords(repository).append(release.tag, run.to_line())


def records(repository: PolicyRepository, release: Release) -> list[RunRecord]:
    """The records of `release`'s notice runs, oldest first; lines that are not records
    (written by hand, or by a later version with other fields) are skipped."""
    from policy.versions.records import NotifyRecords

    key = f"{release.slug}@{release.version}"
    found = []
    for line in NotifyRecords(repository).read(release.tag).splitlines():
        try:
            data: Any = json.loads(line)
            if not isinstance(data, dict) or data.get("record") != KIND:
                continue
            run = RunRecord(**data)
        except (ValueError, TypeError):
            continue
        if run.release == key:
            found.append(run)
    return sorted(found, key=lambda r: r.at)


def unknown_to_ledger(
    repository: PolicyRepository, release: Release, ledger: Ledger | None, state: ReleaseState
) -> str | None:
    """Why this release must not be sent with this ledger: the repository records that its
    notice went out, and the ledger in use has no record of the release at all (a fresh clone's
    `.policy/`, a CI runner without `POLICY_LEDGER_URL`, another database at the same
    address). None when there is no such record, or the ledger knows the release."""
    if state.counts or state.completed_at is not None:
        return None
    try:
        notified = [r for r in records(repository, release) if r.notified]
    except PolicyError:
        return None
    if not notified:
        return None
    last = notified[-1]
    if ledger is None:
        in_use = "the ledger in use (none yet)"
    else:
        name = ledger_name(ledger.url, repository.root)
        same = name == last.ledger and ledger.ledger_id != last.ledger_id
        other = ", a different database at the same address" if same else ""
        in_use = f"the ledger in use ({name}, id {ledger.ledger_id[:12]}{other})"
    slug, version = release.slug, release.version
    return (
        f"The repository records that its notice went out ({last.describe()}), but {in_use} "
        "has no record of it: sending now would email everyone again. Point --ledger (or "
        f"POLICY_LEDGER_URL) at that ledger, or run `policy notify {slug} {version} --force "
        "--reason '...'` to send anyway (recorded in the ledger)."
    )

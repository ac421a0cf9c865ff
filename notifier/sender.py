"""Send a release's notice to every recipient exactly once, across crashes, parallel runs and
signals.

Which releases: `policy notify SLUG VERSION` announces that release; `policy notify SLUG`
announces every major release of SLUG that the ledger has not seen through, oldest first. A
major release already in effect that was never announced, a notice a person withdrew
(`--cancel`), and a release the repository records as notified while the ledger in use knows
nothing of it (`notifier.record`), are refused until a person decides (`--force --reason`,
recorded in the ledger). Each run that sends appends its outcome to the release tag.

Steps of a run, in order:
1. recover what dead runs left: claimed recipients go back to pending; a batch left in flight
   is cancelled while SendGrid still allows it (its recipients go back to pending), or its
   recipients become `uncertain` once the cancel window has passed;
2. load the recipients into the ledger (new ones only: the ledger's unique key deduplicates),
   each with the template language of their locale;
3. workers (`concurrency` threads) claim chunks of `batch_size` pending recipients of one
   language, get a batch id, write the batch `in_flight` to the ledger, post it with `send_at`
   a while ahead, and mark it `sent` on 202. A lost or failed answer makes the batch ambiguous:
   it is cancelled and its recipients go out again under a new batch id. 429 waits (honouring
   X-RateLimit-Reset) and retries the same request; 400/401/403 stop the run, leaving every
   recipient resumable;
4. the run ends when every recipient is loaded and none is pending (a completion is recorded:
   the release is then fully notified), at the first error, or at SIGINT/SIGTERM (`stopping`:
   no new request, the ones in flight get a few seconds, the report says what went out).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policy.errors import PolicyError, UsageProblem
from policy.notifier import ledger as L
from policy.notifier.sendgrid_api import (
    CANCEL_WINDOW,
    Outcome,
    SendGridApi,
    api_host,
    api_key_from_env,
    backoff,
    rejected_message,
)
from policy.notifier.stopping import Stop

if TYPE_CHECKING:
    from policy.notifier.message import Notice, Rendered, Renderings
    from policy.notifier.recipients import InvalidRow
    from policy.settings.schema import NotifySettings
    from policy.versions.releases import Release
    from policy.versions.repository import PolicyRepository

LOAD_CHUNK = 5000
CANCEL_MARGIN = 30.0
"""Seconds of safety before the cancel window closes: later than this, we do not count on it."""
HEARTBEAT_EVERY = 10.0


@dataclass
class NotifyOptions:
    recipients: str | None
    query: str | None = None
    ledger_url: str | None = None
    dry_run: bool = False
    force: bool = False
    resend_uncertain: bool = False
    shard: tuple[int, int] | None = None
    progress: bool = False
    reason: str = ""
    """Why a person forced the send (`--force --reason`), kept in the ledger."""
    today: dt.date | None = None
    """The day that decides whether a release is already in effect (default: today)."""


@dataclass
class NotifyReport:
    """The outcome of one release's run, for people (`text`) and programs (`to_json`)."""

    slug: str
    version: str
    level: str
    outcome: str
    """`sent`, `not major`, `dry run`, `stopped` (an error), `interrupted` (a signal),
    `refused` (a person must decide), `done` or `withdrawn` (nothing to send)."""
    forced: bool = False
    forced_why: str = ""
    sent: int = 0
    already_sent: int = 0
    sent_by_others: int = 0
    read: int = 0
    invalid: int = 0
    invalid_reasons: dict[str, int] = field(default_factory=dict)
    invalid_rows: list[InvalidRow] = field(default_factory=list)
    duplicates: int = 0
    suppressed: int = 0
    failed: int = 0
    uncertain: list[str] = field(default_factory=list)
    pending: int = 0
    """Recipients in the ledger not sent yet (after a dry run: that a real run would send)."""
    in_flight: int = 0
    """Recipients whose batch was posted but not answered when the run ended."""
    withdrawn: int = 0
    unread_from: int | None = None
    """The first row of the source not read yet, when a signal cut the loading short."""
    batches_sent: int = 0
    batches_cancelled: int = 0
    resent_uncertain: int = 0
    languages: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    refusal: str = ""
    stopped_by: str = ""
    completed_at: str | None = None
    sample: Rendered | None = None
    sample_data: dict[str, Any] | None = None
    ledger: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "release": f"{self.slug}@{self.version}",
            "slug": self.slug,
            "version": self.version,
            "level": self.level,
            "outcome": self.outcome,
            "forced": self.forced,
            "forced_why": self.forced_why or None,
            "refusal": self.refusal or None,
            "stopped_by": self.stopped_by or None,
            "ledger": self.ledger,
            "read": self.read,
            "sent": self.sent,
            "already_sent": self.already_sent,
            "sent_by_other_runs": self.sent_by_others,
            "not_sent": self.pending,
            "in_flight": self.in_flight,
            "withdrawn": self.withdrawn,
            "unread_from_row": self.unread_from,
            "invalid": self.invalid,
            "invalid_reasons": self.invalid_reasons,
            "invalid_rows": [row.to_json() for row in self.invalid_rows],
            "invalid_rows_complete": len(self.invalid_rows) == self.invalid,
            "already_in_ledger": self.duplicates,
            "suppressed": self.suppressed,
            "failed": self.failed,
            "uncertain": len(self.uncertain),
            "uncertain_recipients": self.uncertain,
            "batches_sent": self.batches_sent,
            "batches_cancelled": self.batches_cancelled,
            "resent_uncertain": self.resent_uncertain,
            "languages": self.languages,
            "completed_at": self.completed_at,
            "warnings": self.warnings,
            "error": self.error,
        }

    def text(self, list_limit: int = 50) -> str:
        head = f"{self.slug} {self.version} ({self.level})"
        if self.outcome == "not major":
            return (
                f"{head}: not a major release, so no email is sent "
                "(use --force --reason to send anyway).\n"
            )
        if self.outcome == "refused":
            return f"{head}: not sent. {self.refusal}\n"
        if self.outcome == "done":
            when = (self.completed_at or "")[:10]
            return (
                f"{head}: already notified ({self.already_sent} accepted by SendGrid, "
                f"completed {when}); nothing to send.\n"
            )
        if self.outcome == "withdrawn":
            return f"{head}: its notice was withdrawn (policy notify --cancel); nothing to send.\n"
        if self.outcome == "dry run":
            rows = [
                ("recipients read", self.read),
                ("would be sent now", self.pending),
                ("already sent earlier", self.already_sent),
            ]
            rows += [
                (label, value)
                for label, value in (
                    ("in flight (the next run settles them)", self.in_flight),
                    ("uncertain (not sent again unasked)", len(self.uncertain)),
                    ("withdrawn (policy notify --cancel)", self.withdrawn),
                )
                if value
            ]
            rows += [("invalid (never sent)", self.invalid), ("repeated rows", self.duplicates)]
        else:
            rows = [
                ("recipients read", self.read),
                ("sent now", self.sent),
                ("already sent earlier", self.already_sent),
                ("sent by other runs meanwhile", self.sent_by_others),
                ("invalid (never sent)", self.invalid),
                ("already in the ledger (repeated rows)", self.duplicates),
                ("suppressed (dropped by SendGrid)", self.suppressed),
                ("failed (left pending, run again)", self.failed),
                ("uncertain", len(self.uncertain)),
            ]
            if self.outcome in ("stopped", "interrupted") or self.in_flight:
                rows.append(("not sent (run again to send)", self.pending))
            if self.in_flight:
                rows.append(("in flight, answer unknown", self.in_flight))
            if self.withdrawn:
                rows.append(("withdrawn (policy notify --cancel)", self.withdrawn))
        title = {
            "sent": "notice sent",
            "dry run": "dry run, nothing sent",
            "stopped": "stopped before the end",
            "interrupted": f"stopped by {self.stopped_by} before the end",
        }[self.outcome]
        forced = f" (forced: {self.forced_why})" if self.forced else ""
        lines = [f"{head}: {title}{forced}"]
        width = max(len(label) for label, _ in rows)
        lines += [f"  {label.ljust(width)}  {value}" for label, value in rows]
        for reason, count in sorted(self.invalid_reasons.items()):
            lines.append(f"    {reason}: {count}")
        if len(self.languages) > 1 or (self.languages and self.outcome == "dry run"):
            shown = ", ".join(f"{lang} {n}" for lang, n in sorted(self.languages.items()))
            lines.append(f"  emails by language: {shown}")
        if self.unread_from is not None:
            lines.append(
                f"Rows from {self.unread_from} on were not read from the recipients yet; "
                "the next run reads them."
            )
        if self.in_flight:
            lines.append(
                "In flight: SendGrid had not answered for these when the run ended; the next run "
                "cancels and resends them while SendGrid allows it, so nobody gets two."
            )
        if self.uncertain:
            lines.append(
                "Uncertain: SendGrid may or may not have accepted these and the batch can no "
                "longer be cancelled; check the audit or the event webhook, then decide with "
                "--resend-uncertain:"
            )
            lines += [f"  {email}" for email in self.uncertain[:list_limit]]
            if len(self.uncertain) > list_limit:
                more = len(self.uncertain) - list_limit
                lines.append(f"  ... and {more} more (see --report or policy audit)")
        if self.sample is not None:
            lines += [
                "",
                f"Sample email ({self.sample.locale}):",
                f"Subject: {self.sample.subject}",
                "",
                self.sample.text.rstrip("\n"),
            ]
        elif self.sample_data is not None:
            import json

            lines += ["", "Dynamic template data:", json.dumps(self.sample_data, indent=2)]
        return "\n".join(lines) + "\n"


def write_report(reports: list[NotifyReport], path: Path, one: bool) -> None:
    """The JSON report, written whole or not at all: one release's object when VERSION was
    given (`one`), else `{"releases": [...]}` in the order they were considered."""
    if one:
        data: Any = reports[0].to_json() if reports else {}
    else:
        data = {"releases": [report.to_json() for report in reports]}
    write_json(data, path)


def write_json(data: Any, path: Path) -> None:
    import json

    from policy.files import write_atomic

    payload = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        write_atomic(Path(path), payload.encode("utf-8"))
    except OSError as exc:
        raise PolicyError(f"{path}: cannot write the report ({exc.strerror})") from None


def who() -> str:
    """The person behind a decision: the GitHub actor in Actions, else the login name."""
    actor = os.environ.get("GITHUB_ACTOR")
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"{actor} (GitHub)" if actor else user


def notify(
    repository: PolicyRepository,
    slug: str,
    version: str | None,
    options: NotifyOptions,
    warn: Callable[[str], None] = lambda _m: None,
    stop: Stop | None = None,
) -> list[NotifyReport]:
    """Announce VERSION, or every major release still owed a notice; see the module docstring.
    One report per release considered, in order; the first that fails or is interrupted ends
    the list."""
    from policy.notifier.notice import releases_in_question
    from policy.versions.levels import Level

    stop = stop if stop is not None else Stop()
    if options.force and not options.reason.strip():
        raise UsageProblem("--force needs --reason '...': the ledger records who decided and why")
    releases = releases_in_question(repository, slug, version)
    explicit = version is not None
    if explicit and releases[0].level is not Level.MAJOR and not options.force:
        release = releases[0]
        level = release.level.label if release.level is not None else "unknown"
        return [NotifyReport(slug, str(release.version), level, "not major")]
    if not releases:
        return []
    if not options.recipients:
        raise UsageProblem("--recipients is required: a CSV file or a database URL with --query")
    settings = repository.settings.notify
    api = None
    if not options.dry_run:
        key = api_key_from_env(settings.api_key_env)
        api = SendGridApi(key, api_host(), settings.timeout_seconds)
    url = _ledger_url(options)
    ledger = L.Ledger(url) if url is not None else None
    shown = L.shown_url(url) if url is not None else "none yet"
    warned: list[str] = []

    def warn_once(message: str) -> None:
        if message not in warned:
            warned.append(message)
            warn(message)

    reports = []
    try:
        for release in releases:
            if stop.is_set():
                break
            report = _announce(
                repository, release, explicit, options, ledger, api, warn_once, stop, shown
            )
            reports.append(report)
            if ledger is not None and not options.dry_run and report.outcome in RUN_OUTCOMES:
                _record(repository, release, report, ledger, warn_once)
            if report.error or report.stopped_by:
                break
    finally:
        if ledger is not None:
            ledger.close()
    return reports


RUN_OUTCOMES = ("sent", "stopped", "interrupted")
"""Outcomes of a run that went as far as sending: each is recorded in the repository."""


def _record(
    repository: PolicyRepository,
    release: Release,
    report: NotifyReport,
    ledger: L.Ledger,
    warn: Callable[[str], None],
) -> None:
    """Append the run's outcome to the release tag (`notifier.record`). The emails are sent
    whatever happens here: a failure to record is a loud warning, not an error."""
    from policy.notifier.record import RunRecord, record

    key = f"{release.slug}@{release.version}"
    try:
        run = RunRecord.of(
            key, report.outcome, ledger.state(key), report.invalid, ledger, repository.root
        )
        record(repository, release, run)
    except PolicyError as exc:
        message = (
            f"{release.slug} {release.version}: the outcome of this run is not recorded in the "
            f"repository ({exc.message}); the ledger has it, but a clone without this ledger "
            "will not know the notice went out"
        )
        report.warnings.append(message)
        warn(message)


def _ledger_url(options: NotifyOptions) -> str | None:
    """The ledger in use (resolved by the command's runtime); for a dry run, None when it is a
    SQLite file that does not exist yet: a dry run creates nothing, and everyone is new."""
    url = options.ledger_url
    if url is None and not options.dry_run:
        raise UsageProblem("no ledger to record the sending in; give --ledger or POLICY_LEDGER_URL")
    missing = url is not None and url.startswith("sqlite:///")
    if options.dry_run and missing and not Path(str(url).removeprefix("sqlite:///")).exists():
        return None
    return url


def _announce(
    repository: PolicyRepository,
    release: Release,
    explicit: bool,
    options: NotifyOptions,
    ledger: L.Ledger | None,
    api: SendGridApi | None,
    warn: Callable[[str], None],
    stop: Stop,
    shown: str,
) -> NotifyReport:
    """One release: decide whether it may go out, then dry-run or send it."""
    from policy.notifier.message import render_all
    from policy.notifier.notice import build_notice
    from policy.versions.levels import Level

    slug, version = release.slug, str(release.version)
    level = release.level.label if release.level is not None else "unknown"
    report = NotifyReport(slug, version, level, "sent", ledger=shown)
    key = f"{slug}@{version}"
    state = ledger.state(key) if ledger is not None else L.ReleaseState({}, None, None)
    if not explicit and state.withdrawn_at:
        report.outcome = "withdrawn"
        return report
    if not explicit and state.fully_notified:
        report.outcome, report.already_sent = "done", state.accepted
        report.completed_at = state.completed_at
        return report
    overrides = _overrides(release, state, options.today or dt.date.today(), report)
    from policy.notifier.record import unknown_to_ledger

    unknown = unknown_to_ledger(repository, release, ledger, state)
    if unknown is not None:  # first: the likeliest reason, and the one a person must see
        label = "recorded as notified in the repository, unknown to the ledger in use"
        overrides.insert(0, ("force", label, unknown))
    if overrides and not options.force:
        report.outcome = "refused"
        report.refusal = overrides[0][2]
        return report
    decisions = [(action, f"{detail}: {options.reason.strip()}") for action, detail, _ in overrides]
    report.forced = bool(overrides)
    report.forced_why = "; ".join(detail for _, detail, _ in overrides)
    if (
        release.effective_date is not None
        and release.effective_date <= (options.today or dt.date.today())
        and not state.never_notified
    ):
        warn(
            f"{slug} {version} took effect on {release.effective_date.isoformat()}: the "
            "recipients not told yet get the notice late"
        )
    settings = repository.settings.notify
    notice = build_notice(repository, release, forced=release.level is not Level.MAJOR)
    renderings = None
    if not settings.template_id:
        renderings = render_all(notice, repository.root, settings.templates_dir)
    if options.dry_run:
        return _dry_run(report, notice, renderings, options, ledger, state)
    if settings.send_delay_seconds <= CANCEL_WINDOW:
        message = (
            f"[notify] send_delay_seconds = {settings.send_delay_seconds}: batches go out within "
            "SendGrid's 600 s cancel window, so a batch whose answer is lost cannot be cancelled "
            "and its recipients become uncertain; use 900 or more"
        )
        report.warnings.append(message)
        warn(message)
    assert ledger is not None and api is not None
    run = Run(ledger, api, settings, notice, renderings, options, report, stop)
    run.decisions = decisions
    run.reopen_withdrawn = state.withdrawn_at is not None
    return run.execute()


def _overrides(
    release: Release, state: L.ReleaseState, today: dt.date, report: NotifyReport
) -> list[tuple[str, str, str]]:
    """What a person must decide before this release goes out: (ledger action, short label,
    the plain explanation shown when they have not)."""
    from policy.versions.levels import Level

    slug, version = release.slug, str(release.version)
    force = f"`policy notify {slug} {version} --force --reason '...'`"
    found = []
    if release.level is not Level.MAJOR:
        found.append(("force", f"level {report.level}", f"it is not a major release; {force}"))
    if state.withdrawn_at:
        found.append(
            (
                "force",
                "withdrawn earlier",
                f"Its notice was withdrawn on {state.withdrawn_at[:10]} "
                f"(`policy notify --cancel`), so nothing more goes out unless a person decides "
                f"to send it after all: {force} (recorded in the ledger).",
            )
        )
    effective = release.effective_date
    if effective is not None and effective <= today and state.never_notified:
        found.append(
            (
                "force",
                f"in effect since {effective.isoformat()}, never notified",
                f"It took effect on {effective.isoformat()} and the ledger in use ({{ledger}}) "
                "has no notice of it, so an email now would announce a change that already "
                f"applies. A person decides: to send it anyway, run {force} (recorded in the "
                f"ledger); to record that it will not be sent, run `policy notify {slug} "
                f"{version} --cancel --reason '...'`. If it was announced from another ledger, "
                "point --ledger at that one.",
            )
        )
    return [
        (action, label, text.replace("{ledger}", report.ledger or "default"))
        for action, label, text in found
    ]


def _dry_run(
    report: NotifyReport,
    notice: Notice,
    renderings: Renderings | None,
    options: NotifyOptions,
    ledger: L.Ledger | None,
    state: L.ReleaseState,
) -> NotifyReport:
    """What a real run would do now: the recipients go through a throwaway ledger (counts,
    duplicates, languages), then the ledger in use says which of them it already has."""
    import tempfile

    report.outcome = "dry run"
    key = notice.release_key
    locale_of = renderings.locale_for if renderings is not None else None
    with tempfile.TemporaryDirectory(prefix="policy-dry-run-") as tmp:
        scratch = L.Ledger(f"sqlite:///{tmp}/ledger.sqlite3")
        try:
            _load(scratch, key, options, report, locale_of=locale_of)
            new = 0
            for keys in scratch.keys(key):
                new += len(keys) - (ledger.known(key, keys) if ledger is not None else 0)
            report.languages = scratch.languages(key)
        finally:
            scratch.close()
    counts = ledger.counts(key, options.shard) if ledger is not None else {}
    report.already_sent = counts.get(L.SENT, 0)
    report.in_flight = counts.get(L.IN_FLIGHT, 0)
    report.withdrawn = counts.get(L.CANCELLED, 0)
    report.uncertain = ledger.uncertain(key) if ledger is not None else []
    report.pending = new + counts.get(L.PENDING, 0) + counts.get(L.CLAIMED, 0)
    if options.resend_uncertain:
        report.pending += len(report.uncertain)
    if report.forced and state.withdrawn_at:
        report.pending += report.withdrawn
    if renderings is not None:
        report.sample = renderings.by_locale[renderings.fallback].personalized("")
    else:
        report.sample_data = {**notice.template_data(), "name": "", "locale": ""}
    return report


def _load(
    ledger: L.Ledger,
    release: str,
    options: NotifyOptions,
    report: NotifyReport,
    grow: Callable[[int], None] = lambda _n: None,
    stopped: Callable[[], bool] = lambda: False,
    locale_of: Callable[[str], str] | None = None,
) -> bool:
    """Stream the recipients into the ledger in chunks; True when every row was read. A stop
    ends it early (a later run loads the rest: rows already in the ledger are skipped)."""
    from policy.notifier.recipients import SourceCounts, read_recipients

    counts = SourceCounts()
    inserted = 0
    chunk = []
    complete = True
    assert options.recipients is not None
    rows = read_recipients(options.recipients, options.query, options.shard, counts)
    chunk_from = None
    for recipient in rows:
        if chunk_from is None:
            chunk_from = counts.first_row + counts.read - 1
        chunk.append(recipient)
        if len(chunk) >= LOAD_CHUNK:
            if stopped():
                complete = False
                break
            added = ledger.add_recipients(release, chunk, locale_of)
            inserted += added
            grow(added)
            chunk, chunk_from = [], None
    if complete and stopped() and chunk:
        complete = False
    if complete:
        added = ledger.add_recipients(release, chunk, locale_of)
        inserted += added
        grow(added)
        report.read = counts.read
    else:
        report.unread_from = chunk_from
        report.read = (chunk_from or counts.first_row) - counts.first_row
        with contextlib.suppress(Exception):
            rows.close()  # type: ignore[attr-defined]
    report.invalid = counts.invalid_total
    report.invalid_reasons = dict(counts.invalid)
    report.invalid_rows = counts.invalid_rows
    report.duplicates = counts.valid - inserted - (len(chunk) if not complete else 0)
    return complete


class _Stop(Exception):
    """A worker's reason to end the whole run (the message is the report's error)."""


class _Halted(Exception):
    """The run was asked to stop; the ledger already says where this worker left things."""


class Run:
    """One `policy notify` run of one release against one ledger."""

    def __init__(
        self,
        ledger: L.Ledger,
        api: SendGridApi,
        settings: NotifySettings,
        notice: Notice,
        renderings: Renderings | None,
        options: NotifyOptions,
        report: NotifyReport,
        stop: Stop | None = None,
    ) -> None:
        self.ledger = ledger
        self.api = api
        self.settings = settings
        self.notice = notice
        self.renderings = renderings
        self.options = options
        self.report = report
        self.release = notice.release_key
        self.stop = stop if stop is not None else Stop()
        self.lock = threading.Lock()
        self.run_id = ""
        self.progress: Callable[[int], None] = lambda _n: None
        self.decisions: list[tuple[str, str]] = []
        self.reopen_withdrawn = False

    # -- the run --------------------------------------------------------------------------------

    def execute(self) -> NotifyReport:
        report, ledger = self.report, self.ledger
        ledger.record_release(self.release, report.slug, report.version, report.level)
        self.run_id = ledger.start_run(self.release)
        beating = threading.Event()
        heart = threading.Thread(target=self._heartbeat, args=(beating,), daemon=True)
        heart.start()
        complete = False
        try:
            for action, detail in self.decisions:
                ledger.record_decision(self.release, action, who(), detail)
            if self.reopen_withdrawn:
                again = ledger.reopen_uncertain(self.release, L.CANCELLED)
                ledger.record_decision(
                    self.release,
                    "resend_cancelled",
                    who(),
                    f"{again} withdrawn recipient(s) sent again: {self.options.reason.strip()}",
                )
            if self.options.resend_uncertain:
                report.resent_uncertain = ledger.reopen_uncertain(self.release)
                ledger.record_decision(
                    self.release,
                    "resend_uncertain",
                    who(),
                    f"{report.resent_uncertain} uncertain recipient(s) sent again",
                )
            self._recover()
            counts = ledger.counts(self.release)
            report.already_sent = counts.get(L.SENT, 0)
            complete = self._load_and_send(counts.get(L.PENDING, 0))
        except _Stop as stop:
            report.error = str(stop)
        except _Halted:
            pass
        finally:
            beating.set()
            ledger.finish_run(self.run_id)
        counts = ledger.counts(self.release)
        report.sent_by_others = max(0, counts.get(L.SENT, 0) - report.already_sent - report.sent)
        report.pending = counts.get(L.PENDING, 0) + counts.get(L.CLAIMED, 0)
        report.in_flight = counts.get(L.IN_FLIGHT, 0)
        report.withdrawn = counts.get(L.CANCELLED, 0)
        report.uncertain = ledger.uncertain(self.release)
        report.suppressed = ledger.suppressed(self.release)
        if self.stop.by_signal:
            report.outcome, report.stopped_by = "interrupted", self.stop.signal_name
        elif report.error:
            report.outcome = "stopped"
        elif complete and self.options.shard is None:
            ledger.record_completion(self.release, self.run_id)
        return report

    def _heartbeat(self, done: threading.Event) -> None:
        while not done.wait(HEARTBEAT_EVERY):
            with contextlib.suppress(Exception):  # a missed beat only delays others' recovery
                self.ledger.heartbeat(self.run_id)

    def _recover(self) -> None:
        for leftover in self.ledger.recover(self.release, self.run_id):
            if self.stop.is_set():
                raise _Halted  # what is left stays in flight: the next run takes it over
            self._settle_ambiguous(leftover.batch_id, leftover.send_at, requeue=L.PENDING)

    def _load_and_send(self, pending: int) -> bool:
        """Workers send while the recipients are still being loaded: the network waits of the
        one overlap the parsing of the other. True when every recipient was loaded and the
        workers ran out of work (not stopped).

        The workers are daemon threads: after a signal, one whose request outlives the grace
        period is left behind (its batch stays in flight in the ledger) so the process can end.
        """
        loading = threading.Event()
        loading.set()
        errors: list[BaseException] = []
        locale_of = self.renderings.locale_for if self.renderings is not None else None
        complete = False
        with _Progress(self.options.progress, pending) as progress:
            self.progress = progress.advance
            threads = [
                threading.Thread(
                    target=self._worker, args=(loading, errors), name=f"notify-{n}", daemon=True
                )
                for n in range(self.settings.concurrency)
            ]
            for thread in threads:
                thread.start()
            try:
                complete = _load(
                    self.ledger,
                    self.release,
                    self.options,
                    self.report,
                    progress.grow,
                    self.stop.is_set,
                    locale_of,
                )
            except BaseException:
                self.stop.set()
                raise
            finally:
                loading.clear()
                self._join(threads)
        for error in errors:
            raise error
        return complete and not self.stop.is_set()

    def _join(self, threads: list[threading.Thread]) -> None:
        """Wait for the workers; after a signal, no longer than the grace period."""
        while alive := [t for t in threads if t.is_alive()]:
            deadline = self.stop.deadline()
            if deadline is not None and time.monotonic() >= deadline:
                return
            alive[0].join(0.1)

    def _worker(self, loading: threading.Event, errors: list[BaseException]) -> None:
        try:
            self._work(loading)
        except _Halted:
            pass
        except BaseException as error:
            errors.append(error)
            self.stop.set()  # the other workers and the loader end too

    def _work(self, loading: threading.Event) -> None:
        batch_id = None
        by_language = self.renderings is not None
        while not self.stop.is_set():
            batch_id = batch_id or self._new_batch()
            delay = self.settings.send_delay_seconds
            send_at = int(time.time()) + delay if delay > 0 else None
            if self.stop.is_set():
                return  # an unused batch id costs nothing
            chunk = self.ledger.claim_batch(
                self.release,
                self.run_id,
                self.settings.batch_size,
                self.options.shard,
                batch_id,
                _moment(send_at),
                by_locale=by_language,
            )
            if not chunk:
                if not loading.is_set():
                    return
                self.stop.wait(0.05)
                continue
            self._send_chunk(chunk, batch_id, send_at)
            batch_id = None

    # -- one chunk ------------------------------------------------------------------------------

    def _send_chunk(self, chunk: list[L.Claimed], batch_id: str, send_at: int | None) -> None:
        """Post one chunk until SendGrid takes it. Every batch id used is in the ledger first."""
        from policy.notifier.message import mail_body

        ids = [c.id for c in chunk]
        delay = self.settings.send_delay_seconds
        rendered = self.renderings[chunk[0].locale] if self.renderings is not None else None
        outcome = Outcome("ambiguous")
        for attempt in range(self.settings.max_attempts):
            if attempt:
                if self.stop.is_set():
                    self.ledger.unclaim(self.run_id, ids)
                    raise _Halted
                batch_id = self._new_batch(ids)
                send_at = int(time.time()) + delay if delay > 0 else None
                self.ledger.mark_in_flight(
                    self.release, self.run_id, batch_id, ids, _moment(send_at)
                )
            body = mail_body(self.notice, rendered, self.settings, chunk, batch_id, send_at)
            if self.stop.is_set():  # the last moment not to start a request
                self.ledger.close_batch(batch_id, "not_sent", L.PENDING, "stopped before sending")
                raise _Halted
            outcome = self._post(body)
            if outcome.kind == "stopped":
                # Every answer was 429 (not taken) and now the run stops: nothing went out.
                self.ledger.close_batch(batch_id, "not_sent", L.PENDING, "stopped before sending")
                raise _Halted
            if outcome.kind == "accepted":
                self.ledger.mark_sent(batch_id, outcome.message_id)
                with self.lock:
                    self.report.sent += len(chunk)
                    self.report.batches_sent += 1
                    if rendered is not None:
                        languages = self.report.languages
                        languages[rendered.locale] = languages.get(rendered.locale, 0) + len(chunk)
                self.progress(len(chunk))
                return
            if outcome.kind == "rejected":
                # 4xx: SendGrid did not take it; nothing of this batch goes out.
                self.ledger.close_batch(batch_id, "rejected", L.PENDING, outcome.detail)
                with self.lock:
                    self.report.failed += len(chunk)
                raise _Stop(
                    rejected_message(f"batch of {len(chunk)} not sent", outcome)
                    + "; nothing was lost: fix the cause and run again to resume"
                )
            # Ambiguous: maybe accepted. Cancel it, then send again under a new batch id. When
            # the run is stopping, no new request: it stays in flight for the next run.
            if self.stop.is_set():
                raise _Halted
            if not self._settle_ambiguous(batch_id, _moment(send_at), requeue=L.CLAIMED):
                return  # its recipients are uncertain now
            if self.stop.wait(backoff(attempt)):
                self.ledger.unclaim(self.run_id, ids)
                raise _Halted
        self.ledger.unclaim(self.run_id, ids)
        with self.lock:
            self.report.failed += len(chunk)
        raise _Stop(
            f"SendGrid did not accept a batch after {self.settings.max_attempts} attempts "
            f"(last: {outcome.status or outcome.detail}); nothing was lost: run again later "
            "to resume"
        )

    def _post(self, body: dict) -> Outcome:
        """Post a mail body; waits out 429s (the request was not taken) and posts it again,
        unless the run is stopping meanwhile (`stopped`: it was never taken)."""
        for _ in range(100):
            outcome = self.api.send(body)
            if outcome.kind != "rate_limited":
                return outcome
            if self.stop.wait(outcome.retry_after):
                return Outcome("stopped", outcome.status)
        return Outcome("ambiguous", 429, detail="rate limited 100 times in a row")

    def _new_batch(self, ids: list[int] | None = None) -> str:
        last = Outcome("ambiguous")
        for attempt in range(self.settings.max_attempts):
            last = self.api.create_batch()
            if last.kind == "accepted" and last.message_id:
                return last.message_id
            if last.kind == "rejected":
                if ids:
                    self.ledger.unclaim(self.run_id, ids)
                raise _Stop(
                    rejected_message("cannot create a batch id", last)
                    + "; nothing was sent: fix the cause and run again"
                )
            wait = last.retry_after if last.kind == "rate_limited" else backoff(attempt)
            if self.stop.wait(wait):
                if ids:
                    self.ledger.unclaim(self.run_id, ids)
                raise _Halted
        if ids:
            self.ledger.unclaim(self.run_id, ids)
        raise _Stop(
            f"cannot create a batch id after {self.settings.max_attempts} attempts "
            f"({last.status or last.detail}); nothing was sent: run again later"
        )

    def _settle_ambiguous(self, batch_id: str, send_at: dt.datetime | None, requeue: str) -> bool:
        """Cancel a batch that may have been accepted. True when cancelled (its recipients go to
        `requeue`); False when it can no longer be cancelled (they become uncertain). Raises
        _Stop, leaving the batch in flight for a later run, when SendGrid cannot be reached,
        and _Halted, the same way, when the run is stopping."""
        deadline = None if send_at is None else send_at.timestamp() - CANCEL_WINDOW
        last = Outcome("ambiguous")
        for attempt in range(self.settings.max_attempts):
            if deadline is None or time.time() > deadline - CANCEL_MARGIN:
                self.ledger.close_batch(
                    batch_id, L.UNCERTAIN, L.UNCERTAIN, "past the cancel window"
                )
                return False
            last = self.api.cancel(batch_id)
            if last.kind == "accepted":
                self.ledger.close_batch(batch_id, "cancelled", requeue, "cancelled in time")
                with self.lock:
                    self.report.batches_cancelled += 1
                return True
            if last.kind == "rejected":
                break
            wait = last.retry_after if last.kind == "rate_limited" else backoff(attempt)
            if self.stop.wait(wait):
                raise _Halted
        raise _Stop(
            f"batch {batch_id} may have been accepted and could not be cancelled "
            f"({last.status or ''} {last.detail}".rstrip()
            + "); it stays in flight in the ledger: run again before its cancel window closes "
            "to cancel and resend it"
        )


def _moment(send_at: int | None) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(send_at, dt.UTC) if send_at is not None else None


class _Progress:
    """A rich progress bar on a terminal; nothing otherwise. Its total grows while loading."""

    def __init__(self, enabled: bool, pending: int) -> None:
        self.enabled = enabled
        self.total = pending
        self._bar: Any = None
        self._task: Any = None
        self._lock = threading.Lock()

    @staticmethod
    def columns() -> tuple[Any, ...]:
        """`Sending ━━━━━━━━━━━━━━━━ 12,000/50,000 24% 0:00:41`: counts a person can read."""
        from rich.progress import BarColumn, TaskProgressColumn, TextColumn, TimeRemainingColumn

        counts = TextColumn("{task.completed:,.0f}/{task.total:,.0f}")
        return (TextColumn("{task.description}"), BarColumn(), counts, TaskProgressColumn(),
                TimeRemainingColumn())  # fmt: skip

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(*self.columns(), console=Console(stderr=True))
            self._bar.start()
            self._task = self._bar.add_task("Sending", total=self.total)
        return self

    def grow(self, added: int) -> None:
        if self._bar is not None and added:
            with self._lock:
                self.total += added
                self._bar.update(self._task, total=self.total)

    def advance(self, n: int) -> None:
        if self._bar is not None:
            with self._lock:
                self._bar.advance(self._task, n)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

"""Send a release's notice to every recipient exactly once, across crashes and parallel runs.

Steps of a run, in order:
1. recover what dead runs left: claimed recipients go back to pending; a batch left in flight
   is cancelled while SendGrid still allows it (its recipients go back to pending), or its
   recipients become `uncertain` once the cancel window has passed;
2. load the recipients into the ledger (new ones only: the ledger's unique key deduplicates);
3. workers (`concurrency` threads) claim chunks of `batch_size` pending recipients, get a batch
   id, write the batch `in_flight` to the ledger, post it with `send_at` a while ahead, and mark
   it `sent` on 202. A lost or failed answer makes the batch ambiguous: it is cancelled and its
   recipients go out again under a new batch id. 429 waits (honouring X-RateLimit-Reset) and
   retries the same request; 400/401/403 stop the run, leaving every recipient resumable.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
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

if TYPE_CHECKING:
    from policy.notifier.message import Notice, Rendered
    from policy.notifier.recipients import SourceCounts
    from policy.settings.schema import NotifySettings
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


@dataclass
class NotifyReport:
    """The outcome of one run, for people (`text`) and programs (`to_json`)."""

    slug: str
    version: str
    level: str
    outcome: str
    """`sent`, `not major`, `dry run` or `stopped`."""
    forced: bool = False
    sent: int = 0
    already_sent: int = 0
    sent_by_others: int = 0
    read: int = 0
    invalid: int = 0
    invalid_reasons: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0
    suppressed: int = 0
    failed: int = 0
    uncertain: list[str] = field(default_factory=list)
    pending: int = 0
    batches_sent: int = 0
    batches_cancelled: int = 0
    resent_uncertain: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
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
            "ledger": self.ledger,
            "read": self.read,
            "sent": self.sent,
            "already_sent": self.already_sent,
            "sent_by_other_runs": self.sent_by_others,
            "invalid": self.invalid,
            "invalid_reasons": self.invalid_reasons,
            "already_in_ledger": self.duplicates,
            "suppressed": self.suppressed,
            "failed": self.failed,
            "uncertain": len(self.uncertain),
            "uncertain_recipients": self.uncertain,
            "pending": self.pending,
            "batches_sent": self.batches_sent,
            "batches_cancelled": self.batches_cancelled,
            "resent_uncertain": self.resent_uncertain,
            "warnings": self.warnings,
            "error": self.error,
        }

    def text(self, list_limit: int = 50) -> str:
        head = f"{self.slug} {self.version} ({self.level})"
        if self.outcome == "not major":
            return (
                f"{head}: not a major release, so no email is sent (use --force to send anyway).\n"
            )
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
        if self.outcome == "dry run":
            rows = [
                ("recipients read", self.read),
                ("would be sent", self.pending),
                ("invalid (never sent)", self.invalid),
                ("repeated rows", self.duplicates),
            ]
        title = {
            "sent": "notice sent",
            "dry run": "dry run, nothing sent",
            "stopped": "stopped before the end",
        }[self.outcome]
        forced = " (forced: not a major release)" if self.forced else ""
        lines = [f"{head}: {title}{forced}"]
        width = max(len(label) for label, _ in rows)
        lines += [f"  {label.ljust(width)}  {value}" for label, value in rows]
        for reason, count in sorted(self.invalid_reasons.items()):
            lines.append(f"    {reason}: {count}")
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
                "Sample email:",
                f"Subject: {self.sample.subject}",
                "",
                self.sample.text.rstrip("\n"),
            ]
        elif self.sample_data is not None:
            import json

            lines += ["", "Dynamic template data:", json.dumps(self.sample_data, indent=2)]
        return "\n".join(lines) + "\n"


def write_report(report: NotifyReport, path: Path) -> None:
    """The JSON report, written whole or not at all."""
    import json

    from policy.files import write_atomic

    payload = json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"
    try:
        write_atomic(Path(path), payload.encode("utf-8"))
    except OSError as exc:
        raise PolicyError(f"{path}: cannot write the report ({exc.strerror})") from None


def _who() -> str:
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
) -> NotifyReport:
    """Announce a release (default: the latest) to the recipients; see the module docstring."""
    from policy.notifier.message import render
    from policy.notifier.notice import build_notice, pick_release
    from policy.versions.levels import Level
    from policy.versions.releases import require_readable

    release = pick_release(repository, slug, version)
    require_readable(release, "announced")  # an unreadable level would pass for "not major"
    level = release.level.label if release.level is not None else "unknown"
    report = NotifyReport(slug, str(release.version), level, "sent", forced=False)
    if release.level is not Level.MAJOR and not options.force:
        report.outcome = "not major"
        return report
    report.forced = release.level is not Level.MAJOR
    settings = repository.settings.notify
    if not options.recipients:
        raise UsageProblem("--recipients is required: a CSV file or a database URL with --query")
    notice = build_notice(repository, release, forced=report.forced)
    rendered = None
    if not settings.template_id:
        rendered = render(notice, repository.root, settings.templates_dir)
    if options.dry_run:
        return _dry_run(report, notice, rendered, options)
    key = api_key_from_env(settings.api_key_env)
    api = SendGridApi(key, api_host(), settings.timeout_seconds)
    if settings.send_delay_seconds <= CANCEL_WINDOW:
        report.warnings.append(
            f"[notify] send_delay_seconds = {settings.send_delay_seconds}: batches go out within "
            "SendGrid's 600 s cancel window, so a batch whose answer is lost cannot be cancelled "
            "and its recipients become uncertain; use 900 or more"
        )
        warn(report.warnings[-1])
    url = options.ledger_url
    if url is None:
        raise UsageProblem("no ledger to record the sending in; give --ledger or POLICY_LEDGER_URL")
    report.ledger = L.shown_url(url)
    ledger = L.Ledger(url)
    try:
        return Run(ledger, api, settings, notice, rendered, options, report).execute()
    finally:
        ledger.close()


def _dry_run(
    report: NotifyReport, notice: Notice, rendered: Rendered | None, options: NotifyOptions
) -> NotifyReport:
    """Everything but sending: recipients through a throwaway ledger, one rendered sample."""
    import tempfile

    report.outcome = "dry run"
    with tempfile.TemporaryDirectory(prefix="policy-dry-run-") as tmp:
        ledger = L.Ledger(f"sqlite:///{tmp}/ledger.sqlite3")
        try:
            counts = _load(ledger, notice.release_key, options, report)
            report.pending = ledger.counts(notice.release_key).get(L.PENDING, 0)
        finally:
            ledger.close()
    del counts
    report.sample = rendered
    if rendered is None:
        report.sample_data = notice.template_data()
    return report


def _load(
    ledger: L.Ledger,
    release: str,
    options: NotifyOptions,
    report: NotifyReport,
    grow: Callable[[int], None] = lambda _n: None,
    stopped: Callable[[], bool] = lambda: False,
) -> SourceCounts:
    """Stream the recipients into the ledger in chunks; stops early when the run stops (a
    later run loads the rest: rows already in the ledger are skipped)."""
    from policy.notifier.recipients import SourceCounts, read_recipients

    counts = SourceCounts()
    inserted = 0
    chunk = []
    assert options.recipients is not None
    for recipient in read_recipients(options.recipients, options.query, options.shard, counts):
        chunk.append(recipient)
        if len(chunk) >= LOAD_CHUNK:
            if stopped():
                break
            added = ledger.add_recipients(release, chunk)
            inserted += added
            grow(added)
            chunk = []
    added = ledger.add_recipients(release, chunk)
    inserted += added
    grow(added)
    report.read = counts.read
    report.invalid = counts.invalid_total
    report.invalid_reasons = dict(counts.invalid)
    report.duplicates = counts.valid - inserted
    return counts


class _Stop(Exception):
    """A worker's reason to end the whole run (the message is the report's error)."""


class Run:
    """One `policy notify` run against one ledger."""

    def __init__(
        self,
        ledger: L.Ledger,
        api: SendGridApi,
        settings: NotifySettings,
        notice: Notice,
        rendered: Rendered | None,
        options: NotifyOptions,
        report: NotifyReport,
    ) -> None:
        self.ledger = ledger
        self.api = api
        self.settings = settings
        self.notice = notice
        self.rendered = rendered
        self.options = options
        self.report = report
        self.release = notice.release_key
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.run_id = ""
        self.progress: Callable[[int], None] = lambda _n: None

    # -- the run --------------------------------------------------------------------------------

    def execute(self) -> NotifyReport:
        report, ledger = self.report, self.ledger
        ledger.record_release(self.release, report.slug, report.version, report.level)
        self.run_id = ledger.start_run(self.release)
        beating = threading.Event()
        heart = threading.Thread(target=self._heartbeat, args=(beating,), daemon=True)
        heart.start()
        try:
            if report.forced:
                ledger.record_decision(self.release, "force", _who(), f"level {report.level}")
            if self.options.resend_uncertain:
                report.resent_uncertain = ledger.reopen_uncertain(self.release)
                ledger.record_decision(
                    self.release,
                    "resend_uncertain",
                    _who(),
                    f"{report.resent_uncertain} uncertain recipient(s) sent again",
                )
            self._recover()
            counts = ledger.counts(self.release)
            report.already_sent = counts.get(L.SENT, 0)
            self._load_and_send(counts.get(L.PENDING, 0))
        except _Stop as stop:
            report.error = str(stop)
        finally:
            beating.set()
            ledger.finish_run(self.run_id)
        counts = ledger.counts(self.release)
        report.sent_by_others = max(0, counts.get(L.SENT, 0) - report.already_sent - report.sent)
        report.pending = counts.get(L.PENDING, 0)
        report.uncertain = ledger.uncertain(self.release)
        report.suppressed = ledger.suppressed(self.release)
        if report.error:
            report.outcome = "stopped"
        return report

    def _heartbeat(self, done: threading.Event) -> None:
        while not done.wait(HEARTBEAT_EVERY):
            with contextlib.suppress(Exception):  # a missed beat only delays others' recovery
                self.ledger.heartbeat(self.run_id)

    def _recover(self) -> None:
        for leftover in self.ledger.recover(self.release, self.run_id):
            self._settle_ambiguous(leftover.batch_id, leftover.send_at, requeue=L.PENDING)

    def _load_and_send(self, pending: int) -> None:
        """Workers send while the recipients are still being loaded: the network waits of the
        one overlap the parsing of the other."""
        loading = threading.Event()
        loading.set()
        with _Progress(self.options.progress, pending) as progress:
            self.progress = progress.advance
            workers = self.settings.concurrency
            with ThreadPoolExecutor(workers, thread_name_prefix="notify") as pool:
                futures = [pool.submit(self._worker, loading) for _ in range(workers)]
                try:
                    _load(
                        self.ledger,
                        self.release,
                        self.options,
                        self.report,
                        progress.grow,
                        self.stop.is_set,
                    )
                except BaseException:
                    self.stop.set()
                    raise
                finally:
                    loading.clear()
                errors = [f.exception() for f in futures]
        for error in errors:
            if error is not None:
                raise error

    def _worker(self, loading: threading.Event) -> None:
        try:
            self._work(loading)
        except BaseException:
            self.stop.set()  # the other workers and the loader end too
            raise

    def _work(self, loading: threading.Event) -> None:
        batch_id = None
        while not self.stop.is_set():
            batch_id = batch_id or self._new_batch()
            delay = self.settings.send_delay_seconds
            send_at = int(time.time()) + delay if delay > 0 else None
            chunk = self.ledger.claim_batch(
                self.release,
                self.run_id,
                self.settings.batch_size,
                self.options.shard,
                batch_id,
                _moment(send_at),
            )
            if not chunk:
                if not loading.is_set():
                    return  # an unused batch id costs nothing
                time.sleep(0.05)
                continue
            self._send_chunk(chunk, batch_id, send_at)
            batch_id = None

    # -- one chunk ------------------------------------------------------------------------------

    def _send_chunk(self, chunk: list[L.Claimed], batch_id: str, send_at: int | None) -> None:
        """Post one chunk until SendGrid takes it. Every batch id used is in the ledger first."""
        from policy.notifier.message import mail_body

        ids = [c.id for c in chunk]
        delay = self.settings.send_delay_seconds
        outcome = Outcome("ambiguous")
        for attempt in range(self.settings.max_attempts):
            if attempt:
                if self.stop.is_set():
                    self.ledger.unclaim(self.run_id, ids)
                    return
                batch_id = self._new_batch(ids)
                send_at = int(time.time()) + delay if delay > 0 else None
                self.ledger.mark_in_flight(
                    self.release, self.run_id, batch_id, ids, _moment(send_at)
                )
            body = mail_body(self.notice, self.rendered, self.settings, chunk, batch_id, send_at)
            outcome = self._post(body)
            if outcome.kind == "accepted":
                self.ledger.mark_sent(batch_id, outcome.message_id)
                with self.lock:
                    self.report.sent += len(chunk)
                    self.report.batches_sent += 1
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
            # Ambiguous: maybe accepted. Cancel it, then send again under a new batch id.
            if not self._settle_ambiguous(batch_id, _moment(send_at), requeue=L.CLAIMED):
                return  # its recipients are uncertain now
            time.sleep(backoff(attempt))
        self.ledger.unclaim(self.run_id, ids)
        with self.lock:
            self.report.failed += len(chunk)
        raise _Stop(
            f"SendGrid did not accept a batch after {self.settings.max_attempts} attempts "
            f"(last: {outcome.status or outcome.detail}); nothing was lost: run again later "
            "to resume"
        )

    def _post(self, body: dict) -> Outcome:
        """Post a mail body; waits out 429s (the request was not taken) and posts it again."""
        for _ in range(100):
            outcome = self.api.send(body)
            if outcome.kind != "rate_limited":
                return outcome
            time.sleep(outcome.retry_after)
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
            time.sleep(last.retry_after if last.kind == "rate_limited" else backoff(attempt))
        if ids:
            self.ledger.unclaim(self.run_id, ids)
        raise _Stop(
            f"cannot create a batch id after {self.settings.max_attempts} attempts "
            f"({last.status or last.detail}); nothing was sent: run again later"
        )

    def _settle_ambiguous(self, batch_id: str, send_at: dt.datetime | None, requeue: str) -> bool:
        """Cancel a batch that may have been accepted. True when cancelled (its recipients go to
        `requeue`); False when it can no longer be cancelled (they become uncertain). Raises
        _Stop, leaving the batch in flight for a later run, when SendGrid cannot be reached."""
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
            time.sleep(last.retry_after if last.kind == "rate_limited" else backoff(attempt))
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

"""Withdraw a release's notice while SendGrid still allows it: `policy notify SLUG VERSION
--cancel`.

Batches go out with `send_at` ahead (`[notify] send_delay_seconds`, 900 s by default), and
SendGrid cancels a scheduled batch until 10 minutes before its `send_at`; a cancelled batch is
discarded when its time comes. Steps, in order:
1. refuse while a run of the release is still sending (it would go on posting batches);
2. recipients not sent yet become `cancelled` (no later run sends them);
3. each batch SendGrid took (`sent`) or may have taken (`in_flight`, left by a dead run),
   latest send time first, is cancelled (`POST /v3/user/scheduled_sends`, status `cancel`)
   if its window is open by our clock (with `CLOCK_SKEW` to spare; SendGrid has the last
   word): its recipients become `cancelled`. The rest are beyond reach: already sent or too
   late, or refused because SendGrid keeps at most 10 cancelled batches waiting at once;
4. the withdrawal is recorded as a decision: later runs of the release send nothing more
   until a person decides otherwise (`--force --reason`); and, as every run's outcome, in
   the repository (`notifier.record`).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from policy.errors import PolicyError
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
    from policy.versions.releases import Release
    from policy.versions.repository import PolicyRepository

CLOCK_SKEW = 60.0
"""Seconds our clock may differ from SendGrid's: a batch whose window closes sooner than this
by our clock is taken as beyond reach without asking; one a little later is asked about."""
MAX_WAITING_CANCELS = 10
"""SendGrid: "You can't pause or cancel more than 10 different batches at one time"."""


@dataclass
class CancelReport:
    """What `--cancel` withdrew and what it could not, in recipients and batches."""

    slug: str
    version: str
    dry_run: bool = False
    withdrawn: int = 0
    withdrawn_batches: int = 0
    never_sent: int = 0
    too_late: int = 0
    too_late_batches: int = 0
    over_limit: int = 0
    over_limit_batches: int = 0
    retry_after: dt.datetime | None = None
    """When SendGrid frees a slot for the batches over its limit, if before their window closes."""
    window_closes: dt.datetime | None = None
    refused: list[str] = field(default_factory=list)
    ledger: str = ""
    unrecorded: str = ""
    """Why the withdrawal could not be recorded in the repository ("" when it was)."""

    @property
    def beyond_reach(self) -> int:
        return self.too_late + self.over_limit

    def to_json(self) -> dict[str, Any]:
        return {
            "release": f"{self.slug}@{self.version}",
            "outcome": "dry run" if self.dry_run else "withdrawn",
            "withdrawn": self.withdrawn,
            "withdrawn_batches": self.withdrawn_batches,
            "never_sent": self.never_sent,
            "beyond_reach": self.beyond_reach,
            "beyond_reach_sent_or_too_late": self.too_late,
            "beyond_reach_over_sendgrid_limit": self.over_limit,
            "retry_after": _stamp(self.retry_after),
            "window_closes": _stamp(self.window_closes),
            "refused": self.refused,
            "ledger": self.ledger,
        }

    def text(self) -> str:
        verb = "would be" if self.dry_run else ""
        title = "dry run, nothing cancelled" if self.dry_run else "notice withdrawn"
        rows = [
            (
                f"withdrawn ({verb + ' ' if verb else ''}cancelled in time)",
                f"{self.withdrawn} in {self.withdrawn_batches} batch(es)",
            ),
            ("never sent (were pending)", str(self.never_sent)),
            (
                "beyond reach: already sent or too late",
                f"{self.too_late} in {self.too_late_batches} batch(es)",
            ),
        ]
        if self.over_limit_batches:
            rows.append(
                (
                    "beyond reach: SendGrid's limit of 10",
                    f"{self.over_limit} in {self.over_limit_batches} batch(es)",
                )
            )
        width = max(len(label) for label, _ in rows)
        lines = [f"{self.slug} {self.version}: {title}"]
        lines += [f"  {label.ljust(width)}  {value}" for label, value in rows]
        if self.over_limit_batches:
            if self.retry_after and self.window_closes and self.retry_after < self.window_closes:
                lines.append(
                    "SendGrid keeps at most 10 cancelled batches waiting at once: run the same "
                    f"command again after {_clock(self.retry_after)} (a slot frees) and before "
                    f"{_clock(self.window_closes)} (their cancel window closes)."
                )
            else:
                lines.append(
                    "SendGrid keeps at most 10 cancelled batches waiting at once, and no slot "
                    "frees before these batches' cancel window closes: they go out."
                )
        for detail in self.refused:
            lines.append(f"SendGrid refused to cancel a batch: {detail}")
        if not self.dry_run:
            lines.append(
                "Recorded in the ledger: later runs send nothing more of this release unless "
                f"a person decides to (`policy notify {self.slug} {self.version} --force "
                "--reason '...'`)."
            )
        if self.unrecorded:
            lines.append(f"Not recorded in the repository: {self.unrecorded}")
        return "\n".join(lines) + "\n"


def cancel_notice(
    repository: PolicyRepository,
    slug: str,
    version: str,
    ledger_url: str,
    reason: str = "",
    dry_run: bool = False,
) -> CancelReport:
    """Withdraw `slug` `version`'s notice, as recorded in the ledger at `ledger_url` (the
    command's runtime resolves it); see the module docstring."""
    from policy.notifier.notice import pick_release
    from policy.notifier.sender import who

    release = pick_release(repository, slug, version)
    key = f"{slug}@{release.version}"
    report = CancelReport(slug, str(release.version), dry_run=dry_run)
    settings = repository.settings.notify
    api = None
    if not dry_run:
        api = SendGridApi(
            api_key_from_env(settings.api_key_env), api_host(), settings.timeout_seconds
        )
    report.ledger = L.shown_url(ledger_url)
    ledger = L.Ledger(ledger_url)
    try:
        live = ledger.live_runs(key)
        if live:
            host, pid, started = live[0]
            raise PolicyError(
                f"a run of {slug} {release.version} is still sending (process {pid} on {host}, "
                f"started {started}): stop it first (Ctrl-C, or cancel its job), then run "
                "--cancel again; nothing was cancelled"
            )
        counts = ledger.counts(key)
        report.never_sent = counts.get(L.PENDING, 0) + counts.get(L.CLAIMED, 0)
        if not dry_run:
            report.never_sent = ledger.cancel_pending(key)
        batches = sorted(
            ledger.scheduled_batches(key),
            key=lambda b: b.send_at.timestamp() if b.send_at else 0.0,
            reverse=True,
        )
        _cancel_batches(ledger, api, batches, report, settings.max_attempts)
        if not dry_run:
            detail = (
                f"{report.withdrawn} recipient(s) withdrawn in {report.withdrawn_batches} "
                f"batch(es), {report.never_sent} never sent, {report.beyond_reach} beyond reach"
            )
            if reason.strip():
                detail += f": {reason.strip()}"
            ledger.record_decision(key, "cancel", who(), detail)
            _record(repository, release, key, ledger, report)
    finally:
        ledger.close()
    return report


def _record(
    repository: PolicyRepository,
    release: Release,
    key: str,
    ledger: L.Ledger,
    report: CancelReport,
) -> None:
    """The withdrawal, appended to the release tag as notify runs are (`notifier.record`)."""
    from policy.notifier.record import RunRecord, record

    try:
        record(
            repository,
            release,
            RunRecord.of(key, "withdrawn", ledger.state(key), 0, ledger, repository.root),
        )
    except PolicyError as exc:
        report.unrecorded = exc.message


def _cancel_batches(
    ledger: L.Ledger,
    api: SendGridApi | None,
    batches: list[L.Leftover],
    report: CancelReport,
    attempts: int,
) -> None:
    over_limit: list[L.Leftover] = []
    cancelled_at: list[float] = []
    for batch in batches:
        send_at = batch.send_at.timestamp() if batch.send_at else None
        if send_at is None or send_at - time.time() < CANCEL_WINDOW - CLOCK_SKEW:
            report.too_late += batch.size
            report.too_late_batches += 1
            continue
        if over_limit or (report.dry_run and report.withdrawn_batches >= MAX_WAITING_CANCELS):
            over_limit.append(batch)  # SendGrid said no more: asking again is pointless now
            continue
        outcome = _cancel(api, batch.batch_id, attempts) if api is not None else Outcome("accepted")
        if outcome.kind == "accepted":
            report.withdrawn += batch.size if api is None else ledger.withdraw_batch(batch.batch_id)
            report.withdrawn_batches += 1
            cancelled_at.append(send_at)
        elif "limit" in outcome.detail.lower():
            over_limit.append(batch)
        elif outcome.kind == "rejected" and outcome.status in (401, 403):
            raise PolicyError(
                rejected_message("cannot cancel", outcome)
                + f"; {report.withdrawn_batches} batch(es) were cancelled before this"
            )
        elif outcome.kind == "rejected":
            # Past the window by SendGrid's clock (or a batch it does not know): beyond reach.
            report.too_late += batch.size
            report.too_late_batches += 1
            if "before" not in outcome.detail.lower():
                report.refused.append(outcome.detail or f"status {outcome.status}")
        else:
            raise PolicyError(
                f"SendGrid could not be reached to cancel batch {batch.batch_id} "
                f"({outcome.status or outcome.detail}); {report.withdrawn_batches} batch(es) "
                "were cancelled: run --cancel again now, before the cancel window closes"
            )
    for batch in over_limit:
        report.over_limit += batch.size
        report.over_limit_batches += 1
    if over_limit:
        first_free = min(cancelled_at) if cancelled_at else None
        closes = max(b.send_at.timestamp() for b in over_limit if b.send_at) - CANCEL_WINDOW
        report.retry_after = _moment(first_free)
        report.window_closes = _moment(closes)


def _cancel(api: SendGridApi, batch_id: str, attempts: int) -> Outcome:
    """Cancel one batch, retrying what may not have arrived (a repeat of a cancellation that
    did arrive is answered "already", which counts as done)."""
    last = Outcome("ambiguous")
    for attempt in range(attempts):
        last = api.cancel(batch_id)
        if last.kind in ("accepted", "rejected"):
            return last
        time.sleep(last.retry_after if last.kind == "rate_limited" else backoff(attempt))
    return last


def _moment(stamp: float | None) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(stamp, dt.UTC) if stamp is not None else None


def _stamp(moment: dt.datetime | None) -> str | None:
    return L.iso(moment) if moment is not None else None


def _clock(moment: dt.datetime) -> str:
    return moment.strftime("%H:%M:%S UTC")

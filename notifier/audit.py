"""Proof of notice: per recipient, when SendGrid accepted the email and what happened next.

Rows stream from the ledger (a release may have millions of recipients), as CSV for a
spreadsheet or JSON for programs. Delivery events come from `policy webhook`.
"""

from __future__ import annotations

import csv
import json
from typing import TYPE_CHECKING, TextIO

from policy.notifier import ledger as L

if TYPE_CHECKING:
    from policy.versions.repository import PolicyRepository

CSV_COLUMNS = (
    "email",
    "status",
    "accepted_at",
    "batch_id",
    "message_id",
    "attempts",
    "last_event",
    "events",
)


def write_audit(
    repository: PolicyRepository,
    slug: str,
    version: str,
    ledger_url: str,
    fmt: str,
    out: TextIO,
) -> tuple[int, int]:
    """Write the audit of `slug` `version`; (recipients, accepted) for the summary line."""
    from policy.notifier.notice import pick_release

    release = pick_release(repository, slug, version)
    key = f"{slug}@{release.version}"
    ledger = L.Ledger(ledger_url)
    total = accepted = 0
    try:
        rows = ledger.audit(key)
        if fmt == "csv":
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(CSV_COLUMNS)
            for row in rows:
                total += 1
                accepted += row.accepted_at is not None
                writer.writerow(
                    [
                        _cell(row.email),
                        row.status,
                        row.accepted_at or "",
                        row.batch_id or "",
                        row.message_id or "",
                        row.attempts,
                        row.events[-1][0] if row.events else "",
                        "; ".join(f"{event} {at or ''}".strip() for event, at, _ in row.events),
                    ]
                )
        else:
            out.write(json.dumps({"release": key})[:-1] + ', "decisions": ')
            decisions = [
                {"at": at, "action": action, "by": by, "detail": detail}
                for at, action, by, detail in ledger.decisions_for(key)
            ]
            out.write(json.dumps(decisions, ensure_ascii=False) + ', "recipients": [')
            for row in rows:
                out.write(",\n  " if total else "\n  ")
                total += 1
                accepted += row.accepted_at is not None
                item = {
                    "email": row.email,
                    "status": row.status,
                    "accepted_at": row.accepted_at,
                    "batch_id": row.batch_id,
                    "message_id": row.message_id,
                    "attempts": row.attempts,
                    "events": [
                        {"event": event, "timestamp": at, "reason": reason}
                        for event, at, reason in row.events
                    ],
                }
                out.write(json.dumps(item, ensure_ascii=False))
            out.write("\n]}\n" if total else "]}\n")
    finally:
        ledger.close()
    return total, accepted


def _cell(value: str) -> str:
    """A spreadsheet must not run a cell as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value

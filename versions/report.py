"""Release listings for people (an aligned table) and for programs (JSON)."""

from __future__ import annotations

import datetime as dt
import json

from policy.versions.releases import Release, in_effect


def status(release: Release, current: Release | None, today: dt.date) -> str:
    """`in effect`, `upcoming` or `past`, as a reader of the website would see it today;
    `current` is the release in effect (`in_effect`), found once per listing."""
    if current is not None and release.version == current.version:
        return "in effect"
    if release.effective_date is not None and release.effective_date > today:
        return "upcoming"
    if release.effective_date is None:
        return "unknown"
    return "past"


def releases_text(listing: dict[str, list[Release]], today: dt.date) -> str:
    lines: list[str] = []
    header = (
        "VERSION",
        "STATUS",
        "EFFECTIVE",
        "LEVEL",
        "CATEGORIES",
        "TAGGED",
        "COMMIT",
        "TAG",
        "SUMMARY",
    )
    for slug, releases in listing.items():
        if lines:
            lines.append("")
        lines.append(
            f"{slug}: "
            + (
                f"{len(releases)} release" + ("s" if len(releases) != 1 else "")
                if releases
                else "no releases yet"
            )
        )
        if not releases:
            continue
        current = in_effect(releases, today)
        rows = [header] + [
            (
                str(r.version),
                status(r, current, today),
                _cell(
                    r, "Effective-Date", r.effective_date.isoformat() if r.effective_date else "-"
                ),
                _cell(r, "Level", r.level.label if r.level is not None else "-"),
                ",".join(r.categories) or "-",
                r.date.date().isoformat(),
                r.commit[:7],
                r.tag,
                r.summary or "-",
            )
            for r in releases
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            lines.append("  " + "  ".join([*cells, row[-1]]).rstrip())
        lines += [f"  Problem: {r.problem_message()}" for r in releases if r.problems]
    return "\n".join(lines) + "\n"


def _cell(release: Release, trailer: str, shown: str) -> str:
    """`invalid` where the tag's trailer cannot be read (the listing's end says why)."""
    return "invalid" if any(p.trailer == trailer for p in release.problems) else shown


def releases_json(listing: dict[str, list[Release]], today: dt.date) -> str:
    """`{"policies": [{"slug", "in_effect", "releases": [...]}]}`; versions oldest first."""
    policies = []
    for slug, releases in listing.items():
        current = in_effect(releases, today)
        policies.append(
            {
                "slug": slug,
                "in_effect": str(current.version) if current else None,
                "releases": [dict(r.to_json(), status=status(r, current, today)) for r in releases],
            }
        )
    return json.dumps({"policies": policies}, indent=2, ensure_ascii=False) + "\n"

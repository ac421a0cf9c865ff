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


def releases_text(
    listing: dict[str, list[Release]], today: dt.date, width: int | None = None
) -> str:
    """An aligned table per policy. Given a `width` (the terminal's) that the table exceeds,
    it is fitted: first the TAG column goes (it is `SLUG/vVERSION`, both already shown), then
    SUMMARY and CATEGORIES wrap inside their columns, then TAGGED and COMMIT go; the version,
    status, effective date and level always stay."""
    lines: list[str] = []
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
        rows = [
            {
                "VERSION": str(r.version),
                "STATUS": status(r, current, today),
                "EFFECTIVE": _cell(
                    r, "Effective-Date", r.effective_date.isoformat() if r.effective_date else "-"
                ),
                "LEVEL": _cell(r, "Level", r.level.label if r.level is not None else "-"),
                "CATEGORIES": ",".join(r.categories) or "-",
                "TAGGED": r.date.date().isoformat(),
                "COMMIT": r.commit[:7],
                "TAG": r.tag,
                "SUMMARY": r.summary or "-",
            }
            for r in releases
        ]
        lines += _table(rows, width)
        lines += [f"  Problem: {r.problem_message()}" for r in releases if r.problems]
    return "\n".join(lines) + "\n"


def _cell(release: Release, trailer: str, shown: str) -> str:
    """`invalid` where the tag's trailer cannot be read (the listing's end says why)."""
    return "invalid" if any(p.trailer == trailer for p in release.problems) else shown


COLUMNS = ("VERSION", "STATUS", "EFFECTIVE", "LEVEL", "CATEGORIES", "TAGGED", "COMMIT", "TAG",
           "SUMMARY")  # fmt: skip
INDENT, GAP = 2, 2
FIT_STEPS = (("TAG", 0), ("SUMMARY", 40), ("CATEGORIES", 0), ("SUMMARY", 20), ("TAGGED", 0),
             ("COMMIT", 0))  # fmt: skip
"""What gives way, in order, when a table is wider than the terminal: a column goes, or wraps
down to a floor width (a summary of 40 characters before the categories wrap)."""


def _table(rows: list[dict[str, str]], width: int | None) -> list[str]:
    columns = list(COLUMNS)
    natural = {c: max(len(c), *(len(row[c]) for row in rows)) for c in columns}
    limit = {c: natural[c] for c in columns}

    def total() -> int:
        return INDENT + sum(limit[c] for c in columns) + GAP * (len(columns) - 1)

    if width is not None:
        for step, floor in FIT_STEPS:
            if total() <= width:
                break
            if step not in ("SUMMARY", "CATEGORIES"):
                columns.remove(step)
                continue
            if step == "CATEGORIES":  # wraps after a comma: never narrower than one id
                floor = max(len(c) + 1 for row in rows for c in row[step].split(","))
            floor = max(floor, len(step))
            limit[step] = max(min(floor, limit[step]), limit[step] - (total() - width))
        for step in ("SUMMARY", "CATEGORIES"):  # room freed by a column that went is given back
            if step in columns and total() < width:
                limit[step] = min(natural[step], limit[step] + width - total())
    out = []
    for row in [{c: c for c in columns}, *rows]:
        cells = {c: _wrap(c, row[c], limit[c]) for c in columns}
        for i in range(max(len(cell) for cell in cells.values())):
            parts = [
                (cells[c][i] if i < len(cells[c]) else "").ljust(
                    limit[c] if c != columns[-1] else 0
                )
                for c in columns
            ]
            out.append((" " * INDENT + (" " * GAP).join(parts)).rstrip())
    return out


def _wrap(column: str, text: str, width: int) -> list[str]:
    """A cell's lines: SUMMARY at spaces, CATEGORIES after commas; others never wrap."""
    if len(text) <= width or column not in ("SUMMARY", "CATEGORIES"):
        return [text]
    if column == "SUMMARY":
        import textwrap

        return textwrap.wrap(text, width, break_on_hyphens=False) or [text]
    lines, line = [], ""
    for part in [p + "," for p in text.split(",")[:-1]] + [text.split(",")[-1]]:
        if line and len(line) + len(part) > width:
            lines.append(line)
            line = ""
        line += part
    return [*lines, line]


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

"""Releases as annotated git tags `SLUG/vX.Y.Z`, and the message format that records them.

A release tag's message is plain text a lawyer can read in any git tool, ending with trailers
that this module parses back:

    privacy-policy 2.0.0

    New payment processor and a new right to object.

    Level: major
    Effective-Date: 2026-03-01

Tags made by hand without trailers still count as releases; their level is unknown and their
effective date falls back to the policy's front matter at the tagged commit.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from versions.levels import Level, Version

_TRAILER = re.compile(r"^(Level|Effective-Date):\s*(.*?)\s*$", re.IGNORECASE | re.MULTILINE)


def tag_name(slug: str, version: Version) -> str:
    return f"{slug}/v{version}"


def parse_tag_name(name: str) -> tuple[str, Version] | None:
    """(slug, version) of a release tag name; None for tags that are not releases."""
    slug, sep, rest = name.rpartition("/")
    version = Version.parse(rest) if sep and rest.startswith("v") else None
    return (slug, version) if slug and version else None


def format_tag_message(
    slug: str, version: Version, level: Level, effective_date: dt.date, summary: str
) -> str:
    summary = summary.strip() or "(no summary)"
    return (
        f"{slug} {version}\n\n{summary}\n\n"
        f"Level: {level.label}\nEffective-Date: {effective_date.isoformat()}\n"
    )


@dataclass(frozen=True)
class TagMessage:
    level: Level | None
    effective_date: dt.date | None
    summary: str


def parse_tag_message(message: str) -> TagMessage:
    """Never raises: unreadable trailers are treated as absent."""
    level: Level | None = None
    effective: dt.date | None = None
    for match in _TRAILER.finditer(message):
        key, value = match.group(1).lower(), match.group(2)
        if key == "level":
            try:
                level = Level.parse(value)
            except ValueError:
                level = None
        else:
            try:
                effective = dt.date.fromisoformat(value)
            except ValueError:
                effective = None
    body = _TRAILER.sub("", message).strip()
    lines = body.split("\n")
    if len(lines) > 1 and lines[1].strip() == "":  # drop the "slug version" subject line
        body = "\n".join(lines[2:]).strip()
    return TagMessage(level, effective, " ".join(body.split()))


@dataclass(frozen=True)
class Release:
    """One approved version of a policy, as recorded by its tag."""

    slug: str
    version: Version
    tag: str
    commit: str
    """Full SHA of the tagged commit."""
    date: dt.datetime
    """When the tag was made (the commit date for lightweight tags)."""
    effective_date: dt.date | None
    level: Level | None
    """None for a tag made without a `Level:` trailer."""
    summary: str

    def to_json(self) -> dict[str, object]:
        return {
            "slug": self.slug,
            "version": str(self.version),
            "tag": self.tag,
            "commit": self.commit,
            "date": self.date.isoformat(),
            "effective_date": self.effective_date.isoformat() if self.effective_date else None,
            "level": self.level.label if self.level is not None else None,
            "summary": self.summary,
        }


def in_effect(releases: list[Release], on: dt.date) -> Release | None:
    """The release in effect on a day: the newest version whose effective date has come."""
    started = [r for r in releases if r.effective_date is not None and r.effective_date <= on]
    return max(started, key=lambda r: r.version, default=None)

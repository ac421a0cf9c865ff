"""Releases as annotated git tags `SLUG/vX.Y.Z`, and the message format that records them.

A release tag's message is plain text a lawyer can read in any git tool, ending with trailers
that this module parses back:

    privacy-policy 2.0.0

    New payment processor and a new right to object.

    Level: major
    Categories: sharing, rights
    Effective-Date: 2026-03-01

When a person overrode the classifier (`Policy-Change:` trailers in a commit, or
`policy release --level`), the automatic verdict and who decided otherwise are recorded too,
so the override is never silent:

    Classified-Level: minor
    Classified-Categories:
    Override-Source: commit 1a2b3c4
    Override-By: Jane Doe <jane@example.com>
    Override-Reason: New payment processor.

A major release announced with less than the notice period carries `Short-Notice-Reason:`.
Tags made by hand without trailers still count as releases; their level is unknown and their
effective date falls back to the policy's front matter at the tagged commit.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from policy.versions.levels import Level, Version

TRAILER_KEYS = (
    "Level",
    "Categories",
    "Effective-Date",
    "Classified-Level",
    "Classified-Categories",
    "Override-Source",
    "Override-By",
    "Override-Reason",
    "Short-Notice-Reason",
)
_TRAILER = re.compile(
    r"^(" + "|".join(re.escape(k) for k in TRAILER_KEYS) + r"):[ \t]*(.*?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def tag_name(slug: str, version: Version) -> str:
    return f"{slug}/v{version}"


def parse_tag_name(name: str) -> tuple[str, Version] | None:
    """(slug, version) of a release tag name; None for tags that are not releases."""
    slug, sep, rest = name.rpartition("/")
    version = Version.parse(rest) if sep and rest.startswith("v") else None
    return (slug, version) if slug and version else None


@dataclass(frozen=True)
class Verdict:
    """A person's verdict on a change: the level and categories they chose, where it is
    written down and why. The one type for it, from a commit trailer or `--level`."""

    level: Level
    categories: tuple[str, ...]
    source: str
    """`commit 1a2b3c4` (a `Policy-Change:` trailer) or `policy release --level`."""
    by: str
    """Who decided: the commit's author, or the person running `policy release`."""
    reason: str


@dataclass(frozen=True)
class Override(Verdict):
    """A person's verdict that replaced the classifier's, with what the classifier said, so
    that an override is never silent."""

    classified_level: Level = Level.NONE
    """What the classifier said before the override."""
    classified_categories: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "level": self.level.label,
            "categories": list(self.categories),
            "source": self.source,
            "by": self.by,
            "reason": self.reason,
            "classified_level": self.classified_level.label,
            "classified_categories": list(self.classified_categories),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Override:
        return cls(
            level=Level.parse(data["level"]),
            categories=tuple(data.get("categories") or ()),
            source=data.get("source", ""),
            by=data.get("by", ""),
            reason=data.get("reason", ""),
            classified_level=Level.parse(data.get("classified_level") or "none"),
            classified_categories=tuple(data.get("classified_categories") or ()),
        )


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _one_line(text: str) -> str:
    """Trailer values are single lines: a newline would end the trailer (or forge another)."""
    return " ".join(text.split())


def format_tag_message(
    slug: str,
    version: Version,
    level: Level,
    effective_date: dt.date,
    summary: str,
    categories: tuple[str, ...] = (),
    override: Override | None = None,
    short_notice_reason: str = "",
) -> str:
    # Control characters would corrupt the tag listing (`git for-each-ref` records are split on
    # \x1e) and show as garbage in git tools; newlines and tabs stay.
    summary = _CONTROL.sub(" ", summary).strip() or "(no summary)"
    lines = [f"Level: {level.label}"]
    if categories:
        lines.append(f"Categories: {', '.join(categories)}")
    lines.append(f"Effective-Date: {effective_date.isoformat()}")
    if override is not None:
        lines += [
            f"Classified-Level: {override.classified_level.label}",
            f"Classified-Categories: {', '.join(override.classified_categories)}".rstrip(),
            f"Override-Source: {_one_line(override.source)}",
            f"Override-By: {_one_line(override.by)}",
            f"Override-Reason: {_one_line(override.reason)}",
        ]
    if short_notice_reason.strip():
        lines.append(f"Short-Notice-Reason: {_one_line(short_notice_reason)}")
    # A summary line that looks like a trailer would be read back as one.
    summary = _TRAILER.sub(lambda m: m.group(0).replace(":", " -", 1), summary)
    return f"{slug} {version}\n\n{summary}\n\n" + "\n".join(lines) + "\n"


@dataclass(frozen=True)
class TagMessage:
    level: Level | None
    effective_date: dt.date | None
    summary: str
    categories: tuple[str, ...] = ()
    override: Override | None = None
    short_notice_reason: str = ""


def _level_or_none(value: str | None) -> Level | None:
    if not value:
        return None
    try:
        return Level.parse(value)
    except ValueError:
        return None


def _ids(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def parse_tag_message(message: str) -> TagMessage:
    """Never raises: unreadable trailers are treated as absent."""
    found: dict[str, str] = {}
    for match in _TRAILER.finditer(message):
        found[match.group(1).lower()] = match.group(2)
    effective: dt.date | None
    try:
        effective = dt.date.fromisoformat(found.get("effective-date", ""))
    except ValueError:
        effective = None
    level = _level_or_none(found.get("level"))
    override = None
    if "override-source" in found and level is not None:
        override = Override(
            level=level,
            categories=_ids(found.get("categories")),
            source=found.get("override-source", ""),
            by=found.get("override-by", ""),
            reason=found.get("override-reason", ""),
            classified_level=_level_or_none(found.get("classified-level")) or Level.NONE,
            classified_categories=_ids(found.get("classified-categories")),
        )
    body = _TRAILER.sub("", message).strip()
    lines = body.split("\n")
    if len(lines) > 1 and lines[1].strip() == "":  # drop the "slug version" subject line
        body = "\n".join(lines[2:]).strip()
    return TagMessage(
        level,
        effective,
        " ".join(body.split()),
        _ids(found.get("categories")),
        override,
        found.get("short-notice-reason", ""),
    )


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
    categories: tuple[str, ...] = ()
    """Major-change category ids (section 8 of the privacy policy); empty unless major."""
    override: Override | None = None
    """Set when a person's verdict replaced the classifier's."""
    short_notice_reason: str = ""
    """Why a major release takes effect sooner than the notice period (empty otherwise)."""

    def to_json(self) -> dict[str, object]:
        """The one JSON shape of a release, for `policy versions` and the site's
        `versions.json` alike (each adds what it knows: the status, the links)."""
        return {
            "slug": self.slug,
            "version": str(self.version),
            "tag": self.tag,
            "commit": self.commit,
            "released": self.date.isoformat(),
            "effective_date": self.effective_date.isoformat() if self.effective_date else None,
            "level": self.level.label if self.level is not None else None,
            "categories": list(self.categories),
            "summary": self.summary,
            "override": self.override.to_json() if self.override else None,
            "short_notice_reason": self.short_notice_reason or None,
        }


def in_effect(releases: list[Release], on: dt.date) -> Release | None:
    """The release in effect on a day: the newest version whose effective date has come."""
    started = [r for r in releases if r.effective_date is not None and r.effective_date <= on]
    return max(started, key=lambda r: r.version, default=None)

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

from policy.errors import PolicyError
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
    from policy.document.text import printable

    summary = printable(summary).strip() or "(no summary)"
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
class TrailerProblem:
    """A trailer of a tag made by hand whose value cannot be read: what a person must fix."""

    trailer: str
    """As the tool writes it: `Level`, `Categories`, `Effective-Date`."""
    value: str
    """As written in the tag."""
    reason: str

    def __str__(self) -> str:
        return f"`{self.trailer}: {self.value}` {self.reason}"

    def to_json(self) -> dict[str, str]:
        return {"trailer": self.trailer, "value": self.value, "reason": self.reason}


@dataclass(frozen=True)
class TagMessage:
    level: Level | None
    effective_date: dt.date | None
    summary: str
    categories: tuple[str, ...] = ()
    override: Override | None = None
    short_notice_reason: str = ""
    problems: tuple[TrailerProblem, ...] = ()
    """Trailers present but unreadable; their value counts as unknown, never as a guess."""

    @property
    def date_from_front_matter(self) -> bool:
        """A tag without `Effective-Date` takes the front matter's date; a tag whose date cannot
        be read does not (an upcoming version would otherwise be shown as in effect)."""
        return self.effective_date is None and not any(
            p.trailer == "Effective-Date" for p in self.problems
        )


def _level_or_none(value: str | None) -> Level | None:
    if not value:
        return None
    try:
        return Level.parse(value)
    except ValueError:
        return None


def _ids(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # the one form the tool writes


def _checked_trailers(found: dict[str, str], repeated: set[str]) -> list[TrailerProblem]:
    """Problems with the trailers that say what readers are told: level, categories, date."""
    categories = _category_ids()
    problems = [
        TrailerProblem(_KEYS[key], found[key], "is given twice with different values")
        for key in ("level", "categories", "effective-date")
        if key in repeated
    ]
    if "level" in found and _level_or_none(found["level"]) is None:
        allowed = ", ".join(level.label for level in Level)
        problems.append(TrailerProblem("Level", found["level"], f"is not a level ({allowed})"))
    unknown = [c for c in _ids(found.get("categories")) if c not in categories]
    if unknown:
        problems.append(
            TrailerProblem(
                "Categories",
                found["categories"],
                f"names an unknown category `{unknown[0]}` (allowed: {', '.join(categories)})",
            )
        )
    if "effective-date" in found:
        value = found["effective-date"]
        try:
            if not _ISO_DATE.fullmatch(value):
                raise ValueError(value)
            dt.date.fromisoformat(value)
        except ValueError:
            problems.append(
                TrailerProblem("Effective-Date", value, "is not a date (write YYYY-MM-DD)")
            )
    return problems


_KEYS = {key.lower(): key for key in TRAILER_KEYS}


def parse_tag_message(message: str) -> TagMessage:
    """Never raises: an unreadable trailer counts as unknown and is listed in `problems`."""
    found: dict[str, str] = {}
    repeated: set[str] = set()
    for match in _TRAILER.finditer(message):
        key = match.group(1).lower()
        if key in found and found[key] != match.group(2):
            repeated.add(key)
        found[key] = match.group(2)
    problems = _checked_trailers(found, repeated)
    effective: dt.date | None
    try:
        effective = dt.date.fromisoformat(found.get("effective-date", ""))
    except ValueError:
        effective = None
    if any(p.trailer == "Effective-Date" for p in problems):
        effective = None
    level = _level_or_none(found.get("level"))
    if any(p.trailer == "Level" for p in problems):
        level = None
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
    from policy.document.text import printable

    return TagMessage(
        level,
        effective,
        " ".join(printable(body).split()),
        tuple(c for c in _ids(found.get("categories")) if c in _category_ids()),
        override,
        found.get("short-notice-reason", ""),
        tuple(problems),
    )


def _category_ids() -> tuple[str, ...]:
    from policy.settings.categories import CATEGORY_IDS

    return CATEGORY_IDS


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
    problems: tuple[TrailerProblem, ...] = ()
    """Trailers of a tag made by hand that cannot be read (see `require_readable`)."""

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
            "problems": [p.to_json() for p in self.problems],
        }

    def problem_message(self, action: str = "read") -> str:
        """ "" for a readable tag; else one line: the tag, each unreadable trailer with its
        value, and what to do."""
        if not self.problems:
            return ""
        return (
            f"release tag {self.tag} cannot be {action}: "
            f"{'; '.join(str(p) for p in self.problems)}; replace the tag with a corrected "
            f"message (git tag --force --annotate {self.tag} {self.commit[:7]}, then "
            f"git push --force origin {self.tag})"
        )


class UnreadableRelease(PolicyError):
    """A release tag whose level, categories or effective date cannot be read."""


def require_readable(release: Release, action: str) -> None:
    """Refuse to `action` (publish, announce) a release whose tag cannot be read: a wrong date
    or level would tell users something false (in effect today, or no notice owed)."""
    if release.problems:
        raise UnreadableRelease(release.problem_message(action))


def in_effect(releases: list[Release], on: dt.date) -> Release | None:
    """The release in effect on a day: the newest version whose effective date has come."""
    started = [r for r in releases if r.effective_date is not None and r.effective_date <= on]
    return max(started, key=lambda r: r.version, default=None)

"""The verdict on a change: small frozen values that renderers, releases, the site and the
emails consume. The JSON form is a stable contract, documented field by field here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from policy.versions.levels import Level
from policy.versions.releases import Override

if TYPE_CHECKING:
    from policy.diff.model import DocumentDiff


@dataclass(frozen=True)
class Evidence:
    """One change that puts the release in a category, with the rule that said so."""

    section: tuple[str, ...]
    """Heading path of the change (in the new version; the old one for removals)."""
    anchor: str
    """Anchor of that section, to link to it."""
    kind: str
    """The diff's change kind: added, removed, changed, moved, renamed, formatting."""
    before: str | None
    """Old text of the change (None for additions)."""
    after: str | None
    """New text of the change (None for removals)."""
    reason: str
    """Plain words a lawyer can check: which rule fired on which words."""
    rule: str = ""
    """Id of the detector that fired (`contacts.email`, `sharing.organisation`, ...)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "section": list(self.section),
            "anchor": self.anchor,
            "kind": self.kind,
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class CategoryFinding:
    """A major-change category that applies, with every piece of evidence for it."""

    id: str
    """purposes, ownership, sharing, rights, contacts or high_risk."""
    title: str
    """The category's title from policy.toml (section 8's wording, shortened)."""
    evidence: tuple[Evidence, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass(frozen=True)
class Classification:
    """The level of a change, why, and any person's override of it.

    `level` and `categories` are the final verdict (after an override); the classifier's own
    verdict stays in `automatic_level` / `automatic_categories` so it is shown beside it.
    """

    level: Level
    categories: tuple[CategoryFinding, ...]
    changes: int
    """Number of changes in the diff (formatting included)."""
    automatic_level: Level
    automatic_categories: tuple[CategoryFinding, ...]
    override: Override | None = None
    minor_evidence: tuple[Evidence, ...] = ()
    """Wording changes outside the six categories (why it is minor rather than editorial)."""
    editorial_evidence: tuple[Evidence, ...] = ()
    """Changes judged editorial (typos, formatting, moves, renamed headings, dates)."""
    diff: DocumentDiff | None = field(default=None, compare=False, repr=False)

    @property
    def category_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)

    def summary(self) -> str:
        """One plain sentence for a release tag, a history page or an email subject line."""
        if self.level is Level.MAJOR:
            titles = "; ".join(c.title for c in self.categories) or "see the override"
            return f"Major change: {titles}."
        if self.level is Level.MINOR:
            return "Minor change: wording changed outside the major-change categories."
        if self.level is Level.EDITORIAL:
            return "Editorial change: no change in meaning."
        return "No change."

    def to_json(self) -> dict[str, Any]:
        """`{"level", "categories": [{"id", "title", "evidence": [...]}], "changes",
        "override": null | {"level", "source", "by", "reason"}}`."""
        return {
            "level": self.level.label,
            "categories": [c.to_json() for c in self.categories],
            "changes": self.changes,
            "override": (
                {
                    "level": self.override.level.label,
                    "source": self.override.source,
                    "by": self.override.by,
                    "reason": self.override.reason,
                }
                if self.override
                else None
            ),
        }

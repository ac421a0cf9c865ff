"""The result of comparing two versions of a policy: small frozen values the renderers consume."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from policy.document.model import Document

KINDS = ("added", "removed", "changed", "moved", "renamed", "formatting")
TARGETS = ("section", "block", "metadata", "file")


@dataclass(frozen=True)
class Span:
    """A run of words in a changed text: kept (`equal`), deleted or inserted."""

    op: str
    """equal, delete or insert."""
    text: str


@dataclass(frozen=True)
class Change:
    """One thing a reader would point at: a section added, a paragraph reworded, a list moved."""

    kind: str
    """added, removed, changed, moved, renamed or formatting."""
    target: str
    """What changed: a whole `section`, one `block` (paragraph, list item, table row, ...),
    the front matter (`metadata`) or the file path (`file`)."""
    section: tuple[str, ...]
    """Heading path where the change is in the new version (the old one for removals)."""
    anchor: str
    """Anchor of that section ("" for the preamble, metadata and file changes)."""
    before: str | None
    """Old text: one line per block (a section's heading first); None for additions."""
    after: str | None
    """New text, in the same shape; None for removals."""
    spans: tuple[Span, ...] = ()
    """Word-level changes from `before` to `after` (changed blocks and renamed headings)."""
    block_kind: str = ""
    """paragraph, item, row, quote, code, html, comment or heading ("" for sections)."""
    old_section: tuple[str, ...] = ()
    """Heading path in the old version, when it differs (moves, renames, removals)."""
    old_lines: tuple[int, ...] = ()
    """File lines of the old text's units (heading, blocks), in order."""
    new_lines: tuple[int, ...] = ()
    """File lines of the new text's units, in order."""
    detail: str = ""
    """For formatting changes, what differs (e.g. `list numbering`); for metadata, the key."""

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "target": self.target,
            "section": list(self.section),
            "anchor": self.anchor,
            "old_section": list(self.old_section or self.section),
            "block_kind": self.block_kind,
            "before": self.before,
            "after": self.after,
            "spans": [{"op": s.op, "text": s.text} for s in self.spans],
            "detail": self.detail,
            "old_lines": list(self.old_lines),
            "new_lines": list(self.new_lines),
        }


@dataclass(frozen=True)
class Side:
    """One of the two versions compared, as a person would name it."""

    label: str
    """`v2.0.0`, `working tree`, a revision or a file path."""
    path: str | None = None
    commit: str | None = None
    version: str | None = None
    title: str = ""
    effective_date: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "path": self.path,
            "commit": self.commit,
            "version": self.version,
            "title": self.title,
            "effective_date": self.effective_date,
        }


@dataclass(frozen=True)
class DocumentDiff:
    """Everything `policy diff` knows about two versions; renderers need nothing else."""

    old: Side
    new: Side
    changes: tuple[Change, ...]
    old_document: Document | None = field(default=None, compare=False, repr=False)
    new_document: Document | None = field(default=None, compare=False, repr=False)

    @property
    def wording_changes(self) -> tuple[Change, ...]:
        """Changes in what the policy says (everything but formatting)."""
        return tuple(c for c in self.changes if c.kind != "formatting")

    @property
    def formatting_changes(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.kind == "formatting")

    def counts(self) -> dict[str, int]:
        """Number of changes of each kind, every kind present (0 when absent)."""
        return {kind: sum(1 for c in self.changes if c.kind == kind) for kind in KINDS}

    def to_json(self) -> dict[str, Any]:
        return {
            "old": self.old.to_json(),
            "new": self.new.to_json(),
            "changes": [c.to_json() for c in self.changes],
        }

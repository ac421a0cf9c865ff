"""The verdict on a change: small frozen values that renderers, releases, the site and the
emails consume. The JSON form is a stable contract, documented field by field here."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from policy.diff.model import Span
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
    """Id of the rule that decided (`sharing.organisation`, `contacts.e-mail`, `rights.terms`,
    `minor.reworded`, `editorial`, ...)."""
    spans: tuple[Span, ...] = ()
    """The diff's word-level spans from `before` to `after` (empty when it had none)."""
    category: str = ""
    """The category the evidence is about ("" for a minor or editorial change)."""
    item: str = ""
    """The item of the policy's inventory that changed, as written or by the vocabulary's
    name ("Nimbus Cloud Ltd", "Right to erasure"); "" when no single item is concerned."""
    item_kind: str = ""
    """What the item is (`Item.kind` in `classify.inventory`: organisation, recipient,
    country, e-mail, officer, authority, right, route, data, purpose, entity, event,
    finding), "" when none."""
    change: str = ""
    """What happened to the item: `added` (the new version states it, the old did not),
    `removed`, `flipped` (stated both times, with another polarity or condition), `reworded`
    (the same items before and after), `term` (a category's words without an item to compare),
    `editorial`; "" when not known."""
    quote_before: str = ""
    """The old sentence that states the item ("" when it is new)."""
    quote_after: str = ""
    """The new sentence that states the item ("" when it was removed)."""

    def to_json(self) -> dict[str, Any]:
        """The old keys first (`section`, `anchor`, `kind`, `before`, `after`, `reason`,
        `rule`, `spans`), then the inventory's fields above (`category`, `item`, `item_kind`,
        `change`, `quote_before`, `quote_after`)."""
        return {
            "section": list(self.section),
            "anchor": self.anchor,
            "kind": self.kind,
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
            "rule": self.rule,
            "spans": [{"op": s.op, "text": s.text} for s in self.spans],
            "category": self.category,
            "item": self.item,
            "item_kind": self.item_kind,
            "change": self.change,
            "quote_before": self.quote_before,
            "quote_after": self.quote_after,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Evidence:
        """The evidence `to_json` wrote; keys it does not know are ignored and fields it lacks
        keep their defaults, so a record written by another version of the tool still reads."""
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in known
        }
        values["spans"] = tuple(Span(s["op"], s["text"]) for s in data.get("spans") or ())
        return cls(**values)


@dataclass(frozen=True)
class Question:
    """A change the classifier cannot judge alone: it touches a category's subject, but the
    inventory neither clearly changes nor clearly stays the same. A lawyer answers it."""

    category: str
    """The category the change may touch."""
    section: tuple[str, ...]
    """Heading path of the change."""
    before: str | None
    """Old text of the change (None for an addition)."""
    after: str | None
    """New text of the change (None for a removal)."""
    question: str
    """The question, in plain words, for a lawyer."""
    rule: str = ""
    """The rule that saw the category's subject touched."""

    def to_json(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "section": list(self.section),
            "before": self.before,
            "after": self.after,
            "question": self.question,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Question:
        return cls(
            data["category"],
            tuple(data.get("section") or ()),
            data.get("before"),
            data.get("after"),
            data["question"],
        )


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

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CategoryFinding:
        evidence = tuple(Evidence.from_json(e) for e in data.get("evidence") or ())
        return cls(data["id"], data["title"], evidence)


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
    questions: tuple[Question, ...] = ()
    """What a person must decide (see `Question`); kept after an override, for the record."""
    diff: DocumentDiff | None = field(default=None, compare=False, repr=False)

    @property
    def category_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)

    @property
    def needs_decision(self) -> bool:
        """A person must decide the level: the classifier asked questions and no person's
        verdict (a trailer with a reason, or `--level` with `--reason`) answers them yet."""
        return bool(self.questions) and self.override is None

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
        """The stable JSON contract, field by field; everything but the diff, so `from_json`
        gives it back:

        - `level`: the final verdict (major, minor, editorial, none), after any override;
        - `categories`: `[{"id", "title", "evidence": [Evidence.to_json()]}]`, section 8's order;
        - `changes`: number of changes in the diff;
        - `override`: null, or the person's verdict (`Override.to_json`) when a person decided;
        - `needs_decision`: true when the classifier asks questions no person answered yet
          (`level` is then still the automatic verdict, and a release is refused);
        - `questions`: `[{"category", "section", "before", "after", "question"}]`, the
          changes a lawyer must judge (kept after a decision, so the record shows them);
        - `automatic_level`, `automatic_categories`: the classifier's own verdict;
        - `minor_evidence`, `editorial_evidence`: `[Evidence.to_json()]`, why the other
          changes are minor or editorial.
        """
        return {
            "level": self.level.label,
            "categories": [c.to_json() for c in self.categories],
            "changes": self.changes,
            "override": self.override.to_json() if self.override else None,
            "needs_decision": self.needs_decision,
            "questions": [q.to_json() for q in self.questions],
            "automatic_level": self.automatic_level.label,
            "automatic_categories": [c.to_json() for c in self.automatic_categories],
            "minor_evidence": [e.to_json() for e in self.minor_evidence],
            "editorial_evidence": [e.to_json() for e in self.editorial_evidence],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Classification:
        """The classification `to_json` wrote (without its diff); the automatic verdict is the
        final one when the document does not give it. Raises `ValueError`, `KeyError` or
        `TypeError` for a document that is not a classification."""
        categories = tuple(CategoryFinding.from_json(c) for c in data["categories"])
        automatic = data.get("automatic_categories")
        return cls(
            level=Level.parse(data["level"]),
            categories=categories,
            changes=int(data["changes"]),
            automatic_level=Level.parse(data.get("automatic_level") or data["level"]),
            automatic_categories=categories
            if automatic is None
            else tuple(CategoryFinding.from_json(c) for c in automatic),
            override=Override.from_json(data["override"]) if data.get("override") else None,
            minor_evidence=_evidence(data.get("minor_evidence")),
            editorial_evidence=_evidence(data.get("editorial_evidence")),
            questions=tuple(
                Question.from_json(q) for q in data.get("questions") or () if isinstance(q, dict)
            ),
        )


def _evidence(items: list[dict[str, Any]] | None) -> tuple[Evidence, ...]:
    return tuple(Evidence.from_json(item) for item in items or ())

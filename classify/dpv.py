"""Surface forms for the W3C Data Privacy Vocabulary (DPV 2.3) concepts the classifier counts.

The vendored CSV modules (`vocab/dpv/`, see its README) give the concepts: personal-data
categories, purposes, data-subject rights, recipient roles. Their labels are concept names
("Email Address", "Direct Marketing"), so each concept gets surface forms: its label (plural
allowed) when the label is specific enough to be found in prose, plus the phrasings policies
use, listed in `vocab/forms.toml` under the DPV term they mean. Concepts DPV lacks but
section 8 needs (model training, profiling, search queries) carry a `policy:` id. Rights and
ways of exercising them follow the GDPR (Articles 15-22, 7(3), 77) and the CCPA/CPRA (know,
delete, correct, opt out of sale or sharing, limit sensitive data, non-discrimination,
authorised agents, appeals).

Loaded once, lazily: nothing here is read until a classification needs it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from policy.classify.caseless import alternation, spans, spans_together

DPV_DIR = Path(__file__).resolve().parent / "vocab" / "dpv"


@dataclass(frozen=True)
class Concept:
    """One thing a policy can state: a data category, a purpose, a right, a way to exercise it."""

    id: str
    """`pd:EmailAddress`, `dpv:DirectMarketing`, `gdpr:A17`, `policy:Appeal` ..."""
    label: str
    """Plain name for a lawyer ("Email Address", "Right to Erasure")."""
    pattern: re.Pattern


FORMS_FILE = Path(__file__).resolve().parent / "vocab" / "forms.toml"
"""The phrasings policies use for each concept, kept as data beside the vendored modules."""


@cache
def _forms_data() -> dict:
    import tomllib

    with FORMS_FILE.open("rb") as handle:
        return tomllib.load(handle)


def _synonyms(section: str) -> dict[str, tuple[str, ...]]:
    """More forms per DPV term (`[pd.TERM]`, `[purpose.TERM]` in forms.toml)."""
    return {term: tuple(entry["forms"]) for term, entry in _forms_data()[section].items()}


def _entries(section: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Concepts with their own label (`[right."ID"]`, `[route."ID"]`, ... in forms.toml)."""
    return {
        cid: (entry["label"], tuple(entry["forms"]))
        for cid, entry in _forms_data()[section].items()
    }


class ConceptSet:
    """Many concepts matched in one pass: one alternation of every surface form (longest
    first), then the concepts a matched phrase belongs to, looked up once per phrase."""

    def __init__(self, concepts: tuple[Concept, ...]):
        self.concepts = concepts
        self.by_id = {c.id: c for c in concepts}
        forms = sorted({f for c in concepts for f in _FORMS[c.id]}, key=lambda f: (-len(f), f))
        self.forms = forms
        self.pattern = _alternation(forms) if forms else re.compile(r"(?!x)x")
        self._resolved: dict[str, tuple[Concept, ...]] = {}

    def spans(
        self, text: str, lower: str | None = None, starts: list[int] | None = None
    ) -> list[tuple[int, int]]:
        """Where the alternation matches `text`, as `finditer` would find it."""
        if not self.forms:
            return []  # the pattern that never matches
        return spans(self.pattern, text, lower, starts)

    def find(self, text: str, lower: str | None = None, starts: list[int] | None = None):
        """(concept, (start, end)) for each phrase of `text` naming a concept (`lower`:
        `caseless.lowered(text)`, `starts`: `caseless.word_starts(lower)`, to match
        faster)."""
        return self.named(text, self.spans(text, lower, starts))

    def named(self, text: str, found: list[tuple[int, int]]):
        """(concept, (start, end)) for each of the phrases `found` in `text`."""
        for start, end in found:
            phrase = text[start:end].casefold()
            concepts = self._resolved.get(phrase)
            if concepts is None:
                concepts = tuple(c for c in self.concepts if c.pattern.fullmatch(phrase))
                self._resolved[phrase] = concepts
            for concept in concepts:
                yield concept, (start, end)


class Together:
    """Several concept sets asked of the same sentence in turn (data categories and purposes,
    rights and the ways to exercise them), matched in one pass over its words
    (`caseless.spans_together`): the same phrases as each set's `find`, in the same order."""

    def __init__(self, *sets: ConceptSet):
        self.sets = sets
        self.patterns = tuple(s.pattern for s in sets)

    def find(self, text: str, lower: str | None = None, starts: list[int] | None = None):
        """One list per set: what its `find` gives."""
        found = spans_together(self.patterns, text, lower, starts)
        return [
            list(s.named(text, where)) if s.forms else []
            for s, where in zip(self.sets, found, strict=True)
        ]


_FORMS: dict[str, tuple[str, ...]] = {}
"""Surface forms of each concept id, kept to build combined alternations."""


def _concept(cid: str, label: str, forms) -> Concept:
    _FORMS[cid] = tuple(forms)
    return Concept(cid, label, _alternation(forms))


def _alternation(patterns) -> re.Pattern:
    return alternation(tuple(patterns))


def _label_form(label: str) -> str:
    words = [re.escape(w.lower()) for w in label.replace("-", " ").split()]
    return r"[ -]?".join(words) + r"(s|es)?"


def _rows(name: str) -> list[dict[str, str]]:
    with (DPV_DIR / name).open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row.get("type") == "class"]


def _from_modules(
    files: tuple[str, ...], prefix: str, synonyms: dict[str, tuple[str, ...]]
) -> list[Concept]:
    concepts = []
    specific = set(_forms_data()["specific_words"])
    general = set(_forms_data()["general_labels"])
    for name in files:
        for row in _rows(name):
            label, term = row["label"], row["term"]
            forms = list(synonyms.get(term, ()))
            single = " " not in label.strip()
            if label not in general and (not single or label in specific):
                forms.append(_label_form(label))
            if forms:
                concepts.append(_concept(f"{prefix}:{term}", label, forms))
    return concepts


def _listed(entries: dict[str, tuple[str, tuple[str, ...]]], prefix: str = "") -> list[Concept]:
    return [_concept(f"{prefix}{cid}", label, forms) for cid, (label, forms) in entries.items()]


@cache
def data_categories() -> tuple[Concept, ...]:
    return tuple(
        _from_modules(("pd_core.csv", "pd_extended.csv"), "pd", _synonyms("pd"))
        + _listed(_entries("policy_data"), "policy:")
    )


@cache
def purposes() -> tuple[Concept, ...]:
    return tuple(
        _from_modules(("dpv_purposes.csv",), "dpv", _synonyms("purpose"))
        + _listed(_entries("policy_purpose"), "policy:")
    )


@cache
def rights() -> tuple[Concept, ...]:
    labels = {f"gdpr:{row['term']}": row["label"] for row in _rows("legal_eu_gdpr_rights.csv")}
    return tuple(
        _concept(cid, labels.get(cid, label), forms)
        for cid, (label, forms) in _entries("right").items()
    )


@cache
def routes() -> tuple[Concept, ...]:
    return tuple(_listed(_entries("route")))


@cache
def recipient_categories() -> tuple[Concept, ...]:
    return tuple(_listed(_entries("recipient")))


def extra(category: str, phrases: tuple[str, ...]) -> tuple[Concept, ...]:
    """Items a repository adds in policy.toml (`[classify.ID] items = [...]`)."""
    return tuple(_concept(f"custom:{category}:{p}", p, (p,)) for p in phrases)

"""Compare the inventories of two versions change by change: which items each change adds,
removes or flips, and whether a reworded change states the same items.

Steps, in order:
1. the whole documents' inventories give the items each version states anywhere (an item
   that only moves between sections is neither gained nor lost);
2. company renames are found (one name replaced by another throughout, or a "formerly" note),
   so the same company under a new name is not a new recipient or a new controller;
3. for each change that is not editorial, the items of its changed words: gained (the new
   version states it and the old one nowhere), lost (the reverse), flipped (the change states
   it on both sides with another polarity: "never" ↔ anything else is clear; "may" ↔
   "with consent" and the like is a question for a person). A company the other version's
   section still names (with no word of ending beside it) is neither gained nor lost: the
   paragraph said again in other words is often read as naming it without passing data on.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from policy.classify.caseless import caseless, lowered, required_literals
from policy.classify.inventory import (
    CEASED,
    NAME_WORDS,
    NEVER,
    RENAME_MARKER,
    SUFFIX,
    Extractor,
    Item,
    family_of,
    org_key,
    renamed_before,
    sentences,
)

if TYPE_CHECKING:
    from policy.classify.engine import Region, Unit
    from policy.document.model import Document

ENDING = re.compile(CEASED.pattern + r"|\b(?:suspended|withdrawn|paused|halted|wound down)\b", re.I)
"""Words that say a company no longer receives data (`inventory.CEASED`, and a disclosure
"suspended" or an integration "withdrawn"). A section that names a company beside them may
be saying it stopped receiving data."""
RENAMABLE = {("sharing", "organisation"), ("sharing", "recipient"), ("ownership", "entity")}
_ADDRESSES = re.compile(r"(?<!\S)[^\s@]*@\S+|(?:https?://|www\.)\S+|\]\([^)]*\)")
"""E-mail addresses, URLs and link targets: a name inside them is not the name in prose."""
NAME = re.compile(r"^[A-Z][\w&'’.-]*(?: [A-Z&][\w&'’.-]*){0,4}$")


@dataclass
class Finding:
    """One item that a change adds, removes or flips."""

    item: Item
    change: str
    """added, removed, flipped or unclear (a polarity change a person must judge)."""
    other: Item | None = None
    """For flips: the item on the old side."""
    beside: str = ""
    """For a place added or dropped for one recipient (a row's, or one a paragraph names):
    that recipient, when the policy may name the place for another."""


@dataclass
class UnitItems:
    """A change's items and what happened to them."""

    old: list[Item] = field(default_factory=list)
    new: list[Item] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def same(self, category: str) -> bool:
        """The change states the same items of the category before and after (and some)."""
        old = {i.identity for i in self.old if i.category == category}
        new = {i.identity for i in self.new if i.category == category}
        return bool(old) and old == new


class DocumentIndex:
    """Answers "does this version state this item anywhere?" without reading every sentence:
    only the blocks whose text matches the item's cheap probe are read for items. Built once
    per version: the blocks grouped by top-level section, and, per probe, the blocks it
    matches (one pass over the version's joined text), so a question costs the blocks that
    could answer it, not every block of a long policy."""

    SEPARATOR = "\n\x00\n"
    """Between blocks in the joined text: no word, no address, no phrase runs across it."""

    def __init__(self, extractor: Extractor, document: Document | None):
        self.extractor = extractor
        self.blocks: list[tuple[tuple[str, ...], str, bool]] = []
        if document is not None:
            for section in document.all_sections():
                self.blocks.append((section.path, section.title, False))
                lead = ""  # a paragraph that ends in a colon, before its bullets
                for block in section.blocks:
                    text = block.text
                    if block.kind == "item" and lead:
                        text = f"{lead} {text}"  # "You may ask us: - to correct it" says
                        # "you may ask us to correct it"
                    elif block.kind != "item":
                        stripped = text.rstrip()
                        lead = stripped[:-1] if stripped.endswith(":") else ""
                    self.blocks.append((section.path, text, block.kind == "row"))
        self._answers: dict[tuple[str, ...], bool] = {}
        self._by_scope: dict[tuple[str, ...], list[int]] | None = None
        self._joined: tuple[str, str | None, list[int]] | None = None

    def _scoped(self, scope: tuple[str, ...]) -> list[int]:
        """The blocks under the top-level section `scope`, in document order."""
        if self._by_scope is None:
            self._by_scope = {}
            scopes: dict[tuple[str, ...], tuple[str, ...]] = {}
            for index, (path, _, _) in enumerate(self.blocks):
                key = scopes.get(path)
                if key is None:
                    key = scopes[path] = _scope(path)
                self._by_scope.setdefault(key, []).append(index)
        return self._by_scope.get(scope, [])

    def _anywhere(self, probe: re.Pattern) -> Iterator[int]:
        """The blocks whose text `probe` matches, found through the plain words any match
        must contain (`caseless.required_literals`), so a long policy is searched as a
        string, not block by block with the pattern; lazily, since one block that states the
        item is enough."""
        if self._joined is None:
            starts, at = [], 0
            for _, block, _ in self.blocks:
                starts.append(at)
                at += len(block) + len(self.SEPARATOR)
            text = self.SEPARATOR.join(block for _, block, _ in self.blocks)
            self._joined = (text, lowered(text), starts)
        text, lower, starts = self._joined
        literals = required_literals(probe)
        where = lower if probe.flags & re.IGNORECASE else text
        if literals is None or where is None or any(not w.strip() for w in literals):
            yield from (i for i, (_, block, _) in enumerate(self.blocks) if probe.search(block))
            return
        seen: set[int] = set()
        last = len(starts) - 1
        for literal in literals:
            at = where.find(literal)
            while at >= 0:
                index = bisect_right(starts, at) - 1
                if index not in seen:
                    seen.add(index)
                    if probe.search(self.blocks[index][1]):
                        yield index
                at = where.find(literal, starts[index + 1]) if index < last else -1

    def _candidates(self, item: Item, scope: tuple[str, ...] | None) -> Iterable[int]:
        """The blocks that may state `item`: under the top-level section `scope`, or anywhere
        when `scope` is None."""
        probe = self.extractor.probe(item)
        if scope is not None:
            return (i for i in self._scoped(scope) if probe.search(self.blocks[i][1]))
        return self._anywhere(probe)

    def _section(self, path: tuple[str, ...]) -> Iterator[str]:
        """The texts of the blocks of the section `path` (not its subsections), found among
        the blocks of its top-level section rather than in the whole document."""
        for i in self._scoped(_scope(path)):
            where, text, _ = self.blocks[i]
            if where == path:
                yield text

    def tree_text(self, path: tuple[str, ...]) -> str:
        """The text of the section `path` with all its subsections (a pass over the blocks)."""
        size = len(path)
        return "\n".join(text for where, text, _ in self.blocks if where[:size] == path)

    def text_of(self, path: tuple[str, ...]) -> str:
        """The text of the section `path` (its blocks, not its subsections)."""
        return "\n".join(self._section(path))

    def names(self, label: str, path: tuple[str, ...]) -> bool:
        """Whether a paragraph of the section `path` names `label` with no word of ending
        (`ENDING`), in a sentence with no negation: the section still speaks of that company
        as one it deals with."""
        pattern = re.compile(rf"(?<!\w){re.escape(label)}(?!\w)")
        return _named(pattern, self._section(path))

    def names_anywhere(self, label: str) -> bool:
        """Whether any paragraph of this version names the company whose label is `label` (by
        the first word of its name, as written), with no word of ending and no negation: a
        restructured policy still deals with a company it names in another section, or in a
        list instead of its table. Asked of recipients removed only: asked of recipients
        added too, it hid companies named before in another role (a subsidiary sold, a unit
        spun off) that now receive data, five written major changes out of 8,870."""
        first = _first_name_word(re.sub(r"\([^)]*\)", " ", label))
        if len(first) < 3 or not first[:1].isupper():
            return False
        pattern = re.compile(rf"(?<![\w-]){re.escape(first)}(?![\w-])")
        return _named(pattern, (self.blocks[i][1] for i in self._anywhere(pattern)))

    def names_with(self, label: str, item: Item) -> bool:
        """Whether a paragraph of this version states `item` and names the company `label`
        (by the first word of its name): a place given for that company before."""
        first = _first_name_word(label)
        if len(first) < 3:
            return True  # no name to tell the company by: the place is not new for it
        family = family_of(item)
        return any(
            first in text
            and any(found.identity == item.identity for found in
                    self.extractor.items(text, path, row, family))
            for path, text, row in map(self.blocks.__getitem__, self._candidates(item, None))
        )  # fmt: skip

    def states_never(self, item: Item, scope: tuple[str, ...]) -> bool:
        """Whether this version states the item negatively ("we never ...") in the top-level
        section `scope`: a promise is made about the practice that section describes."""
        key = (*item.identity, "never", *scope)
        answer = self._answers.get(key)
        if answer is None:
            family = family_of(item)
            answer = any(
                found.identity == item.identity and found.polarity == "never"
                for path, text, row in map(self.blocks.__getitem__, self._candidates(item, scope))
                for found in self.extractor.items(text, path, row, family)
            )
            self._answers[key] = answer
        return answer

    def states(
        self,
        item: Item,
        identity: tuple[str, str, str] | None = None,
        scope: tuple[str, ...] = (),
    ) -> bool:
        """Whether this version states the item (under the top-level section `scope` when
        given: rights and purposes are stated per section, a recipient anywhere). A scope
        this version has no section of (the section was renamed, merged or split in a
        restructured policy) is looked for in the whole version: the item may have moved with
        its section's words."""
        identity = identity or item.identity
        if scope and not self._scoped(scope):
            scope = ()
        key = (*identity, *scope)
        answer = self._answers.get(key)
        if answer is None:
            family = family_of(item)
            answer = any(
                any(
                    found.identity == identity
                    for found in self.extractor.items(text, path, row, family)
                )
                for path, text, row in map(
                    self.blocks.__getitem__, self._candidates(item, scope or None)
                )
            )
            self._answers[key] = answer
        return answer


def _named(pattern: re.Pattern, texts: Iterable[str]) -> bool:
    """Whether a text names what `pattern` finds with no word of ending (`ENDING`), in a
    sentence with no negation (`DocumentIndex.names`, `DocumentIndex.names_anywhere`)."""
    return any(
        pattern.search(sentence) and not NEVER.search(sentence)
        for text in texts
        if pattern.search(text) and not ENDING.search(text)
        for _, sentence in sentences(text)
    )


SCOPED = {"rights"}
"""Categories compared section by section: "you can delete your account in the settings"
removed from the rights section is a lost way to exercise a right even if another section
still mentions deleting an account."""


@lru_cache(maxsize=4096)
def _scope(path: tuple[str, ...]) -> tuple[str, ...]:
    """The top-level section of a path, numbers and punctuation left out, so a renumbered
    section is the same section."""
    return tuple(re.sub(r"[\W\d_]+", " ", h).strip().casefold() for h in path[:2])


def _name_words(name: str) -> str:
    """A name's words as an entity's key spells them ("Serviços Digitais Ltda." → "serviços
    digitais"): the words of a renamed part of a company's name."""
    words = re.sub(r"\W+", " ", SUFFIX.sub("", name)).strip().casefold().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _renamed_beside(
    item: Item, extractor: Extractor, path: tuple[str, ...], old_doc: DocumentIndex
) -> bool:
    """Phenomenon: a recipient's new name given with its old one and a word of renaming
    ("Acme Ltd (the new name of Apex Ltd)", "Acme Ltd, formerly Apex Ltd") names the same
    recipient the old version named: the old name is still in the sentence, so the diff
    shows no replaced name for `renames` to read."""
    marker = RENAME_MARKER.search(item.label)
    if marker is not None:
        old_name = CAPITALISED.search(item.label, marker.end())
        if old_name is not None and old_doc.names_anywhere(item.label[old_name.start() :]):
            return True  # a row's name cell, "Acme Ltd (the same company, previously named
            # Apex Ltd)", read as one name
    if not RENAME_MARKER.search(item.sentence):
        return False
    return any(
        other.kind == "organisation" and other.key != item.key and old_doc.states(other)
        for other in extractor.items(item.sentence, path, False)
    )


def renames(units: list[Unit], old_text: str, new_text: str) -> dict[str, str]:
    """Old name words → new name words, for a company that changed its name: one name
    replaced by another in two or more places and gone from the new version, or replaced once
    next to a rename note ("formerly", "renamed")."""
    pairs: Counter[tuple[str, str]] = Counter()
    for unit in units:
        change = unit.change
        if change.kind != "changed" or not change.spans:
            continue
        spans = change.spans
        for i in range(len(spans) - 1):
            gone, came = spans[i], spans[i + 1]
            if gone.op == "delete" and came.op == "insert":
                a, b = gone.text.strip(), came.text.strip()
                if NAME.match(a) and NAME.match(b) and org_key(a) != org_key(b):
                    pairs[(_name_words(a), _name_words(b))] += 1
    if not pairs:
        return {}
    noted = caseless(RENAME_MARKER).search(new_text, lowered(new_text))
    candidates = [(a, b) for (a, b), count in pairs.items() if a and b and (count >= 2 or noted)]
    if not candidates:
        return {}
    new_text = _ADDRESSES.sub(" ", new_text)
    lower = lowered(new_text)
    words = set(re.findall(r"\w+", lower)) if lower is not None else None
    result = {}
    for a, b in candidates:
        if words is not None and re.fullmatch(r"\w+", a) and (a not in words or not noted):
            gone_from_new = a not in words  # the same as the search below, for a plain word
        else:
            spelled = r"\W+".join(map(re.escape, a.split()))
            gone_from_new = all(
                renamed_before(new_text, m.start())
                for m in re.finditer(rf"(?i)\b{spelled}\b", new_text)
            )  # the old name kept only in a rename note ("(named Acme Ltd until May)")
        if gone_from_new:
            result[a] = b
    return result


def _renamed(item: Item, mapping: dict[str, str]) -> tuple[str, str, str]:
    if (item.category, item.kind) == ("ownership", "entity"):
        key = f" {item.key} "  # "acme software" → "acme cloud services": the words renamed
        for old, new in mapping.items():
            key = key.replace(f" {old} ", f" {new} ")
        return (item.category, item.kind, key.strip())
    if (item.category, item.kind) in RENAMABLE:
        first = {old.split()[0]: new.split()[0] for old, new in mapping.items()}
        if item.key in first:  # a recipient's key is its name's first word
            return (item.category, item.kind, first[item.key])
    return item.identity


def _marked(side: Region, items: list[Item]) -> list[Item]:
    return [i for i in items if side.touches(i.start, i.end)]


CLEAR_FLIPS = frozenset({"never"})
"""A practice stated only negatively on one side and not negatively on the other is reversed;
a change between other polarities (may, with consent, opt-out) changes a condition."""
NO_FLIPS = {("sharing", "organisation"), ("sharing", "country")}
"""Names and places carry the polarity of their sentence only loosely ("Not applicable" in a
table cell): their presence counts, not their polarity."""


CAPITALISED = re.compile(r"\b[A-Z][\w&'’-]{2,}")

PLACE_REACH = 80
"""How far before a country the recipient it is given for is named ("in Acme's Singapore
region", "replicated to Acme's facility in Sydney, Australia"): further away, the country is
as likely said of something else in the sentence."""


def _first_name_word(label: str) -> str:
    """The first word of a company's name as written ("Acme" of "The Acme Group Ltd"), or ""
    when it has none: what tells the company apart in another paragraph."""
    return next((w for w in NAME_WORDS.findall(label) if w != "The"), "")


def _new_place_of(item: Item, result: UnitItems, old_doc: DocumentIndex) -> str:
    """Phenomenon: a country added beside a recipient the paragraph already named ("data
    centres operated by Acme in India" → "..., with replicas in Acme's Singapore region")
    moves that recipient's data somewhere new, even where the policy names the country for
    another recipient. Not when the old paragraph named the country too, or when any
    paragraph of the old version names it beside that recipient. The recipient's name, or ""."""
    if any(i.identity == item.identity for i in result.old):
        return ""
    kept = {i.key for i in result.old if i.kind == "organisation"}
    sentence, place = item.sentence, item.label
    near = [
        sentence[max(0, m.start() - PLACE_REACH) : m.start()]
        for m in re.finditer(re.escape(place), sentence)
    ]
    names = [
        i.label
        for i in result.new
        if i.kind == "organisation"
        and i.key in kept
        and i.sentence == sentence
        and (first := _first_name_word(i.label))
        and any(first in before for before in near)
    ]
    if not names or any(old_doc.names_with(label, item) for label in names):
        return ""
    return names[0]


def _row_name(row: str) -> str:
    """The recipient a table row is the record of: its first cell, without list or bold
    marks."""
    return row.split("|")[0].strip(" -*")


def _not_in(item: Item, others: list[Item], text: str) -> bool:
    """Phenomenon: a country added to (or dropped from) a row of a recipients table ("Germany;
    backup copies in the United States") moves that recipient's data, even where the policy
    names the country for another recipient: a row is its own record. A place in brackets
    ("Germany (Frankfurt)") only says where in the place before it."""
    before = re.split(r"[|;]", text[: item.start])[-1]
    if before.count("(") > before.count(")"):
        return False
    return not any(o.identity == item.identity for o in others)


def unit_items(
    extractor: Extractor,
    unit: Unit,
    old_doc: DocumentIndex,
    new_doc: DocumentIndex,
    mapping: dict[str, str],
) -> UnitItems:
    change = unit.change
    row = change.block_kind == "row"
    result = UnitItems(
        extractor.items(unit.old.text, change.old_section or change.section, row),
        extractor.items(unit.new.text, change.section or change.old_section, row),
    )
    moved_row = row and change.kind == "changed" and "|" in unit.old.text and "|" in unit.new.text
    found: set[tuple[tuple[str, str, str], str, str]] = set()
    for item in _marked(unit.new, result.new):
        if moved_row and item.kind == "country" and _not_in(item, result.old, unit.new.text):
            # the row's recipient, somewhere new
            result.findings.append(Finding(item, "added", beside=_row_name(unit.new.text)))
            continue
        if change.kind == "changed" and not row and item.kind == "country":
            whose = _new_place_of(item, result, old_doc)
            if whose:
                result.findings.append(Finding(item, "added", beside=whose))
                continue
        scope = _scope(change.section or change.old_section) if item.category in SCOPED else ()
        if old_doc.states(item, scope=scope):
            continue
        path = change.old_section or change.section
        if (
            item.kind == "organisation"
            and old_doc.names(item.label, path)
            and not old_doc.states_never(item, _scope(path))
        ):
            continue  # the section named it before, in words not read as passing data on
        back = _renamed_back(item, mapping)
        if back != item.identity and old_doc.states(item, back):
            continue
        if item.kind == "postal" and _same_address(item.label, old_doc.text_of(path)):
            continue
        if item.kind == "officer" and _same_name(item.label, old_doc.text_of(path)):
            continue
        if item.kind == "organisation" and _renamed_beside(item, extractor, path, old_doc):
            continue
        if (item.identity, item.polarity, "added") in found:
            continue  # named twice in the change ("| Acme Inc. |" read as a row and a sentence)
        found.add((item.identity, item.polarity, "added"))
        result.findings.append(Finding(item, "added"))
    for item in _marked(unit.old, result.old) + _unsaid(unit, result):
        if moved_row and item.kind == "country" and _not_in(item, result.new, unit.old.text):
            result.findings.append(Finding(item, "removed", beside=_row_name(unit.old.text)))
            continue
        scope = _scope(change.old_section or change.section) if item.category in SCOPED else ()
        if new_doc.states(item, scope=scope):
            continue
        path = change.section or change.old_section
        if (
            item.kind == "organisation"
            and (new_doc.names(item.label, path) or new_doc.names_anywhere(item.label))
            and not new_doc.states_never(item, _scope(path))
        ):
            continue  # the policy still names it, not as a recipient that has ended
        forward = _renamed(item, mapping)
        if forward != item.identity and new_doc.states(item, forward):
            continue
        if item.kind == "postal" and _same_address(item.label, new_doc.text_of(path)):
            continue
        if item.kind == "officer" and _same_name(item.label, new_doc.text_of(path)):
            continue
        if (item.identity, item.polarity, "removed") in found:
            continue
        found.add((item.identity, item.polarity, "removed"))
        result.findings.append(Finding(item, "removed"))
    for side, items, other_doc in (
        (unit.old, result.old, new_doc),
        (unit.new, result.new, old_doc),
    ):
        for item in _marked(side, items):
            whole = side.touches(item.start, item.end) and _sentence_marked(side, item)
            if item.polarity != "never" or not whole or item.category in ("contacts", "ownership"):
                continue
            scope = _scope(change.section or change.old_section)
            if (item.category, item.kind) in NO_FLIPS or other_doc.states_never(item, scope):
                continue
            if any(f.item.identity == item.identity for f in result.findings):
                continue
            result.findings.append(Finding(item, "unclear", None))
    if change.kind == "changed":
        old_by = _polarities(result.old)
        new_by = _polarities(result.new)
        marked = {i.identity for i in _marked(unit.new, result.new)} | {
            i.identity for i in _marked(unit.old, result.old)
        }
        changed_sentences = _changed_sentences(unit)
        for identity, new_pol in new_by.items():
            old_pol = old_by.get(identity)
            if old_pol is None or old_pol == new_pol:
                continue
            item = next(i for i in result.new if i.identity == identity)
            if identity not in marked and item.sentence.strip() not in changed_sentences:
                continue
            other = next(i for i in result.old if i.identity == identity)
            if (identity[0], identity[1]) in NO_FLIPS:
                continue
            if old_pol == CLEAR_FLIPS or new_pol == CLEAR_FLIPS:
                if not (old_pol & new_pol & CLEAR_FLIPS) or (old_pol == CLEAR_FLIPS) != (
                    new_pol == CLEAR_FLIPS
                ):
                    # denied, and now stated (or the reverse); or denied, and now also stated
                    # beside a narrower denial ("our provider does not train on it; we may")
                    if new_pol == CLEAR_FLIPS:
                        item = next(i for i in result.new if i.identity == identity)
                        other = next(
                            (
                                i
                                for i in result.old
                                if i.identity == identity and i.polarity != "never"
                            ),
                            other,
                        )
                    else:
                        item = next(
                            (
                                i
                                for i in result.new
                                if i.identity == identity and i.polarity != "never"
                            ),
                            item,
                        )
                    result.findings.append(Finding(item, "flipped", other))
            elif len(old_pol) == 1 and len(new_pol) == 1:
                result.findings.append(Finding(item, "unclear", other))
            elif (old_pol ^ new_pol) & CLEAR_FLIPS:
                # "you can appeal ...; appeals are not available for ...": the item is still
                # stated, and now also denied in part (or no longer): a limit a person weighs
                denied = "never" in new_pol
                said = result.new if denied else result.old
                limit = next(i for i in said if i.identity == identity and i.polarity == "never")
                kept = next(i for i in (result.old if denied else result.new)
                            if i.identity == identity and i.polarity != "never")  # fmt: skip
                new_item, old_item = (limit, kept) if denied else (kept, limit)
                result.findings.append(Finding(new_item, "unclear", old_item))
    _respelled(result)
    return result


ADDRESS_NUMBER = re.compile(r"\d+")
ADDRESS_WORD = re.compile(r"[^\W\d_]{4,}")


def _same_address(label: str, other: str) -> bool:
    """Phenomenon: an address written again in another layout (on one line or several, the
    postcode before or after the town, "DK-2450" for "2450", the house number before or
    after the street, the street kind in another language): the address the other version's
    section still gives, not a new one. Same when every number of the address is among the
    numbers of the other version's section and at least half its longer words among its
    words."""
    numbers = ADDRESS_NUMBER.findall(label)
    if not numbers or not set(numbers) <= set(ADDRESS_NUMBER.findall(other)):
        return False
    words = {w.casefold() for w in ADDRESS_WORD.findall(label)}
    if not words:
        return all(len(n) >= 3 for n in numbers)  # a postcode alone ("DK-2450"), not "Unit 4"
    theirs = {w.casefold() for w in ADDRESS_WORD.findall(other)}
    return len(words & theirs) * 2 >= len(words)


def _same_name(label: str, other: str) -> bool:
    """Phenomenon: a contact block laid out one line per item ("Privacy Officer / Acme Inc.",
    "Ms Asha Rao / Acme Health Private Limited") runs a role, a person and a company into one
    name once its lines are joined, or splits one at a comma: the words are still those the
    other version's section gives, in the same order. No new officer, just a new layout."""
    words = re.sub(r"\W+", "", label).casefold()
    return len(words) >= 6 and words in re.sub(r"\W+", "", other).casefold()


def _squashed(label: str) -> str:
    return re.sub(r"\W+", "", SUFFIX.sub("", label.strip(" .,"))).casefold()


def _respelled(result: UnitItems) -> None:
    """Phenomenon: a company's name written with its words joined or split ("Sentinel Vision
    Security Ltd" → "SentinelVision Security Limited"): the recipient added and the one
    removed by the same change are one company when their letters are the same."""
    names = [f for f in result.findings if f.item.kind == "organisation"]
    added = {_squashed(f.item.label) for f in names if f.change == "added"}
    removed = {_squashed(f.item.label) for f in names if f.change == "removed"}
    both = added & removed
    if both:
        result.findings[:] = [
            f
            for f in result.findings
            if not (f.item.kind == "organisation" and _squashed(f.item.label) in both)
        ]


def _unsaid(unit: Unit, result: UnitItems) -> list[Item]:
    """Phenomenon: "data is forwarded to Acme" → "data used to be forwarded to Acme; that has
    ended": the name is kept, so the diff does not mark it, but the new wording no longer says
    Acme receives anything. A named recipient of the old paragraph that the new paragraph
    still names, but no longer as a recipient, is lost (if the new version states it nowhere
    else)."""
    if unit.change.kind != "changed" or unit.change.block_kind not in ("paragraph", "quote"):
        return []  # a table row turned into a list entry is read another way, not reworded
    kept = {i.identity for i in result.new}
    return [
        i
        for i in result.old
        if i.kind == "organisation"
        and i.identity not in kept
        and not unit.old.touches(i.start, i.end)
        and re.search(rf"\b{re.escape(i.label)}\b", unit.new.text)
    ]


def _sentence_marked(side: Region, item: Item) -> bool:
    """The whole sentence stating the item was added or removed (not only some words of it):
    a negative promise ("we never sell your data") that one version makes and the other
    does not."""
    start = side.text.find(item.sentence)
    if start < 0:
        return False
    end = start + len(item.sentence.rstrip())
    return side.covers(start, end)


def _renamed_back(item: Item, mapping: dict[str, str]) -> tuple[str, str, str]:
    back = {v: k for k, v in mapping.items()}
    return _renamed(item, back)


def _polarities(items: list[Item]) -> dict[tuple[str, str, str], frozenset[str]]:
    found: dict[tuple[str, str, str], set[str]] = {}
    for item in items:
        if item.category in ("contacts", "ownership"):
            continue  # a channel or an entity has no polarity of its own
        found.setdefault(item.identity, set()).add(item.polarity)
    return {k: frozenset(v) for k, v in found.items()}


def _changed_sentences(unit: Unit) -> set[str]:
    found = set()
    for side in (unit.new,):
        for start, sentence in sentences(side.text):
            if side.touches(start, start + len(sentence)):
                found.add(sentence.strip())
    return found

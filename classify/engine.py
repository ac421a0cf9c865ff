"""Decide the level of a change from the structural diff, change by change, with evidence.

Steps, in order:
1. regions: each change of the diff becomes the old and new text with the words that were
   deleted and inserted marked (a whole added or removed paragraph is marked entirely);
2. editorial: formatting, moves, renamed headings, front matter, and wording changes that only
   fix punctuation, capitalisation, spelling, clause numbers, dates or links are editorial;
3. items: on every other change, the inventory (`classify.compare`, `classify.inventory`)
   says which items of what the policy states the change adds, removes or reverses;
4. categories: detectors look only at the marked words (or at their sentence, for words that
   need a context): the category's terms anywhere, its section terms inside its sections, and
   contact pages that appear in or disappear from the whole document; an item gained, lost or
   reversed decides its category, a detector whose change states the same items is rewording,
   and a detector the inventory neither confirms nor refutes asks a person;
5. verdict: a change with a category is major, any other wording change minor; the release
   takes the highest level and the union of the categories, in section 8's order.

Direction never matters: an added item and a removed one are judged by the same rules.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, NamedTuple

from policy.classify.caseless import caseless, lowered, spans, spans_together, word_starts
from policy.classify.language import SAMPLE as LANGUAGE_SAMPLE
from policy.classify.language import reads_as_english
from policy.classify.model import CategoryFinding, Classification, Evidence, Question
from policy.classify.rules import Rules, compile_rules
from policy.classify.vocabulary import (
    COMMON_CAPITALISED,
    EDITORIAL_KEEP,
    OWN_USE,
    STOPWORDS,
    WORD,
    stem,
)
from policy.settings.categories import CATEGORY_IDS
from policy.versions.levels import Level

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from policy.classify.compare import Finding
    from policy.classify.inventory import Item
    from policy.diff.model import Change, DocumentDiff
    from policy.document.model import Document, Section
    from policy.settings.schema import Settings

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"”’]")
PHONE = re.compile(
    r"(?<![\w.])(?:\+\d{1,3}[ .-]?|1[ .-])?"
    r"(?:\(\d{1,4}\)[ .-]?\d{2,4}(?:[ .-]\d{2,4}){1,4}|\d{2,4}(?:[ .-]\d{2,4}){2,4})"
    r"(?!\w|\.\d)"
)
"""A phone number: groups of digits, with a country code (`+44`, or `1-` as in North
America) or an area code in brackets (`(555) 010-9999`); a full stop after it ends the
sentence, but a dot followed by digits makes it a version or an address of another kind."""
STREET_KINDS = (
    r"(?:Street|Avenue|Road|Boulevard|Lane|Way|Drive|Square|Place|Plaza|Quay|Row|Court|Crescent|"
    r"Terrace|Parade|Park|Gardens|Hill|Close|Mews|Wharf|Embankment|Strand|Green|Walk|Yard)"
)
"""The kinds of street an English address names after the street's name: the town after a
postcode is never one ("1450 Larimer Street" is a number and a street, "50250 Kuala Lumpur" a
postcode and a town)."""
STREET_ADDRESS = re.compile(
    r"\b\d{1,5}[A-Z]?,? (?:[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}|\d{1,3}(?:st|nd|rd|th)?) "
    rf"(?:{STREET_KINDS}\b|(?:St|Ave|Rd|Blvd)\b\.?)"
)
"""A number and a street ("1450 Larimer Street"), read apart from POSTAL's other forms so that
a suite line that runs over it ("Suite 900, 1450 Larimer St., Denver, CO 80202") hides it not."""
POSTAL = re.compile(
    r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b|\b[A-Z]\d{2} [A-Z\d]{4}\b|\b[A-Z]\d[A-Z] \d[A-Z]\d\b"
    r"|\b[A-Z]{1,2}-\d{4,5}(?: ?[A-Z]{2}\b)?|\b\d{4}-\d{3}\b|\b\d{3} \d{2}(?= [A-ZÀ-Ý])"
    r"|(?:\b(?:Avenida|Avenue|Rua|Rue|Calle|Carrer|Via|Viale|Strada|Piazza|Plaza|Boulevard|"
    r"Chemin)\b|(?<!\w)C/"
    r"|\b(?:Av|Avda|Avd|ul|al)\.)"
    r"[^,\n]{1,40}?,? \d{1,4}\b"
    r"|\b(?!19\d\d\b|20\d\d\b)\d{4,5}(?= [A-ZÀ-Ý][a-zà-ÿ]+"
    rf"(?: (?!{STREET_KINDS}\b|(?:St|Ave|Rd|Blvd|Ln|Dr|Sq|Pl|Ct)\b)[A-ZÀ-Ý][a-zà-ÿ]+){{0,2}}"
    r"(?: [A-Z\d]{1,2}| Cedex(?: \d{1,2})?)?"
    r"(?:[,.;)]|\s*\(|\s*$|\s*\n))"
    r"|(?<=[a-z] )\d{5}\b(?=\s*$|\s*\n|[,.;)])|\b\d{1,4},? [A-Z]\w*-(?:ro|gil|daero)\b"
    r"|\b\d{1,4},? (?:rue|avenue|boulevard|place|chemin|allée|via|viale|calle|rua|strada) [A-ZÀ-Ý]"
    r"[\w'’-]*(?: [A-ZÀ-Ý][\w'’.-]*){0,3}"
    r"|\b\d{4} ?[A-Z]{2}\b(?= [A-Z][a-z])"
    r"|\b\d{2}-\d{3}\b(?= [A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž])"
    r"|\b[A-ZÀ-Ý][a-zà-ÿ]+(?:straat|gracht|weg|strasse|straße|gasse|platz|torget|gatan|vägen|"
    r"gata|gate|gade|vej|veien|katu|tie) \d+\w?\b"
    r"|\b[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’-]+ (?:ulica|ulice|cesta|trg|utca|út|tér|iela|gatvė|tänav|"
    r"náměstí|námestie) \d+\w?\b"
    r"|\b(?:Tower|Building|Floor|Suite|Ste\.|Block|District)(?:[^.\n]|\.(?=[,)])|\n>? ?){0,80}"
    r"\b\d{4,6}\b(?! (?:[A-Z][\w'’-]*|\d{1,3}(?:st|nd|rd|th)?)(?: [A-Z][\w'’-]*){0,3} "
    r"(?:Street|Avenue|Road|Boulevard|Lane|Way|Drive|St|Ave|Rd|Blvd)\b)"
    r"|\b(?:P\.? ?O\.? Box|Post(?:bus|fach|box|boks)|Apartado|Caixa [Pp]ostal|Case [Pp]ostale|"
    r"Box|CS|BP)"
    r" ?\d+",
)
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DATE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    rf"|\b{MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)? {MONTH},? \d{{4}}\b"
    rf"|\b{MONTH},? \d{{4}}\b|\b(?:19|20)\d{{2}}\b",
    re.IGNORECASE,
)
DIGIT = re.compile(r"\d")
"""Every alternative of DATE and PHONE needs a digit: text without one is not read for them."""


def _dated(text: str) -> str:
    """Dates replaced by the word DATE (text without a digit has none)."""
    return DATE.sub(" DATE ", text) if DIGIT.search(text) else text


NUMBERING = re.compile(r"(?<![\w.])\d+(?:\.\d+)+\.?(?![\w])|^\s*(?:\d+|[a-z]|[ivx]+)[.)]\s", re.M)
HYPOTHETICAL = re.compile(
    r"\b(in the event|if|should|in connection with|such as|for example|e\.g\.|whether|"
    r"in case|were to|would)\b",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z“\"(])|\n")
TEMPLATE_CONTACT = re.compile(r"\{[{%][^{}]*contact[^{}]*[}%]\}", re.IGNORECASE)
"""A contact channel kept in a template variable (`{% data variables.contact.privacy %}`)."""
MD_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)[^)]*\)")


@dataclass
class Region:
    """One side of a change: its text and the character ranges that changed."""

    text: str = ""
    marks: list[tuple[int, int]] = field(default_factory=list)
    _lower: list[str | None] = field(default_factory=list, repr=False)
    _starts: list[list[int]] = field(default_factory=list, repr=False)
    _spans: dict[int, tuple[re.Pattern, list[tuple[int, int]]]] = field(
        default_factory=dict, repr=False
    )
    """Matches found together (`_marked_matches`), by pattern."""

    def lower(self) -> str | None:
        """The text lower-cased once, for `caseless` patterns (None: match the slow way)."""
        if not self._lower:
            self._lower.append(lowered(self.text))
        return self._lower[0]

    def starts(self) -> list[int] | None:
        """Where the lower-cased text's words begin (for `caseless.spans`)."""
        lower = self.lower()
        if lower is None:
            return None
        if not self._starts:
            self._starts.append(word_starts(lower))
        return self._starts[0]

    def marked(self) -> str:
        return " ".join(self.text[a:b] for a, b in self.marks)

    def touches(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self.marks)

    def covers(self, start: int, end: int) -> bool:
        """The changed words hold all of `start`..`end`: an item inserted or deleted whole,
        not an item whose words were only touched."""
        return any(a <= start and end <= b for a, b in self.marks)


@dataclass
class Unit:
    """A change as the classifier sees it."""

    change: Change
    old: Region
    new: Region
    editorial: str = ""
    """Why it is editorial ("" when it is a change in wording)."""


@dataclass
class _Context:
    rules: Rules
    old_text: str
    new_text: str
    lower: frozenset[str]
    """The words either version writes in lower case somewhere."""
    new_sources: dict[int, str]
    old_sources: dict[int, str]
    new_rows: frozenset[int]
    old_rows: frozenset[int]
    titles: frozenset[str]
    """The plain titles of every heading of either version (numbering left out)."""
    old_headings: frozenset[int]
    new_headings: frozenset[int]
    """Lines of the headings of each version."""
    _loose_cache: dict[str, str] = field(default_factory=dict)
    sections: dict[tuple[str, tuple[str, ...]], Section] = field(default_factory=dict)
    """Each version's sections ("old"/"new", heading path), for `section_words`."""
    _words_cache: dict[tuple[str, tuple[str, ...], bool], Counter[str]] = field(
        default_factory=dict
    )
    _sentence_cache: dict[str, _SentenceIndex] = field(default_factory=dict)
    units: list[Unit] = field(default_factory=list)
    """The diff's changes as the classifier sees them (`said_elsewhere` reads their text)."""
    own_names: frozenset[str] = frozenset()
    """The keys of the company's own name (from the policies' titles and the definition of
    "we"): the company and its products are not recipients."""

    def section_words(
        self, side: str, path: tuple[str, ...], inflected: bool = True
    ) -> Counter[str] | None:
        """The content words of a section's own blocks in one version (`side` "old" or "new"),
        counted once when a change asks; None for a path it lacks. Without `inflected`, each
        word without its inflection (`_restructured` compares the two versions so)."""
        key = (side, path, inflected)
        if key not in self._words_cache:
            if inflected:
                section = self.sections.get((side, path))
                if section is None:
                    return None
                self._words_cache[key] = _content_words(section)
            else:
                words = self.section_words(side, path)
                if words is None:
                    return None
                plain: Counter[str] = Counter()
                for word, count in words.items():
                    plain[_inflected(word)] += count
                self._words_cache[key] = plain
        return self._words_cache[key]

    def said_elsewhere(self, side: str) -> _SentenceIndex:
        """The sentences a version's changes hold (`side` "old": the text removed or changed;
        "new": the text added or changed), indexed by their rarer words; built when a change
        needs it. Text moved elsewhere is among them: unchanged text moved nowhere."""
        index = self._sentence_cache.get(side)
        if index is None:
            kinds = ("removed", "changed") if side == "old" else ("added", "changed")
            index = self._sentence_cache[side] = _SentenceIndex(
                "\n".join(
                    (unit.old if side == "old" else unit.new).text
                    for unit in self.units
                    if unit.change.kind in kinds
                )
            )
        return index

    def loose(self, side: str) -> str:
        """A version's letters and digits only (`side` "old" or "new"), to find a title written
        another way; read only when a change needs it."""
        if side not in self._loose_cache:
            self._loose_cache[side] = _loose(self.old_text if side == "old" else self.new_text)
        return self._loose_cache[side]


def classify_diff(diff: DocumentDiff, settings: Settings | None = None) -> Classification:
    """The automatic verdict on a diff (overrides are applied by `classify.overrides`)."""
    from policy.classify.compare import DocumentIndex, Finding, renames, unit_items

    rules = compile_rules(settings)
    context = _context(diff, rules)
    units = [_unit(change) for change in diff.changes]
    _mark_editorial(units, context)
    context.own_names = _own_names(diff)
    context.units = units
    extractor = rules.extractor().fresh(context.lower, context.own_names)
    old_doc = DocumentIndex(extractor, diff.old_document)
    new_doc = DocumentIndex(extractor, diff.new_document)
    mapping = renames(units, context.old_text, context.new_text)
    found: dict[str, list[Evidence]] = {cid: [] for cid in CATEGORY_IDS}
    minor: list[Evidence] = []
    editorial: list[Evidence] = []
    questions: list[Question] = []
    confirm: list[Question] = []  # asked though read as major (`_leans_major`)
    rewrites = _rewrites(units)
    samples = {text[:LANGUAGE_SAMPLE] for text in (context.old_text, context.new_text)}
    foreign = not all(reads_as_english(sample) for sample in samples)  # read once if alike
    rewritten: dict[tuple[int, str], bool] = {}
    rewrite_sides: dict[int, tuple[Region, Region]] = {}
    for unit in units:
        if unit.editorial:
            editorial.append(
                _evidence(unit, f"Editorial: {unit.editorial}.", "editorial", change="editorial")
            )
            continue
        items = unit_items(extractor, unit, old_doc, new_doc, mapping)
        decided: dict[str, list[Evidence]] = {}
        support: dict[str, list[Evidence]] = {}
        support_findings: dict[str, Finding] = {}
        asked: dict[str, str] = {}
        asked_rules: dict[str, str] = {}
        leaning: dict[str, list[Evidence]] = {}
        rewrite = rewrites.get(_place(unit))
        if rewrite is not None and unit.change.kind == "changed" and unit not in rewrite:
            rewrite = None
        if rewrite is not None and unit is _first_added(rewrite):
            items.findings.extend(_rewrite_flips(rewrite, extractor, items.findings))
        reworded_use = _reworded_use(unit, items.findings, rewrite)
        reworded_right = _reworded_rights(unit, items.findings, rewrite)
        reworded_kinds = _swapped_general_recipients(unit, items.findings, rewrite, extractor)
        about_list = _about_named_list(unit, items, old_doc, new_doc, extractor)
        for finding in items.findings:
            cid, kind = finding.item.category, finding.item.kind
            partner = _reversed_in_rewrite(finding, unit, rewrite, extractor)
            if partner is not None:
                removed = unit.change.kind == "removed"
                new_item, old_item = (partner, finding.item) if removed else (finding.item, partner)
                finding = Finding(new_item, "flipped", old_item)
            if about_list and cid == "sharing":
                continue
            if finding.change == "unclear" or (cid, kind) in ASK_KINDS:
                asked.setdefault(cid, _ask(finding))
                continue
            if finding in reworded_use:
                asked.setdefault(cid, REWORDED_USE_QUESTION.format(finding.item.label))
                continue
            if finding in reworded_right:
                asked.setdefault(cid, REWORDED_RIGHT_QUESTION.format(finding.item.label))
                continue
            if finding in reworded_kinds[0]:
                asked.setdefault(cid, REWORDED_RECIPIENTS_QUESTION.format(*reworded_kinds[1:]))
                continue
            stated_use = _states_new_use(unit, finding, items.new) or _drops_listed_use(
                unit, finding
            )
            target = (
                decided
                if finding.change == "flipped" or kind not in SUPPORT_KINDS or stated_use
                else support
            )
            target.setdefault(cid, []).append(_item_evidence(unit, finding))
            if target is support:
                support_findings.setdefault(cid, finding)
        if "purposes" not in decided:
            listed = (
                _listed_use(unit, context)
                or _appended_use(unit)
                or _listed_data(unit, context, rewrite)
            )
            if listed is not None:
                decided["purposes"] = [listed]
        reworded: list[str] = []
        moved: bool | None = None  # `_moved_words`, read once, when first needed
        for cid, evidence in _detect(unit, context, rewrite):
            if cid in decided or (reworded_use and cid == "purposes"):
                continue
            if about_list and cid == "sharing":
                reworded.append(cid)
                continue
            if evidence.rule not in STRONG_RULES:
                if moved is None:
                    moved = _moved_words(unit, context, rewrite)
                if moved:
                    reworded.append(cid)
                    continue
            same = items.same(cid) or (
                rewrite is not None and _rewrite_same(cid, rewrite, extractor, rewritten)
            )
            if evidence.rule not in STRONG_RULES and same:
                if _adds_wording(unit) and cid in CONDITIONED:
                    asked.setdefault(cid, ADDED_QUESTION.format(QUESTIONS[cid]))
                    asked_rules[cid] = evidence.reason
                    if cid == "purposes":
                        leaning[cid] = [_added_wording(unit, evidence)]
                else:
                    reworded.append(cid)
            elif evidence.rule == "rights.section" and _complaint_only(items):
                continue
            elif (
                evidence.rule in WEAK_RULES
                and (unit.change.kind == "changed" or rewrite is not None or cid in WHOLE_ASKED)
                and not support.get(cid)
            ):
                asked.setdefault(cid, QUESTIONS[cid])
                asked_rules[cid] = evidence.reason
            else:
                decided[cid] = [*support.get(cid, ()), evidence]
        for cid, proof in _promises_reversed(unit, rewrite, rewrite_sides).items():
            decided.setdefault(cid, [proof])
        if decided and "rights" not in decided and support.get("rights"):
            decided["rights"] = support["rights"]  # a review or appeal in a new practice
        if "contacts" in decided and "rights" not in decided:
            channel = _request_channel(unit, items.findings)
            if channel is not None:
                decided["rights"] = [channel]
        if "high_risk" in decided and "sharing" not in decided:
            remedy = _remedy_moves_data(unit)
            if remedy is not None:
                decided["sharing"] = [remedy]
        if "ownership" in decided and "sharing" not in decided:
            handed = _handed_to_new_owner(unit)
            if handed is not None:
                decided["sharing"] = [handed]
        if not decided and moved is None:
            moved = _moved_words(unit, context, rewrite)
        if not decided and not moved:
            for cid in _new_conditions(unit, items, rewrite, rewritten):
                limit = _limited_right(unit, items, rewrite, extractor) if cid == "rights" else None
                if limit is not None:
                    decided[cid] = [limit]
                    continue
                asked.setdefault(cid, CONDITION_QUESTION.format(QUESTIONS[cid]))
            if "rights" not in decided and "rights" in _section_topics(
                unit.change.section or unit.change.old_section, rules
            ):
                sides = _sides(unit, rewrite, rewrite_sides)
                if sides is not None and (narrowed := _narrowed_right(unit, *sides)):
                    decided["rights"] = [narrowed]
            for cid, finding in support_findings.items():
                asked.setdefault(cid, _support_question(finding))
            for cid, promise in _negative_promises(unit, context).items():
                asked.setdefault(cid, PROMISE_QUESTIONS[cid].format(promise))
            statements = _new_statements(unit, context, rewrite, rewrite_sides)
            spoken = [cid for cid, found in statements.items() if found.cued]
            for cid, statement in statements.items():
                if about_list and cid == "sharing":
                    continue  # general words about the section's list of named recipients
                verb, sentence, _, _, recipient = statement
                if verb == "deletes" and spoken == [cid] and not _denies(sentence):
                    decided[cid] = [_deleted_statement(unit, cid, sentence)]
                    continue
                if (
                    cid == "sharing"
                    and recipient
                    and not _denies(sentence)
                    and not _names_risk(sentence)
                ):
                    decided[cid] = [_handed_over(unit, sentence, recipient)]
                    continue
                if _stated_in_place(unit, context, cid, statement, spoken):
                    decided[cid] = [_added_statement(unit, cid, sentence)]
                    continue
                asked.setdefault(cid, NEW_STATEMENT_QUESTION.format(verb, sentence, QUESTIONS[cid]))
                if _leans_major(context, cid, verb, sentence):
                    leaning[cid] = [_unread_statement(unit, cid, sentence)]
        else:
            decided.update(_more_categories(unit, context, rewrite, rewrite_sides, decided))
        if foreign and not decided:
            asked.setdefault("", LANGUAGE_QUESTION)
        for cid, proofs in (decided or leaning).items():
            found[cid] += proofs
        for cid, text in asked.items():
            if cid not in decided:
                rule = "language" if cid == "" else asked_rules.get(cid, "")
                questions.append(_question(unit, cid, text, rule))
                if cid in leaning:
                    confirm.append(questions[-1])
        if not decided and not leaning:
            minor.append(_minor_evidence(unit, items, reworded, bool(asked)))
    categories = tuple(
        CategoryFinding(cid, rules.categories[cid].title, tuple(found[cid]))
        for cid in CATEGORY_IDS
        if found[cid]
    )
    if categories:
        level = Level.MAJOR
    elif minor:
        level = Level.MINOR
    elif editorial:
        level = Level.EDITORIAL
    else:
        level = Level.NONE
    decided_ids = {c.id for c in categories}
    return Classification(
        level=level,
        categories=categories,
        changes=len(diff.changes),
        automatic_level=level,
        automatic_categories=categories,
        minor_evidence=tuple(minor),
        editorial_evidence=tuple(editorial),
        questions=tuple(q for q in questions if q.category not in decided_ids or q in confirm),
        diff=diff,
    )


LANGUAGE_QUESTION = (
    "The policy is not written in English, and the classifier reads English only: it cannot "
    "tell what this change says. Does it make a major change (one of the kinds section 8 "
    "lists), and of which kind?"
)
"""Asked of every change the classifier found no evidence for in a policy not in English
(`language.reads_as_english`); the question names no category (`""`)."""


TELLS = re.compile(
    r"\b(?:not|never|no longer|nor|n[’']t)\b(?:\W+\w+){0,4}?\W+(told|tell|tells|shared?|"
    r"disclosed?|sold|sells?|passed|passes|pass on|pass|sent|sends?|informed|notified|"
    r"made available|reported|revealed|forwarded|transferred|handed over|receive|receives|"
    r"received|have access|has access)\b",
    re.I,
)
"""A verb of telling or passing something on, negated: "your employer is never told whether
you use it"."""
USES_NOT = re.compile(
    r"\b(?:not|never|no longer|nor|n[’']t)\b(?:\W+\w+){0,4}?\W+(use|used|using|process|"
    r"processed|analy[sz]e|analy[sz]ed|combine|combined|train|trained|profile|profiled|track|"
    r"tracked|monitor|monitored|record|recorded|collect|collected|keep|kept|store|stored)\b",
    re.I,
)
"""A verb of using or keeping data, negated: "recordings are not used to train software"."""
PROMISE_QUESTIONS = {
    "sharing": "The change adds or removes a promise that something is not passed on (“{}”). "
    "Does it change who receives personal data (a recipient added or removed, or a new country "
    "where data is stored or sent)?",
    "purposes": "The change adds or removes a promise that something is not done with the "
    "data (“{}”). Does it change what personal data is collected, or what it is used for?",
}


PROMISE_MARKED = 0.6
"""The share of a sentence's characters the change must add or remove for the sentence to
count as added or removed (the diff keeps common words such as "the app" unmarked)."""


def _mostly_marked(side: Region, start: int, sentence: str) -> bool:
    """The change added or deleted the sentence (at `start` in the side's text) whole, or
    nearly: its marked characters reach PROMISE_MARKED of it, surrounding spaces aside."""
    end = start + len(sentence.rstrip())
    begin = start + len(sentence) - len(sentence.lstrip())
    marked = sum(max(0, min(b, end) - max(a, begin)) for a, b in side.marks)
    return end > begin and marked >= PROMISE_MARKED * (end - begin)


PROMISES = (("sharing", TELLS), ("purposes", USES_NOT))
"""The negated verbs of a promise, and the category whose question it raises."""


def _negative_promises(unit: Unit, context: _Context) -> dict[str, str]:
    """Phenomenon: a sentence added or deleted whole that promises something is not told,
    shared or passed on (`TELLS`: "It is never told whether you personally use the app"), or
    not used (`USES_NOT`: "recordings are not used to train software"), with no recipient or
    data the vocabularies know: withdrawing or giving such a promise may change who receives
    what or what is done with it, so a person decides; unless the other version makes a
    promise with the same verb (a promise moved or reworded). Returns, per category, the first
    such sentence; the change's sentences are read once for both kinds of promise."""
    from policy.classify.inventory import polarity, sentences

    found: dict[str, str] = {}
    for side, other in ((unit.old, context.new_text), (unit.new, context.old_text)):
        if not side.marks:
            continue
        for start, sentence in sentences(side.text):
            if not _mostly_marked(side, start, sentence):
                continue  # the sentence was kept, some of its words changed
            for cid, pattern in PROMISES:
                if cid in found or (tells := pattern.search(sentence)) is None:
                    continue
                if polarity(sentence) != "never":
                    continue
                verb = tells.group(1).casefold()
                if any(verb == m.group(1).casefold() for m in pattern.finditer(other)):
                    continue  # the other version makes the same promise ("we do not sell ...")
                found[cid] = sentence.strip()
    return found


ONE_SIDED = 0.25
"""How much the other side of a change may lose (or gain) against what one side gains (or
loses) for the change to add (or delete) a statement rather than reword one."""


def _marked_size(side: Region) -> int:
    return sum(b - a for a, b in side.marks)


NEW_STATEMENT_QUESTION = "The change {} a sentence the tool cannot read item by item (“{}”). {}"

STATEMENT_SUBJECTS = {
    "purposes": "what data is collected or what it is used for",
    "ownership": "who owns or controls the company",
    "sharing": "who receives personal data",
    "rights": "users' rights or how they exercise them",
    "contacts": "whom users contact or where they complain",
    "high_risk": "a high risk found by an assessment",
}


def _denies(sentence: str) -> bool:
    """A negative promise ("no data is passed to advertisers"): withdrawing one is asked about
    (`PROMISE_QUESTIONS`), since the policy no longer promising is not the practice begun."""
    from policy.classify.inventory import polarity

    return polarity(sentence) == "never"


def _deleted_statement(unit: Unit, cid: str, sentence: str) -> Evidence:
    """Phenomenon: a sentence deleted whole that said something of a category's subject in
    words the vocabularies do not know ("you may also object at any time", "details may be
    made available to the insurer"), and that the rest of its section does not say again: the
    policy no longer says it. Unlike a sentence added, whose meaning a person must read, what
    a deletion takes away is the sentence itself, so it is decided, with the sentence quoted
    (when its words speak of one category only: of several, a person says which)."""
    rule = f"{cid}.statement-deleted"
    return _evidence(
        unit,
        f"Deletes a sentence about {STATEMENT_SUBJECTS[cid]} that the rest of its section does "
        f"not say again: “{sentence}” (rule {rule}).",
        rule,
        category=cid,
        change="removed",
        quote_before=sentence,
    )


class Statement(NamedTuple):
    """A sentence added or deleted whole (or a clause added), new to its section."""

    verb: str
    """"adds" or "deletes"."""
    sentence: str
    cued: bool
    """Its own words speak of the category (not only its section's heading)."""
    listed: bool = False
    """It is, or is part of, an item of a list or a row of a table."""
    recipient: str = ""
    """For a sentence added that hands data over in the passive voice, the recipient it
    names when that recipient is new to the section (`statements.new_recipient`)."""


def _stated_in_place(
    unit: Unit, context: _Context, cid: str, statement: Statement, spoken: list[str]
) -> bool:
    """Phenomenon: a sentence added whole where the policy states that category's practice,
    in words the section did not use before. A sentence about gathering or using data ("the
    app reads the step count from your phone's health store so that training plans can be
    adjusted") added to a "How we use your data" section, or a new entry of a "Who receives
    your data" list or table ("- surveyors appointed by your insurer, where a claim concerns
    the building"), states a use or a recipient the policy did not state: decided, with the
    sentence quoted. Elsewhere, or as a paragraph of a sharing section (where the sentences
    added are as often about the safeguards of a transfer or what the company has mapped),
    it stays a question. Not a lead-in to a list (the items say what is used or who
    receives), not a promise (`_denies`), not a risk described (`_names_risk`), not a
    sentence of the kinds the policy's own list makes minor (`statements.NOT_A_PRACTICE`)."""
    from policy.classify.statements import NOT_A_PRACTICE

    verb, sentence, _, listed, _ = statement
    if verb != "adds" or cid not in LISTS_PRACTICES:
        return False
    if cid == "purposes" and cid not in spoken:
        return False  # only its heading speaks of a use: asked (`statements.section_topic`)
    if cid == "sharing" and not listed:
        return False
    if cid not in _section_topics(unit.change.section or unit.change.old_section, context.rules):
        return False
    if sentence.rstrip().endswith(":"):
        return False
    return not (_denies(sentence) or _names_risk(sentence) or NOT_A_PRACTICE.search(sentence))


LEANS_MAJOR = ("ownership", "high_risk")
"""The categories whose sentences are read as major though not item by item. In the written
cases 8 to 73, every sentence added about an owner (11) or a risk found (5) that the tool could
not read was a major change of its category. Sentences added about uses or recipients were
major four times in five there, but in none of the six such changes of the real corpora, where
they explain a practice already stated; those, and sentences about rights or contacts (major
about half the time), stay questions only."""


def _leans_major(context: _Context, cid: str, verb: str, sentence: str) -> bool:
    """Phenomenon: a sentence added about who owns the company ("the holding company above us
    changed hands in May") or about a risk an assessment found, in words the vocabularies
    cannot read item by item, announces a change of its category. The automatic verdict says
    so, as a lawyer would start from; the question stays, so a person still decides before a
    release. Not when what it says of an owner is said of another company ("our host was
    acquired")."""
    from policy.classify.inventory import about_the_controller
    from policy.classify.statements import CUES

    if verb != "adds" or cid not in LEANS_MAJOR:
        return False
    if cid == "ownership":
        return any(
            about_the_controller(sentence, m.start(), m.end(), context.own_names)
            for m in CUES[cid].finditer(sentence)
        )
    return True


def _unread_statement(unit: Unit, cid: str, sentence: str) -> Evidence:
    rule = f"{cid}.statement-unread"
    return _evidence(
        unit,
        f"Adds a sentence about {STATEMENT_SUBJECTS[cid]} that the tool cannot read item by "
        f"item: “{sentence}”. Read as major until a person decides (rule {rule}).",
        rule,
        category=cid,
        change="added",
        quote_after=sentence,
    )


LISTS_PRACTICES = ("purposes", "sharing")
"""The categories whose sections list practices one by one, so a sentence new to them states
one (`_stated_in_place`)."""


def _added_statement(unit: Unit, cid: str, sentence: str) -> Evidence:
    rule = f"{cid}.statement-added"
    heading = (unit.change.section or unit.change.old_section or ("",))[-1]
    return _evidence(
        unit,
        f"Adds a sentence about {STATEMENT_SUBJECTS[cid]} to the section “{heading}”, in "
        f"words the section did not use before: “{sentence}” (rule {rule}).",
        rule,
        category=cid,
        change="added",
        quote_after=sentence,
    )


def _handed_over(unit: Unit, sentence: str, recipient: str) -> Evidence:
    rule = "sharing.handed-over"
    return _evidence(
        unit,
        f"Adds a sentence that hands personal data to “{recipient}”, whom the section did not "
        f"name before: “{sentence}” (rule {rule}).",
        rule,
        category="sharing",
        change="added",
        quote_after=sentence,
    )


def _new_statements(
    unit: Unit,
    context: _Context,
    rewrite: list[Unit] | None,
    known: dict[int, tuple[Region, Region]],
    added_only: bool = False,
    only: frozenset[str] | None = None,
) -> dict[str, Statement]:
    """Phenomenon: a sentence added or deleted whole, new to its section (most of its content
    words are not in the other version's section), that speaks of a category's subject in
    words the vocabularies do not know ("the details may also be made available to that
    person's insurer"): not a rewording, and not readable item by item, so a person decides
    (`classify.statements`). Returns, per category (of those in `only`, when given), the
    first such sentence (of the added ones only, with `added_only`)."""
    from policy.classify.inventory import RENAME_MARKER, sentences
    from policy.classify.statements import (
        content_stems,
        is_new,
        new_recipient,
        other_stems,
        section_topic,
        topics,
    )

    change = unit.change
    found: dict[str, Statement] = {}
    path = change.section or change.old_section
    sides = _sides(unit, rewrite, known)
    if sides is None:
        return found
    old, new = sides
    about = _section_topics(path, context.rules)
    in_rights = "rights" in about
    for side, other, version, verb in (
        (new, old, "old", "adds"),
        (old, new, "new", "deletes"),
    ):
        if added_only and verb == "deletes":
            break
        if not side.marks or _marked_size(other) > ONE_SIDED * _marked_size(side):
            continue  # words replaced on both sides: a rewording, not a statement added
        stems: set[str] | None = None
        for start, sentence in sentences(side.text):
            end = start + len(sentence.rstrip())
            begin = start + len(sentence) - len(sentence.lstrip())
            parts = [
                side.text[max(a, begin) : min(b, end)]
                for a, b in side.marks
                if a < end and begin < b
            ]
            if sum(map(len, parts)) >= PROMISE_MARKED * (end - begin):
                statement = sentence  # the sentence added or deleted whole
            else:
                statement = " ".join(parts)  # a clause added to a kept sentence
                if len(content_stems(statement)) < CLAUSE_WORDS:
                    continue
            if RENAME_MARKER.search(statement):
                continue  # "(the new name of Acme Ltd; same company)": a name, renamed
            line_start = side.text.rfind("\n", 0, start) + 1
            opened = side.text[line_start:start]
            if opened.count("(") > opened.count(")") and RENAME_MARKER.search(
                side.text[line_start:end]
            ):
                continue  # "(formerly Acme Ltd; the same company under its new name)": the
                # rest of the rename note, cut at its semicolon
            cids = [c for c in topics(statement, sentence, in_rights, only) if c not in found]
            headed = [c for c in section_topic(statement, side.text, about, only) if c not in found]
            cids += headed
            if not cids:
                continue
            if stems is None:
                where = (change.old_section or change.section) if version == "old" else path
                stems = other_stems(context.section_words(version, where), other.text)
            if _loose(statement) in context.loose(version):
                continue  # the sentence moved, under another heading or in another paragraph
            if is_new(statement, stems):
                handing = verb == "adds" and "sharing" in cids and not in_rights
                to = new_recipient(statement, stems) if handing else ""
                listed = change.block_kind in ("item", "row")
                for cid in cids:
                    found[cid] = Statement(verb, sentence.strip(), cid not in headed, listed, to)
    return found


HELD_DATA = re.compile(
    r"\b(?:data|information|records?|accounts?|details|histor(?:y|ies)|identifiers?|files?|"
    r"database|profiles?)\b",
    re.I,
)
"""What a company holds about its users, named in a sentence that hands it over."""


TAKES_OUR_PLACE = re.compile(
    r"\b(?:controller|responsible)\b[^.;]{0,60}\bthis (?:notice|policy|statement)\b"
    r"|\b(?:is|are) now the (?:new )?(?:data )?controller\b"
    r"|\bthe controller of (?:your|the) (?:personal )?(?:data|information) is\b"
    r"|\b(?:organi[sz]ation|company|entity) responsible for (?:policyholders|customers|members|"
    r"users|your|the personal)\b",
    re.I,
)
"""A company that becomes the controller "of the personal data described in this notice", or
"is now the controller", takes the place of "we": the notice's own company changed, nobody
new receives the data."""


PLACE_ONLY = re.compile(r"(?:stored|hosted|held|processed)\b", re.I)
"""A sharing cue that only says where data is kept or processed ("processed ... in")."""


AS_PROCESSOR = re.compile(
    r"\b(?:as|acts? as|acting as|in the role of) (?:a|an|our) (?:data )?(?:sub-?)?"
    r"(?:processor|service provider)\b",
    re.I,
)
"""The company an ownership change creates "handles reservations as a processor acting on our
instructions": it receives the users' data, whatever the sentence calls the data."""


NEW_CONTROLLER_CLAUSE = re.compile(
    r",? (?:which|who) (?:is|are|has|have|will|would|shall)\b[^.;,]*?\b(?:controller|responsible)"
    r"\b(?:(?!,? and (?:to |by |with )?(?:which|whom|who)\b)[^.;])*",
    re.I,
)
"""A clause that says the new company now controls the data ("..., which is now the
controller of your card data"): it names the owner's data, not data handed over to it. It ends
where another clause about the company begins ("... and to which the records were handed
over")."""


REQUEST_SENTENCE = re.compile(
    r"\b(?:requests?|exercis\w*|appeal\w*|review\w*|(?:your|these|any of the|of your) rights?|"
    r"reconsider\w*|look at (?:\w+ ){0,3}again)\b",
    re.I,
)
"""A sentence about making a request under the rights, or having a decision on one looked at
again."""


def _request_channel(unit: Unit, findings: Sequence[Finding]) -> Evidence | None:
    """Phenomenon: an e-mail address or a phone line newly given in a sentence about making
    requests ("requests may also be made by calling our privacy line on ...", "you may appeal
    by writing to appeals@...") is a new way to exercise the rights as well as a new contact:
    users are told where their requests now go. An address given for questions in general
    stays a contact only, and so does an address that replaces another of its kind (the same
    way to make requests, at a new address)."""
    replaced = {
        f.item.kind for f in findings if f.item.category == "contacts" and f.change == "removed"
    }
    for finding in findings:
        item = finding.item
        if (
            item.category == "contacts"
            and item.kind in ("e-mail", "phone")
            and item.kind not in replaced
            and finding.change == "added"
            and REQUEST_SENTENCE.search(item.sentence)
            and not SENT_ELSEWHERE.search(item.sentence)
        ):
            return _evidence(
                unit,
                f"Adds “{item.label}” as a way to make requests under the rights, which the old "
                "version did not give (rule rights.request-channel).",
                "rights.request-channel",
                category="rights",
                item=item.label,
                item_kind="route",
                change="added",
                quote_after=item.sentence.strip(),
            )
    return None


SENT_ELSEWHERE = re.compile(r"\b(?:complain\w*|supervisory|commissioner|authority)\b", re.I)
"""A sentence about complaining to an authority: its channels are contacts, not requests to
the company."""


SHORT_INSERT = 6
"""Fewer words inserted than this state nothing new beside what made the change major."""


def _more_categories(
    unit: Unit,
    context: _Context,
    rewrite: list[Unit] | None,
    known: dict[int, tuple[Region, Region]],
    decided: dict[str, list[Evidence]],
) -> dict[str, list[Evidence]]:
    """Phenomenon: a change already major for one category often touches another in the same
    words ("a new risk assessment found the scoring of pledges high risk; pledges are now
    scored from the device and payment history"; "the tickets are passed to Acme, which uses
    them to send its own offers"). The new statements of the change that decide a category
    when nothing else does (a recipient handed data, a use stated where the policy states
    its uses) decide it beside the others too. A statement that only deletes is left to the
    checks that found the change major."""
    from policy.classify.inventory import SENT_TO_US

    wanted = frozenset(("purposes", "sharing", "rights")) - decided.keys()
    if not wanted:
        return {}
    if rewrite is None and len(WORD.findall(unit.new.marked())) < SHORT_INSERT:
        return {}  # an address or a few words replaced: no new statement
    statements = _new_statements(unit, context, rewrite, known, added_only=True, only=wanted)
    spoken = [cid for cid, found in statements.items() if found.cued]
    more: dict[str, list[Evidence]] = {}
    for cid, statement in statements.items():
        sentence, recipient = statement[1], statement[4]
        if cid == "sharing" and SENT_TO_US.search(sentence):
            continue  # "questions may be sent to our Privacy Lead at Acme Ltd": a way to reach us
        if cid == "sharing" and recipient and not _denies(sentence) and not _names_risk(sentence):
            more[cid] = [_handed_over(unit, sentence, recipient)]
        elif _stated_in_place(unit, context, cid, statement, spoken):
            more[cid] = [_added_statement(unit, cid, sentence)]
    return more


RECIPIENT_REMEDY = re.compile(
    r"\b(?:access|disclosures?|transfers?|sharing|the (?:engagement|arrangement|contract))\b"
    r"[^.;]{0,80}?\b(?:has|have|had|was|were|is|are)(?: \w+){0,2} (?:been )?(?:withdrawn|ended|"
    r"suspended|stopped|discontinued|terminated|revoked|removed)\b"
    r"|\bno longer (?:receives?|has access|have access|sent|shared|transferred|passed|disclosed|"
    r"made available)\b|\b(?:stopped|ceased) (?:receiving|sending|sharing|"
    r"transferring)\b|\bbrought (?:back )?in-house\b|\bended the (?:engagement|contract|"
    r"arrangement)\b|\b(?:taken|removed) (?:off|from) (?:the|our)\b"
    r"|\b(?:data|records?|files?|information|accounts?|conversations?|recordings?|tickets?|"
    r"backups?)\b[^.;]{0,40}?\b(?:moved|migrated|transferred) (?:\w+ ){0,6}to (?-i:[A-Z])\w+",
    re.I,
)
"""The remedy of a disclosed risk that changes who has the data: a provider's access
withdrawn, transfers stopped, work brought in-house, records moved to another company."""
EXTERNAL = re.compile(
    r"\b(?:providers?|contractors?|partners?|vendors?|suppliers?|processors?|third[- ]part\w*|"
    r"outside|external|offshore|in-house|networks?|agenc(?:y|ies)|firms?)\b",
    re.I,
)
"""Words for someone outside the company, in the words the change adds: access withdrawn from
staff or users is a security measure, from a provider a change of recipient."""


def _remedy_moves_data(unit: Unit) -> Evidence | None:
    """Phenomenon: a risk assessment disclosed with its remedy often changes who receives the
    data: "an impact assessment rated the helpdesk's access from India as high risk, and that
    access has been withdrawn", "... no longer receives any data from us", "transcription has
    been brought back in-house", "support records are being moved to Acme". The new words that
    disclose the risk also remove (or change) a recipient."""
    from policy.classify.inventory import COUNTRIES, sentences

    side = unit.new
    for start, sentence in sentences(side.text):
        if not _mostly_marked(side, start, sentence):
            continue
        remedy = RECIPIENT_REMEDY.search(sentence)
        if remedy is None:
            continue
        if not (
            EXTERNAL.search(side.text)
            or COUNTRIES.search(side.text)
            or re.search(r"\bto [A-Z]", remedy.group(0))
        ):
            continue  # "a relative's access ought to have ended": no one outside the company
        quote = sentence.strip()
        return _evidence(
            unit,
            f"The remedy of the risk disclosed changes who receives the data: “{quote}” "
            "(rule sharing.remedy).",
            "sharing.remedy",
            category="sharing",
            change="added",
            quote_after=quote,
        )
    return None


def _handed_to_new_owner(unit: Unit) -> Evidence | None:
    """Phenomenon: a change of ownership that also says what happens to the users' data
    ("customer accounts are expected to be transferred to the purchaser", "ride records may
    be made available to the administrator and to prospective buyers", "the accounts of app
    users were handed over to that company") names a new recipient of it: the buyer, the
    administrator, the company spun off. The sentence is new (added whole or mostly), speaks
    of data the company holds and passes it on (`statements.CUES`), or makes the new company
    a processor for us (`AS_PROCESSOR`)."""
    from policy.classify.inventory import sentences
    from policy.classify.statements import CUES

    side = unit.new
    for start, sentence in sentences(side.text):
        if not _mostly_marked(side, start, sentence):
            continue
        handed = NEW_CONTROLLER_CLAUSE.sub("", sentence)  # "..., which is now the controller"
        cue = CUES["sharing"].search(handed)
        if cue is not None and PLACE_ONLY.match(cue.group(0)):
            cue = None  # "still processed only for the purposes described in": no recipient
        if (
            ((cue is not None and HELD_DATA.search(handed)) or AS_PROCESSOR.search(handed))
            and not _promised_not(sentence, 0)
            and not TAKES_OUR_PLACE.search(sentence)
        ):
            quote = sentence.strip()
            return _evidence(
                unit,
                f"The change of ownership hands users' data over to another company: "
                f"“{quote}” (rule sharing.new-owner).",
                "sharing.new-owner",
                category="sharing",
                change="added",
                quote_after=quote,
            )
    return None


def _sides(
    unit: Unit, rewrite: list[Unit] | None, known: dict[int, tuple[Region, Region]]
) -> tuple[Region, Region] | None:
    """The two sides a check reads for a change: its own, or, for paragraphs removed and
    added whole in one place, the rewrite read as one change (`_rewrite_regions`, computed
    once per rewrite in `known`), given to its first added paragraph only (None for the
    others, so the rewrite is read once)."""
    if rewrite is None:
        return unit.old, unit.new
    if unit is not _first_added(rewrite):
        return None
    if id(rewrite) not in known:
        known[id(rewrite)] = _rewrite_regions(rewrite)
    return known[id(rewrite)]


def _first_added(rewrite: list[Unit]) -> Unit | None:
    """The rewrite's first added block, which reads the rewrite as a whole, once; none where
    a paragraph laid out again only lost blocks (items merged into one)."""
    return next((u for u in rewrite if u.change.kind == "added"), None)


def _rewrite_regions(rewrite: list[Unit]) -> tuple[Region, Region]:
    """The removed and the added paragraphs of a rewrite as the two sides of one change,
    their words marked where they differ (a short paragraph that gained a long sentence is
    often removed and added whole by the diff)."""
    old = Region("\n".join(u.old.text for u in rewrite if u.change.kind == "removed"))
    new = Region("\n".join(u.new.text for u in rewrite if u.change.kind == "added"))
    old_words = [(m.start(), m.end()) for m in WORD.finditer(old.text)]
    new_words = [(m.start(), m.end()) for m in WORD.finditer(new.text)]
    matcher = SequenceMatcher(
        a=[old.text[a:b].casefold() for a, b in old_words],
        b=[new.text[a:b].casefold() for a, b in new_words],
        autojunk=False,
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if i2 > i1:
            old.marks.append((old_words[i1][0], old_words[i2 - 1][1]))
        if j2 > j1:
            new.marks.append((new_words[j1][0], new_words[j2 - 1][1]))
    return old, new


CLAUSE_WORDS = 6
"""The content words a clause added to (or deleted from) a kept sentence needs to state
something of its own ("photographs you upload so that the prescriber can see the area")."""


NEGATED = re.compile(
    r"\b(?:not|never|no|nor|unable|cannot|without|neither|prohibit\w*|forbid\w*|barred)\b|"
    r"n[’']t\b",
    re.I,
)
"""Any word that denies or limits: a sentence holding one is not a plain statement ("their
contracts forbid any use of it" keeps a promise not to use it)."""


def _promises_reversed(
    unit: Unit, rewrite: list[Unit] | None, known: dict[int, tuple[Region, Region]]
) -> dict[str, Evidence]:
    """Phenomenon: a promise not to pass something on, or not to use it ("we do not pass
    guest lists to the hotels"), whose negation the change removes while it states the same
    verb without one ("the names on your list are passed to the hotels"): the practice was
    reversed, whatever the vocabularies know of its recipient or data."""
    from policy.classify.inventory import polarity, sentences

    if rewrite is not None:
        removed = [u.old.text for u in rewrite if u.change.kind == "removed"]
    elif unit.change.kind == "changed":
        removed = [unit.old.text]
    else:
        return {}
    if not any(p.search(text) for _, p in PROMISES for text in removed):
        return {}  # no negated verb of passing on or using: no promise to reverse
    sides = _sides(unit, rewrite, known)
    if sides is None:
        return {}
    old, new = sides
    found: dict[str, Evidence] = {}
    for cid, pattern in PROMISES:
        for at, sentence in sentences(old.text):
            if polarity(sentence) != "never":
                continue
            promise = next(
                (
                    m
                    for m in pattern.finditer(sentence)
                    if old.touches(at + m.start(), at + m.start(1))
                ),
                None,
            )
            if promise is None:
                continue  # the negations stayed: the promises are kept
            verb = promise.group(1).casefold()[:4]
            what = _promised_object(sentence, promise.end(1))
            for stated in _touched_sentences(new, sentences):
                if not (
                    _states_plainly(stated, verb)
                    or any(
                        _states_plainly(part, verb) and what & {stem(w) for w in WORD.findall(part)}
                        for part in _statements(stated)
                    )
                ):
                    continue  # (a statement of a sentence that also denies something else:
                    # "..., are not passed to labs, and may be used to train the models")
                found[cid] = _evidence(
                    unit,
                    f"The change reverses a promise: “{sentence.strip()}” is now "
                    f"“{stated.strip()}” (rule {cid}.reversed).",
                    f"{cid}.reversed",
                    category=cid,
                    change="flipped",
                    quote_before=sentence.strip(),
                    quote_after=stated.strip(),
                )
                break
            if cid in found:
                break
    return found


def _states_plainly(text: str, verb: str) -> bool:
    """The text uses the verb with no word that denies or limits."""
    from policy.classify.inventory import polarity

    return (
        re.search(rf"\b{verb}", text, re.I) is not None
        and polarity(text) != "never"
        and not NEGATED.search(text)
    )


PRONOUNS = frozenset({
    "it", "its", "they", "them", "their", "theirs", "own", "you", "your", "yours", "we", "us",
    "our", "ours", "any", "all", "this", "that", "these", "those", "such",
})  # fmt: skip
"""Words that stand for what a sentence is about without naming it."""


def _promised_object(sentence: str, at: int) -> set[str]:
    """The first two meaning words after a promise's verb ("not used *to train* models",
    "not sold *to advertisers*"): what the promise is about, which a statement that reverses
    it names again (stems; empty when none follow)."""
    words = [
        w
        for w in WORD.findall(sentence[at : at + 60])
        if w.casefold() not in STOPWORDS and w.casefold() not in PRONOUNS and len(w) > 2
    ]
    return {stem(w) for w in words[:2]}


STATEMENT_BREAK = re.compile(
    r";|,? \b(?:but|whereas)\b|,\s*and\b(?:,)?|\band\b(?= (?:are|is|was|were|"
    r"may|will|can|we)\b)",
    re.I,
)
"""Where a sentence of several statements passes to the next ("..., are not used to
recognise you, and may be used to train ...")."""


def _statements(sentence: str) -> list[str]:
    """Phenomenon: one sentence often makes several statements about the same data, some
    negated and some not ("templates are not passed to labs, and may be used to train the
    model"): a negation in one of them does not deny the others."""
    return [part for part in STATEMENT_BREAK.split(sentence) if part.strip()]


def _touched_sentences(side: Region, sentences) -> list[str]:
    """The sentences of one side whose words the change touches."""
    return [s for at, s in sentences(side.text) if side.touches(at, at + len(s))]


FREQUENCY = r"(?:no more than|not more than|at most|up to|limited to) (?:once|twice|\w+ times)"
"""A limit on how often ("no more than twice in any 12-month period"): a condition on a right
as much as "only if"."""
FEE = r"(?:fees? of|(?:a|an) (?:\w+ )?fee)"
"""A price put on something ("a fee of €15", "a reasonable fee"): a condition on a right that
was free."""
HELD_TO = r"(?:may|can|will) only be \w+ (?:at|during|within|in|on|by|after|once|for)"
"""A right held to a time, place or channel ("may only be withdrawn at the end of the year",
"can only be exercised in writing")."""
CONDITION = re.compile(
    r"\b(unless|except|only (if|when|where|after|once)|provided that|as long as|until|"
    r"subject to|in which case|on condition|cannot|can ?not|may not|will not|won[’']t|"
    r"no longer|instead of|" + FEE + "|" + FREQUENCY + "|" + HELD_TO + r")\b",
    re.IGNORECASE,
)
"""Words that put a condition, an exception or a limit on what a sentence states."""
CONDITION_QUESTION = (
    "The change adds or removes a condition or an exception (“unless”, “only if”, “until”, "
    "“cannot” ...) on something the policy states. Does it change what users are told? {}"
)
CONDITIONED = frozenset({"purposes", "sharing", "rights"})
"""Categories whose practices a condition can narrow or widen (a contact or an owner has no
condition of its own)."""


def _new_conditions(
    unit: Unit, items, rewrite: list[Unit] | None, known: dict[tuple[int, str], bool]
) -> list[str]:
    """Phenomenon: a condition or exception added to (or removed from) an existing practice
    ("you can delete your account" → "... unless an order is open"): the items stay the same,
    so only a person can say whether users must be told. The categories of the items stated
    in the changed sentences, when a condition word appears on one side only."""
    if not (_rewrite_conditioned(rewrite, known) if rewrite is not None else _conditioned(unit)):
        return []
    stated = {i.category for i in (*items.old, *items.new)}
    return [cid for cid in CATEGORY_IDS if cid in stated and cid in CONDITIONED]


LIMITING = re.compile(
    r"\b(?:only (?:if|when|where|after|once|for)|provided (?:that )?|as long as|unless|except|"
    r"(?:must|should|will need to|need to|have to) first|" + HELD_TO + r"|"
    r"save (?:that|for)|other than|"
    r"cannot|can ?not|may not|will not|won[’']t|no longer|not (?:be )?(?:available|accepted|"
    r"possible|actioned)|subject to|on condition|" + FEE + "|" + FREQUENCY + r")\b"
    r"|,\s*(?:where|if|when|while)\b",
    re.I,
)
"""Words that narrow what a sentence grants: "only if", "provided that", "cannot", ", where
your plan is paid", "a fee of €15" (a price put on what was free), "may only be withdrawn at
the end of the year" (a time, place or channel the right is now held to), "should first ask
the organiser" (a step before it)."""


CONDITIONS_ONLY = re.compile(
    r"\b(?:only (?:if|when|where|after|once|for)|provided (?:that )?|as long as|unless|except|"
    r"save (?:that|for)|other than|subject to|on condition|" + FREQUENCY + "|" + HELD_TO + r")\b",
    re.I,
)
"""LIMITING without its negated verbs: a paragraph said again in other words often gains a
"will not" that limits nothing ("you will not always need to write to us")."""


def _limited_right(
    unit: Unit, items, rewrite: list[Unit] | None = None, extractor=None
) -> Evidence | None:
    """Phenomenon: a condition or exception added to a right users have ("you can export
    your data" → "..., where your workspace is on a paid plan"; "you can ask us to erase it"
    → "...; while you hold a booking, a request for erasure cannot be actioned in full"): the
    right is narrowed, a change of users' rights, not only a question. Only for words the
    change inserts into a paragraph that states the right on both sides (or into the one
    paragraph that replaces it, `rewrite`); a condition taken away stays a question."""
    if unit.change.kind == "changed":
        old_text, inserted, old_items = unit.old.text, unit.new.marked(), items.old
    elif (
        unit.change.kind == "added"
        and rewrite is not None
        and extractor is not None
        and len(rewrite) == 2
    ):
        before = next((u for u in rewrite if u.change.kind == "removed"), None)
        if before is None:
            return None  # a paragraph laid out again: its pair is a changed block, no removal
        old_text, inserted = before.old.text, unit.new.text  # one paragraph said again
        old_items = extractor.items(old_text, _place(before), before.change.block_kind == "row")
    else:
        return None
    limits = (LIMITING if unit.change.kind == "changed" else CONDITIONS_ONLY).finditer(inserted)
    limit = next(  # the first limiting word the old paragraph did not have
        (m for m in limits if m.group(0).strip(" ,").casefold() not in old_text.casefold()), None
    )
    if limit is None:
        widened = _widened_exception(unit) if unit.change.kind == "changed" else None
        if widened is None:
            return None  # no limiting word, or one the old paragraph already had
        words = widened
    else:
        words, widened = limit.group(0).strip(" ,"), None
    old_rights = {i.key for i in old_items if i.kind == "right"}
    new_text = unit.new.text
    rights = [
        i
        for i in items.new
        if i.kind == "right"
        and i.key in old_rights
        and i.polarity != "never"
        and LIMITING.search(whole := _through_semicolons(new_text, i.sentence))
        and words.casefold() in whole.casefold()
    ]
    if not rights:
        return None  # the condition is not in a sentence that grants a right
    right = rights[0]
    said = (
        f"Adds a case to the exception (“{words} … or …”) to the right “{right.label}”"
        if widened
        else f"Adds a condition (“{words}”) to the right “{right.label}”, which the old "
        "version stated without it"
    )
    return _evidence(
        unit,
        f"{said} (rule rights.condition).",
        "rights.condition",
        category="rights",
        item=right.label,
        item_kind="right",
        change="changed",
        quote_before=old_text.strip(),
        quote_after=unit.new.text.strip(),
    )


def _through_semicolons(text: str, sentence: str) -> str:
    """`sentence` and the clauses after it up to the full stop, when it ends in a semicolon:
    "you can get a copy free the first time; for later copies we charge a fee" limits the
    right its first clause states."""
    at = text.find(sentence)
    if at < 0 or not sentence.rstrip().endswith(";"):
        return sentence
    end = FULL_STOP.search(text, at + len(sentence))
    return text[at : end.end() if end else len(text)]


FULL_STOP = re.compile(r"[.!?](?=\s|$)")

EXCEPTION_WORDS = re.compile(r"\b(?:unless|except|other than|save (?:that|for)|apart from)\b", re.I)
ALTERNATIVE = re.compile(r"\s*,?\s*(?:or|and|as well as)\b", re.I)


def _widened_exception(unit: Unit) -> str | None:
    """Phenomenon: an exception to a right given one more case ("unless we must keep it" →
    "unless we must keep it or it relates to an unpaid order"): the words inserted begin
    with "or" inside the clause of an existing "unless" or "except". The exception word,
    or None."""
    for start, _ in unit.new.marks:
        if not ALTERNATIVE.match(unit.new.text, start):
            continue
        before = unit.new.text[:start]
        clause = re.split(r"[.;:!?]", before)[-1]
        found = list(EXCEPTION_WORDS.finditer(clause))
        if found:
            return found[-1].group(0)
    return None


NARROWS = re.compile(
    LIMITING.pattern
    + r"|\b(?:only (?:by|be|becomes?)|fall outside|does not (?:extend|apply|cover)|"
    r"not (?:be )?(?:deleted|erased|considered|handled)|"
    r"(?:a|an|administrative|reasonable) fee|charged?|refused|declined|deferred|held over)\b"
    r"|,\s*(?:once|until|after|as soon as)\b",
    re.I,
)
"""`LIMITING` and the other ways a right is narrowed: a fee, a refusal, a deferral (", once
every order has been delivered"), a part of the data the right no longer covers ("scores
calculated by us fall outside this right")."""


def _narrowed_right(unit: Unit, old: Region, new: Region) -> Evidence | None:
    """Phenomenon: words added to a paragraph about users' rights, with next to nothing taken
    away, that narrow how a right is exercised: a request that "cannot be actioned while an
    order is open", a copy given "once in any twelve months" and a fee after that, a kind of
    data that "falls outside this right", a request accepted "only once the account holder
    agrees". The right need not be named the way the inventory reads it (`_limited_right`):
    a limit added is a new condition on a right, which the policy's own list makes major.
    Words replaced on both sides are a rewording ("we will respond within a month" said
    again), left to a person."""
    from policy.classify.statements import CUES

    inserted, deleted = new.marked(), old.marked()
    if not old.text or len(deleted) > ONE_SIDED * len(inserted):
        return None
    limit = NARROWS.search(inserted)
    if limit is None or limit.group(0).casefold() in old.text.casefold():
        return None
    if CUES["rights"].search(inserted) is None and CUES["rights"].search(new.text) is None:
        return None
    words = limit.group(0)
    return _evidence(
        unit,
        f"Adds a limit (“{words}”) to how users exercise a right: “{inserted.strip()}” "
        "(rule rights.limit-added).",
        "rights.limit-added",
        category="rights",
        change="changed",
        quote_before=old.text.strip(),
        quote_after=new.text.strip(),
    )


def _conditioned(unit: Unit) -> bool:
    """The change's inserted words add a condition word its old text lacked, or its deleted
    words take away one its new text lacks, or add a case to an exception (`_widened_exception`)."""
    old, new = unit.old.text, unit.new.text
    inserted, deleted = unit.new.marked(), unit.old.marked()
    gained = {m.group(0).casefold() for m in CONDITION.finditer(inserted)}
    if gained and gained - {m.group(0).casefold() for m in CONDITION.finditer(old)}:
        return True
    lost = {m.group(0).casefold() for m in CONDITION.finditer(deleted)}
    if lost and lost - {m.group(0).casefold() for m in CONDITION.finditer(new)}:
        return True
    return unit.change.kind == "changed" and _widened_exception(unit) is not None


def _rewrite_conditioned(rewrite: list[Unit], known: dict[tuple[int, str], bool]) -> bool:
    """The same for a rewritten section, its removed paragraphs against its added ones: the
    condition words one side has and the other lacks (answered once per section)."""
    key = (id(rewrite), "condition")
    if key not in known:
        old = " ".join(u.old.text for u in rewrite if u.change.kind == "removed")
        new = " ".join(u.new.text for u in rewrite if u.change.kind == "added")
        old_words = {m.group(0).casefold() for m in CONDITION.finditer(old)}
        new_words = {m.group(0).casefold() for m in CONDITION.finditer(new)}
        known[key] = bool((new_words - old_words) or (old_words - new_words))
    return known[key]


ADDED_QUESTION = (
    "The change adds wording about this subject while naming the same items as before. Does "
    "it add something users must be told? {}"
)


def _added_wording(unit: Unit, evidence: Evidence) -> Evidence:
    """Phenomenon: wording added to a paragraph about what data is collected or what it is used
    for, naming the same data and uses as before, says more of the practice ("applicants are
    also asked to record a short spoken greeting", "the app also reads the lock's battery
    level"): the automatic verdict calls it major, and the question stays for a person to
    confirm. In the written cases 8 to 83 every such change (20) was a change of purposes; the
    same wording added about recipients or rights was major only about half the time, so those
    stay questions only."""
    rule = "purposes.wording-added"
    heading = (_place(unit) or ("",))[-1]
    return _evidence(
        unit,
        f"Adds wording about {STATEMENT_SUBJECTS['purposes']} to the section “{heading}”, "
        f"naming the same items as before ({evidence.reason.rstrip('.')}). Read as major until "
        f"a person decides (rule {rule}).",
        rule,
        category="purposes",
        change="added",
    )


def _support_question(finding: Finding) -> str:
    """A data category, purpose, right or kind of recipient gained or lost with no other sign
    of a change (it may be the same thing in other words)."""
    item = finding.item
    if finding.change == "added":
        said = f"names “{item.label}”, which the old version did not state in these words"
    elif item.polarity == "never":
        said = f"withdraws a promise about “{item.label}” (“{item.sentence.strip()}”)"
    else:
        said = f"no longer names “{item.label}”, which the new version does not state elsewhere"
    return f"The change {said}, and no other sign of a change was found. {QUESTIONS[item.category]}"


PASSIVE_USE = (
    r"\b(?:is|are|will be|may be|can be|be|been)(?: also| now| then)?(?: automatically)? "
    r"(?:used|screened|scanned|analy[sz]ed|processed|monitored|profiled|matched|compared|"
    r"combined|scored|classified|evaluated|assessed|created|generated|derived|extracted|"
    r"captured|collected|recorded|inferred|fed|pooled|trained|retrained)\b"
    r"|\b(?:algorithms?|software|automated (?:tools?|systems?)|(?:our|the|an?) (?:ai|model|"
    r"system|tool))\b(?: \w+){0,2} (?:generates?|produces?|scores?|ranks?|analy[sz]es|screens?|"
    r"checks?|flags?|evaluates?|assesses?|predicts?|matches|compares)\b"
)
"""A use stated in the passive voice ("journal entries are also screened automatically for
...", "your photos are analysed to ..."), or by the company's software as the subject ("an
algorithm then scores each answer"): the company's use, though no "we" says so."""
USE_CLAUSE = re.compile(
    r"\b(?:in order to|so (?:that )?(?:we|it|they) can|for the purposes? of|to help us|helps? us|"
    r"allows? us to|lets? us|enables? us to|(?:we|it|they) (?:\w+ ){0,2}(?:use|uses|analy[sz]e\w*|"
    r"process\w*|collect\w*|combine\w*|infer\w*|derive\w*|train\w*|personali[sz]e\w*|"
    r"measur\w*|profil\w*|track\w*|monitor\w*|evaluat\w*|assess\w*))\b"
    r"|\bto (?:train|personali[sz]e|measure|profile|target|recommend|predict|evaluate|assess|"
    r"score|detect|verify|analy[sz]e|improve|develop|understand|tailor|advertise|market|derive|"
    r"calculate|compute|rate|rank|classify|match|compare|link|combine|forecast|design|plan|"
    r"optimi[sz]e|price)\b"
    r"|" + PASSIVE_USE,
    re.I,
)
"""Words that state what data is used for, with or without the usual "collect" and "use"
("we analyse X to ...", "X helps us ...", "to train ...", "in order to ...")."""


OUR_USE = re.compile(r"\b(?:we|us|our)\b|" + PASSIVE_USE, re.I)
"""The company speaks of its own use (a purpose the reader pursues, in terms of service, is
not a purpose of the policy)."""


TELLING_PURPOSES = frozenset(
    {
        "policy:ModelTraining",
        "policy:Profiling",
        "policy:AutomatedAnalysis",
        "dpv:SellDataToThirdParties",
        OWN_USE,
    }
)
"""Purposes that are a new use of data wherever the change names them for the first time
("..., which are fed into the models that score each pledge"): unlike "to provide the
service", no policy names them in passing, so no clause saying "we use it to" is needed.
A recipient's use for its own ends is nobody's use but the recipient's: no "we" is needed."""


def _states_new_use(unit: Unit, finding: Finding, stated: Sequence[Item] = ()) -> bool:
    """Phenomenon: a new purpose or a new kind of data is stated in words the change inserts,
    in a clause saying what the data is used for: the purpose is new, whether or not the
    sentence says "collect" or "use". Likewise a new kind of data inserted whole into a
    sentence that says what we collect ("we collect your IP address, browser type and the
    search terms you type"), or a new purpose inserted whole after "we use X to" ("..., and to
    show you personalised offers"): the list gained an entry. A purpose or data category the
    policy already states elsewhere is no finding at all; a new one named without such a
    clause stays a question. A right stated by a whole new sentence in a section about rights
    ("decisions may be appealed by writing to ...") is gained. A right whose words the change
    inserts into a sentence listing
    other rights (`stated`: the new side's items) is one more entry of that list too
    ("access, correct, delete and port your data"), and a kind of recipient inserted whole
    after "we share ... with" or "disclose ... to" is one more recipient of that sentence."""
    item = finding.item
    if finding.change == "added" and item.kind == "right":
        if _sentence_inserted(unit, item) and RIGHTS_HEADING.search(" ".join(_place(unit))):
            return True  # a sentence of its own, in a section about rights, grants it
        return (
            unit.change.kind == "changed"
            and unit.new.touches(item.start, item.end)
            and any(
                other.kind == "right" and other.key != item.key and other.sentence == item.sentence
                for other in stated
            )
        )
    side = unit.new
    whole = unit.change.kind == "changed" and side.covers(item.start, item.end)
    if finding.change == "added" and item.kind == "recipient-category":
        if unit.change.kind == "added" and unit.change.block_kind == "item":
            return bool(SHARING_HEADING.search(" ".join(_place(unit)))) or _listed_recipient(
                side, item
            )  # an entry of the list, or an entry that says data is passed to that kind
        return unit.change.kind == "changed" and _listed_recipient(side, item)
    if finding.change != "added" or item.category != "purposes":
        return False
    if not side.touches(item.start, item.end):
        return False
    if (
        item.key in TELLING_PURPOSES
        and item.polarity != "never"
        and (item.key == OWN_USE or OUR_USE.search(item.sentence))
        and not _names_risk(side.text[: item.start])  # a model retrained as the remedy of a
        # risk disclosed before it (a use named first, then found risky, is a new use)
    ):
        return True  # training models, profiling, automated decisions: new however said
    path = unit.change.section or unit.change.old_section
    listed_data = item.kind == "data" and bool(path and COLLECT_HEADING.search(path[-1]))
    start = side.text.find(item.sentence)
    listed_use = unit.change.block_kind == "item" and bool(LISTED_USE.match(side.text.lstrip()))
    if start < 0 or not (OUR_USE.search(item.sentence) or listed_data or listed_use):
        return False  # (an entry of the list of uses speaks for the company, "we" or not)
    inserted = " ".join(
        side.text[max(a, start) : min(b, start + len(item.sentence))]
        for a, b in side.marks
        if a < start + len(item.sentence) and start < b
    )
    if USE_CLAUSE.search(inserted):
        return True
    if item.kind == "data" and listed_data and unit.change.kind == "added":
        return True  # a whole entry added under "What we collect" names it
    if not whole:
        return False
    if item.kind == "data":
        return listed_data or bool(WE_COLLECT.search(item.sentence))
    if (
        item.kind == "purpose"
        and _sentence_inserted(unit, item)
        and OUR_USE.search(item.sentence)
        and not _names_risk(item.sentence)
    ):
        return True  # a sentence of its own says we pursue it ("we tailor offers to ...")
    use = WE_USE_FOR.search(item.sentence)
    return item.kind == "purpose" and use is not None and start + use.end() <= item.start


def _names_risk(sentence: str) -> bool:
    """A sentence that discloses a high risk: the uses it names ("bidders combining data")
    describe the risk, not a purpose of ours."""
    from policy.classify.inventory import HIGH_RISK

    return HIGH_RISK.search(sentence) is not None


SHARING_HEADING = re.compile(
    r"\b(?:shar\w*|disclos\w*|recipients?|third[- ]part\w*|who (?:we|receives|can see))\b", re.I
)
"""A heading over the list of who receives data: an entry added whole to it that names a kind
of recipient ("local councils: your enrolment status ...") is one more recipient."""
RIGHTS_HEADING = re.compile(r"\b(?:rights?|choices|requests?)\b", re.I)


def _sentence_inserted(unit: Unit, item: Item) -> bool:
    """The change inserts the whole sentence that states the item (a new paragraph, or a new
    sentence in a kept one), not only some of its words."""
    return _covers_sentence(unit.new, item.sentence)


def _covers_sentence(side: Region, sentence: str) -> bool:
    """The change's marks on one side cover the whole of a sentence of that side (its
    surrounding spaces aside): the sentence was added or deleted whole."""
    start = side.text.find(sentence)
    if start < 0:
        return False
    begin = start + len(sentence) - len(sentence.lstrip())
    return side.covers(begin, start + len(sentence.rstrip()))


WE_USE_FOR = re.compile(
    r"\b(?:we|us)\b(?: \w+){0,3}? (?:use|process|analy[sz]e|combine)\w*\b[^.;:]*?\b(?:to|for)\b",
    re.I,
)
"""A sentence stating what we use data for ("we use your address to ..., and to ..."): a
purpose inserted whole after it is one more entry of the list of uses."""


def _replaced_words(unit: Unit, rewrite: list[Unit] | None) -> tuple[str, str] | None:
    """The words a change takes out and the words it puts in their place: its marks, or, for
    a paragraph removed from a section rewritten whole (`rewrite`), the paragraph and the
    section's added paragraphs. None for other changes."""
    if unit.change.kind == "changed":
        return (
            " ".join(unit.old.text[a:b] for a, b in unit.old.marks),
            " ".join(unit.new.text[a:b] for a, b in unit.new.marks),
        )
    if unit.change.kind == "removed" and rewrite:
        return unit.old.text, " ".join(u.new.text for u in rewrite if u.change.kind == "added")
    return None


def _reworded_use(
    unit: Unit, findings: Sequence[Finding], rewrite: list[Unit] | None = None
) -> tuple[Finding, ...]:
    """Phenomenon: a sentence about what data is used for, rewritten in other words ("to
    deliver your orders" → "so that we can bring your order to you"), loses the vocabulary's
    name for its purpose though the use may be the same. When the change's only purpose
    findings are purposes removed from sentences whose replacement words state a use, the
    tool cannot tell a reworded use from a dropped one: a person decides. Purposes only
    deleted (no new words stating a use), or a new purpose named, stay decided. A paragraph
    removed from a section rewritten whole (`rewrite`) is replaced by the section's added
    paragraphs. Returns the removed findings (empty when the rule does not apply)."""
    replaced = _replaced_words(unit, rewrite)
    if replaced is None:
        return ()
    inserted = replaced[1]
    removed = []
    for finding in findings:
        item = finding.item
        if item.category != "purposes" or item.kind not in ("purpose", "data"):
            continue
        if finding.change != "removed" or item.kind != "purpose":
            return ()  # a purpose or data category added, or reversed: decided as before
        removed.append(finding)
    if not removed:
        return ()
    if len(inserted.split()) < 4 or not USE_CLAUSE.search(inserted):
        return ()
    return tuple(removed)


def _reworded_rights(
    unit: Unit, findings: Sequence[Finding], rewrite: list[Unit] | None = None
) -> tuple[Finding, ...]:
    """Phenomenon: a paragraph about users' rights or how to exercise them, written again in
    other words ("you may ask for access to ..." → "you are entitled to see ..."; "an agent
    may act for you" → "someone you authorise can make the request"), loses the vocabulary's
    words for a right or a way of making a request though it may still grant it. When the
    change's only findings about rights are rights or ways removed, and words at least half
    as many as those taken out, speaking of requests or rights, are put in their place, the
    tool cannot tell a reworded right from a dropped one: a person decides. A right or a way
    named anew, or one deleted with little put in its place, stays decided."""
    replaced = _replaced_words(unit, rewrite)
    if replaced is None:
        return ()
    deleted, inserted = replaced
    removed = []
    for finding in findings:
        if finding.item.category != "rights":
            continue
        if finding.change != "removed":
            return ()
        removed.append(finding)
    if not removed:
        return ()
    size = len(inserted.split())
    if size < 6 or 2 * size < len(deleted.split()) or not RIGHTS_WORDING.search(inserted):
        return ()
    if REWORDED_LIMIT.search(inserted):
        return ()  # "requests are acted on only once ...": a new step or condition, decided
    return tuple(removed)


RIGHTS_WORDING = re.compile(
    r"\b(?:requests?|rights?|entitle\w*|ask\w*|exercis\w*|act for you|on your behalf|yourself)\b",
    re.I,
)
"""Words in which a paragraph speaks of what users may ask for or do."""
REWORDED_LIMIT = re.compile(
    r"\b(?:only|cannot|can['’]t|not|until|unless|requir\w*|must|have to|no longer|instead|"
    r"redirected|except\w*|exempt\w*|provided|withh\w*|first)\b",
    re.I,
)
"""Words that put a condition, a step or a limit on what users may do: a paragraph about
rights written again with them may have changed how a right is exercised."""
REWORDED_RIGHT_QUESTION = (
    "The paragraph no longer names “{}” in these words, and its new wording still speaks of "
    "requests or rights. Is it the same right or way to make a request reworded, or is it "
    "dropped or changed? Does this change users' rights or how they exercise them?"
)


GENERAL_RECIPIENTS = frozenset({"dpv:DataProcessor", "dpv:ThirdParty"})
"""Kinds of recipient that policies name in general words, one for the other: "service
providers", "outside companies", "suppliers", "third parties"."""


def _swapped_general_recipients(
    unit: Unit, findings: Sequence[Finding], rewrite: list[Unit] | None, extractor
) -> tuple[tuple[Finding, ...], str, str]:
    """Phenomenon: a paragraph about who receives data, written again, names the same people
    in other general words ("our service providers" → "the companies that help us run the
    shop"; "third parties" → "outside suppliers"): one general kind of recipient is no longer
    named and another is. When those are the only recipients that differ between the old and
    new words of the change (or of the section rewritten whole: `rewrite`), with no recipient
    named and no country, the tool cannot tell the same group reworded from a new one: a
    person decides. Returns the change's findings of that swap, and the words before and
    after (nothing when the rule does not apply)."""
    none: tuple[tuple[Finding, ...], str, str] = ((), "", "")
    sharing = tuple(f for f in findings if f.item.category == "sharing")
    if not sharing or any(
        f.item.kind != "recipient-category"
        or f.item.key not in GENERAL_RECIPIENTS
        or f.change not in ("added", "removed")
        for f in sharing
    ):
        return none
    parts = rewrite if rewrite and unit.change.kind != "changed" else [unit]
    old, new = _items_by_side("sharing", parts, extractor)
    gone = {k: v for k, v in old.items() if k not in new}
    came = {k: v for k, v in new.items() if k not in old}
    if not gone or not came or any(k[2] not in GENERAL_RECIPIENTS for k in (*gone, *came)):
        return none
    return sharing, ", ".join(sorted(gone.values())), ", ".join(sorted(came.values()))


NAMED_LIST = 2
"""Named recipients a section must list (in a table or in words) for a paragraph in general
words to be read as about that list."""


PASSED_ON = re.compile(
    r"\b(?:shar(?:e|es|ed|ing)|disclos\w*|transferr?\w*|sells?|selling|sold|sends?|sent|"
    r"pass(?:es|ed|ing)?(?: on)?(?: \w+){0,4}? to|(?:provid|giv|gave)\w*(?: \w+){0,4}? to|"
    r"made available|hand\w*(?: \w+){0,3}? to)\b",
    re.I,
)
"""Verbs that say data goes to someone ("we pass your history to our partners")."""


def _about_named_list(unit: Unit, items, old_doc, new_doc, extractor) -> bool:
    """Phenomenon: a paragraph added to (or removed from) a section that names its recipients
    one by one, speaking of them only in general words ("we rely on third-party services; we
    chose these vendors carefully and have data processing terms with each of them"): it
    introduces or comments the list and adds no recipient. True when the paragraph names no
    company, no country and no kind of recipient but general ones, says of no data that it is
    shared, passed or disclosed, and the section lists named recipients in both versions."""
    if unit.change.kind not in ("added", "removed") or unit.change.block_kind != "paragraph":
        return False  # an entry of a list of recipients is one of them, however general
    if PASSED_ON.search(unit.old.text if unit.change.kind == "removed" else unit.new.text):
        return False  # "we pass your history to our partners": data going somewhere
    said = [i for i in (*items.old, *items.new) if i.category == "sharing"]
    if not said or any(
        i.kind != "recipient-category" or i.key not in GENERAL_RECIPIENTS | {"policy:Partners"}
        for i in said
    ):
        return False
    path = unit.change.section or unit.change.old_section
    for document in (old_doc, new_doc):
        named = {
            i.key
            for i in extractor.items(document.tree_text(path), path, False, "sharing")
            if i.kind == "organisation"
        }
        if len(named) < NAMED_LIST:
            return False
    return True


REWORDED_RECIPIENTS_QUESTION = (
    "The paragraph no longer speaks of “{}” and now speaks of “{}”: general words for those "
    "who receive data. Is it the same group of recipients in other words, or a different one? "
    + "Does this change who receives personal data?"
)


def _drops_listed_use(unit: Unit, finding: Finding) -> bool:
    """Phenomenon: an entry deleted from the list of what we use data for ("to deliver your
    orders and to plan ..." → "to plan ..."), of what we collect, or of the rights users have
    ("..., or to have it erased") or of who receives it ("we send their file to the new
    school"), with no new words in its place: the list lost it, as surely as an entry added is
    gained (`_states_new_use`)."""
    item = finding.item
    if finding.change != "removed" or item.kind not in (
        "purpose",
        "data",
        "right",
        "recipient-category",
    ):
        return False
    if unit.change.kind == "removed" and unit.change.block_kind == "item":
        return item.kind == "right"  # an entry of the list of rights deleted whole
    if unit.change.kind != "changed":
        return False
    inserted = {w.strip(".,;:") for w in unit.new.marked().casefold().split()} - {""}
    if not inserted <= {w.strip(".,;:") for w in unit.old.text.casefold().split()}:
        return False  # new words put in its place: maybe the same entry reworded
    side = unit.old
    if item.kind == "right":
        return any(a <= item.start < b for a, b in side.marks)
    if item.kind == "recipient-category":
        return _listed_recipient(side, item)
    if not side.covers(item.start, item.end):
        return False
    if (
        item.kind == "purpose"
        and OUR_USE.search(item.sentence)
        and _covers_sentence(side, item.sentence)
    ):
        return True  # the whole sentence saying we pursue it is gone
    listed = WE_USE_FOR if item.kind == "purpose" else WE_COLLECT
    use = listed.search(item.sentence)
    start = side.text.find(item.sentence)
    return use is not None and start >= 0 and start + use.end() <= item.start


def _listed_recipient(side: Region, item: Item) -> bool:
    """A kind of recipient whose words the change inserted or deleted whole, after "we share
    ... with", "disclose ... to", "send ... to" in its sentence: an entry of the sentence's
    list of recipients. Not in a promise never to ("we do not disclose ... unless ..."),
    where it names a condition."""
    from policy.classify.inventory import RECEIVES_JUST_BEFORE, TRANSFER_TO

    start = side.text.find(item.sentence)
    before = side.text[start : item.start]
    bare = KIND_WORDS.sub(" ", before)  # "made available to our liability insurers"
    return (
        start >= 0
        and item.polarity != "never"
        and side.covers(item.start, item.end)
        and any(TRANSFER_TO.search(b) or RECEIVES_JUST_BEFORE.search(b) for b in (before, bare))
    )


KIND_WORDS = re.compile(r"(?:\s+[a-z][\w-]*){1,2}\s*$")
"""Words that say which of a kind of recipient ("our liability insurers", "external legal
advisers"): after "available to", the kind that follows is the one data goes to."""


COLLECT_HEADING = re.compile(
    r"\b(?:collect\w*|gather\w*|obtain\w*|(?:data|information) (?:we|you)|what we|we hold)\b",
    re.I,
)
"""A heading over the list of what is collected ("What we collect", "Information you give
us"): an entry added to that list is a new kind of data, though the entry says no "we collect"."""
APPENDED = re.compile(
    r"[\s,;]*(?:(?:and|or|as well as)\s+)?(?:also\s+)?to\s+[a-z]\w+(?:\s+[^\s.!?]+){2,}[.;,]?\s*"
)
"""Inserted words that are one more clause "to <verb> ..." of at least three words, joined by
a comma or an "and" and ending within the sentence: a use, in the words of the policy."""
JOINING = re.compile(r"[\s,;]*(?:(?:and|or)[\s,;]*)?")
"""What a list loses when an entry is appended to it: a comma, an "and"."""


def _appended_use(unit: Unit) -> Evidence | None:
    """Phenomenon: a new "to ..." clause appended to a sentence saying what we use data for
    ("to categorise your spending, to show you budgets and to suggest loans from our
    partners"), with nothing taken away but a comma or an "and": the list of uses gained an
    entry, in free words no vocabulary names. (A sentence rewritten in other words loses
    words too, so it is not caught here: `_reworded_use` asks a person about those.)"""
    if unit.change.kind != "changed" or not unit.new.marks:
        return None
    deleted = "".join(unit.old.text[a:b] for a, b in unit.old.marks)
    if not JOINING.fullmatch(deleted):
        return None
    text = unit.new.text
    for a, b in unit.new.marks:
        if not APPENDED.fullmatch(text[a:b]):
            continue
        begin = max(text.rfind(". ", 0, a), 0)
        use = WE_USE_FOR.search(text[begin:a])
        listed = unit.change.block_kind == "item" and LISTED_USE.match(text.lstrip())
        if use is None and not listed:
            continue  # (an entry of a list of uses, "Safety: to detect ...", says "we use")
        words = text[a:b].strip(" ,;.")
        return _evidence(
            unit,
            f"Adds the use “{words}” to the list of what the data is used for "
            "(rule purposes.appended).",
            "purposes.appended",
            category="purposes",
            item=words,
            item_kind="use",
            change="added",
            quote_after=words,
        )
    return None


CLAUSE_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)+\.?\s")
"""A paragraph numbered as a clause ("3.8 ..."): one entry of a numbered list."""
LISTED_USE = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:[A-Z][^:.;]{0,80}:\s*)?"
    r"(?:(?:if|where|when|once|for those who)\b[^,;:]{0,80},\s*)?"
    r"(?:to|for|in order to|so (?:that )?we can|helping us to|helping us)\s+\w+",
    re.I,
)
"""A list entry that states a purpose ("To bill your company.", "For fraud prevention"), after
a label ("Improving placement (legitimate interests): to forecast ..."), a condition ("if you
join the programme, to combine ...") or a clause number ("3.8 To give you cashback ...")."""


def _listed_use(unit: Unit, context: _Context) -> Evidence | None:
    """Phenomenon: under a heading about purposes ("Why we process it"), each list entry that
    begins "To ..." or "For ..." is one purpose, as each row of a recipients table is one
    recipient: an entry added or removed whole is a purpose gained or lost, whatever its
    words and whether or not a vocabulary names it, unless the other version has the same
    entry (a list reordered, its last entry's full stop now a semicolon). Reworded entries
    are compared as usual."""
    change = unit.change
    if change.kind not in ("added", "removed"):
        return None
    if change.block_kind != "item" and not (
        change.block_kind == "paragraph" and CLAUSE_NUMBER.match(unit.new.text or unit.old.text)
    ):
        return None  # a list entry, or a numbered clause of a list of uses
    if "purposes" not in _section_topics(change.section or change.old_section, context.rules):
        return None
    side = unit.new if change.kind == "added" else unit.old
    text = side.text.strip()
    if not LISTED_USE.match(text) or len(text.split()) < 3:
        return None
    if _same_label(text, context.loose("old" if change.kind == "added" else "new")):
        return None  # "To run the loyalty scheme. ..." said again in other words, same label
    return _listed_entry(unit, context, text, "purpose", "list", "purposes.listed", "use")


def _same_label(text: str, other: str) -> bool:
    """An entry that opens with a label of its own ("To run the loyalty scheme.", "Safety:")
    which the other version's list has too is that entry reworded, not a purpose gained or
    lost."""
    label = re.match(r"[^.:]{8,80}[.:]", text)
    return label is not None and _loose(label.group(0)) in other


def _listed_entry(
    unit: Unit, context: _Context, text: str, noun: str, listed_in: str, rule: str, kind: str
) -> Evidence | None:
    """The evidence of a list entry added or removed whole (`_listed_use`, `_listed_data`), or
    None when the other version has the same entry elsewhere in the list (moved, its
    punctuation changed)."""
    change = unit.change
    what = text.rstrip(".;,")
    verb, other = ("Adds", "old") if change.kind == "added" else ("Removes", "new")
    if _loose(what) in context.loose(other):
        return None
    return _evidence(
        unit,
        f"{verb} the listed {noun} “{what}”, which the {other} version's {listed_in} does not "
        f"state (rule {rule}).",
        rule,
        category="purposes",
        item=what,
        item_kind=kind,
        change=change.kind,
        quote_before=what if change.kind == "removed" else "",
        quote_after=what if change.kind == "added" else "",
    )


LISTED_DATA_WORDS = 6
"""Words an entry of the list of what is collected needs to be read as a kind of data of its
own (a short entry may be a heading or a word of an entry split in two)."""


def _listed_data(
    unit: Unit, context: _Context, rewrite: list[Unit] | None = None
) -> Evidence | None:
    """Phenomenon: under a heading about what is collected ("What we collect", "Information we
    gather"), each list entry is one kind or source of data, as each "To ..." entry under a
    purposes heading is one purpose (`_listed_use`): an entry added or removed whole ("Runner
    telemetry: the host name, operating system and user account of your build machines")
    is data gained or lost, even when every word of it names data the policy states
    elsewhere. An entry the other version has too (moved) is not, nor one of a list rewritten
    entry by entry (`rewrite`), whose inventories are compared instead."""
    change = unit.change
    if change.block_kind != "item" or change.kind not in ("added", "removed") or rewrite:
        return None
    path = change.section or change.old_section
    if not path or not COLLECT_HEADING.search(path[-1]):
        return None
    side = unit.new if change.kind == "added" else unit.old
    text = side.text.strip()
    if len(text.split()) < LISTED_DATA_WORDS or LISTED_USE.match(text):
        return None
    return _listed_entry(
        unit,
        context,
        text,
        "kind of data",
        "list of what is collected",
        "purposes.listed-data",
        "data",
    )


REWORDED_USE_QUESTION = (
    "The paragraph no longer names the purpose “{}” in these words, and its new wording states "
    "a use in other words. Is it the same use reworded, or is a purpose dropped or changed? "
    + "Does this change what personal data is collected, or what it is used for?"
)


WE_COLLECT = re.compile(
    r"\b(?:we|us)\b(?: \w+){0,3}? (?:collect|gather|obtain|record|receive|log|store|keep|"
    r"process|hold|retain|maintain)\w*\b",
    re.I,
)
"""A sentence stating what the company collects ("we automatically collect ..., including")."""


ADDED_WORDS = 4
"""Content words a change must add (beyond those it removes) to be more than a rewording."""


def _adds_wording(unit: Unit) -> bool:
    """Phenomenon: wording added to a paragraph about a category (a new scope, a new way, a
    new case) while the items it names stay the same; a rewording swaps words instead."""
    if unit.change.kind != "changed":
        return False
    old = {w.casefold() for w in WORD.findall(unit.old.text)} - STOPWORDS
    new = {w.casefold() for w in WORD.findall(unit.new.text)} - STOPWORDS
    return len(new - old) - len(old - new) >= ADDED_WORDS


MOVED_OVERLAP = 0.6
"""The share of a sentence's meaning words another sentence must hold to be the same sentence
in other words (the threshold `_repaired` uses for a paragraph paired with its new wording)."""

SAID_WORDS = 4
"""Meaning words a sentence needs to say something of its own: shorter ones (a heading, "We
do not.") count neither as moved nor as not."""

RARE_SENTENCES = 12
"""A word found in more sentences of a version than this does not pick candidates: it is a
word of the policy's subject ("data", "personal"), not of one sentence's."""


DENIAL = re.compile(
    r"\b(?:not|never|no|nor|none|neither|without|only|unless|except)\b|n[’']t\b", re.I
)
"""Words that deny or limit what a sentence says: "we do not sell" and "we sell" share their
other words, and are not the same sentence."""


class _SentenceIndex:
    """The sentences of one version with their meaning words, and for each word the sentences
    that hold it, so a sentence's counterpart is looked for among the few sentences that
    share its rarer words, not among all of them: a long policy costs a pass, not a square."""

    def __init__(self, text: str) -> None:
        from policy.classify.inventory import sentences

        self.words: list[Counter[str]] = []
        self.denied: list[bool] = []
        self.holding: dict[str, list[int]] = {}
        for _, sentence in sentences(text):
            words = _stems(sentence)
            if sum(words.values()) < SAID_WORDS:
                continue
            for word in words:
                self.holding.setdefault(word, []).append(len(self.words))
            self.words.append(words)
            self.denied.append(bool(DENIAL.search(sentence)))

    def holds(self, sentence: str, words: Counter[str]) -> bool:
        """Whether a sentence of this version says `sentence` (whose `_stems` are `words`) in
        nearly the same words."""
        size = sum(words.values())
        candidates: set[int] = set()
        for word in words:
            found = self.holding.get(word, ())
            if len(found) <= RARE_SENTENCES:
                candidates.update(found)
        denied = bool(DENIAL.search(sentence))
        for i in candidates:
            other = self.words[i]
            if (
                sum((words & other).values()) >= MOVED_OVERLAP * max(size, sum(other.values()))
                and self.denied[i] == denied
            ):
                return True
        return False


def _moved_words(unit: Unit, context: _Context, rewrite: list[Unit] | None) -> bool:
    """Phenomenon: a policy restructured (sections merged, split or turned into questions and
    answers) removes paragraphs in one place and adds them, in nearly the same words, in
    another, where the diff cannot pair them. The words of such a paragraph (a "use", a
    "collect", a "request") are no evidence of a change: every sentence of it is still said,
    in nearly the same words, somewhere in the other version (a heading or a sentence of fewer
    than four meaning words says too little to count either way, and a paragraph of such
    sentences only is not taken for moved). What it states is compared item by item with the
    whole other version, as for any change. Only a paragraph added or removed whole, outside
    a section rewritten whole (`rewrite`, compared as one inventory), can be moved."""
    from policy.classify.inventory import sentences

    if rewrite is not None or unit.change.kind not in ("added", "removed"):
        return False
    if unit.change.kind == "added":
        text, other = unit.new.text, context.said_elsewhere("old")
    else:
        text, other = unit.old.text, context.said_elsewhere("new")
    said = [(sentence, _stems(sentence)) for _, sentence in sentences(text)]
    said = [(sentence, words) for sentence, words in said if sum(words.values()) >= SAID_WORDS]
    return bool(said) and all(other.holds(sentence, words) for sentence, words in said)


def _place(unit: Unit) -> tuple[str, ...]:
    return unit.change.section or unit.change.old_section


def _rewrites(units: list[Unit]) -> dict[tuple[str, ...], list[Unit]]:
    """Sections where paragraphs were both removed and added whole (not editorially): a
    rewrite the diff could not pair paragraph by paragraph, such as a table turned into a list
    or a section said again in plainer words; or where a paragraph was laid out again, the
    diff pairing it with one piece of its new layout. Their words are compared as one
    inventory."""
    by_place: dict[tuple[str, ...], list[Unit]] = {}
    for unit in units:
        kind, target = unit.change.kind, unit.change.target
        if kind in ("added", "removed", "changed") and not unit.editorial and target == "block":
            by_place.setdefault(_place(unit), []).append(unit)
    found_rewrites = {}
    for place, found in by_place.items():
        whole = [u for u in found if u.change.kind != "changed"]
        paired = [u for u in found if u.change.kind == "changed" and _repaired(u)]
        if whole and paired and _laid_out_again(whole + paired):
            found_rewrites[place] = whole + paired
        elif {u.change.kind for u in whole} == {"added", "removed"}:
            found_rewrites[place] = whole
    return found_rewrites


def _repaired(unit: Unit) -> bool:
    """A changed block whose two sides share few words, or one side far longer than the
    other: the diff paired a paragraph with one piece of its new layout (a bullet, a
    lead-in), not with its own new wording."""
    old, new = _stems(unit.old.text), _stems(unit.new.text)
    short, long = sorted((sum(old.values()), sum(new.values())))
    return sum((old & new).values()) < 0.6 * max(long, 1) or long >= 1.5 * short


def _laid_out_again(units: list[Unit]) -> bool:
    """Phenomenon: a paragraph split into a lead-in and bullets (or bullets joined into a
    paragraph) keeps its words; the diff pairs the paragraph with one bullet and adds the
    rest. The words of the old blocks and of the new ones are then nearly the same."""
    old = _stems(" ".join(u.old.text for u in units if u.change.kind != "added"))
    new = _stems(" ".join(u.new.text for u in units if u.change.kind != "removed"))
    total = sum((old | new).values())
    return total >= 8 and sum(((old - new) + (new - old)).values()) <= 0.25 * total


def _rewrite_same(
    cid: str, rewrite: list[Unit], extractor, known: dict[tuple[int, str], bool]
) -> bool:
    """The removed paragraphs of a rewritten section state the same items of the category as
    the added ones (and some): the meaning stayed, whatever the words. Answered once per
    section and category (`known`), not once per paragraph of a long rewrite."""
    key = (id(rewrite), cid)
    if key not in known:
        known[key] = _same_items(cid, rewrite, extractor)
    return known[key]


EXCEPTION = re.compile(
    r"\b(?:unless|except|until|only (?:if|when|where|after)|provided that|as long as|"
    r"in which case)\b",
    re.I,
)
"""Words that make a negation an exception to what a sentence states, not its opposite."""


def _reversed_in_rewrite(
    finding: Finding, unit: Unit, rewrite: list[Unit] | None, extractor
) -> Item | None:
    """Phenomenon: a paragraph rewritten whole that said "we do not track opens" and now
    says how opens are tracked reverses the promise: the item stated only negatively by the
    removed paragraph is stated positively by the added one (or the reverse). A negative
    promise dropped with nothing positive in its place stays a question. Returns the item as
    the other paragraph states it."""
    if finding.change != "unclear" or not rewrite or finding.item.polarity != "never":
        return None
    if unit.change.kind == "changed" or EXCEPTION.search(finding.item.sentence):
        return None  # "..., unless an order is open, in which case it cannot": a condition
    other = "added" if unit.change.kind == "removed" else "removed"
    for partner in rewrite:
        if partner.change.kind != other:
            continue
        side = partner.new if other == "added" else partner.old
        row = partner.change.block_kind == "row"
        for item in extractor.items(side.text, _place(partner), row):
            if item.identity == finding.item.identity and item.polarity in ("states", "may"):
                return item
    return None


def _rewrite_flips(rewrite: list[Unit], extractor, known: list[Finding]) -> list[Finding]:
    """Phenomenon: a paragraph rewritten whole that denied a practice ("neither we nor our
    provider train models on your prompts") and now, beside a narrower denial, states it
    ("our provider does not ...; we may, however, fine-tune our models on them"): the item was
    only denied and is now also stated, or the reverse. Compared over the rewritten section's
    removed paragraphs against its added ones; the finding goes to its first added paragraph."""
    from policy.classify.compare import Finding

    def by_identity(kind: str) -> dict[tuple[str, str, str], list[Item]]:
        found: dict[tuple[str, str, str], list[Item]] = {}
        for u in rewrite:
            if u.change.kind != kind:
                continue
            side = u.old if kind == "removed" else u.new
            for item in extractor.items(side.text, _place(u), u.change.block_kind == "row"):
                if item.category not in ("contacts", "ownership"):
                    found.setdefault(item.identity, []).append(item)
        return found

    old, new = by_identity("removed"), by_identity("added")
    seen = {f.item.identity for f in known}
    flips = []
    for identity, stated in new.items():
        before = old.get(identity)
        if not before or identity in seen:
            continue
        old_never = all(i.polarity == "never" for i in before)
        new_never = all(i.polarity == "never" for i in stated)
        if old_never == new_never:
            continue
        said = next(i for i in stated if (i.polarity == "never") == new_never)
        denied = next(i for i in before if (i.polarity == "never") == old_never)
        flips.append(Finding(said, "flipped", denied))
    return flips


def _same_items(cid: str, rewrite: list[Unit], extractor) -> bool:
    old, new = _items_by_side(cid, rewrite, extractor)
    return bool(old) and old.keys() == new.keys()


def _items_by_side(
    cid: str, units: Sequence[Unit], extractor
) -> tuple[dict[tuple[str, str, str], str], dict[tuple[str, str, str], str]]:
    """The items of a category that the old and the new words of some changes state (each
    identity with its first label): the old side of all but the added ones, the new side of
    all but the removed ones."""
    old: dict[tuple[str, str, str], str] = {}
    new: dict[tuple[str, str, str], str] = {}
    for unit in units:
        row = unit.change.block_kind == "row"
        for kind, side, found in (("added", unit.old, old), ("removed", unit.new, new)):
            if unit.change.kind == kind:
                continue
            for item in extractor.items(side.text, _place(unit), row):
                if item.category == cid:
                    found.setdefault(item.identity, item.label)
    return old, new


def _own_names(diff: DocumentDiff) -> frozenset[str]:
    """The company's own name, from the policies' titles ("Example Privacy Policy") and from
    the sentence that defines "we" ('Pennant Ltd ("Pennant", "we", "us")', looked for in the
    first blocks only, where policies say who they are): its products and the company itself
    are not recipients."""
    from policy.classify.inventory import org_key

    names = set()
    for document in (diff.old_document, diff.new_document):
        title = document.title if document is not None else ""
        words = [w for w in re.findall(r"[\w&'’-]+", title or "") if w not in COMMON_CAPITALISED]
        if words and words[0][:1].isupper():
            names.add(org_key(words[0]))
        blocks = (b for s in document.all_sections() for b in s.blocks) if document else ()
        for block in islice(blocks, DEFINITION_BLOCKS):
            text = block.text
            for m in DEFINES_WE.finditer(text) if "(" in text and WE_QUOTED.search(text) else ():
                names.add(org_key(m.group(1)))
                for short in re.findall(r"[\"“‘']([^\"”’']+)[\"”’']", m.group(2)):
                    if short.casefold() not in ("we", "us", "our"):
                        names.add(org_key(short))
    return frozenset(names - {""})


DEFINES_WE = re.compile(
    r"((?:[A-Z][\w&'’.-]*\s+){0,5}[A-Z][\w&'’.-]*)\s*\(([^)]*[\"“‘'](?i:we|us|our)[\"”’'][^)]*)\)"
)
"""A name and the bracket that defines it as "we"."""
WE_QUOTED = re.compile(r"[\"“‘'](?i:we|us|our)[\"”’']")
"""What `DEFINES_WE` needs in a block, looked for first: that pattern tries every capital."""
DEFINITION_BLOCKS = 30
"""How many blocks from the top the definition of "we" is looked for in."""


STRONG_RULES = {"ownership.terms", "contacts.page", "contacts.contact"}
"""Word-level detectors whose words state a change by themselves ("was acquired by", a new
complaint page): major even when the change states the same inventory items."""

WEAK_RULES = {"sharing.section", "rights.section"}
"""Word-level detectors that only say a change is about the category's subject (a word of
sharing in a sharing section): on a reworded paragraph, major when the inventory confirms it
and a question for a person otherwise; a paragraph added or removed whole stays major,
except in the categories of WHOLE_ASKED."""


WHOLE_ASKED = frozenset({"sharing"})
"""Categories whose weak section rule asks a person even on a paragraph added or removed
whole. Phenomenon: a new paragraph in a section about sharing may only add general wording
(how recipients are chosen, a reminder of safeguards); it changes who receives data when it
names a recipient or a recipient category (an item gained, lost or flipped), and is a
question otherwise."""


def _complaint_only(items) -> bool:
    """Phenomenon: the words of a rights section that only name the complaint channel ("you
    have the right to lodge a complaint with ...") speak of whom users contact, not of a
    right over the data: the change states complaint channels and no right or way to
    exercise one."""
    stated = [*items.old, *items.new]
    return any(i.kind in ("complaint", "complaint-route") for i in stated) and not any(
        i.category == "rights" for i in stated
    )


SUPPORT_KINDS = {"data", "purpose", "right", "recipient-category"}
"""Items too general to decide alone (a data category or purpose named in a new sentence may
be one the policy already had in other words): they confirm a word-level detector. A right is
the exception once the change is major for another category: a new practice that comes with
its own way to contest it ("you may ask for the decision to be reviewed", "an internal
review committee") changes the rights as well, while a data category named in a new sharing
sentence is mostly one the policy already collected."""

ASK_KINDS = {("ownership", "entity")}
"""Items whose appearance alone does not tell: a newly named legal entity may be a new
controller or group company, or the same company's full name."""

QUESTIONS = {
    "purposes": "Does this change what personal data is collected, or what it is used for?",
    "ownership": "Does this change who owns or controls the company responsible for the data?",
    "sharing": "Does this change who receives personal data (a recipient added or removed, "
    "or a new country where data is stored or sent)?",
    "rights": "Does this change which rights users have, or how they exercise them?",
    "contacts": "Does this change whom users contact about their data, or where they complain?",
    "high_risk": "Does this disclose a high risk found in a data-protection impact assessment?",
}
"""The plain question for a lawyer when a change touches a category's subject but the
classifier cannot tell whether what the policy states changed."""


def _ask(finding) -> str:
    item = finding.item
    if finding.change == "unclear" and finding.other is None:
        return (
            f"One version says it never does this with “{item.label}” and the other no longer "
            f"says so (“{item.sentence.strip()}”). Is a promise withdrawn or given? "
            f"{QUESTIONS[item.category]}"
        )
    if finding.change == "unclear" and "never" in (item.polarity, finding.other.polarity):
        limit = item if item.polarity == "never" else finding.other
        verb = "adds" if limit is item else "removes"
        return (
            f"The change {verb} a sentence that denies or limits “{item.label}” in part "
            f"(“{limit.sentence.strip()}”), while the policy still states it. Is this a new "
            f"condition or exception? {QUESTIONS[item.category]}"
        )
    if finding.change == "unclear":
        old = finding.other.polarity if finding.other else "?"
        return (
            f"“{item.label}” was stated as “{old}” and is now stated as “{item.polarity}”. "
            f"Is this a new condition on an existing practice? {QUESTIONS[item.category]}"
        )
    verb = "names" if finding.change == "added" else "no longer names"
    return (
        f"The new version {verb} the company “{item.label}”. Is it a new controller, owner or "
        "group company (a change of ownership), or the same company under its full or new name?"
    )


def _question(unit: Unit, cid: str, text: str, rule: str = "") -> Question:
    change = unit.change
    return Question(
        category=cid,
        section=change.section or change.old_section,
        before=change.before,
        after=change.after,
        question=text,
        rule=rule,
    )


def _item_evidence(unit: Unit, finding) -> Evidence:
    item = finding.item
    noun = _NOUNS.get(item.kind, item.kind)
    if item.polarity == "never":  # "No residual risk was rated high": a denial, not a finding
        noun = f"a sentence that denies {noun}"
    if finding.beside:  # a place given for one recipient, maybe named for another before
        whose = f"“{item.label}” for “{finding.beside}”"
        added = f"Adds {noun} {whose}, which the old version did not give for it"
        removed = f"Removes {noun} {whose}, which the new version no longer gives"
    else:
        added = f"Adds {noun} “{item.label}”, which the old version did not state"
        removed = f"Removes {noun} “{item.label}”, which the new version no longer states"
    what = {
        "added": added,
        "removed": removed,
        "flipped": f"Reverses how it states {_NOUNS.get(item.kind, item.kind)} “{item.label}”: "
        f"“{finding.other.polarity if finding.other else '?'}” becomes “{item.polarity}”",
    }[finding.change]
    rule = f"{item.category}.{item.kind}"
    before_quote = (finding.other or item).sentence.strip() if finding.change != "added" else ""
    if finding.change == "removed":
        before_quote, after_quote = item.sentence.strip(), ""
    else:
        after_quote = item.sentence.strip()
    return _evidence(
        unit,
        f"{what} (rule {rule}).",
        rule,
        category=item.category,
        item=item.label,
        item_kind=item.kind,
        change=finding.change,
        quote_before=before_quote,
        quote_after=after_quote,
    )


_NOUNS = {
    "e-mail": "the e-mail address",
    "phone": "the phone number",
    "postal": "the postal address",
    "officer": "the named officer",
    "authority": "the authority",
    "organisation": "the recipient",
    "ended": "that data no longer goes to the recipient",
    "recipient": "the recipient (table row)",
    "recipient-category": "the recipients",
    "country": "the country",
    "data": "the data category",
    "purpose": "the purpose",
    "right": "the right",
    "route": "the way to exercise rights",
    "complaint": "the complaint channel",
    "complaint-route": "the complaint channel",
    "entity": "the company",
    "event": "the ownership event",
    "finding": "the finding",
    "custom": "the item",
}


def _minor_evidence(unit: Unit, items, reworded: list[str], asked: bool) -> Evidence:
    if asked:
        return _evidence(
            unit,
            "A change in wording the classifier could not judge: see the questions.",
            "minor.question",
            change="term",
        )
    if reworded:
        names = ", ".join(reworded)
        return _evidence(
            unit,
            f"Reworded: it states the same {names} items before and after.",
            "minor.reworded",
            change="reworded",
        )
    return _evidence(
        unit,
        "A change in wording that adds, removes or reverses no item of the major-change "
        "categories.",
        "minor",
        change="reworded",
    )


# -- 1. regions ---------------------------------------------------------------------------------


def _unit(change: Change) -> Unit:
    old, new = Region(), Region()
    if change.kind == "changed" and change.spans:
        old_parts: list[str] = []
        new_parts: list[str] = []
        old_at = new_at = 0
        for span in change.spans:
            if span.op in ("equal", "delete"):
                old_parts.append(span.text)
                if span.op == "delete":
                    old.marks.append((old_at, old_at + len(span.text)))
                old_at += len(span.text)
            if span.op in ("equal", "insert"):
                new_parts.append(span.text)
                if span.op == "insert":
                    new.marks.append((new_at, new_at + len(span.text)))
                new_at += len(span.text)
        old.text, new.text = "".join(old_parts), "".join(new_parts)
    else:
        old.text, new.text = change.before or "", change.after or ""
        if change.kind in ("added", "changed") and new.text:
            new.marks.append((0, len(new.text)))
        if change.kind in ("removed", "changed") and old.text:
            old.marks.append((0, len(old.text)))
    return Unit(change, old, new)


def _context(diff: DocumentDiff, rules: Rules) -> _Context:
    old_text, old_sources, old_rows = _document_text(diff.old_document)
    new_text, new_sources, new_rows = _document_text(diff.new_document)
    titles: set[str] = set()
    old_headings: set[int] = set()
    new_headings: set[int] = set()
    sections: dict[tuple[str, tuple[str, ...]], Section] = {}
    for document, lines, side in (
        (diff.old_document, old_headings, "old"),
        (diff.new_document, new_headings, "new"),
    ):
        if document is not None:
            for section in document.all_sections():
                if section.level:
                    titles.add(_title_key(section.title))
                    lines.add(section.line)
                sections[(side, section.path)] = section
        if document is not None and document.title:
            titles.add(_title_key(document.title))
    return _Context(
        rules,
        old_text,
        new_text,
        _lower_words(diff),
        new_sources,
        old_sources,
        new_rows,
        old_rows,
        frozenset(titles - {""}),
        frozenset(old_headings),
        frozenset(new_headings),
        sections=sections,
    )


def _content_words(section: Section) -> Counter[str]:
    """The section's own words that carry meaning, counted: stopwords, numbering and
    punctuation left out."""
    return Counter(_meaning_words(" ".join(block.text for block in section.blocks)))


def _stems(text: str) -> Counter[str]:
    """The words of a text that carry meaning, without their inflections, counted."""
    return Counter(map(_inflected, _meaning_words(text)))


def _meaning_words(text: str) -> Iterator[str]:
    """The words of a text in lower case, stopwords and connectors left out."""
    return (w for w in WORD.findall(text.casefold()) if w not in STOPWORDS and w not in CONNECTORS)


@lru_cache(maxsize=65536)
def _inflected(word: str) -> str:
    """A word without its inflection ("disclosed", "discloses" → "disclos"): a word kept
    whole otherwise, so that "members@" and "membership@" stay two addresses."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


CONNECTORS = frozenset(
    {"namely", "following", "follows", "include", "includes", "including", "below", "such",
     "where", "which", "can", "may", "also", "any", "each", "all", "following:", "have", "has",
     "do", "does", "if", "case", "right", "rights", "us", "them", "they", "their", "who"}
)  # fmt: skip
"""Words that introduce a list ("we use it to:", "namely to:", "where you can:", "you have the
right to:", "in case you ...") and carry no item: a paragraph turned into a list may gain or
lose them. The other words are compared without their inflection ("disclose" and
"disclosed")."""


def _restructured(unit: Unit, context: _Context) -> bool:
    """Phenomenon: a paragraph of uses turned into a bulleted list, a paragraph split in two,
    sentences reordered: the section's own words are exactly the same before and after,
    counted, though the diff shows paragraphs removed and added. Nothing was said that was
    not said before."""
    change = unit.change
    if change.target != "block" or change.kind not in ("added", "removed", "changed"):
        return False
    old = context.section_words("old", change.old_section or change.section, inflected=False)
    new = context.section_words("new", change.section or change.old_section, inflected=False)
    return old is not None and old == new


def _lower_words(diff: DocumentDiff) -> frozenset[str]:
    """The words either version writes in lower case somewhere (then a capitalised "Security"
    is an ordinary word at the start of a sentence, not a name). Each distinct block is read
    once: most blocks are the same in both versions."""
    texts: dict[str, None] = {}
    for document in (diff.old_document, diff.new_document):
        if document is not None:
            for section in document.all_sections():
                texts[section.title] = None
                texts.update((block.text, None) for block in section.blocks)
    tokens = set(" ".join(texts).split())
    plain = {t for t in tokens if t.isalpha()}
    found = {t for t in plain if t.islower()}
    found.update(w for w in set(WORD.findall(" ".join(tokens - plain))) if w.islower())
    return frozenset(found)


def _document_text(document: Document | None) -> tuple[str, dict[int, str], frozenset[int]]:
    """The document's words (for "named before?"), block sources and table-row lines by line."""
    if document is None:
        return "", {}, frozenset()
    parts, sources, rows = [], {}, set()
    for section in document.all_sections():
        parts.append(section.title)
        for block in section.blocks:
            parts.append(block.text)
            sources[block.line] = block.source
            if block.kind == "row":
                rows.add(block.line)
    return "\n".join(parts), sources, frozenset(rows)


# -- 2. editorial -------------------------------------------------------------------------------


_NOT_LETTERS = re.compile(r"[\W_]+")
_ASCII_NOT_LETTERS = dict.fromkeys(c for c in range(128) if not chr(c).isalnum())
"""For ASCII text, the characters `_NOT_LETTERS` removes: deleting them with `str.translate`
gives the same string about five times faster (this runs on every changed paragraph)."""


def _loose(text: str) -> str:
    folded = text.casefold()
    if folded.isascii():
        return folded.translate(_ASCII_NOT_LETTERS)
    return _NOT_LETTERS.sub("", folded)


def _mark_editorial(units: list[Unit], context: _Context) -> None:
    for unit in units:
        unit.editorial = _editorial_reason(unit, context)
        if not unit.editorial and _restructured(unit, context):
            unit.editorial = (
                "the section's words are the same, split, joined, reordered or made a list"
            )
    _pair_dated_replacements(units)


def _editorial_reason(unit: Unit, context: _Context) -> str:
    change = unit.change
    if change.kind == "formatting":
        if any(_moved_contact_pages(unit, context)):
            return ""  # a complaint form or contact page at a new address is a new channel
        return f"formatting only ({change.detail or 'markup'})"
    if change.kind == "moved":
        return "moved without a change in wording"
    if change.kind == "renamed":
        return "file moved or renamed" if change.target == "file" else "heading reworded"
    if change.target == "metadata":
        return f"front matter `{change.detail}` changed"
    if change.kind == "changed":
        return _wording_editorial(unit, context)
    text = unit.new.text or unit.old.text
    if _only_link(text, _source(unit, context)) and not _contact_urls(text, context):
        return "a link only"
    if change.block_kind == "row" and _is_table_header(unit, context):
        return "a table's header row (the column titles)"
    if change.target == "section" and _headings_only(unit, context):
        return "headings only, whose titles the other version already has (restyled or promoted)"
    if change.target == "block" and len(text.split()) <= 16 and _title_key(text) in context.titles:
        return "a heading's title written as a label, contents entry or title line"
    if _date_line(text):
        return "a date or template line only"
    return ""


def _title_key(text: str) -> str:
    """A heading or label as a key: numbering, markup and punctuation left out ("### 10.1
    *Access.*" and "Access" are the same title)."""
    return _loose(NUMBERING.sub(" ", text.strip()))


def _headings_only(unit: Unit, context: _Context) -> bool:
    """A section added or removed whose own lines are all headings (its text stayed, moved, or
    is judged as its own change), each title already in the other version: the phenomenon of
    pseudo-headings (bold labels, numbered lines) promoted to real headings, or the reverse."""
    change = unit.change
    if change.kind == "added":
        lines, headings, other, text = (
            change.new_lines,
            context.new_headings,
            context.loose("old"),
            unit.new.text,
        )
    else:
        lines, headings, other, text = (
            change.old_lines,
            context.old_headings,
            context.loose("new"),
            unit.old.text,
        )
    if not lines or any(line not in headings for line in lines):
        return False
    return all(_title_key(title) and _title_key(title) in other for title in text.split("\n"))


DATE_LINE_WORDS = frozenset(
    {"last", "updated", "update", "modified", "amended", "revised", "reviewed", "effective",
     "date", "dated", "version", "as", "of", "on", "since", "from", "in", "force", "published",
     "this", "policy", "statement", "notice", "privacy", "was", "is"}
)  # fmt: skip
TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
"""A template placeholder (`{{ page.date }}`, `{{< lastmod >}}`, `{% date %}`): filled in when
the site is built, it states nothing itself."""


def _date_line(text: str) -> bool:
    """A short line that only dates the policy ("Last updated: May 2, 2026", "{{< lastmod >}}"):
    a date or a template placeholder, and otherwise only words about dating a document."""
    if len(text) > 120 or not (DATE.search(text) or ("{" in text and TEMPLATE.search(text))):
        return False
    rest = TEMPLATE.sub(" ", DATE.sub(" ", text))
    words = [w.casefold() for w in re.findall(r"[^\W\d_]+", rest)]
    unknown = [w for w in words if w not in DATE_LINE_WORDS and not re.fullmatch(MONTH, w, re.I)]
    return len(unknown) <= 1 and len(words) <= 8


def _is_table_header(unit: Unit, context: _Context) -> bool:
    """The first row of a table: the next line is the `|---|` rule, not another row."""
    if unit.change.kind == "added":
        line, rows = _last(unit.change.new_lines), context.new_rows
    else:
        line, rows = _last(unit.change.old_lines), context.old_rows
    return line - 1 not in rows and line + 1 not in rows and line + 2 in rows


def _wording_editorial(unit: Unit, context: _Context) -> str:
    old, new = unit.old.text, unit.new.text
    # Each step below is skipped when it cannot change the answer of the one before (no
    # numbering, no date): the same answers, without reading long paragraphs again.
    if _loose(old) == _loose(new):
        return "punctuation, capitalisation or spacing only"
    if _plain(old) == _plain(new) and not _contact_urls(f"{old} {new}", context):
        return "link targets, markup or an address's spelling only"
    if _entities_differ(old, new):
        return ""
    masked_old, masked_new = NUMBERING.sub(" ", old), NUMBERING.sub(" ", new)
    masked = masked_old != old or masked_new != new
    if masked and _loose(masked_old) == _loose(masked_new):
        return "clause numbering only"
    dated_old, dated_new = _dated(masked_old), _dated(masked_new)
    dated = dated_old != masked_old or dated_new != masked_new
    if dated and _loose(dated_old) == _loose(dated_new):
        return "a date only"
    if _spelling_only(dated_old, dated_new) or (dated and _spelling_only(masked_old, masked_new)):
        return "spelling or grammar only"
    if _link_swap(unit, context):
        return "a link only"
    if _date_line(old) and _date_line(new):
        return "a date or template line only"
    return ""


MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\s*\(([^)\s]*)[^)]*\)")
ADDRESS_LIKE = re.compile(
    r"(?:https?://|mailto:|www\.)\S+|(?<![\w.-])[\w-]+(?:\.[\w-]+)+/[^\s)\]]*|</?[a-z][^>]*>", re.I
)
"""URLs, bare domain paths (`example.com/legal/cookies`), mailto: targets and HTML tags."""


def _plain(text: str) -> str:
    """The words a reader reads: link syntax kept to its text, URLs and paths, HTML tags and
    template placeholders left out, e-mail addresses in anti-spam spelling written plainly.
    Two paragraphs with the same plain words differ in link targets or markup only."""
    from policy.classify.inventory import ADDRESS, MAYBE_ADDRESS, deobfuscate

    if "]" in text and "(" in text:
        text = MARKDOWN_LINK.sub(r" \1 ", text)
    if caseless(MAYBE_ADDRESS).search(text, lowered(text)):
        text = ADDRESS.sub(lambda m: deobfuscate(m.group(0)), text)
    if "@" in text:
        text = EMAIL.sub(
            lambda m: " " + m.group(0).replace(".", " dot ").replace("@", " at ") + " ", text
        )
    if "/" in text or "<" in text or "mailto:" in text.lower() or "www." in text.lower():
        text = ADDRESS_LIKE.sub(" ", text)
    if "{" in text:
        text = TEMPLATE.sub(" ", text)
    return _loose(text)


def _entities_differ(old: str, new: str) -> bool:
    """E-mail addresses or phone numbers differ (each needs an @ or a digit to be found)."""
    for pattern, needed in ((EMAIL, "@" in old or "@" in new), (PHONE, _digits(old, new))):
        if needed and set(pattern.findall(old)) != set(pattern.findall(new)):
            return True
    return False


def _digits(*texts: str) -> bool:
    return any(DIGIT.search(text) for text in texts)


def _spelling_only(old: str, new: str) -> bool:
    """Every edit is a near-identical word (typo, plural, hyphen) or an added/removed short
    grammar word; a number, a negation or a different word means a change in meaning."""
    a = [w.casefold() for w in WORD.findall(old)]
    b = [w.casefold() for w in WORD.findall(new)]
    opcodes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    edits = [op for op in opcodes if op[0] != "equal"]
    if not edits:
        return False
    for tag, i1, i2, j1, j2 in edits:
        gone, came = a[i1:i2], b[j1:j2]
        if any(w in EDITORIAL_KEEP for w in (*gone, *came)):
            return False
        if tag == "replace":
            if any(any(c.isdigit() for c in w) for w in (*gone, *came)):
                return False
            if len(gone) == len(came) and list(map(_inflection, gone)) == list(
                map(_inflection, came)
            ):
                continue  # "is transferring" → "is transferred": the same word, inflected
            left, right = "".join(gone), "".join(came)
            similar = SequenceMatcher(None, left, right, autojunk=False)
            # the quick ratios are upper bounds of `ratio` (same formula, more matches
            # counted): below 0.8, the ratio is too, without aligning the letters
            if similar.real_quick_ratio() < 0.8 or similar.quick_ratio() < 0.8:
                return False
            if similar.ratio() < 0.8:
                return False
        elif _repeated(a, i1, i2) or _repeated(b, j1, j2):
            continue  # "the the", "Policy Policy": a doubled word removed or added
        elif len(gone) + len(came) > 2 or not all(w in STOPWORDS for w in (*gone, *came)):
            return False
    return True


def _inflection(word: str) -> str:
    """The word without an inflectional ending (transferring, transferred → transferr)."""
    for ending in ("ing", "ed", "es", "s", "e", "d"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _repeated(words: list[str], start: int, end: int) -> bool:
    """words[start:end] (non-empty) repeats the words right before or after it."""
    run = words[start:end]
    size = len(run)
    return bool(run) and (words[start - size : start] == run or words[end : end + size] == run)


def _source(unit: Unit, context: _Context) -> str:
    change = unit.change
    if change.new_lines and change.after is not None:
        return context.new_sources.get(change.new_lines[-1], "")
    if change.old_lines:
        return context.old_sources.get(change.old_lines[-1], "")
    return ""


def _only_link(text: str, source: str) -> bool:
    """A paragraph that is nothing but a URL, or nothing but one Markdown link."""
    if URL.fullmatch(text.strip().rstrip(".").strip("<>")):
        return True
    stripped = source.strip().rstrip(".").lstrip("-*+ ").strip()
    return bool(MD_LINK.fullmatch(stripped))


def _link_swap(unit: Unit, context: _Context) -> bool:
    """A bare URL replaced by a link (or the reverse), the words around it unchanged."""
    for gone, came, source in (
        (unit.old, unit.new, context.new_sources.get(_last(unit.change.new_lines), "")),
        (unit.new, unit.old, context.old_sources.get(_last(unit.change.old_lines), "")),
    ):
        urls = [m.span() for m in URL.finditer(gone.text) if gone.touches(*m.span())]
        if not urls:
            continue
        outside = "".join(
            gone.text[i]
            for a, b in gone.marks
            for i in range(a, b)
            if not any(u0 <= i < u1 for u0, u1 in urls)
        )
        if re.search(r"\w", outside):
            continue
        link_texts = " ".join(m.group(1) for m in MD_LINK.finditer(source))
        added = WORD.findall(came.marked())
        removed_urls = " ".join(gone.text[a:b] for a, b in urls)
        if all(w in link_texts for w in added) and not _contact_urls(removed_urls, context):
            return True
    return False


def _last(lines: tuple[int, ...]) -> int:
    return lines[-1] if lines else -1


def _pair_dated_replacements(units: list[Unit]) -> None:
    """`Effective date: March 1, 2026` removed and `Effective date: May 2, 2026` added in the
    same section are one date change, which the diff could not pair (too few words alike)."""
    removed = [u for u in units if u.change.kind == "removed" and not u.editorial]
    for added in (u for u in units if u.change.kind == "added" and not u.editorial):
        key = _loose(DATE.sub(" DATE ", added.new.text))
        for gone in removed:
            if gone.editorial or gone.change.old_section[:-1] != added.change.section[:-1]:
                continue
            if DATE.search(gone.old.text) and _loose(DATE.sub(" DATE ", gone.old.text)) == key:
                added.editorial = gone.editorial = "a date only"
                break


# -- 3. categories ------------------------------------------------------------------------------


def _detect(
    unit: Unit, context: _Context, rewrite: list[Unit] | None = None
) -> list[tuple[str, Evidence]]:
    hits: dict[str, list[tuple[str, str]]] = {}

    def hit(cid: str, rule: str, words: str) -> None:
        entry = (rule, words)
        if entry not in hits.setdefault(cid, []):
            hits[cid].append(entry)

    whole = unit.change.kind in ("added", "removed")
    about = _section_topics(unit.change.section or unit.change.old_section, context.rules)
    terms = context.rules.terms
    for cid, rules in context.rules.categories.items():
        both = _on_both_sides(rules.terms, unit, terms, rewrite)
        for side, verb, version in ((unit.new, "adds", "old"), (unit.old, "removes", "new")):
            for start, words in _marked_matches(rules.terms, side, terms):
                if words.casefold() in both:
                    continue  # "opt-in" removed and added again: the sentence around it moved
                if cid == "ownership" and not _controller_event(side.text, start, words, context):
                    continue
                if cid == "contacts" and _loose(words) in context.loose(version):
                    continue  # the DPO, the authority ... named again: a mention, no new channel
                if cid == "contacts" and CONSULTED.search(side.text[max(0, start - 80) : start]):
                    continue  # "we have consulted the data protection authority"
                if cid == "high_risk" and _guarded_against(side.text, start, words):
                    continue
                if cid == "purposes" and _promised_not(side.text, start):
                    continue  # "because we do not sell personal information, ...": a promise
                if cid == "rights" and OUR_ACTION.search(side.text[max(0, start - 30) : start]):
                    continue  # "we will then delete your account": what we do, not a right
                if cid == "rights" and CUSTOMER_CHOICE.search(
                    side.text[max(0, start - 40) : start]
                ):
                    continue  # "unless the Employer has opted out under its agreement"
                hit(cid, f"{cid}.terms", f"{verb} “{words}”")
        if cid not in about:
            continue
        for side, other, verb, version in (
            (unit.new, unit.old, "adds", "old"),
            (unit.old, unit.new, "removes", "new"),
        ):
            other_text = other.text
            partners = rewrite if rewrite is not None and len(rewrite) > 2 else []
            listed = bool(partners)  # a paragraph said again as a list
            if whole and listed:  # its words on the other side of the rewrite
                kind = "removed" if verb == "adds" else "added"
                other_text = " ".join(
                    (u.old if kind == "removed" else u.new).text
                    for u in partners
                    if u.change.kind == kind
                )
            other_stems = {stem(w) for w in WORD.findall(other_text)}
            for _, found in _marked_matches(rules.section_terms, side):
                moved = not whole or listed
                if moved and all(stem(w) in other_stems for w in WORD.findall(found)):
                    continue  # the word was already there: a rewording around it, not about it
                if cid == "contacts" and _loose(found) in context.loose(version):
                    continue  # "Attn: Privacy Team" moved into an address block: still there
                words = f"{verb} “{found}” in a section about “{about[cid]}”"
                hit(cid, f"{cid}.section", words)
    _detect_contacts(unit, context, hit)
    return [
        (cid, _evidence(unit, _reason(found), _main_rule(found), category=cid, change="term"))
        for cid, found in sorted(hits.items(), key=lambda item: CATEGORY_IDS.index(item[0]))
    ]


def _on_both_sides(
    pattern: re.Pattern,
    unit: Unit,
    together: tuple[re.Pattern, ...],
    rewrite: list[Unit] | None = None,
) -> frozenset[str]:
    """Words of a category's terms that the change both removes and adds: a sentence
    rewritten around the same words ("only if you opt in" → "once you have opted in, and
    only then") keeps them; the rest of the sentence says whether anything changed. In a
    paragraph rewritten whole (`rewrite`: the removed and added paragraphs of its place),
    the words of the removed paragraphs against those of the added ones."""
    if unit.change.kind == "changed":
        olds, news = [unit.old], [unit.new]
    elif rewrite:
        olds = [u.old for u in rewrite if u.change.kind == "removed"]
        news = [u.new for u in rewrite if u.change.kind == "added"]
    else:
        return frozenset()
    removed = {w.casefold() for side in olds for _, w in _marked_matches(pattern, side, together)}
    if not removed:
        return frozenset()
    added = {w.casefold() for side in news for _, w in _marked_matches(pattern, side, together)}
    return frozenset(removed & added)


def _controller_event(text: str, start: int, words: str, context: _Context) -> bool:
    """An ownership word stated as a fact about the company itself: not a hypothetical ("if
    we are acquired"), not data merged, not another company's acquisition
    (`inventory.about_the_controller`)."""
    from policy.classify.inventory import about_the_controller

    begin, end = _sentence_bounds(text, start)
    sentence = text[begin:end]
    if HYPOTHETICAL.search(sentence):
        return False
    at = start - begin
    return about_the_controller(sentence, at, at + len(words), context.own_names)


INCIDENT = re.compile(r"breach|incident", re.I)
GUARDING = re.compile(
    r"\b(?:detect|prevent|protect|investigat|respond|report|notif|mitigat|handl|monitor|guard|"
    r"defend|combat|fight|identif|avoid|address|manag|recover|secur)\w*\b(?:\W+\w+){0,5}\W*$",
    re.I,
)
"""A protective verb a few words before: "to detect and prevent fraud and security incidents"."""


CONSULTED = re.compile(
    r"\b(?:consult(?:ed|ing|s)?|in consultation with|notif(?:y|ied|ies|ying)|"
    r"(?:sought|obtained|received) (?:the )?(?:advice|approval|opinion) of)\b[^.;:]{0,40}$",
    re.I,
)
"""Right before an authority or an officer: the company consults or notifies it ("we have
therefore consulted the Berlin data protection authority"). Phenomenon: an authority the
company turns to (a prior consultation, a breach notified) is no channel offered to users."""


CUSTOMER_CHOICE = re.compile(
    r"\b(?:employer|customer|client|organi[sz]ation|company|business|school|partner|"
    r"institution)s?(?: concerned)? (?:has|have|had) $",
    re.I,
)
"""Right before "opted in" or "opted out": a business customer chose, under its contract; the
choice is the customer's setting, not a right of the people whose data it is."""


OUR_ACTION = re.compile(r"\bwe(?: \w+){0,3}\s*$", re.I)
"""Right before a rights word: the company is the subject ("we will then delete your account
if ..."), so the words say what the company does, not what users may ask for."""


def _promised_not(text: str, start: int) -> bool:
    """Phenomenon: words of a use inside a sentence that says the company does not do it
    ("because we do not sell personal information, we ...") are a promise, compared item by
    item (a promise withdrawn is a question, one reversed is decided), not a new use."""
    from policy.classify.inventory import polarity

    begin, end = _sentence_bounds(text, start)
    return polarity(text[begin:end]) == "never"


def _guarded_against(text: str, start: int, words: str) -> bool:
    """Phenomenon: a breach or security incident named as what the company detects,
    prevents, investigates or notifies ("we use logs to detect security incidents", "in the
    event of a data breach we will notify you") is a practice or a purpose, not a disclosed
    high risk."""
    if not INCIDENT.search(words):
        return False
    begin, end = _sentence_bounds(text, start)
    sentence = text[begin:end]
    return bool(HYPOTHETICAL.search(sentence) or GUARDING.search(text[begin:start]))


def _main_rule(found: list[tuple[str, str]]) -> str:
    """The rule that speaks for a category's hits: the first that is not weak."""
    return next((rule for rule, _ in found if rule not in WEAK_RULES), found[0][0])


_TOPICS: dict[tuple[int, tuple[str, ...]], tuple[Rules, dict[str, str]]] = {}
"""`_section_topics` per rules and path (the rules kept, so an id is not mistaken for
another's): a long policy's units share a few hundred section paths."""


def _section_topics(path: tuple[str, ...], rules: Rules) -> dict[str, str]:
    """The categories a section speaks of, from its innermost heading that names any: the
    category named first wins ("How we share the information we collect" is about sharing).
    Returns {category id: the heading words that say so} (not to be changed: it is kept)."""
    entry = _TOPICS.get((id(rules), path))
    if entry is None or entry[0] is not rules:
        if len(_TOPICS) >= 4096:
            _TOPICS.clear()
        entry = _TOPICS[(id(rules), path)] = (rules, _topics_of(path, rules))
    return entry[1]


def _topics_of(path: tuple[str, ...], rules: Rules) -> dict[str, str]:
    for heading in reversed(path):
        found = {
            cid: match
            for cid, category in rules.categories.items()
            if (match := category.headings.search(heading))
        }
        if found:
            first = min(match.start() for match in found.values())
            return {cid: m.group(0) for cid, m in found.items() if m.start() == first}
    return {}


def _reason(found: list[tuple[str, str]]) -> str:
    words = "; ".join(words for _, words in found[:4])
    more = f" (and {len(found) - 4} more)" if len(found) > 4 else ""
    rules = ", ".join(dict.fromkeys(rule for rule, _ in found))
    return f"{words[:1].upper()}{words[1:]}{more} (rule {rules})."


def _marked_matches(
    pattern: re.Pattern, side: Region, together: tuple[re.Pattern, ...] = ()
) -> list[tuple[int, str]]:
    """(start, words) of each match of `pattern` that touches the side's changed words.
    `together`: patterns (`pattern` among them) asked of the same side in turn, whose matches
    are found in one pass and kept (`caseless.spans_together`)."""
    text = side.text
    if together:
        known = side._spans.get(id(pattern))
        if known is None or known[0] is not pattern:
            found = spans_together(together, text, side.lower(), side.starts())
            side._spans.update(
                (id(p), (p, where)) for p, where in zip(together, found, strict=True)
            )
            known = side._spans[id(pattern)]
        where = known[1]
    else:
        where = spans(pattern, text, side.lower(), side.starts())
    return [(start, text[start:end]) for start, end in where if side.touches(start, end)]


def _sentence(text: str, at: int) -> str:
    start, end = _sentence_bounds(text, at)
    return text[start:end]


def _sentence_bounds(text: str, at: int) -> tuple[int, int]:
    starts = [m.end() for m in SENTENCE_END.finditer(text, 0, at)]
    start = starts[-1] if starts else 0
    end = SENTENCE_END.search(text, at)
    return start, end.start() if end else len(text)


def _detect_contacts(unit: Unit, context: _Context, hit) -> None:
    """Contact pages and contact channels kept in template variables that appear in or
    disappear from the document: a new or closed channel, wherever the change stands (e-mail
    addresses, phone numbers and postal addresses are compared by the inventory)."""
    from policy.classify.inventory import COMPLAINT

    for side, verb, other in (
        (unit.new, "adds", context.old_text),
        (unit.old, "removes", context.new_text),
    ):
        for _, value in _marked_matches(TEMPLATE_CONTACT, side):
            if value not in other:
                hit("contacts", "contacts.contact", f"{verb} the contact channel “{value}”")
        for start, value in _marked_matches(URL, side):  # a page linked in a sentence about
            # complaints is where users complain, whatever its address says (".../beschwerde")
            if value in other or _bare_url(value) in other:
                continue  # "www.example.gv.at" now written "https://www.example.gv.at"
            if context.rules.contact_url.search(value) or COMPLAINT.search(
                _sentence(side.text, start)
            ):
                hit("contacts", "contacts.page", f"{verb} the contact page “{value}”")
    if unit.change.kind == "formatting":
        gone, came = _moved_contact_pages(unit, context)
        for verb, values in (("adds", came), ("removes", gone)):
            for value in sorted(values):
                hit("contacts", "contacts.page", f"{verb} the contact page “{value}”")


def _bare_url(url: str) -> str:
    """A page's address without its scheme and final slash: the same page however written."""
    return re.sub(r"^(?:https?://)", "", url).rstrip("/")


def _moved_contact_pages(unit: Unit, context: _Context) -> tuple[set[str], set[str]]:
    """Contact or complaint pages linked from the block's source in one version and not in the
    other (a link target changed while its words stayed): (gone, came)."""
    change = unit.change
    old = context.old_sources.get(_last(change.old_lines), "") if change.old_lines else ""
    new = context.new_sources.get(_last(change.new_lines), "") if change.new_lines else ""
    if not (old and new):
        return set(), set()
    before, after = set(_contact_urls(old, context)), set(_contact_urls(new, context))
    if before == after:
        return set(), set()
    return before - after, after - before


def _contact_urls(text: str, context: _Context) -> list[str]:
    return [u for u in URL.findall(text) if context.rules.contact_url.search(u)]


# -- 4. evidence --------------------------------------------------------------------------------


def _evidence(
    unit: Unit,
    reason: str,
    rule: str,
    *,
    category: str = "",
    item: str = "",
    item_kind: str = "",
    change: str = "",
    quote_before: str = "",
    quote_after: str = "",
) -> Evidence:
    at = unit.change
    return Evidence(
        section=at.section or at.old_section,
        anchor=at.anchor,
        kind=at.kind,
        before=at.before,
        after=at.after,
        reason=reason,
        rule=rule,
        category=category,
        item=item,
        item_kind=item_kind,
        change=change,
        quote_before=quote_before,
        quote_after=quote_after,
    )

"""What a policy states, as an inventory of items per category, so two versions are compared on
what they say rather than on which words changed.

Steps, in order:
1. sentences: each block (paragraph, list item, table row) is cut into sentences; each sentence
   gets a polarity: `states`, `never`, `with consent`, `opt-out` or `may`;
2. items: extractors find, per category, the things a lawyer would list (see `Item.kind`):
   contact channels and named officers and authorities (`contacts`), recipients named or by
   category, countries of storage or transfer, rows of recipient tables (`sharing`), data
   categories and purposes from DPV (`purposes`), rights and ways of exercising them
   (`rights`), controller entities and ownership events (`ownership`), disclosed high-risk
   findings (`high_risk`);
3. the engine compares the two inventories (`classify.engine`): an item gained, lost or whose
   polarity flipped touches its category; the same items reworded do not.

Every extractor names the general phenomenon it captures; none knows any particular company.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass

from policy.classify import dpv
from policy.classify.vocabulary import (
    AUTHORITY_NAMES,
    COMMON_CAPITALISED,
    COUNTRY_KEYS,
    ORGANISATION_SUFFIXES,
)

SENTENCE = re.compile(r"[^.!?;\n]+(?:[.!?;]+(?=\s|$)|$|\n)|[^\n]+", re.M)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
OBFUSCATED_AT = re.compile(r"\s*[\[({<]\s*(?:at|@)\s*[\])}>]\s*|\s+(?:AT|at)\s+", re.I)
OBFUSCATED_DOT = re.compile(r"\s*[\[({<]\s*(?:dot|\.)\s*[\])}>]\s*|\s+(?:DOT|dot)\s+", re.I)
ADDRESS = re.compile(
    r"(?<![\w.+-])[\w.+-]+(?:@|\s*[\[({<]\s*(?:at|@)\s*[\])}>]\s*|\s+(?:AT|at)\s+(?=[\w-]+\s*(?:[\[({<]\s*)?"
    r"(?:dot|DOT)))[\w-]+(?:(?:\.|\s*[\[({<]\s*(?:dot|\.)\s*[\])}>]\s*|\s+(?:DOT|dot)\s+)[\w-]+)+",
    re.I,
)
"""An e-mail address, plain or in an anti-spam spelling (`name [at] example [dot] com`)."""
MAYBE_ADDRESS = re.compile(r"@|[\[({<]\s*at\s*[\])}>]|\bdot\b", re.I)
"""Cheap test first: text without any of these has no address (ADDRESS is slow on long text)."""


def addresses(text: str) -> Iterable[re.Match]:
    """The e-mail addresses of `text`, plain or in anti-spam spelling."""
    return ADDRESS.finditer(text) if MAYBE_ADDRESS.search(text) else iter(())


NEVER = re.compile(
    r"\b(never|not|no longer|don[’']t|doesn[’']t|won[’']t|cannot|can[’']t|neither|nor|no)\b",
    re.I,
)
CONSENT = re.compile(
    r"\b(without|unless|only (with|if|when)|with|subject to|once|after)( \w+){0,3} "
    r"(consent|permission|agree\w*|opt(ed)?[- ]in)\b|\bif you (agree|opt in|choose|consent)\b",
    re.I,
)
OPT_OUT = re.compile(r"\b(unless|until) you (opt[- ]?out|object|unsubscribe)\b", re.I)
MAY = re.compile(r"\b(may|might|can|could|from time to time|occasionally)\b", re.I)
HYPOTHETICAL = re.compile(
    r"\b(in the event|if|should|in connection with|such as|for example|e\.g\.|whether|"
    r"in case|were to|would)\b",
    re.I,
)

COLLECT_OR_USE = re.compile(
    r"\b(collect|gather|obtain|receiv|record|captur|process|use[sd]?|using|analy[sz]|combin|"
    r"infer|derive|store|keep|retain|sell|train|profil|track|monitor|ask (you )?for|provide)\w*",
    re.I,
)
SHARE = re.compile(
    r"\b(shar(e|ed|es|ing)|disclos\w*|transferr?\w*|sell\w*|sold|"
    r"provid\w+ (it |them |your \w+ )?to|"
    r"(sub-?)?processors?|service providers?|vendors?|recipients?|partners?|on (our|its) behalf|"
    r"processed by|operated by|hosted|host(s|ing)|stored (in|by|on|at)|data cent(er|re)s?|"
    r"third[- ]part(y|ies)|analytics|advertis\w+|cookies?|track\w*|powered by|"
    r"deliver\w* (via|by|through)|engage[sd]?|analy[sz](e|es|ed|ing)|statistics|tools?|"
    r"currently)\b",
    re.I,
)
STORE = re.compile(
    r"\b(stor(e|ed|es|age|ing)|host(s|ed|ing)?|transferr?\w*|located|servers?|data cent(er|re)s?|"
    r"process(ed|es|ing)?|region|locations?|outside|inside|within)\b",
    re.I,
)
RIGHTS_CONTEXT = re.compile(
    r"\b(rights?|requests?|you (can|may|have)|opt\w*|choices?|exercis\w*|unsubscrib\w*)\b", re.I
)
OFFICER_ROLE = re.compile(
    r"\b(data protection officer|dpo|(eu|uk|european|our) representative|representative in|"
    r"article 27 representative|privacy officer|encarregad[oa]|data protection lead|"
    r"chief privacy officer)\b",
    re.I,
)
CONTROLLER_CONTEXT = re.compile(
    r"\b(controllers?|operat(es|ed|or)|owned|owns|owner|part of|group|subsidiar\w+|parent|"
    r"jointly|joint|responsible for|merg\w+|acquir\w+|administration|registered|company number|"
    r"we are|is provided by|are provided by|trading as|formerly|renamed|now known as)\b",
    re.I,
)
RENAME_MARKER = re.compile(
    r"\b(formerly|renamed|changed (its|our) name|previously (known as|called)|now (known as|"
    r"called)|new name|name change)\b",
    re.I,
)
OWNERSHIP_EVENT = re.compile(
    r"\b(acquired by|acquisition of|(its|our|the) acquisition|"
    r"(was|were|has been|have been|is being) acquired|merg(ed|er) (with|into)|took over|"
    r"taken over|takeover|subsidiary of|"
    r"(became|becomes|is now|are now|now) (a |an |the )?(wholly[- ]owned )?subsidiary|"
    r"(majority|controlling) (shareholder|owner|stake|interest)|(is|are|now) owned by|"
    r"change of (control|ownership)|bankrupt\w*|insolven\w*|chapter 11|receivership|"
    r"liquidat\w+|(entered|enter|in|into) administration|administrators? (have been|were|was) "
    r"appointed|joint administrators?|spin-?off|spun off|divest\w*|new (operating )?"
    r"(company|entity)|(joint|new) controllers?|jointly (determine|responsible)|"
    r"business adjustment|petition for reorgani[sz]ation)\b",
    re.I,
)
HIGH_RISK = re.compile(
    r"\b((a|the|one|no|any|two|three|residual) (\w+ )?(high|significant|serious|severe|elevated|"
    r"substantial)( residual)? risks?|risks? (\w+ ){0,6}(is|was|remains|are|were) (rated )?"
    r"(high|significant|serious|severe)|"
    r"rated( \w+){0,12} as (a )?(high|significant|serious|severe)|(dpia|pia|impact assessment|"
    r"risk assessment)s?( \w+){0,8} (identified|found|rated|concluded|revealed))\b",
    re.I,
)
_GIVEN = r"[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?"
PERSON = re.compile(rf"\b{_GIVEN}(?: (?:[A-Z]\.|{_GIVEN})){{1,3}}\b")
"""A person's name: two to four capitalised words (hyphenated allowed), or initials."""
NAME_WORD = r"(?:[A-Z][\w&'’-]*[a-z][\w&'’-]*|[A-Z]{2,}[a-z]*|[A-Z]\w*\d\w*)"
ORGANISATION = re.compile(
    rf"(?<![\w@./-]){NAME_WORD}(?:[ ]+(?:{NAME_WORD}|&|of|de|und|for))*"
    rf"(?:,? (?:{'|'.join(ORGANISATION_SUFFIXES)}))?(?![\w@])"
)
LEGAL_ENTITY = re.compile(
    rf"(?<![\w@./-]){NAME_WORD}(?:[ ]+(?:{NAME_WORD}|&|of|de|und|for))*"
    rf",? (?:{'|'.join(ORGANISATION_SUFFIXES)})(?![\w@])"
)
SUFFIX = re.compile(rf",?\s*\b(?:{'|'.join(ORGANISATION_SUFFIXES)})\s*$")
COUNTRIES = re.compile(
    r"(?<![\w-])("
    + "|".join(map(re.escape, sorted(COUNTRY_KEYS, key=len, reverse=True)))
    + r")(?![\w])"
)
AUTHORITY = re.compile(
    r"(?<![\w-])((?:[A-Z][\w'’-]+ ){0,4}(?:Data Protection (?:Authority|Commission(?:er)?|Agency|"
    r"Board|Inspectorate|Office)|Information Commissioner(?:['’]s Office)?|Privacy Commissioner|"
    r"Supervisory Authority)|" + "|".join(AUTHORITY_NAMES) + r")(?![\w])"
)

INTERNAL_BODIES = {"Committee", "Team", "Department", "Office", "Desk", "Unit", "Board"}
"""A named body of the company itself ("Privacy Compliance Committee") handles complaints: a
contact, not a recipient."""
LEGAL_INSTRUMENT = re.compile(
    r"\b(Act|Decision|Regulation|Addendum|Directive|Clauses|Framework|Law|Code|Shield|"
    r"Agreement|Protocol|Standard|Convention)s?\b"
)
"""A law, decision or contract named in capitals is not a recipient."""
DESTINATION = re.compile(
    r"\b(in|to|into|within|at|across|inside|outside( of)?)( the)?\W*$|\|\s*$|^\W*$"
    r"|\b(locations?|regions?|countr(y|ies)|processing|hosting|hosted|stored|storage|servers?"
    r"|data cent(er|re)s?)\b[^:|.]{0,25}:\s*$",
    re.I,
)
"""A country is a place of storage or transfer when the text puts data in, to or within it
(not "from the EEA", the place data comes from), or names it under a label of place
("Location of processing: Ireland", as a table's cell would)."""
RECORD = re.compile(r"^\W{0,3}([A-Z][^:|–—]{0,60}?)\W{0,3}(?::|\s[–—-])\s+\S")
"""A list item that reads as a table row: a name, then a colon or a dash, then what it does
("Nimbus Cloud Ltd: hosting", "**Parcelwise GmbH** – deliveries")."""
ORG_NOT_NAMES = COMMON_CAPITALISED | {"Data", "Protection", "Officer", "Authority", "Privacy"}


@dataclass(frozen=True)
class Item:
    """One thing the policy states, found in one sentence."""

    category: str
    """The major-change category it belongs to."""
    kind: str
    """What it is: e-mail, phone, postal, page, officer, authority (contacts); organisation,
    recipient-row, recipient-category, country (sharing); data, purpose (purposes); right,
    route (rights); entity, event (ownership); finding (high_risk)."""
    key: str
    """Normalised identity: two versions state the same item when their keys are equal."""
    label: str
    """The words as written, or the vocabulary's name for the concept."""
    polarity: str
    """states, never, with consent, opt-out or may: how the sentence states it."""
    start: int
    end: int
    """Where the words are in the text that was read."""
    sentence: str

    @property
    def identity(self) -> tuple[str, str, str]:
        return (self.category, self.kind, self.key)


def deobfuscate(address: str) -> str:
    """`privacy [at] example [dot] com` → `privacy@example.com`: an anti-spam spelling of an
    address is the same address."""
    value = OBFUSCATED_DOT.sub(".", OBFUSCATED_AT.sub("@", address))
    return re.sub(r"\s+", "", value).strip(".")


def polarity(sentence: str) -> str:
    """How a sentence states its items: a negation with a consent condition is `with consent`
    ("not ... without your consent"), a bare negation `never`, an opt-out condition `opt-out`,
    a consent condition `with consent`, a modal `may`, otherwise `states`."""
    consent = CONSENT.search(sentence)
    if OPT_OUT.search(sentence):
        return "opt-out"
    if NEVER.search(sentence):
        return "with consent" if consent else "never"
    if consent:
        return "with consent"
    if MAY.search(sentence):
        return "may"
    return "states"


def sentences(text: str) -> Iterable[tuple[int, str]]:
    for match in SENTENCE.finditer(text):
        if match.group(0).strip():
            yield match.start(), match.group(0)


def org_key(name: str) -> str:
    """`HubSpot, Inc.` and `HubSpot Ireland Limited` are one recipient: the first significant
    word of the name, without legal suffix or article."""
    name = re.sub(r"\([^)]*\)", " ", name)
    name = SUFFIX.sub("", name.strip())
    words = [w for w in re.findall(r"[\w&'’-]+", name) if w not in ("The", "the")]
    return words[0].casefold() if words else ""


class Extractor:
    """The item extractors for one repository (the defaults plus policy.toml's `items`)."""

    def __init__(self, headings: dict[str, re.Pattern], extra: dict[str, tuple[str, ...]]):
        self.headings = headings
        self.data = dpv.ConceptSet(
            dpv.data_categories() + dpv.extra("purposes", extra.get("purposes", ()))
        )
        self.purposes = dpv.ConceptSet(dpv.purposes())
        self.rights = dpv.ConceptSet(dpv.rights() + dpv.extra("rights", extra.get("rights", ())))
        self.routes = dpv.ConceptSet(dpv.routes())
        self.recipients = dpv.ConceptSet(
            dpv.recipient_categories() + dpv.extra("sharing", extra.get("sharing", ()))
        )
        self.extra_contacts = dpv.ConceptSet(dpv.extra("contacts", extra.get("contacts", ())))
        self._cache: dict[tuple, list[Item]] = {}
        """Items per (text, topics, row[, family]): a block the two versions share is read once."""
        self._topics: dict[tuple[str, ...], set[str]] = {}
        self.lower_words: frozenset[str] = frozenset()
        self.own_names: frozenset[str] = frozenset()

    def fresh(
        self, lower_words: frozenset[str] = frozenset(), own_names: frozenset[str] = frozenset()
    ) -> Extractor:
        """The same extractors for one comparison, with an empty cache and what the two
        versions tell about names: `lower_words`, the words either version writes in lower
        case (a capitalised "Location" or "Security" is then an ordinary word, not a name),
        and `own_names`, the keys of the company's own name (from the policy's title: the
        company is not a recipient of its own data)."""
        clone = copy.copy(self)
        clone._cache = {}
        clone.lower_words = lower_words
        clone.own_names = own_names
        return clone

    def probe(self, item: Item) -> re.Pattern:
        """A cheap pattern that any text stating `item` matches (it may match more)."""
        for concepts in (self.data, self.purposes, self.rights, self.routes, self.recipients,
                         self.extra_contacts):  # fmt: skip
            if item.key in concepts.by_id:
                return concepts.by_id[item.key].pattern
        if item.kind == "country":
            forms = [form for form, key in COUNTRY_KEYS.items() if key == item.key]
            return re.compile("|".join(map(re.escape, forms)))
        if item.kind == "finding":
            return HIGH_RISK
        if item.kind == "phone":
            return re.compile(r"\d")
        if item.kind == "e-mail":
            return re.compile(re.escape(item.key.split("@")[0]), re.I)
        first = item.key.split(" ")[0]
        return re.compile(rf"(?<!\w){re.escape(first)}", re.I)

    def topics(self, path: tuple[str, ...]) -> set[str]:
        """Every category whose headings name a heading of the path."""
        found = self._topics.get(path)
        if found is None:
            found = {
                cid
                for cid, pattern in self.headings.items()
                for heading in path
                if pattern.search(heading)
            }
            self._topics[path] = found
        return found

    def items(
        self, text: str, path: tuple[str, ...], row: bool = False, family: str = ""
    ) -> list[Item]:
        """The items stated in `text` (one block, or several lines of blocks) under `path`;
        with `family` (see `family`), only the items that extractor finds: asking whether a
        version states one recipient anywhere needs no data categories or rights."""
        topics = self.topics(path)
        key = (text, tuple(sorted(topics)), row)
        cached = self._cache.get(key)
        if cached is not None:
            return [i for i in cached if family_of(i) == family] if family else cached
        if not family:
            cached = self._cache[key] = self._items(text, topics, row)
            return cached
        partial = self._cache.get((*key, family))
        if partial is None:
            partial = self._cache[(*key, family)] = self._items(text, topics, row, family)
        return partial

    def _items(self, text: str, topics: set[str], row: bool, family: str = "") -> list[Item]:
        found: list[Item] = []
        for line_start, line in _lines(text):
            is_row = row or line.count(" | ") >= 1
            if family in ("", "sharing") and (is_row or "sharing" in topics):
                found += self._row(line, line_start, topics, record=not is_row)
            for start, sentence in sentences(line):
                offset = line_start + start
                found += self._sentence(sentence, offset, topics, family)
        return found

    # -- rows: a table row is a record ------------------------------------------------------

    def _row(self, line: str, offset: int, topics: set[str], record: bool = False) -> list[Item]:
        """A row of a recipients table names one recipient in its first cell (new row = new
        recipient, removed row = removed one); the header row and rows of other tables not.
        With `record`, a list item read the same way: a table rewritten as a list (or back)
        keeps its recipients."""
        if "sharing" not in topics:
            return []
        if record:
            match = RECORD.match(line)
            if not match or not ORGANISATION.fullmatch(match.group(1).strip()):
                return []
            first = match.group(1).strip()
        else:
            first = line.split(" | ")[0].strip()
        key = org_key(first)
        if not key or not first[:1].isupper() or first in COMMON_CAPITALISED:
            return []
        if re.fullmatch(r"(entity|company|provider|vendor|name|subprocessor|processor)\b.*", key):
            return []
        if key in self.own_names or first.casefold() in self.lower_words:
            return []
        return [
            Item("sharing", "organisation", key, first, "states", offset, offset + len(first), line)
        ]

    # -- sentences --------------------------------------------------------------------------

    def _sentence(
        self, sentence: str, offset: int, topics: set[str], family: str = ""
    ) -> list[Item]:
        pol = polarity(sentence)
        found: list[Item] = []

        def add(category: str, kind: str, key: str, label: str, match_span, pol=pol) -> None:
            a, b = match_span
            found.append(Item(category, kind, key, label, pol, offset + a, offset + b, sentence))

        if family in ("", "contacts"):
            self._contacts(sentence, add)
        if family in ("", "sharing"):
            self._sharing(sentence, topics, add)
        if family in ("", "purposes") and ("purposes" in topics or COLLECT_OR_USE.search(sentence)):
            for concept, m in self.data.find(sentence):
                add("purposes", "data", concept.id, concept.label, m.span())
            for concept, m in self.purposes.find(sentence):
                add("purposes", "purpose", concept.id, concept.label, m.span())
        if family in ("", "rights") and ("rights" in topics or RIGHTS_CONTEXT.search(sentence)):
            for concept, m in self.rights.find(sentence):
                add("rights", "right", concept.id, concept.label, m.span())
            for concept, m in self.routes.find(sentence):
                add("rights", "route", concept.id, concept.label, m.span())
        if family in ("", "ownership"):
            self._ownership(sentence, add)
        if family in ("", "high_risk"):
            for m in HIGH_RISK.finditer(sentence):
                if not HYPOTHETICAL.search(sentence) or pol == "never":
                    key = " ".join(re.findall(r"[a-z]+", sentence.casefold()))
                    add("high_risk", "finding", key, m.group(0), m.span())
        return found

    def _contacts(self, sentence: str, add) -> None:
        """Channels (e-mail, phone, postal, forms), named officers and representatives, and
        complaint authorities: a channel is identified by its normalised value."""
        from policy.classify.engine import DATE, PHONE, POSTAL

        for m in addresses(sentence):
            value = deobfuscate(m.group(0))
            if EMAIL.fullmatch(value):
                add("contacts", "e-mail", value.casefold(), m.group(0), m.span(), "states")
        for m in PHONE.finditer(sentence):
            if sum(map(str.isdigit, m.group(0))) >= 7 and not DATE.search(m.group(0)):
                add(
                    "contacts",
                    "phone",
                    re.sub(r"\D", "", m.group(0)),
                    m.group(0),
                    m.span(),
                    "states",
                )
        for m in POSTAL.finditer(sentence):
            add(
                "contacts",
                "postal",
                re.sub(r"\W+", " ", m.group(0)).casefold(),
                m.group(0),
                m.span(),
                "states",
            )
        for m in AUTHORITY.finditer(sentence):
            key = re.sub(
                r"^(the|our|your|a|an|competent|local|relevant|lead) ", "", m.group(0).casefold()
            )
            if key not in ("supervisory authority", "data protection authority"):
                add("contacts", "authority", key, m.group(0), m.span(), "states")
        if OFFICER_ROLE.search(sentence):
            authorities = [a.span() for a in AUTHORITY.finditer(sentence)]
            for m in PERSON.finditer(sentence):
                words = m.group(0).split()
                if any(w in ORG_NOT_NAMES or w.upper() == w for w in words):
                    continue
                after = sentence[m.end() : m.end() + 14]
                if re.match(rf",?\s*(?:{'|'.join(ORGANISATION_SUFFIXES)})\b", after):
                    continue  # a company's name, not a person's
                if any(a <= m.start() < b for a, b in authorities):
                    continue
                if any(w.casefold() in self.lower_words for w in words):
                    continue
                add("contacts", "officer", m.group(0).casefold(), m.group(0), m.span(), "states")
        for concept, m in self.extra_contacts.find(sentence):
            add("contacts", "custom", concept.id, concept.label, m.span(), "states")

    def _sharing(self, sentence: str, topics: set[str], add) -> None:
        """Recipients named near words of sharing, processing on our behalf or hosting;
        recipient categories in sentences about sharing; countries where data is stored or
        transferred. A name in a sentence about the company's own ownership is not a
        recipient."""
        context = SHARE.search(sentence)
        in_section = "sharing" in topics
        if not (context or in_section):
            return
        authorities = list(AUTHORITY.finditer(sentence))
        if not OWNERSHIP_EVENT.search(sentence):
            for m in ORGANISATION.finditer(sentence):
                words = [w for w in re.findall(r"[\w&'’-]+", m.group(0)) if w[:1].isupper()]
                starts = m.start() == 0 or sentence[: m.start()].rstrip()[-1:] in '.!?:;|*“"'
                if starts and words and not any(c.isupper() for c in words[0][1:]):
                    words = words[1:]  # capitalised by its place in the sentence only
                words = [
                    w
                    for w in words
                    if w not in ORG_NOT_NAMES and w.casefold() not in self.lower_words
                ]
                if not words or LEGAL_INSTRUMENT.search(m.group(0)):
                    continue
                if any(
                    a.start() <= m.start() < a.end() or m.start() <= a.start() < m.end()
                    for a in authorities
                ):
                    continue
                if len(words) == 1 and words[0].isupper() and len(words[0]) <= 4:
                    continue
                if COUNTRIES.fullmatch(" ".join(words)):
                    continue
                name = m.group(0)
                if re.findall(r"[\w&'’-]+", name)[-1] in INTERNAL_BODIES:
                    add("contacts", "body", " ".join(words).casefold(), name, m.span(), "states")
                    continue
                key = org_key(" ".join(words))
                if key in self.own_names:
                    continue
                add("sharing", "organisation", key, name, m.span())
        if context or in_section:
            for concept, m in self.recipients.find(sentence):
                add("sharing", "recipient-category", concept.id, concept.label, m.span())
        if STORE.search(sentence) or in_section:
            for m in COUNTRIES.finditer(sentence):
                if DESTINATION.search(sentence[max(0, m.start() - 30) : m.start()]):
                    add("sharing", "country", COUNTRY_KEYS[m.group(0)], m.group(0), m.span())

    def _ownership(self, sentence: str, add) -> None:
        """Who the controller is (legal entities named as controller, operator, owner or group
        company) and events that change it (acquisition, merger, insolvency, spin-off)."""
        if HYPOTHETICAL.search(sentence) and not re.search(
            r"\b(has|have|was|were|is now)\b", sentence
        ):
            pass
        else:
            for m in OWNERSHIP_EVENT.finditer(sentence):
                add("ownership", "event", m.group(0).casefold(), m.group(0), m.span())
        if CONTROLLER_CONTEXT.search(sentence):
            for m in LEGAL_ENTITY.finditer(sentence):
                words = [w for w in m.group(0).split() if w not in ORG_NOT_NAMES]
                if not words:
                    continue
                key = re.sub(r"\W+", " ", SUFFIX.sub("", m.group(0))).strip().casefold()
                if key:
                    add("ownership", "entity", key, m.group(0), m.span(), "states")


def family_of(item: Item) -> str:
    """Which extractor finds the item: its category's, except a company's own named body
    ("Privacy Committee"), a contact that the recipients' extractor finds."""
    return "sharing" if item.kind == "body" else item.category


def _lines(text: str) -> Iterable[tuple[int, str]]:
    at = 0
    for line in text.split("\n"):
        yield at, line
        at += len(line) + 1

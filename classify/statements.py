"""New statements the inventory cannot read.

The inventory compares what each version states in the words its vocabularies know. A
sentence added or deleted whole that speaks of a category's subject in other words ("the
details may also be made available to that person's insurer", "you may also object at any
time") leaves the inventory unchanged, and the change would pass as minor. Such a sentence is
not a rewording: its words are new to the section. For a sentence added, the tool cannot
tell whether what the policy states changed, so a person decides: the change is asked about,
not called major. A sentence deleted whole takes away what it said, so its deletion is major
when its words speak of one category (of several, a person says which).

Each category has one cue: the kind of statement that speaks of its subject (a verb of
passing data on for sharing, a verb of using or gathering data for purposes, a request or a
right for rights, a complaint body or an officer for contacts, a risk found by an assessment
for high risk, a change of owner for ownership).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from policy.classify.inventory import ACCOUNT_BEFORE
from policy.classify.vocabulary import STOPWORDS, WORD, stem

if TYPE_CHECKING:
    from collections import Counter
    from collections.abc import Container

CUES: dict[str, re.Pattern[str]] = {
    "purposes": re.compile(
        r"\b(?:use[ds]?|using|analy[sz]\w*|combin\w*|train\w*|fe[ed]d?s?|fed into|tailor\w*|"
        r"personali[sz]\w*|profil\w*|estimat(?:e|ed|ing)|infer\w*|predict\w*|scor(?:e|es|ed|ing)|"
        r"re-?train\w*|fine-?tun\w*|"
        r"import\w*|collect\w*|recorded|recording|captur\w*|gather\w*|obtain\w*|"
        r"match(?:es|ed|ing)?|link(?:s|ed|ing)|pool(?:s|ed|ing)|monitor\w*|track\w*|target\w*|"
        r"segment(?:ed|ing)|recogni[sz]\w*|read(?:s|ing)?|upload\w*|derive\w*|measur\w*|"
        r"work(?:s|ed)? out|listen(?:s|ing)? (?:for|to|in)|detect(?:s|ed|ing)?|"
        r"suggest(?:s|ing)?|recommend(?:s|ing)?|learn\w*|show(?:s)? us|tell(?:s)? us|"
        r"reports? back|so that we can|in order to)\b",
        re.I,
    ),
    "ownership": re.compile(
        r"\b(?:acqui(?:red|sition)|merg(?:ed|er|ing)|takeover|taken over|owned by|"
        r"subsidiary|parent company|holding company|insolven\w*|"
        r"spun off|spin-off)\b",
        re.I,
    ),
    "sharing": re.compile(
        r"\b(?:shar(?:e|es|ed|ing)|disclos\w*|made (?:available|accessible)|"
        r"make (?:available|accessible)|pass(?:ed|es)?(?: on)?|"
        r"provid(?:e|es|ed)|sen[dt]s?|transferr?\w*|migrat\w*|forward\w*|hand(?:ed)? over|sold|"
        r"sells?|"
        r"communicat(?:e|es|ed)|"
        r"giv(?:e|es))\b(?:\W+\w+){0,10}?\W+(?:to|with)\b(?!\W+(?:you|your|us)\b)"
        r"|\b(?:tell|tells|told|inform|informs|notify|notifies)\b"
        r"(?! (?:you|us|them)\b)(?: (?:the|that|this|these|those|our|your|a|an|any))? \w+"
        r"|\b(?<!\bwe )receiv(?:e|es|ed|ing)\b|\b(?:access(?:ed)?|examined|inspected) by\b"
        r"|(?<!\byou )(?<!\bwe )(?<!\bI )\b(?:has|have|had|gets?|given|granted)(?: \w+)? "
        r"access to\b"
        r"|\b(?:shared|pass(?:es|ed)?|flows?) (?:across|among|between)\b"
        r"|\b(?:stored|hosted|held|processed)\b(?:\W+\w+){0,6}?\W+(?:in|outside)\b",
        re.I,
    ),
    "rights": re.compile(
        r"\b(?:rights?|request\w*|object\w*|opt(?:-| )?out|withdraw\w*|erase|erasure|"
        r"delete your|correct\w*|rectif\w*|portab\w*|restrict\w*|(?:right|able) to appeal|"
        r"appeal(?:s|ed|ing)? (?:against|to|a decision|the decision|our decision|the outcome)|"
        r"identity|identification|verif\w*|power of attorney|authori[sz]ed agent|"
        r"unsubscrib\w*|footage|copy of (?:your|the) (?:data|information|records)|"
        r"download(?:s|ed|ing)?|de-?index\w*|"
        r"human review|reviewed by a (?:person|human|member)|"
        r"(?:look at|review|reconsider) (?:the|a|your|our|that) decision|"
        r"you (?:can|may)(?: always| also)? ask)\b",
        re.I,
    ),
    "contacts": re.compile(
        r"\b(?:complain\w*|commissioner|commission (?:for|on|de|d[’']|nationale)|ombuds\w*|"
        r"regulators?|supervisory|"
        r"protection officer|DPO|representative|contact (?:us|our|the)|write to|"
        r"e-?mail(?:ing)? (?:us|our|the)|call (?:us|our))\b",
        re.I,
    ),
    "high_risk": re.compile(
        r"\b(?:high|significant|serious|severe|residual|elevated|substantial)\b"
        r"(?:\W+\w+){0,40}?\W+(?:assessment|DPIA|impact|consult\w*)\b"
        r"|\b(?:assessment|DPIA|review|evaluation|analysis)\b(?:\W+\w+){0,40}?\W+"
        r"(?:high|significant|serious|severe|residual|elevated|substantial)\b",
        re.I,
    ),
}
"""Per category, the words of a statement about its subject. Only asked of sentences that
are new to their section (`NEW_SHARE`), so a word common in every policy ("use", "right")
raises a question only where the policy says something it did not say before."""

RIGHTS_CONTEXT = re.compile(
    r"\b(?:you|your|rights?|whoever|anyone who|someone who|asks? (?:for|us))\b", re.I
)
"""A rights word speaks of users' rights only in a sentence about the user or whoever asks
("Access to servers is restricted" speaks of security; "requests from the police" of
disclosures)."""

OUR_RIGHT = re.compile(r"\bwe (?:\w+ )?(?:have|reserve|retain|keep) the right\b", re.I)
YOU = re.compile(r"\byou(?:r)?\b", re.I)
"""A right the company keeps for itself ("we reserve the right to remove content"), in a
sentence that does not speak of the user: no right of the user's."""

KEEPING_WORDS = (
    r"retain\w*|retention|(?:kept|stored|held) (?:for|until|up to|no longer)|"
    r"keep(?: \w+){0,4} for|no longer than|delet\w*|encrypt\w*|secur\w*|safeguard\w*|"
    r"protect(?:s|ed|ing)?|backups?|snapshots?|"
    r"cookies? (?:expire|last)|authenticat\w*|suspicious|defen[cs]es|penetration|firewalls?|"
    r"access controls?"
)
PERIODS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve)[- ](?:years?|months?)|"
    r"\d+\s+(?:years?|months?|weeks?|days?)"
)
GUARDS = re.compile(rf"\b(?:{KEEPING_WORDS}|{PERIODS})\b", re.I)
"""Words of retention (a period: "10 years after the last visit") and security, which the
policy's own list makes minor: a sentence that speaks of them is not asked about for the
purposes and sharing cues it may also hold ("backups are stored in encrypted form")."""


NOT_A_PRACTICE = re.compile(
    r"\b(?:liabilit\w*|liable|endorse\w*|no substitute|(?:does|do) not replace|"
    r"responsibility|warrant\w*|"
    r"terms of (?:sale|service|use|business)|governed by|fees?|charged?|refunds?|balances?|"
    r"prices?|"
    r"contractual clauses|adequa\w*|addendum|binding corporate rules|"
    r"transfer (?:impact|risk) assessments?|certifi\w*|"
    r"transparency reports?|"
    r"(?:websites?|sites?|links?) (?:of|to|from|run by) (?:other|third|external)\w*)\b",
    re.I,
)
"""Sentences that say what a practice is not, or how it is safeguarded, rather than state
one: disclaimers of liability or endorsement ("the readings are no substitute for a doctor's
advice"), commercial terms and fees (billing is minor), the safeguards of a transfer
(standard contractual clauses, an adequacy decision, a certification), transparency reports,
and links to other websites."""

KEEPING = re.compile(rf"\b(?:{KEEPING_WORDS})\b", re.I)
"""`GUARDS` without its bare periods: a paragraph that speaks of retention or security. A
period alone ("a questionnaire three and nine months after the course") is no sign of either, and
a statement known only by its section's heading is tested against the paragraph, where
such periods are common."""

NEW_SHARE = 0.5
"""The share of a sentence's content words the other version of its section must lack for
the sentence to be a new statement rather than a rewording."""
MIN_WORDS = 4
"""Fewer content words than this make a fragment, not a statement."""


def content_stems(text: str) -> list[str]:
    return [stem(w) for w in WORD.findall(text) if w.casefold() not in STOPWORDS]


def is_new(sentence: str, other: set[str]) -> bool:
    """The sentence's content words are mostly absent from the other version: it says
    something new, not the same thing in other words."""
    words = content_stems(sentence)
    if len(words) < MIN_WORDS:
        return False
    fresh = sum(1 for w in words if w not in other)
    return fresh >= NEW_SHARE * len(words)


def topics(
    statement: str, sentence: str, in_rights_section: bool, only: Container[str] | None = None
) -> list[str]:
    """The categories whose subject a new statement (a sentence, or a clause added to one)
    speaks of (`CUES`; of those in `only`, when given); the whole sentence says whether it
    speaks of security or retention (`GUARDS`)."""
    found = []
    guarded = GUARDS.search(sentence) is not None
    for cid, cue in CUES.items():
        if only is not None and cid not in only:
            continue
        if cue.search(statement) is None:
            continue
        if cid in ("purposes", "sharing") and guarded:
            continue
        if cid == "purposes" and in_rights_section:
            continue  # "obtain a copy of your data": what users may do, not what we do
        if cid == "rights" and not (in_rights_section or RIGHTS_CONTEXT.search(statement)):
            continue
        if cid == "rights" and OUR_RIGHT.search(statement) and not YOU.search(statement):
            continue
        if cid == "ownership" and all(
            ACCOUNT_BEFORE.search(statement, max(0, m.start() - 40), m.start())
            for m in cue.finditer(statement)
        ):
            continue  # "if an account were taken over": an attack on a user, no new owner
        found.append(cid)
    return found


TOPIC_ONLY = ("purposes", "sharing")
"""The categories whose section heading says what a new statement in it is about: a clause
added to a "Who we share your data with" list ("- litigation funders, where a claim is funded
by them") names a recipient without any verb of passing data on, the heading gives the verb;
a clause added to a "How we use your data" list names a use. Rights and contacts sections hold
too much that is neither (how long a reply takes, office hours) for the heading to speak for
their sentences."""


def section_topic(
    statement: str, paragraph: str, about: Container[str], only: Container[str] | None = None
) -> list[str]:
    """The categories of `TOPIC_ONLY` that a new statement's section is about, when the
    paragraph around it speaks of neither security nor retention (`KEEPING`: "Those copies are
    meant for emergencies only" in a paragraph about backups). A statement found so has no cue
    of its own, so it is asked about, never decided."""
    wanted = [c for c in TOPIC_ONLY if c in about and (only is None or c in only)]
    if not wanted or _speaks_of_keeping(paragraph):
        return []
    return [cid for cid in wanted if CUES[cid].search(statement) is None]


@lru_cache(maxsize=64)
def _speaks_of_keeping(paragraph: str) -> bool:
    """Asked for each sentence of a paragraph: answered once per paragraph."""
    return KEEPING.search(paragraph) is not None


HANDED_TO = re.compile(
    r"\b(?:is|are|be|been|being|get|gets)\b(?: (?:also|additionally|then|now|only|further|"
    r"in addition|likewise|routinely|automatically))*,? (?:made available|passed(?: on)?|"
    r"communicated|disclosed|forwarded|sent|transmitted|reported|handed(?: over| on)?|shown|"
    r"provided|supplied|released|notified)\b(?: \w+){0,3}? to (?!(?:you|your|us|them|"
    r"the (?:user|member|customer|person|data subject|individual)s?)\b)"
    r"(?P<to>[^.;:()]{3,120})",
    re.I,
)
"""Data handed to someone in the passive voice ("details may also be made available to that
person's insurer"): who receives them follows "to". Not the user or "us"."""

RECIPIENT_END = re.compile(
    r",|\b(?:where|when|which|who|whom|that|so that|in order|if|unless|for the purpose|"
    r"named|listed|chosen|selected|identified|mentioned|designated|specified|indicated|"
    r"concerned|involved|in question|in|at|on|from|under|within|by|with|for|once|after|"
    r"before|until|while|as soon as|each|every|whenever|"
    r"under|on (?:the|our|its) (?:basis|request)|as (?:part|required)|in (?:connection|"
    r"the course|line)|to (?:the extent|help|enable|allow|check|assess|establish|"
    r"plan|make|handle|process|carry))\b",
    re.I,
)
"""Where the words naming a recipient end: a clause or purpose that follows it."""


def new_recipient(statement: str, other: set[str]) -> str:
    """Phenomenon: a new sentence hands data to someone in the passive voice ("progress
    updates may also be made available to the estate agent handling the sale") and that
    someone is new to the section (the head of the words naming it, "agent", is not in the
    other version; what follows it, "handling the sale", "named in your profile", is not
    part of the name). A
    recipient is named, the sentence says it receives data: the inventory's recipients gain
    one, whether or not a vocabulary knows the word. Returns the recipient's words, or ""."""
    for match in HANDED_TO.finditer(statement):
        to = match.group("to")
        end = RECIPIENT_END.search(to)
        named = to[: end.start()] if end else to
        words = content_stems(named)
        if words and words[-1] not in other:  # its head: "the energy supplier"
            return named.strip()
    return ""


def other_stems(words: Counter[str] | None, fallback: str) -> set[str]:
    """The stems of the other version's section words (or of the change's other side when
    the section is new)."""
    if words is None:
        return set(content_stems(fallback))
    return {stem(w) for w in words}

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
from policy.classify.caseless import Caseless, lowered, required_literals, word_starts
from policy.classify.vocabulary import (
    AUTHORITY_NAMES,
    COMMON_CAPITALISED,
    COUNTRY_KEYS,
    ORGANISATION_SUFFIXES,
    OWN_USE,
)

DOTTED_TITLES = (
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Sra", "Srta", "Dra", "Lic", "Mtro", "Mtra", "Ing",
    "Dott", "Avv", "Mag", "Mme", "Mlle", "Dhr", "Mevr", "Atty", "Engr", "Hon", "Rev",
)  # fmt: skip
"""Titles written with a dot before a person's name, in several languages ("Lic. Ana Ruiz")."""
SENTENCE = re.compile(
    r"(?:[^.!?;\n]|[.!?;]+(?![.!?;]*(?:\s|$))|[.!?;]+(?=[ \t]*\|)"
    r"|(?:(?<=\bInc)|(?<=\bLtd)|(?<=\bCo)|(?<=\bCorp)|(?<=\bS\.A)|(?<=\bB\.V)|(?<=\bN\.V))"
    r"\.(?=[ \t])"
    r"|(?<=\bSdn)\.(?=[ \t]+Bhd)|(?<=\bPty)\.(?=[ \t]+Ltd)"
    r"|(?:(?<=\bSte)|(?<=\bApt)|(?<=\bNo)|(?<=\bNr)|(?<=\bFl))\.(?=[ \t]+\d)"
    r"|(?:(?<=\b[Aa]ttn)|(?<=\bP\.O)|(?<=\bc/o))\.(?=[ \t])"
    r"|(?:" + "|".join(rf"(?<=\b{title})" for title in DOTTED_TITLES) + r")\.(?=[ \t]+[A-Z])"
    r"|(?:"
    + "|".join(rf"(?<=\b{title}{dot} [A-Z])" for title in DOTTED_TITLES for dot in ("", r"\."))
    + r")\.(?=[ \t]+[A-Z(])"
    r"|(?:" + "|".join(rf"(?<=\b[A-Z][a-z]{{{n}}} [A-Z])" for n in range(1, 12)) + r")"
    r"\.(?=[ \t]+[A-Z][a-z'’-]+(?:[,.;:)]|[ \t]+\(|[ \t]*$))"
    r"|(?:(?<=\bAv)|(?<=\bAvda)|(?<=\bul)|(?<!\bet )(?<=\bal))\.(?=[ \t]+\w)"
    r"|\.(?=[ \t]+[a-zà-ÿ])"
    r"|(?:(?<=\bSt)|(?<=\bRd)|(?<=\bAve)|(?<=\bBlvd))\."
    r"(?=[ \t]+(?:Ste|Suite|Apt|Unit|Fl|Floor)\b))+"
    r"(?:[.!?;]+(?=\s|$)|$)",
    re.M,
)
"""A sentence ends at a full stop, a question or exclamation mark or a semicolon followed by a
space or the end of the line; a dot inside a word (an e-mail address, a domain, "e.g.") does
not end it, and does not make the rest of the line one sentence either. Nor does a full stop
followed by a word in lower case ("e.g. our", "Telmar sp. z o.o. was"): a sentence starts with
a capital. Nor does the dot of a company's legal form ("Acme Inc. processes ...", "Kestrel
Sdn. Bhd."), or a full stop at the end of a table cell ("Acme Inc. | hosting"): the name and
what follows are one sentence, one record. Nor do
the abbreviations of an address ("Attn. Privacy Team, P.O. Box 4", "22 Harbour Rd. Ste. 4"):
an address is one sentence. Nor does the dot of a title before a name ("Mr. Arjun Menon",
"Lic. Ana Ruiz", "Dott. Luca Neri") or of an initial after it ("Ms J. (Janneke) Verhoeven"),
or of a street's kind written first ("Av. Rivadavia
2210", "ul. Lipowa 9")."""
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
    r"\b(never|not|no longer|don[’']t|doesn[’']t|won[’']t|cannot|can[’']t|neither|nor|no|none|"
    r"nothing|no one|nobody)\b",
    re.I,
)
CONSENT = re.compile(
    r"\b(without|unless|only (with|if|when)|with|subject to|once|after)( \w+){0,3} "
    r"(consent|permission|agree\w*|opt(ed)?[- ]in)\b|\bif you (agree|opt in|choose|consent)\b|"
    r"\b(unless|without) (you|your|the|a|an|our|their|prior|explicit|express|written|separate|"
    r"specific|freely|given|have|has|had|us|provided|obtained)( \w+){0,5} "
    r"(consent|permission)\b",
    re.I,
)
"""A consent condition, its words apart ("unless you have given us your explicit consent to
do so" as much as "without your consent")."""
OPT_OUT = re.compile(
    r"\b(unless|until) you (opt[- ]?out|object|unsubscribe|(have )?(asked|told|instructed) us "
    r"not to)\b",
    re.I,
)
MAY = re.compile(r"\b(may|might|can|could|from time to time|occasionally)\b", re.I)
HYPOTHETICAL = re.compile(
    r"\b(in the event|if|should|in connection with|such as|for example|e\.g\.|whether|"
    r"in case|were to|would)\b",
    re.I,
)

COLLECT_OR_USE = re.compile(
    r"\b(collect|gather|obtain|receiv|record|captur|process|use[sd]?|using|analy[sz]|combin|"
    r"infer|derive|store|keep|retain|sell|train|profil|track|monitor|ask (you )?for|provide|"
    r"personali[sz]|measur|tailor|recommend|predict|target|extract|match|compar|scan|screen|"
    r"automat)\w*"
    r"|\b(created|generated) (from|using|with|out of)\b"
    r"|\b(helps? us|allows? us|lets? us|enables? us|in order to|so (that )?we can|"
    r"for the purposes? of)\b",
    re.I,
)
"""Words that say data is collected or put to a use, with or without "collect" and "use"
("X helps us to personalise ...", "in order to measure ...")."""
SHARE = re.compile(
    r"\b(shar(e|ed|es|ing)|disclos\w*|transferr?\w*|migrat\w*( \S+){0,3}? to|sell\w*|sold|"
    r"(held|captured|run|carried out|performed|handled|checked|matched|enriched|screened|"
    r"converted|geocoded|translated|"
    r"verified|analy[sz]ed|supplied|answered|viewed|accessed|recorded|transcribed)( \S+){0,4}? by|"
    r"referred to|"
    r"(for us|on our behalf) by|"
    r"(available|accessible|visible) to|with the (help|assistance|support) of|"
    r"pass(es|ed|ing)?( on)?( \w+){0,4}? to|"
    r"released( [^.;]{0,30})? to|"
    r"(searches|checks|enquiries|inquiries) with|lodged with|"
    r"hand(s|ed|ing)? (over|on)( \w+){0,3}? to|hand(s|ed|ing)?( \w+){1,3}? over to|"
    r"hand(s|ed|ing)? to|submit\w*( \S+){0,4}? to|"
    r"(run|hosted|delivered|streamed)( \S+){0,2}? (through|via)|"
    r"provid\w+ (it |them |your \w+ )?to|"
    r"(sent|sends|sending|forward\w*|relay\w*|transmit\w*|furnish\w*|reported)( \w+){0,3} to|"
    r"upload\w*( \w+){0,3} to|"
    r"on (the \w+|[A-Z]\w+)['’]s behalf|"
    r"(sub-?)?processors?|service providers?|vendors?|recipients?|partners?|on (our|its) behalf|"
    r"processed by|operated by|hosted|host(s|ing)|stored (in|by|on|at)|data cent(er|re)s?|"
    r"third[- ]part(y|ies)|analytics|advertis\w+|cookies?|track\w*|powered by|"
    r"deliver\w* (via|by|through)|engage[sd]?|analy[sz](e|es|ed|ing)|statistics|tools?|"
    r"publish\w*|post(s|ed|ing)? (\w+ ){0,4}(on|to)|"
    r"currently)\b",
    re.I,
)
STORE = re.compile(
    r"\b(stor(e|ed|es|age|ing)|host(s|ed|ing)?|transferr?\w*|located|servers?|data cent(er|re)s?|"
    r"process(ed|es|ing)?|region|locations?|outside|inside|within)\b",
    re.I,
)
RIGHTS_CONTEXT = re.compile(
    r"\b(rights?|requests?|you (can|may|have)|opt\w*|choices?|exercis\w*|unsubscrib\w*|"
    r"signals?|appeal\w*|withdrawn?)\b",
    re.I,
)
OFFICER_ROLE = re.compile(
    r"\b(data protection officer|dpo|(eu|uk|european|our) representative|representative in|"
    r"article 27 representative|encarregad[oa]|chief privacy officer|"
    r"(deputy )?information officer|grievance officer|"
    r"(privacy|data protection|complaints?) (officer|lead|manager|contact|champion|coordinator)|"
    r"(personal )?information protection (officer|manager)|"
    r"person in charge of (the )?(protection of )?personal information)\b",
    re.I,
)
ROLE_NOW_HELD = re.compile(
    r"\b(?:the|this|that) (?:role|post|position|function) (?:is|has been) (?:now )?(?:held|"
    r"performed|filled|taken (?:on|over)|carried out) by\b",
    re.I,
)
"""A clause that names who holds a role the sentence before named ("...stepped down as our
DPO; the role is now held by Ana Silva"): the name is the officer's."""
ROLE_KEYS = (
    ("complaint", "complaints"),
    ("dpo", "data protection"),
    ("encarregad", "data protection"),
    ("data protection", "data protection"),
    ("privacy", "privacy"),
    ("representative", "representative"),
    ("information officer", "information officer"),
    ("grievance", "grievance"),
)
"""A role's identity whatever its title: a DPO is a data protection officer, a privacy lead a
privacy officer. Phenomenon: a role offered as a contact (a complaints officer, a privacy
lead) is a channel; the same role under another title is none."""
CONTROLLER_CONTEXT = re.compile(
    r"\b(controllers?|operat(es|ed|or)|owned|owns|owner|part of|group|subsidiar\w+|parent|"
    r"jointly|joint|responsible for|merg\w+|acquir\w+|administration|registered|company number|"
    r"we are|is provided by|are provided by|trading as|formerly|renamed|now known as)\b",
    re.I,
)
RENAME_MARKER = re.compile(
    r"\b(formerly|renamed|changed (its|our) name|previously (known as|called|named)|now (known as|"
    r"called)|new name|name change|change of (its |our |the )?(business |company |corporate |"
    r"legal |trading )?name|(named|called|known as)(?=[^.;()]{1,60}?\b(until|up to|before)\b))\b",
    re.I,
)
"""Words that say a company's name changed; "named Acme Ltd until May" names the old name."""


def renamed_before(text: str, start: int) -> bool:
    """A rename note just before `start`: the name there is the company's old name."""
    found = RENAME_MARKER.search(text, max(0, start - 30))  # not cut at `start`: "until" is after
    return found is not None and found.start() < start


_NAME_DOT = (
    r"(?:[^.;:]|\.(?=\s+[a-z,])|(?<=\b[A-Z])\.|(?<=\bLtd|\bInc|\bLda|\bCie)\.|(?<=\bCo|\bAG)\.|"
    r"(?<=\bCorp)\.)"
)
"""A character of a phrase that may hold a company's name: dots only inside abbreviations
("Acme B.V.", "Acme Co., Ltd.") or before a word in lower case, not at a sentence's end."""
_SINCE = r"(?:since|as of|as from|from|with effect from|effective)"
BUSINESS_CHANGE = (
    rf"merger (?:\([^)]{{0,40}}\) )?of {_NAME_DOT}+? (?:into|with)\b|"
    rf"merg(?:e|es|ed) (?:on|in|{_SINCE}) [^.;:]{{0,25}}? (?:into|with)\b|"
    r"(?:administration|winding[- ]up|bankruptcy|insolvency) orders?|business rescue|"
    r"creditors['’]? arrangement|court[- ](?:supervised|sanctioned|approved) reorgani[sz]ation|"
    r"restructuring \([^)]{0,30}\) proceedings|"
    r"filed for (?:bankruptcy|insolvency|creditor protection|reorgani[sz]ation)|"
    r"(?:will be|was|were|has been|have been) dissolved|"
    r"(?:a majority|all|\d+(?:\.\d+)? ?(?:%|per ?cent)) of (?:its|our|whose|the) "
    r"(?:voting |issued |ordinary )?(?:stock|shares|share capital)|"
    r"acquired (?:the whole of|all of|the entirety of) (?:its|our|the) (?:issued )?"
    r"(?:share capital|shares|stock)|"
    r"(?:sell|sold|selling|sale of|transfer of|transferring|purchased|bought) (?:substantially |"
    r"all |the whole |part )*(?:of )?(?:the|our|its|that)\b(?: [\w'’-]+){0,5}? (?:business|"
    r"division|subsidiary|undertaking|operations|assets)\b(?! customers| clients| users| "
    r"partners| contacts| data| information)|"
    rf"(?:business|division|subsidiary|undertaking|operations?|portfolio)\b{_NAME_DOT}{{0,60}}? "
    r"(?:is|are) (?:to be|being) (?:transferred|sold)\b|"
    r"(?:until|upon|following|after) its (?:sale|transfer|disposal) to\b|"
    rf"(?:business|division|subsidiary|brand|unit|arm)\b{_NAME_DOT}{{0,60}}? (?:was|were|has been|"
    r"have been) sold\b|"
    rf"{_SINCE} [^;:]{{0,120}}? (?:has|have|is|are)(?: been)? (?:operated|run|"
    r"carried on|managed|owned)(?: and (?:operated|run|owned|managed))? by\b|"
    r"(?:has|have),? since [^;:]{0,80}?, been (?:operated|run|carried on|managed|owned)\b|"
    r"(?:separated|spun|hived) (?:off )?into\b|independently owned (?:company|entity|business)|"
    r"under separate ownership|newly[- ](?:established|created|incorporated|set[- ]up) "
    r"(?:company|entity|subsidiary)|(?:set up|established|created|formed|incorporated) and "
    r"(?:wholly )?controlled by|(?:has|have) been controlled by|"
    r"(?:company|entity) (?:formed|created|set up|established) in [^.;:]{0,40}? (?:to|for)\b|"
    r"(?:since|from) (?:that|which|this) date\b[^.;:]{0,60}? (?:is|be|been|will be|has been|"
    r"will act as|acts as) (?:the |a )?(?:sole |new )?(?:data )?controller|"
    r"from then on be responsible for (?:them|it) as (?:the )?controller|"
    r"(?:took|take|takes|taken) over (?:the|our|its)(?: [\w-]+){0,3} (?:business|operations?|"
    r"running|management|activities)|"
    r"(?:has|have) been (?:(?:majority|wholly|jointly)[- ]owned (?:since [^;:,]{0,40}? )?|"
    r"owned since [^;:,]{0,40}? )by|"
    r"(?:is|are) (?:now )?majority[- ]owned by|"
    r"(?:has|have) agreed to (?:sell|acquire|buy|purchase)\b|"
    r"(?:will become|has become|became|becomes) (?:our|its|the) (?:new )?(?:parent|owner|"
    r"holding company|(?:sole|majority|controlling) shareholder)|"
    r"controlled (?:affiliate|subsidiary|entity|company|undertaking) of|"
    r"under the (?:sole |joint |ultimate )?control of(?= (?-i:[A-Z]))|"
)
"""Changes to who owns or runs the business, said in ways the events below do not list: a
merger between companies whose names hold dots, court orders and rescue regimes, a majority
or share of the stock held, part of the business sold or transferred (or about to be), an
operator that runs it "since" a date, a unit separated into a company of its own, a
company that "from that date" is the controller, an owner "since" a date, a sale agreed, and
a company that "will become our parent", and a "controlled affiliate" of another or "under
the control of" one."""
OWNERSHIP_EVENT = re.compile(
    r"\b(" + BUSINESS_CHANGE + r"acquired by|acquisition of|(its|our|the) acquisition|"
    r"(was|were|has been|have been|is being) acquired|merg(e|es|ed|er|ing) (with|into)|took over|"
    r"taken over|(?<!account )(?<!accounts )takeover|subsidiary of|joint[- ]ventures?|"
    r"acquired (the |its |our )?(entire |whole |all (of )?(the )?)?(issued )?"
    r"(share capital|shares) of|"
    r"sale of (its|our|the) (entire |whole )?(issued )?share capital|"
    r"(is|are) now (a )?members? of the( [\w&-]+){1,4} group|(is|are) now controlled by|"
    r"merg\w* by (incorporation|absorption) (into|with)|"
    r"(was|were|has been|have been|is being|will be) absorbed (by|into)|"
    r"(have|has|had) merged\b|"
    r"shares (of|in)\b[^;]{0,60}? (are|is|have been|has been|were|was|will be) (now )?"
    r"(held|owned|acquired) by(?= (?-i:[A-Z])| (the|a|an|another) )|"
    r"(will be|has been|have been|was|were) (owned|acquired)( and operated)? by"
    r"(?= (?-i:[A-Z])| (the|a|an|another) )|"
    r"(set up|established|created|formed|incorporated) and (wholly )?owned by|"
    r"(company|subsidiary|business|division) (has|have|was|were|will be) (since )?(been )?"
    r"(sold|transferred) to|"
    r"reorgani[sz]ation of (the|our|its)( [\w&-]+){0,3} group|"
    r"(company|entity) (formed|created|set up|established)( in \d{4})? (to|for|in order to)\b|"
    r"transferred the (operation|running|operations) of|successor (company |entity )?to\b|"
    r"contribut\w+ (its|our|the)( \w+){0,3} business to|contributed as a going concern|"
    r"(which|who) (is|are|will be|has become) the (data )?controllers? for|"
    r"(practices|companies|businesses|firms) (were|have been) (consolidated|combined)|"
    r"(?:owned|held) jointly by|jointly[- ]owned|"
    r"(became|becomes|is now|are now|now) (a |an |the )?(wholly[- ]owned )?subsidiary|"
    r"(majority|controlling)( \d+(\.\d+)? ?(%|per ?cent))? (shareholder|owner|stake|interest|"
    r"holding)|\d+(\.\d+)? ?(%|per ?cent) (stake|interest|shareholding|holding|of (the|its|our) "
    r"shares)|(is|are|now) owned by|"
    r"change of (control|ownership)|bankrupt\w*|insolven\w*|chapter (7|11)|receivership|"
    r"wind[- ]up|winding[- ]up|wound up|(interim )?judicial manage(ment|rs?)|"
    r"liquidat\w+|(entered|enter|in|into|under) (voluntary |compulsory |special )?administration|"
    r"administrators?\b[^.;:]{0,60}? (have been|has been|were|was) appointed|"
    r"appointed (an? |joint )?(voluntary )?(administrator|receiver|liquidator|trustee)s?|"
    r"appointed\b[^.;:]{0,60}? as (an? |the |joint |interim )?(administrator|receiver|"
    r"liquidator|examiner)s?\b|"
    r"joint administrators?|suspension of payments|"
    r"(protection from|arrangement with|composition with) (its |our )?creditors|"
    r"creditor protection|examinership|"
    r"appointed an? (interim )?examiner|(period of|under|in) court protection|"
    r"(restructuring|reorgani[sz]ation|insolvency|reconstruction|rescue) (proceedings?|plans?)|"
    r"(company|corporate|judicial) reorgani[sz]ation|"
    r"moratorium|"
    r"court-(supervised|sanctioned|approved) (restructuring|transfer|scheme)|transfer scheme|"
    r"spin-?off|spun (off|out)|split[- ]off|(company|corporate|absorption[- ]type|"
    r"incorporation[- ]type) split|newly incorporated (company|entity)|divest\w*|"
    r"carv(e|ed|ing)[- ]out|hiv(e|ed|ing) off|demerg\w+|"
    r"hive-?down|hived down|newly[- ]formed (company|entity|subsidiary)|"
    r"(operated|run|provided) by a (separate|new|different|newly formed) (company|entity)|"
    r"(activities|business|operations?)( \w+){0,6}? (have been|has been|were|was) (brought|moved|"
    r"placed) into|(is being|(has|have)( since| now| recently)? been|was|were) separated from|"
    r"(is|are|now operates as|now operate as|became|become|becomes) an? (independent|separate)"
    r"( \w+){0,3} (company|business|entity|firm|practice)|"
    r"combined (practice|firm|business|company|group|entity)|"
    r"(will|shall) (from then on |thereafter |then |from that date )?be the (new )?(data )?"
    r"controller|\d+(\.\d+)? ?(%|per ?cent) of the (membership |voting |ordinary )?(interests|"
    r"shares|share capital|equity)|publicly traded|distributed (all )?(of )?its( \w+)? shares|"
    r"(completion of|completed) (its|the|our) (purchase|sale|acquisition)|"
    r"(purchased|bought) by|scheme of transfer|"
    r"(business|undertaking|operations?|accounts|portfolio)"
    r"[^.;:]{0,80}? (was|were|has been|have been|will be) transferred"
    r"( (on|in|with effect from|effective|as of) [^.;:,]{0,25}?)? (from [^.;:]{0,60}? )?to|"
    r"activities\b[^.;:]{0,80}? (were|was|have been|has been) transferred\b|"
    r"is accordingly the controller|management buy-?out|buy-?out|no longer (forms?|is|are) "
    r"part of (our|the|its) group|merger of (?:[^.;]|\.(?=\s+[a-z]))+? (?:into|with)\b|"
    r"amalgamat\w+|"
    r"(belong|belongs) to the( \w+){1,3} group|reorgani[sz]ation within the group|"
    r"sole (corporate )?member|(will )?appoint (our|the|its) (board|trustees|directors)|"
    r"(was|were|has been|have been) transferred to (?=[A-Z][\w&'’-]+(?: [A-Z][\w&'’-]+)* "
    r"(?:Limited|Ltd|LLC|LLP|Inc|GmbH|AG|AB|Oy|DAC|Pty|SpA|Lda|B\.V\.|S\.A\.|S\.L\.|plc|SE|"
    r"N\.V\.))|(has been|have been|was|were) separated from (the|our|its)|"
    r"no longer (forms?|is|are) part of (our|the|its) group|"
    r"completion of the (transaction|acquisition|sale|merger)|"
    r"(shares|share capital)\b(?:[^.;]|\.(?!\s)|(?<=\b[A-Z])\.){0,60}\b(held|owned|acquired|"
    r"bought|purchased)( as to \d+(\.\d+)? ?(%|per ?cent))? by|"
    r"(business|division|brand|unit|subsidiary)( \w+){0,3} (was|were) "
    r"(sold|transferred)( (on|in|with effect from|effective|as of) [^.;:,]{0,25}?)? to|"
    r"(stores|shops|branches|outlets|clinics|practices|sites|offices|locations)\b"
    r"[^.;:]{0,60}? (were|have been) sold\b|"
    r"sale of (our|its|the)( \w+){0,3} (business|division|subsidiary|"
    r"product lines?)|(bought|purchased|acquired) (the|our|its)( \w+){0,3} (business|division|"
    r"product lines?)|"
    r"new (operating )?"
    r"(company|entity)|(joint|new) controllers?|jointly (determine|responsible)|"
    r"business adjustment|petition for reorgani[sz]ation|"
    r"(?:(?:is|are) now|becomes?|became|will (?:now )?become) (?:the|a|an|our) (?:new |sole |"
    r"separate |independent )?(?:data )?controllers?|transferred to (?:a|an) (?:separate|new|"
    r"different|another|independent) (?:legal )?(?:company|entity)|"
    r"transferred [^.;]{0,30}? to (?:a|an) (?:separate|new|different|newly formed) (?:legal )?"
    r"(?:company|entity)|(?:business|division|unit|"
    r"operations?) (?:has|have) been (?:transferred|sold|separated))\b",
    re.I,
)
HIGH_RISK = re.compile(
    r"\b((a|the|one|no|any|two|three|residual) (\w+ )?(high|significant|serious|severe|elevated|"
    r"substantial)( residual)? risks?(?![- ](scores?|ratings?|profiles?|accounts?|users?|"
    r"customers?|players?|members?|transactions?|payments?|merchants?|countries|jurisdictions?))|"
    r"risks? (\w+ ){0,6}(is|was|remains|are|were) (rated )?"
    r"(high|significant|serious|severe)|risks? (\w+ ){0,3}(rated|assessed|classed|classified|"
    r"scored|graded|judged|considered)( as)? (high|significant|serious|severe)|"
    r"(assessment|dpia|pia)\b[^.;]{0,120}\brisks? [^.;]{0,160}?"
    r"(to be|is|was|remains|remained|are|were) (rated )?(high|significant|serious|severe)\b|"
    r"(rate[sd]?|assess(es|ed)?|class(es|ed)|classifie[sd]|judge[sd]?|score[sd]?|grade[sd]?|"
    r"consider(s|ed)?)( [\w'’,-]+){0,16} as (a )?(high|significant|serious|severe)|"
    r"(dpia|pia|impact assessment|"
    r"risk assessment)s?( \w+){0,8} (identified|found|rated|concluded|revealed))\b",
    re.I,
)
HONORIFICS = frozenset({*DOTTED_TITLES, "Miss", "Mx", "Sir", "Dame", "Herr", "Frau"})
"""Titles before a person's name: the officer is the same whatever the title."""
PLACE_WORDS = frozenset(
    [
        "County",
        "Province",
        "Canton",
        "Region",
        "District",
        "Borough",
        "Parish",
        "Prefecture",
        "Municipality",
        "State",
    ]
)
"""First words of a place's name that reads like a person's ("County Westmeath")."""
_GIVEN = r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž]+(?:-[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž]+)?"
_PARTICLE = r"(?:van|von|de|da|del|della|der|den|di|du|le|la|bin|al|ter|ten)"
PARTICLE = re.compile(_PARTICLE)
PERSON = re.compile(
    rf"\b{_GIVEN}(?: (?:{_PARTICLE} (?:{_PARTICLE} )?)?(?:[A-Z]\.(?: \([A-Z][a-z]+\))?|{_GIVEN}))"
    rf"{{1,3}}\b"
)
"""A person's name: two to four capitalised words (hyphenated allowed), or initials (with the
given name in brackets: "Ms J. (Janneke) Verhoeven"), with the particles of surnames ("Joost
van Elderen", "Maria da Silva")."""
INITIAL = re.compile(r"[A-Z]\.|\([A-Z][a-z]+\)")
"""An initial of a person's name, or the given name it stands for in brackets."""
NAME_WORD = r"(?:[A-Z][\w&'’-]*[a-z][\w&'’-]*|[A-Z]{2,}[a-z]*|[A-Z]\w*\d\w*)"
ORGANISATION = re.compile(
    rf"(?<![\w@./-]){NAME_WORD}(?:(?:[ ]+(?:&|of|de|und|for))*[ ]+(?!SDKs?\b){NAME_WORD})*"
    rf"(?:,? (?:{'|'.join(ORGANISATION_SUFFIXES)}))?(?![\w@])"
)
LEGAL_ENTITY = re.compile(
    rf"(?<![\w@./-]){NAME_WORD}(?:[ ]+(?:{NAME_WORD}|&|of|de|und|for))*"
    rf",? (?:{'|'.join(ORGANISATION_SUFFIXES)})(?![\w@])"
)
SEAT_BEFORE = re.compile(rf"\b(?:{'|'.join(ORGANISATION_SUFFIXES)}),\s*$")
"""Before one capitalised word: a company's legal form and a comma; the word is the town
where the company sits ("Beta Pharma AG, Lucerne"), not another company."""
SUFFIX = re.compile(rf",?\s*\b(?:{'|'.join(ORGANISATION_SUFFIXES)})\s*$")
COUNTRIES = re.compile(
    r"(?<![\w-])("
    + "|".join(map(re.escape, sorted(COUNTRY_KEYS, key=len, reverse=True)))
    + r")(?![\w])"
)
AUTHORITY = re.compile(
    r"(?<![\w-])((?:[A-Z][\w'’-]+ ){0,4}(?:Data Protection (?:Authority|Commission(?:er)?|Agency|"
    r"Board|Inspectorate|Office|Ombudsman)|Information Commissioner(?:['’]s Office)?|"
    r"Privacy Commissioner|Supervisory Authority)|" + "|".join(AUTHORITY_NAMES) + r")(?![\w])"
)

COMPLAINT_BODY = re.compile(
    r"(?<![\w-])(?:[A-Z][\w'’-]+ (?:(?:and|of|for|&) )?){1,5}(?:Ombudsman|Regulator|Council|"
    r"Tribunal|Commission|Authority|Agency|Board|Panel|Adjudicator)(?![\w])"
)
"""A body named in a sentence about complaints ("complain to the Health and Care Professions
Council", "the Financial Ombudsman"): a complaint channel, whatever its field. Phenomenon:
besides the data protection authority, a policy may offer a sector's regulator or ombudsman."""
BODY_FIRST = re.compile(
    r"(?<![\w-])(?:Commission|Comisi[oó]n|Comiss[aã]o|Commissione|Autorit[ée]|Autoridade?|Agencia|Ag[eê]ncia|"
    r"Garante|Conselho|Consejo|Secretar[ií]a|Instituto|Superintend[eê]ncia)"
    r"(?: (?:[dl]['’][\w-]+|[A-ZÀ-Ý][\w'’-]*|[a-zà-ÿ]+(?![\w'’]))){1,7}"
)
"""A body whose name begins with what it is, in the word order of Romance languages
("Commission d'accès à l'information du Québec", "Garante per la protezione dei dati
personali"): a complaint channel as much as "the Health Professions Council"."""


PUBLIC_BODY = re.compile(
    r"(?<![\w-])(?:[A-Z][\w'’-]+ ){1,3}Department of (?:[A-Z][\w'’-]+)(?: (?:and )?[A-Z][\w'’-]+)"
    r"{0,3}"
)
"""A government body named in a sentence about complaints ("the Colorado Department of Law"):
where US state laws send complaints."""
ATTORNEY_GENERAL = re.compile(
    r"(?<![\w-])(?P<pre>(?:[A-Z][\w'’-]+ ){0,3}?)(?:Office of the (?P<mid>(?:[A-Z][\w'’-]+ )"
    r"{0,3}?))?Attorney General(?:['’]s Office|(?! ?['’]s))(?: of(?: the)? "
    r"(?P<post>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?))?"
)
"""An attorney general, with the state it serves, in any of its forms ("the Ohio Attorney
General", "the Colorado Attorney General's Office", "the Washington State Office of the
Attorney General", "the Attorney General of Maine"). Phenomenon: US state laws send
complaints to each state's attorney general, and a policy lists them, in clauses after the
one that says "complain"; a state added to the list is a new channel, the same state's
office named another way is not (`attorney_general_key`)."""


def attorney_general_key(match: re.Match) -> str:
    """The state an attorney general serves, whichever form names it: "colorado attorney
    general" for "the Colorado Attorney General's Office" and "the Office of the Attorney
    General of Colorado" alike."""
    place = " ".join(filter(None, (match.group("pre"), match.group("mid"), match.group("post"))))
    place = re.sub(r"['’]s\b", "", place.casefold())
    return " ".join(f"{place} attorney general".split())


def _body_first(match: re.Match) -> str | None:
    """The name without the words after it ("Commission de ... du Québec and you may" ends at
    "Québec"); None for a bare "Commission" or one followed by ordinary words only. A name
    ends on a capitalised word, a contracted article ("l'information") or a word of
    protection ("protezione", "protección")."""
    words = match.group(0).split(" ")
    named = [w[:1].isupper() or w[1:2] in "'’" or w.startswith("prote") for w in words]
    while len(words) > 1 and not named[len(words) - 1]:
        words.pop()
    return " ".join(words) if len(words) > 1 else None


INTERNAL_BODIES = {"Committee", "Team", "Department", "Office", "Desk", "Unit", "Board"}
"""A named body of the company itself ("Privacy Compliance Committee") handles complaints: a
contact, not a recipient."""
LEGAL_INSTRUMENT = re.compile(
    r"\b(Act|Decision|Regulation|Addendum|Directive|Clauses|Rules|Framework|Scheme|Law|Code|"
    r"Certification|Shield|Control|"
    r"Agreement|Protocol|Standard|Convention|Security|Encryption|Layer|Algorithm|Cipher|"
    r"SCC|BCR|DPA|PCI|DSS|SOC|HITRUST|FedRAMP|ISO)s?\b"
)
"""A law, decision, contract or certification scheme named in capitals is not a recipient
("Cross-Border Privacy Rules", "PCI DSS Level 1", "SOC 2 Type II"), nor a technology named
in capitals ("Transport Layer Security", "Advanced Encryption Standard")."""
DATA_CELL = re.compile(
    r"\b(?:information|data|identifiers?|records?|details|history|content|readings|signals|"
    r"inferences|characteristics|activity|categor(?:y|ies))\W*$",
    re.I,
)
"""A first cell that names a kind of data ("Biometric information", "Geolocation data"): the
row is a record of a data category (a CCPA table), not of a recipient."""
RISK_IF = re.compile(r"\b(?:in the event|if|should|were to|in case|whether)\b", re.I)
"""A high risk spoken of as a possibility ("if an assessment finds a high risk, we ..."), not
as a finding; an example ("such as health conditions") does not make a finding one."""
WORDS_BEFORE = re.compile(r"(?:[\w'’-]+ ){1,3}$")
"""The words just before a finding ("No residual", "One residual"): how many risks it
counts. Phenomenon: "No residual risk was rated high" becoming "One residual risk was rated
high" changes only the word that counts them, so the finding's span takes them in."""


DENIED_FINDING = re.compile(
    r"\b(?:none|no|not|never)\b(?:\W+\w+){0,8}?\W+(?:found|identified|revealed|showed|"
    r"shown|rated|has|have|was|were|is|are)\b[^.;]{0,40}$",
    re.I,
)
"""Before a high-risk phrase: a negation that governs it ("none of the assessments has found
a high risk", "no assessment was rated as ...")."""
REGISTERED_AT = re.compile(
    r"\b(?:registered|incorporated|filed|listed)(?: \w+){0,2} (?:at|with|in|on)\s*(?:the\s*)?$"
    r"|\bunder (?:company |registration )?(?:number|no\.?)\s*$",
    re.I,
)
"""Before a name: a register or a registration number ("registered at Companies House"), not
a company that receives data."""
NOT_A_COMPANY_AFTER = re.compile(
    r"\s+(?:hash(?:es|ing)?|encryption|algorithms?|ciphers?|law|laws|legislation|courts?|"
    r"authorities|government|standards?|standard contractual clauses|residents|citizens)\b|"
    r"\s+(?:[a-z]+\s+){0,2}?(?:team|department|office|unit|desk|committee)\b|"
    r"\s+(?:team|department|office|unit|desk|committee|process|programme|program|scheme|"
    r"declarations?|records|register|data|information|files|directory|policy|page|screen|tab|"
    r"section|menu|settings)\b"
)
"""A lower-case noun right after a capitalised name that makes it a body of the company, a
process, or a source of data ("our Information Governance team", "the Retail Gift Aid
process", "Companies House records"), not a company that receives data."""
INTERFACE = re.compile(
    r"\b(?:Cent(?:er|re)|Portal|Dashboard|Page|Form|Hub|Menu|Tab|Profile|Preferences|Inbox|"
    r"Button|Screen|Toolbar|Wizard)\b"
)
NAVIGATION = re.compile(r"\s*[>›→»]")
STREET_NUMBER = re.compile(r"\s+\d{1,5}[a-zA-Z]?\b(?!\s*(?:%|per|days?|months?|years?))")


STREET_END = re.compile(
    r"\b(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Drive|Square|Place|Quay|Way|"
    r"Court|Terrace|Crescent|Park|Plaza|House|Building|Centre|Center|Tower|Hall)$"
)


STREET_START = re.compile(
    r"^(?:Avenida|Avenue|Rua|Calle|Carrer|Via|Viale|Rue|Strada|Piazza|Plaza|Boulevard)\b"
)


IN_PLACE = re.compile(r"\b(?:in|at|near|from|based in)\s+$")
COUNTRY_AFTER = re.compile(r",\s*(?:the\s+)?")


def _city(sentence: str, match: re.Match) -> bool:
    """A name after "in" and before a country ("in Leiden, the Netherlands") is a town."""
    if not IN_PLACE.search(sentence, max(0, match.start() - 12), match.start()):
        return False
    after = COUNTRY_AFTER.match(sentence, match.end())
    return after is not None and COUNTRIES.match(sentence, after.end()) is not None


def _interface_or_street(sentence: str, match: re.Match) -> bool:
    """Phenomenon: capitalised words that name a part of the app or site ("the Privacy
    Request Center", "Profile > Privacy > Make a request") or a street before its number
    ("Ballindamm 27, 20095 Hamburg") are not companies that receive data."""
    name = match.group(0)
    if INTERFACE.search(name) or STREET_START.match(name):
        return True
    before = sentence[max(0, match.start() - 3) : match.start()].rstrip()
    if NAVIGATION.match(sentence, match.end()) or before[-1:] in (">", "›", "→", "»"):
        return True
    return bool(STREET_NUMBER.match(sentence, match.end())) and "," in sentence[match.end() :][:12]


DESTINATION = re.compile(
    r"\b(in|to|into|within|at|across|inside|outside( of)?)( the)?\W*$|\|\s*$|^\W*$|\w\s*\(\s*$"
    r"|\b(in|to|near|close to|from sites in|(?:accessed|provided|performed|handled|supported|"
    r"answered|run|"
    r"operated|serviced|managed|done) from)\s+(?:(?:its|our|their) )?"
    r"(?-i:[A-Z][\w-]+(?:[ -](?:(?:de|del|da|do|dos|di|la|le|am|an|upon|on|sur|en)[ -])?"
    r"[A-Z][\w-]+){0,3}),\s*(?:the\s+)?$"
    r"|\b(?:accessed|provided|performed|handled|supported|answered|run|operated|serviced|managed|"
    r"done|working|operating) from( the)?\s*$"
    r"|(?:^|[|;]|\))\s*(?-i:[A-Z][\w-]+(?: [A-Z][\w-]+){0,2}),\s*(?:the\s+)?$"
    r"|\b(locations?|regions?|countr(y|ies)|processing|hosting|hosted|stored|storage|servers?"
    r"|data cent(er|re)s?|backups?)\b[^:|.]{0,25}:\s*$",
    re.I,
)
"""A country is a place of storage or transfer when the text puts data in, to or within it
(not "from the EEA", the place data comes from, but "accessed from" or "support provided
from" Manila, where the data is seen; a town of several words may come between: "in Ho Chi
Minh City, Vietnam", "in Rio de Janeiro, Brazil"; or a town and its country begin a table
cell or a new item of a list of places: "| Sydney, Australia (primary); Auckland, New
Zealand (backups) |"), or names it under a label of place
("Location of processing: Ireland", as a table's cell would, or "backup copies: Chile"), or
in brackets after what a
recipient does ("Acme Ltd – hosting (Ireland)")."""
IN_ITS_SITE = re.compile(
    r"\b(?:in|to|into|within|at|from) (?:the )?(?-i:[A-Z][\w-]*)(?: (?-i:[A-Z][\w-]*)){0,3}"
    r"['’]s\s*$",
    re.I,
)
SITE_AFTER = re.compile(
    r"\s*(?:cloud )?(?:regions?|data[- ]?cent(?:er|re)s?|facilit(?:y|ies)|servers?|zones?|"
    r"availability zones?|sites?|hosting)\b",
    re.I,
)
"""A country as a provider's site ("replicas kept in Acme Cloud's Singapore region", "in
Acme's Frankfurt data centre"): a place of storage, though a company's name stands between
the "in" and the country."""
COUNTRY_LIST = re.compile(
    r"\s*(?:\([^()]{0,60}\))?\s*(?:,|,? and|,? or|&|/)\s*(?:the\s+|in\s+(?:the\s+)?)?", re.I
)
"""What joins two countries of one list ("the United Kingdom and Ireland", "Canada, Brazil or
the EU"), a note in brackets after the first allowed ("the United States (e-mail delivery),
New Zealand (loyalty programme) and Japan"): the second is where data goes as much as the
first."""
STATE_TITLE = re.compile(
    r"\b(?:the )?(?:(?:Federal|Democratic|Islamic|People['’]s|United|Socialist|Hashemite|"
    r"Plurinational|Bolivarian|Arab|Independent) )*(?:Republic|Kingdom|State|Commonwealth|"
    r"Federation|Principality|Sultanate|Emirate|Grand Duchy|Confederation) of (?:the )?$"
)
"""A state's formal title before its name ("in the Republic of Singapore", "the Kingdom of
Bahrain"): the name is still where the data goes, read with the words before the title."""
PEOPLE_IN = re.compile(
    r"\b(?:(?:you|users?|residents?|individuals?|visitors?|customers?|people|persons?|consumers?|"
    r"citizens?|members?|subscribers?)\b(?: \w+){0,3}? (?:are|is|live|lives|living|reside|"
    r"resides|residing|based|located|situated|established|registered|domiciled)(?: \w+)?|"
    r"(?:residents?|citizens?|users?|"
    r"individuals?|consumers?|customers?|people|visitors?) (?:of|from)|(?:you|users?) "
    r"(?:access|use|visit)\w*(?: \w+){0,3} from) (?:in |within |inside |outside (?:of )?)?"
    r"(?:the )?\W*$",
    re.I,
)
"""Before a country: where the people are ("if you are located in the", "residents of"),
not where their data goes. Phenomenon: a reader's country is no destination."""
RECORD = re.compile(r"^\W{0,3}([A-Z][^:|–—]{0,60}?)\W{0,3}(?::|\s[–—-])\s+\S")
"""A list item that reads as a table row: a name, then a colon or a dash, then what it does
("Nimbus Cloud Ltd: hosting", "**Parcelwise GmbH** – deliveries")."""
HANDED_TO = r"\bhand(?:s|ed|ing)?\b[^.;:]{0,80}?\bto"
"""Data "handed to" a company, as much as "passed to" it (`RECEIVES_BEFORE`, `TRANSFER_TO`)."""
RECEIVES_BEFORE = re.compile(
    r"\b(?:(?:shar(?!es (?:belong|are held|were held|are owned|were owned|in|of)\b)|disclos|"
    r"transferr?|migrat|send|sent|giv|gave|pass|sell|sold|forward|upload|submit|"
    r"export|entrust|transmit|provid|mak\w* (?:it |them |this )?(?:available|accessible))\w*"
    r"\b[^.;:]{0,80}?\b(?:to|with)|"
    + HANDED_TO
    + r"|(?:analy[sz]|process|measur|track|monitor|stor|host|handl|deliver|collect)\w*"
    r"(?: \w+){0,3}? "
    r"(?:with|using|through|via|by)"
    r"|(?:processed|hosted|stored|handled|maintained|powered|delivered|sent|analy[sz]ed|served|"
    r"supplied|collected|received|transmitted|shared|disclosed|transferred|kept|backed up|"
    r"converted|geocoded|translated|"
    r"protected|secured|encrypted|saved|retained|held|captured|recorded|transcribed|"
    r"carried out|performed|conducted|operated|run|screened|checked|verified|viewed|answered|"
    r"accessed|read|seen|furnished|supplied|reviewed)(?: [\w,]+){0,4}? "
    r"(?:by|with|on|at|through|via|in|using)"
    r"|(?:us(?:e|es|ed|ing)|via|through|rel(?:y|ies|ied|ying) on|engag\w*|partner\w* with|"
    r"work\w* with|(?:sub-?)?processors?|(?:service|hosting|payment|email|e-mail|cloud|analytics|"
    r"storage) providers?|vendors?|partners?|(?:sub)?contractors?|"
    r"recipients?|third[- ]part(?:y|ies)|host(?:ing)?(?: providers?| services?)?|"
    r"on (?:our|its|their) behalf))\b[^.;:]{0,60}$",
    re.I,
)
"""Before a name, in its clause: a statement that data goes to it or is handled by it ("we
share your address with", "payments are processed by", "we use", "our processors, such
as"). Phenomenon: a recipient is named as one; a company merely mentioned is not."""
RECEIVES_AFTER = re.compile(
    r"^(?:\s*\([^)]*\))?,?\s*(?:(?:inc|ltd|llc|gmbh|limited)\.?,?\s*)?(?:(?:also|which|who|"
    r"then|may|will|can|might|could|would|to)\s+)*(?:(?:process(?:es|ed)?|receives?|hosts?|"
    r"stores?|handles?|collects?|analy[sz]es|accesses|acts? as|serves|delivers|sends|transmits|"
    r"provides? (?:us|services?))\b|"
    r"(?:is|are|was|were|becomes?) (?:our|a|an|the|one of our)\b[^.;:]{0,30}\b"
    r"(?:processor|provider|vendor|partner|host|recipient)|,? (?:our|a|an|the)\b[^.;:,]{0,30}\b"
    r"(?:processor|provider|vendor|partner|host|recipient))",
    re.I,
)
"""After a name: it processes, receives or hosts the data, or is called a processor or a
provider ("Acme Cloud, our hosting provider,", "Acme stores the files")."""
RECEIVES_JUST_BEFORE = re.compile(
    r"\b(?:with the (?:help|assistance|support) of|(?:available|accessible|visible) to|"
    r"(?:through|via|using|by|with|to) (?:our|its|their|the)(?: [\w-]+){0,3} (?:agents?|"
    r"agenc(?:y|ies)|providers?|processors?|contractors?|vendors?|suppliers?|advis[eo]rs?|"
    r"accountants?|brokers?|auditors?|consultants?|partners?|adjusters?|collectors?|insurers?|"
    r"lawyers?|solicitors?|couriers?)(?: (?:it|we|they) (?:appoints?|instructs?|uses?|"
    r"engages?))?,?|"
    r"(?:access (?:\w+ ){0,4})?granted to|"
    r"(?:for us|on (?:our|(?:the \w+|[A-Z]\w+)['’]s) behalf) by)"
    r"(?: (?:the|our|its|their|your|a|an|any|all|selected|certain|some|approved|trusted))?"
    r"(?: \w+['’]s)?\s*$",
    re.I,
)
"""Right before a name: "with the help of Acme", "made available to Acme", "through our tax
filing agent Acme LLP", "with the loss adjuster it appoints, Acme Lda." (a company working
for us or for a recipient, named by its role); a name further on in the sentence is another's:
"available to all Customers, playback is limited to ...")."""
_USES = Caseless(
    re.compile(
        r"\b(?:us(?:e|es|ed|ing)|via|through|rel(?:y|ies|ied|ying) on|engag\w*|process\w*|"
        r"stor(?:e|es|ed|ing)|host\w*|receiv\w*|providers?|processors?|vendors?|sdks?|pixels?|"
        r"tags|plug-?ins?)\b",
        re.I,
    )
)
"""Words that say a company handles the data ("we use Acme to ...", "Acme stores ...", "our
provider"), besides SHARE's: a sentence without any names no recipient."""
TRANSFER_TO = re.compile(
    r"(?:\b(?:shar|disclos|transferr?|sell|sold|send|sent|pass|forward|furnish|suppl(?:y|ie)|"
    r"lodg|relay|reported|referr)\w*"
    r"\b[^.;:]{0,80}?\b(?:to|with)|"
    + HANDED_TO
    + r"|\b(?:searches|checks|enquiries|inquiries) with"
    r"|\b(?:post|publish)\w*\b[^.;:]{0,80}?\b(?:on|to|in))\b[^.;:]{0,60}$",
    re.I,
)
"""Sharing, disclosing, transferring, selling or sending to a company, or posting and
publishing on a platform: a recipient even when the sentence does not say "data" ("we share
with Acme", "we post photographs on social media")."""
SIGN_IN = re.compile(
    r"\b(?:(?:log|sign)(?:s|ged|ging)?[- ]?(?:in|on|up)|authenticat\w*)\b[^.;:]{0,60}?"
    r"\b(?:with|via|through|using|by)\b[^.;:]{0,60}$",
    re.I,
)
"""Before a name: the reader signs in or authenticates with it ("sign in with Acme",
"authenticate via a service like Acme"). Phenomenon: a sign-in provider is where an account
comes from, not a company the policy sends personal data to."""
ABOUT_DATA = re.compile(
    r"\b(?:personal|your|you|users?|customers?|visitors?|members?|subscribers?|data|information|"
    r"details|records?|messages?|content|e-?mails?|addresses|logs?|cookies?|payments?|accounts?|"
    r"profiles?|analytics|traffic|usage|identifiers?|recordings?|files|uploads|orders?|"
    r"transactions?|requests?|visits?|visitors?|track(?:s|ed|ing)?|address|credit|tickets?|"
    r"participants?|patients?|readings?|entries|images?|footage|photos?|samples?)\b",
    re.I,
)
"""A sentence about personal data or the people it is about: what a recipient receives."""
CLAUSE_BREAK = re.compile(r",? \b(?:but|whereas|while|except|however)\b|;|\s[–—]\s")
"""Where a sentence turns to another statement: a negation on one side does not reach the
other ("we share it with Acme, but not with Beta")."""
ORG_NOT_NAMES = COMMON_CAPITALISED | {"Data", "Protection", "Officer", "Authority", "Privacy"}
AUTHORITY_WORDS = ("Data Protection", "Commissioner", "Supervisory Authority", *(
    max(required_literals(re.compile(name)) or (name,), key=len) for name in AUTHORITY_NAMES
))  # fmt: skip
"""Words one of which every match of AUTHORITY contains: a sentence without any names no
authority (a quick test; AUTHORITY tries its leading capitalised words at every position)."""


_AUTHORITY_WORD = re.compile("|".join(map(re.escape, AUTHORITY_WORDS)))
"""Any of AUTHORITY_WORDS, found in one pass over the sentence instead of one per word."""


def _names_authority(sentence: str) -> bool:
    return _AUTHORITY_WORD.search(sentence) is not None


COMPLAINT_RIGHTS = frozenset({"gdpr:A77"})
"""Rights that are a complaint channel: complaining to an authority is whom users contact
(`contacts`), not a right over their data exercised with the company (`rights`)."""
COMPLAINT = re.compile(
    r"\b(?:complain\w*|grievances?|escalat\w*|dissatisfied|(?:not|un)(?: \w+)? (?:satisfied|"
    r"happy) with|concerns? about (?:our|how|the way)|(?:reported|report them|refer it) to)\b",
    re.I,
)
"""A sentence about complaints. Phenomenon: a form, a phone line or an e-mail offered for
complaints is a contact channel, not a way to exercise a data-subject right (access,
deletion, objection, portability, appeal, opt-out), unless the sentence names such a right."""

DIGIT = re.compile(r"\d")
"""Phone numbers and postal addresses (PHONE, POSTAL) all contain a digit."""

_NEVER, _CONSENT, _OPT_OUT, _MAY, _HYPOTHETICAL = map(
    Caseless, (NEVER, CONSENT, OPT_OUT, MAY, HYPOTHETICAL)
)
_COLLECT_OR_USE, _SHARE, _STORE, _RIGHTS_CONTEXT, _OFFICER_ROLE = map(
    Caseless, (COLLECT_OR_USE, SHARE, STORE, RIGHTS_CONTEXT, OFFICER_ROLE)
)
_CONTROLLER_CONTEXT, _OWNERSHIP_EVENT, _HIGH_RISK, _MAYBE_ADDRESS = map(
    Caseless, (CONTROLLER_CONTEXT, OWNERSHIP_EVENT, HIGH_RISK, MAYBE_ADDRESS)
)
_COMPLAINT = Caseless(COMPLAINT)


@dataclass(frozen=True)
class Item:
    """One thing the policy states, found in one sentence."""

    category: str
    """The major-change category it belongs to."""
    kind: str
    """What it is: e-mail, phone, postal, page, officer, authority (contacts); organisation,
    recipient-row, recipient-category, country, ended (a recipient said to receive no more)
    (sharing); data, purpose (purposes); right,
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


STREET_TYPES = {"st": "street", "ave": "avenue", "av": "avenue", "rd": "road",
                "blvd": "boulevard", "ln": "lane", "dr": "drive", "sq": "square", "pl": "place",
                "ste": "suite", "fl": "floor"}  # fmt: skip


ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
ORDINALS = {word: str(n) for n, word in enumerate(ORDINAL_WORDS.split(" "), start=1)}
"""A street's ordinal in words ("Tenth Avenue") and in figures ("10 Avenue") is one number."""
ORDINAL_DIGITS = re.compile(r"\d+(?:st|nd|rd|th)")


ROMANCE_STREETS = frozenset(
    {"calle", "c", "avenida", "av", "avda", "rua", "r", "carrer", "via", "viale", "strada",
     "piazza", "plaza", "pl", "rue", "avenue", "boulevard", "bd", "chemin"}
)  # fmt: skip
"""A street's kind, written first, in full or abbreviated ("Calle", "C/"; "Avenida", "Av.")."""
ROMANCE_PARTICLES = frozenset(
    {"de", "del", "da", "do", "dos", "das", "della", "di", "la", "el", "des", "du", "le", "les"}
)


PO_BOX_WORDS = frozenset(
    {"po", "pobox", "postbus", "postfach", "postbox", "postboks", "apartado", "caixa", "case"}
)


POSTCODE_ONLY = re.compile(r"[A-Za-z0-9]{2,4} ?[A-Za-z0-9]{2,4}")
"""A postcode on its own (D02 XK71, M1 4PD, 1016 GC, K1A 0B1)."""


def postal_key(address: str) -> str:
    """`410 Alder St.` and `410 Alder Street` are one address, and so are `Suite 900,
    Portland, OR 97204` and `Ste. 900 / Portland, Oregon 97204`: a street address is known by
    its number and street name, a block of address lines (or a postcode alone, with or
    without its space, or its country prefix: "FI-00120") by its postcode, a post-office box
    by its number in any language ("Postbus 29061", "P.O. Box 29061"). Phenomenon: an
    address reformatted (abbreviated, spelled out, split over lines) is the same channel."""
    prefixed = re.fullmatch(r"[A-Za-z]{1,2}-(\d{4,5}(?: ?[A-Za-z]{2})?)", address.strip())
    if prefixed or address.strip().isdigit():
        code = prefixed.group(1) if prefixed else address.strip()  # "FI-00120" and "00120"
        return re.sub(r"\s+", "", code).casefold()  # "NL-1016 GC" and "1016 GC"
    if POSTCODE_ONLY.fullmatch(address.strip()):
        return re.sub(r"\s+", "", address).casefold()  # "1016 GC" and "1016GC"
    raw = re.findall(r"\w+", address.casefold())
    words = [
        ORDINALS.get(w, w[:-2] if ORDINAL_DIGITS.fullmatch(w) else STREET_TYPES.get(w, w))
        for w in raw
    ]  # "Tenth Avenue", "10th Avenue" and "10 Avenue" are one street
    if (words and words[0] in PO_BOX_WORDS) or words[:3] == ["p", "o", "box"]:
        return "po box " + next((w for w in words if w.isdigit()), "")  # "Postbus 29061"
    if words and words[0].isdigit() and len(words) > 1:
        return " ".join(words[:2])  # "410 alder"
    if raw and raw[0] in ROMANCE_STREETS:
        words = words[1:]  # "Calle de Zurbarán 14" and "C/ Zurbarán, 14"; "Av." and "Avenida"
        while words and words[0] in ROMANCE_PARTICLES:
            words = words[1:]
    numbers = [w for w in words if w.isdigit() and len(w) >= 4]
    if words and words[0] in ("tower", "building", "floor", "suite", "block", "district"):
        return numbers[-1] if numbers else " ".join(words)
    return " ".join(words)


def deobfuscate(address: str) -> str:
    """`privacy [at] example [dot] com` → `privacy@example.com`: an anti-spam spelling of an
    address is the same address."""
    value = OBFUSCATED_DOT.sub(".", OBFUSCATED_AT.sub("@", address))
    return re.sub(r"\s+", "", value).strip(".")


def polarity(sentence: str, lower: str | None = None) -> str:
    """How a sentence states its items: a negation with a consent condition is `with consent`
    ("not ... without your consent"), a bare negation `never`, an opt-out condition `opt-out`,
    a consent condition `with consent`, a modal `may`, otherwise `states`. (`lower`:
    `caseless.lowered(sentence)`, computed here when not given.)"""
    if lower is None:
        lower = lowered(sentence)
    consent = _CONSENT.search(sentence, lower)
    if _OPT_OUT.search(sentence, lower):
        return "opt-out"
    if _NEVER.search(sentence, lower) and _negates_practice(sentence):
        return "with consent" if consent else "never"
    if consent:
        return "with consent"
    if _MAY.search(sentence, lower):
        return "may"
    return "states"


FORBIDDEN_BEFORE = re.compile(
    r"\b(?:not|never|no|cannot|can['’]t|prohibit\w*|forbid\w*|barred|bars?|restrict\w*|"
    r"only)\b(?:(?!\b(?:and|but|which|who)\b)[^.;:]){0,80}$",
    re.I,
)


FORBIDDEN_AFTER = re.compile(
    r"[^.;:]{0,60}?\b(?:is|are|be|being)\b(?: \w+)? (?:prohibited|forbidden|barred|excluded|"
    r"not (?:permitted|allowed))\b",
    re.I,
)


def _own_use_polarity(sentence: str, at: int) -> str:
    """Phenomenon: a recipient's use of data for its own ends is most often written as what a
    contract forbids ("under contracts that prohibit them from using it for their own
    purposes", "any use for ends of their own is contractually prohibited"): the forbidding
    words stand just before or after it, and another part's polarity does not reach it
    ("... are given to Acme, which may use them to promote its own products")."""
    if FORBIDDEN_BEFORE.search(sentence, max(0, at - 100), at) or FORBIDDEN_AFTER.match(
        sentence, at
    ):
        return "never"
    return polarity(_clause(sentence, at, at))


NEGATED_ASIDE = re.compile(r"\([^()]*\b(?:not|never|no)\b[^()]*\)", re.I)


def _outside_asides(sentence: str, at: int, found: str) -> str:
    """Phenomenon: a negation in brackets speaks of what the brackets hold ("you can submit it
    through the form (requests sent by e-mail are not processed) and we will pass it on to the
    Employer"): a recipient or a use named outside them is not negated by it. The sentence's
    polarity without those brackets, for an item outside them (`found` otherwise). Only for
    recipients and uses: a limit on a right is often written in brackets."""
    asides = [m for m in NEGATED_ASIDE.finditer(sentence) if not m.start() <= at < m.end()]
    if not asides:
        return found
    rest = sentence
    for m in reversed(asides):
        rest = rest[: m.start()] + rest[m.end() :]
    return polarity(rest)


READER_CONDITION = re.compile(
    r"\b(?:(?:if|when|whenever|where|unless|in case|whether)\b|should (?:we|you|they)\b)"
    r"[^,;:]*|,\s*(?:where|if|when|whenever|as long as|provided(?: that)?)\b[^,;:]*",
    re.I,
)
"""A condition, about the reader ("if you do not have an account, ..."), about a choice the
company makes on a request ("if we decide not to comply with it, we explain why") or about
the data ("where your identity cannot be confirmed from your account, ..."): its negation
speaks of the condition, not of what the company does with the data."""
ELLIPTICAL_CONDITION = re.compile(
    r"\b(?:if|when|where|whether|or) not\b|,? (?:but|and) (?:not|never)\b[^.;:]*|"
    r",? (?:although|though|except that|save that|save for|whereas)\b[^.;:]*|"
    r"\byou (?:do|did|have|are|will|would|can|may|could|should)(?: not|n[’']t)\b|"
    r"\b(?:that|which) (?:cannot|can't|can not|could not) be \w+(?: [\w-]+){0,4}?"
    r"(?= (?:should|must|will|can|may|are|is)\b)|"
    r"\b(?:that|which|who) (?:is|are|was|were|has|have|had|does|do|did) (?:not|never|no)"
    r"(?: [\w-]+){1,6}?(?= (?:should|must|will|can|may|are|is|was|were|gets?|goes)\b)|"
    r"\b(?:do|does|did|will|would)(?: not|n[’']t)(?: always| necessarily| even| ever)? "
    r"(?:need|have to|require)\b|\bno need\b|\bso (?:that|as) [^.;:]*|"
    r"\b(?:to|in order to) (?:make sure|ensure|be sure|avoid|prevent)\b[^.;:,]*|"
    r"\b(?:in|for|on|at|with|from|during) (?:which|whom) [^.;:,()]*|"
    r"\b(?:by|to|with|from|for) (?:[\w-]+ ){1,8}?(?:who|whom) [^.;:,()]*|"
    r"\b(?:no|without(?: any)?) (?:fee|charge|cost)s?\b|"
    r"\b(?:this|which|that|it) (?:does|will|shall) not affect\b[^.;:)]*|"
    r"\bno (?:later|more|less|sooner|earlier|longer|fewer) than\b",
    re.I,
)
"""The other branch of a condition, its verb left out ("we show your photo if you have one;
if not, an icon"), an exception to a list ("they see your marks, but not your answers"), a
necessity ("two things don't need an e-mail: ...") or a relative clause that picks out the
subject ("plasma that is not transfused directly is sent to ...", "lessons in which no
participant was a minor") or says who acts ("decided by a reviewer who played no part in the
decision"), the aim of a step ("to make sure we do not disclose data to the
wrong person, we send a code"), a price ("no fee is charged") or a bound ("no later than 15
days"): "not" there negates the condition, the exception, the need, the choice of subject,
the harm avoided, the cost or the time, not the practice stated."""


def _negates_practice(sentence: str) -> bool:
    """Phenomenon: "we send a link or, if you do not have an account, a code" promises
    nothing negative: the negation sits in a condition about the reader, or in the elided
    other branch of one ("if not, ..."), or in a relative clause in brackets ("a tool (which
    does not follow you) and cookies from Acme"). The sentence is negative when a negation stands
    outside such conditions and asides."""
    if "(" in sentence:
        bare = ASIDE.sub(" ", sentence)
        if bare != sentence and not NEVER.search(bare):
            return False
    if not READER_CONDITION.search(sentence) and not ELLIPTICAL_CONDITION.search(sentence):
        return True
    rest = ELLIPTICAL_CONDITION.sub(" ", READER_CONDITION.sub(" ", sentence))
    return bool(NEVER.search(rest))


ASIDE = re.compile(r"\((?:which|that|who|whose)\b[^()]*\)", re.I)
"""A relative clause in brackets ("a tool (which does not follow you)"): it describes a thing
the sentence names, not the statement around it (an aside that is a sentence of its own,
"(these cannot be switched off)", may limit the statement, and is read with it)."""


def sentences(text: str) -> Iterable[tuple[int, str]]:
    for match in SENTENCE.finditer(text):
        if match.group(0).strip():
            yield match.start(), match.group(0)


NAME_WORDS = re.compile(r"[\w&'’-]+")
"""The words of a name (letters, digits, ampersands, apostrophes and hyphens)."""


def org_key(name: str) -> str:
    """`HubSpot, Inc.`, `HubSpot Ireland Limited` and `HubSpot’s` are one recipient: the first
    significant word of the name, without legal suffix, article or possessive."""
    name = re.sub(r"\([^)]*\)", " ", name)
    name = SUFFIX.sub("", name.strip())
    words = [w for w in NAME_WORDS.findall(name) if w not in ("The", "the")]
    return re.sub(r"['’]s$", "", words[0]).casefold() if words else ""


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
        self.data_and_purposes = dpv.Together(self.data, self.purposes)
        self.rights_and_routes = dpv.Together(self.rights, self.routes)
        """Sets asked of a sentence together, matched in one pass."""
        self._cache: dict[tuple, list[Item]] = {}
        self._sentences: dict[tuple, list[Item]] = {}
        """Items per (sentence, topics, family), at offset 0: the sentences a change leaves
        alone are read once for both versions."""
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
        clone._sentences = {}
        clone.lower_words = lower_words
        clone.own_names = own_names
        return clone

    def probe(self, item: Item) -> re.Pattern:
        """A cheap pattern that any text stating `item` matches (it may match more)."""
        if item.key == "route:Email":
            return EMAIL_ROUTE_PROBE  # also an address offered for requests (REQUEST_WORDS)
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
        if item.kind == "postal" and re.fullmatch(r"[a-z0-9]+", item.key):
            # a postcode keyed without its space ("m34lq"): written "M3 4LQ" or "M34LQ"
            return re.compile(r"[\s-]?".join(map(re.escape, item.key)), re.I)
        if item.kind == "postal" and (numbers := re.findall(r"\d+", item.key)):
            return re.compile(re.escape(max(numbers, key=len)))  # "po box 29061": P.O. Box
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
            recipient = []
            if family in ("", "sharing") and (is_row or "sharing" in topics):
                recipient = self._row(line, line_start, topics, record=not is_row)
                found += recipient
            first = len(found)
            for start, sentence in sentences(line):
                offset = line_start + start
                key = (sentence, tuple(sorted(topics)), family)
                read = self._sentences.get(key)
                if read is None:
                    read = self._sentences[key] = self._sentence(sentence, 0, topics, family)
                found += (
                    [
                        Item(i.category, i.kind, i.key, i.label, i.polarity, i.start + offset,
                             i.end + offset, i.sentence)
                        for i in read
                    ]
                    if offset
                    else read
                )  # fmt: skip
            if recipient and is_row and " | " in line:
                read_here = {i.key for i in found[first:] if i.kind == "country"}
                found += self._row_countries(line, line_start, read_here)
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
        if DATA_CELL.search(first):
            return []  # "Biometric information | ... | Disclosed to": a row of a data table
        if re.fullmatch(r"(entity|company|provider|vendor|name|subprocessor|processor)\b.*", key):
            return []
        if key in self.own_names or first.casefold() in self.lower_words:
            return []
        return [
            Item("sharing", "organisation", key, first, "states", offset, offset + len(first), line)
        ]

    def _row_countries(self, line: str, offset: int, read: set[str]) -> list[Item]:
        """Every country a later cell of a recipients table names is where that recipient
        has the data, even past a semicolon that splits the cell into sentences ("New
        Zealand; the Philippines (after-hours cover)"). `read`: the countries the row's
        sentences already gave, with their own polarity."""
        found = []
        for m in COUNTRIES.finditer(line, line.find(" | ") + 3):
            key = COUNTRY_KEYS[m.group(0)]
            if key in read or RULES_OF.match(line, m.end()):
                continue  # "EU standard contractual clauses": whose rules, not where
            if PEOPLE_IN.search(line, max(0, m.start() - 60), m.start()):
                continue  # "customers in Canada": whose data, not where it goes
            at = offset + m.start(), offset + m.end()
            found.append(Item("sharing", "country", key, m.group(0), "states", *at, line))
        return found

    # -- sentences --------------------------------------------------------------------------

    def _sentence(
        self, sentence: str, offset: int, topics: set[str], family: str = ""
    ) -> list[Item]:
        low = lowered(sentence)
        starts = word_starts(low) if low is not None else None
        found: list[Item] = []
        known: list[str] = []

        def sentence_polarity() -> str:
            """Read the first time an item needs it: most sentences state no item."""
            if not known:
                known.append(polarity(sentence, low))
            return known[0]

        def add(
            category: str, kind: str, key: str, label: str, match_span, pol: str | None = None
        ) -> None:
            a, b = match_span
            if pol is None:
                pol = sentence_polarity()
                if pol == "never" and category in ("sharing", "purposes") and "(" in sentence:
                    pol = _outside_asides(sentence, a, pol)
            found.append(Item(category, kind, key, label, pol, offset + a, offset + b, sentence))

        if family in ("", "contacts"):
            self._contacts(sentence, low, add, "contacts" in topics)
        if family in ("", "sharing"):
            self._sharing(sentence, low, starts, topics, add)
        about_use = "purposes" in topics or bool(_COLLECT_OR_USE.search(sentence, low))
        if family in ("", "purposes") and (
            about_use or (" | " not in sentence and _SHARE.search(sentence, low))
        ):
            # What data is shared or published, and what for, is a use of it too; but a table
            # row's cells are not sentences, and "X is never passed to third parties" is a
            # promise about sharing, not a statement of data used.
            data, purposes = self.data_and_purposes.find(sentence, low, starts)
            shared_only = not about_use
            verifying = bool(data) and VERIFYING.search(sentence) is not None
            for concept, span in data:
                if (shared_only and sentence_polarity() == "never") or verifying:
                    break
                add("purposes", "data", concept.id, concept.label, span)
            for concept, span in purposes:
                if concept.id == OWN_USE:
                    add("purposes", "purpose", concept.id, concept.label, span,
                        _own_use_polarity(sentence, span[0]))  # fmt: skip
                    continue
                add("purposes", "purpose", concept.id, concept.label, span)
        if family in ("", "rights") and (
            "rights" in topics or _RIGHTS_CONTEXT.search(sentence, low)
        ):
            rights, routes = self.rights_and_routes.find(sentence, low, starts)
            for concept, span in rights:
                if concept.id in COMPLAINT_RIGHTS:
                    add("contacts", "complaint", concept.id, concept.label, span)
                else:
                    add("rights", "right", concept.id, concept.label, span)
            complaint = bool(_COMPLAINT.search(sentence, low)) and all(
                concept.id in COMPLAINT_RIGHTS for concept, _ in rights
            )
            asked = "rights" in topics or REQUEST_WORDS.search(THEIR_REQUEST.sub("", sentence))
            for concept, span in routes:
                if concept.id in ASKED_ROUTES and not asked:
                    continue  # "you can also reach the team by phone": a contact, not a way to
                    # make a request (the phone number itself is read as a contact); "a selfie
                    # unlocks the app": a login, not a check on who makes a request
                if complaint:
                    label = f"{concept.label} for complaints"
                    add("contacts", "complaint-route", concept.id, label, span)
                else:
                    add("rights", "route", concept.id, concept.label, span)
            offered = not complaint and ("rights" in topics or REQUEST_WORDS.search(sentence))
            if offered and not any(c.id == "route:Email" for c, _ in routes):
                for m in ADDRESS.finditer(sentence) if "@" in sentence else ():
                    if EMAIL.fullmatch(deobfuscate(m.group(0))):
                        add("rights", "route", "route:Email", "By e-mail", m.span(), "states")
                        break  # an address offered for requests is the e-mail route
        if family in ("", "ownership"):
            self._ownership(sentence, low, add)
        if family in ("", "high_risk"):
            for m in _HIGH_RISK.finditer(sentence, low):
                if m.group(0).casefold().startswith(("no ", "any ")) or DENIED_FINDING.search(
                    sentence[: m.start()]
                ):
                    continue  # "none of the assessments has found a high risk": none disclosed
                if not RISK_IF.search(sentence[: m.start()]) or sentence_polarity() == "never":
                    key = " ".join(re.findall(r"[a-z]+", sentence.casefold()))
                    counted = WORDS_BEFORE.search(sentence, max(0, m.start() - 40), m.start())
                    span = (counted.start() if counted else m.start(), m.end())
                    add("high_risk", "finding", key, m.group(0), span)
        return found

    def _contacts(self, sentence: str, low: str | None, add, in_section: bool = False) -> None:
        """Channels (e-mail, phone, postal, forms), named officers and representatives, and
        complaint authorities: a channel is identified by its normalised value."""
        from policy.classify.engine import DATE, PHONE, POSTAL, STREET_ADDRESS

        found_addresses = ADDRESS.finditer(sentence) if _MAYBE_ADDRESS.search(sentence, low) else ()
        for m in found_addresses:
            value = deobfuscate(m.group(0))
            if EMAIL.fullmatch(value):
                if CLOSED.match(sentence, m.end(), m.end() + 60):
                    continue  # "the privacy@... mailbox has been closed": no longer a channel
                add("contacts", "e-mail", value.casefold(), m.group(0), m.span(), "states")
        digits = DIGIT.search(sentence) is not None
        for m in PHONE.finditer(sentence) if digits else ():
            if _identifier(sentence, m.start(), m.end()):
                continue
            if sum(map(str.isdigit, m.group(0))) >= 7 and not DATE.search(m.group(0)):
                add(
                    "contacts",
                    "phone",
                    re.sub(r"\D", "", m.group(0)),
                    m.group(0),
                    m.span(),
                    "states",
                )
        offered = digits and (
            in_section or bool(CONTACT_CUE.search(sentence)) or _address_lines(sentence)
        )
        found = (*STREET_ADDRESS.finditer(sentence), *POSTAL.finditer(sentence)) if offered else ()
        for m in found:
            add(
                "contacts",
                "postal",
                postal_key(m.group(0)),
                m.group(0),
                m.span(),
                "states",
            )
        named = _names_authority(sentence)
        for m in AUTHORITY.finditer(sentence) if named else ():
            key = re.sub(
                r"^(the|our|your|a|an|competent|local|relevant|lead) ", "", m.group(0).casefold()
            )
            if key in ("supervisory authority", "data protection authority"):
                continue
            if ISSUED_BY.search(sentence, max(0, m.start() - 40), m.start()):
                continue  # "the agreement issued by the Commissioner", "we consulted the ..."
            if CONSULTED_AFTER.match(sentence, m.end()):
                continue  # "the Commissioner was consulted": a step taken, not a channel
            add("contacts", "authority", key, m.group(0), m.span(), "states")
        for m in ATTORNEY_GENERAL.finditer(sentence) if "Attorney General" in sentence else ():
            if ISSUED_BY.search(sentence, max(0, m.start() - 40), m.start()):
                continue  # "rules issued by the Attorney General": no channel offered
            add("contacts", "authority", attorney_general_key(m), m.group(0), m.span(), "states")
        if _COMPLAINT.search(sentence, low):
            for body in (COMPLAINT_BODY, PUBLIC_BODY):
                for m in body.finditer(sentence):
                    key = re.sub(r"^(the|our|your|a|an) ", "", m.group(0).casefold())
                    add("contacts", "authority", key, m.group(0), m.span(), "states")
            for m in BODY_FIRST.finditer(sentence):
                if name := _body_first(m):
                    span = (m.start(), m.start() + len(name))
                    add("contacts", "authority", name.casefold(), name, span, "states")
        if _OFFICER_ROLE.search(sentence, low) or ROLE_NOW_HELD.search(sentence):
            for m in OFFICER_ROLE.finditer(sentence):
                role = m.group(0).casefold()
                key = next((k for h, k in ROLE_KEYS if h in role), role)
                add("contacts", "role", key, m.group(0), m.span(), "states")
            authorities = [a.span() for a in AUTHORITY.finditer(sentence)] if named else []
            for m in PERSON.finditer(sentence):
                words = m.group(0).split()
                if len(words) > 2 and words[0].rstrip(".") in HONORIFICS:
                    words = words[1:]  # "Ms Liesbeth Vanderhoven": the title is no name
                    untitled = re.compile(re.escape(" ".join(words))).search(sentence, m.start())
                    if untitled is None:
                        continue
                    m = untitled
                if any(
                    w in ORG_NOT_NAMES or (w.upper() == w and not INITIAL.fullmatch(w))
                    for w in words
                ):
                    continue
                after = sentence[m.end() : m.end() + 14]
                if re.match(rf",?\s*(?:{'|'.join(ORGANISATION_SUFFIXES)})\b", after):
                    continue  # a company's name, not a person's
                if any(a <= m.start() < b for a, b in authorities):
                    continue
                if any(
                    w.casefold() in self.lower_words
                    for w in words
                    if not PARTICLE.fullmatch(w)  # "van" in "Joost van Elderen" is no word
                ):
                    continue
                if (
                    COUNTRIES.fullmatch(m.group(0))
                    or STREET_END.search(m.group(0))
                    or STREET_START.match(m.group(0))
                    or any(STREET_END.fullmatch(w) for w in words[1:])
                ):
                    continue  # "United Kingdom", "Larimer Street", "Calle de Zurbarán": an
                    # address's line, no name
                if words[0] in PLACE_WORDS:
                    continue  # "County Westmeath", "Canton Zug": a line of an address
                if POSTCODE_AFTER.match(sentence, m.end()):
                    continue  # "Nova Scotia B3J 3L5": a province before its postcode
                add("contacts", "officer", m.group(0).casefold(), m.group(0), m.span(), "states")
            for m in LEGAL_ENTITY.finditer(sentence):
                # Phenomenon: a representative (or an outsourced DPO) is often a firm: the
                # company named in the sentence about the role is who the reader contacts.
                key = org_key(m.group(0))
                bare = SUFFIX.sub("", m.group(0)).strip(" ,.")
                if STREET_END.search(bare) or re.match(r"\s+[A-Z][a-z]", sentence[m.end() :]):
                    continue  # "Clonmore Business Park, Co. Dublin": a place, "Co." a county
                if key and key not in self.own_names:
                    add("contacts", "officer", key, m.group(0), m.span(), "states")
        for concept, span in self.extra_contacts.find(sentence, low):
            add("contacts", "custom", concept.id, concept.label, span, "states")

    def _sharing(
        self, sentence: str, low: str | None, word_at: list[int] | None, topics: set[str], add
    ) -> None:
        """Recipients named near words of sharing, processing on our behalf or hosting;
        recipient categories in sentences about sharing; countries where data is stored or
        transferred. A name in a sentence about the company's own ownership is not a
        recipient."""
        context = _SHARE.search(sentence, low)
        in_section = "sharing" in topics
        if not (context or in_section or _USES.search(sentence, low)):
            return
        authorities = list(AUTHORITY.finditer(sentence)) if _names_authority(sentence) else []
        harmed = HARM.search(sentence) if _HIGH_RISK.search(sentence, low) else None
        harm = harmed.start() if harmed else len(sentence)  # "a high risk that ... could be
        # collected by third parties who obtain the code through SIM-swap fraud": a harm feared
        officer = bool(_OFFICER_ROLE.search(sentence, low))
        events = [m.span() for m in _OWNERSHIP_EVENT.finditer(sentence, low)]
        last = -1  # where the last recipient named ends: "by Acme and Beta" names two
        for m in ORGANISATION.finditer(sentence, 0, harm):
            if events and _same_clause(sentence, m.span(), events):
                continue  # "Acme was acquired by Beta": the owner, not a recipient
            if org_key(m.group(0)) in self.own_names:
                continue  # the company itself or one of its products ("Acme Pay")
            words = [w for w in NAME_WORDS.findall(m.group(0)) if w[:1].isupper()]
            kept = [w for w in words if self._name_word(w)]
            if (
                kept
                and self._name_word(words[0])  # else dropping it changes nothing
                and not any(c.isupper() for c in words[0][1:])
                and not SUFFIX.search(m.group(0))  # "Acme Labs Inc.": a name, all of it
                and (m.start() == 0 or sentence[: m.start()].rstrip()[-1:] in '.!?:;|*“"')
                and not (
                    (in_section and _listed(sentence, m.start(), m.end()))
                    or _subject(sentence, m.end())
                    or _ended(sentence, m.start(), m.end())
                )  # a list entry's name, or the subject of "processes", "stores" ...: a name
            ):  # capitalised by its place in the sentence only
                kept = kept[1:]
            words = kept
            if not words or (
                LEGAL_INSTRUMENT.search(m.group(0)) and not LEGAL_ENTITY.search(m.group(0))
            ):
                continue  # ("Tactyl Security Ltd." is a company, with its legal form)
            if _interface_or_street(sentence, m):
                continue
            if _city(sentence, m):
                continue  # "Acme BV in Leiden, the Netherlands": a place, not a company
            if POSTCODE_BEFORE.search(sentence, max(0, m.start() - 14), m.start()):
                continue  # "Via Roma 41, 20143 Milano": the town of a postal address
            if m.group(0).split(maxsplit=1)[0].rstrip(".") in HONORIFICS:
                continue  # "Mr Tomas Weir": a person (an officer, a contact), no company
            if DEMONYM.fullmatch(m.group(0)) and ADJECTIVE_USE.match(sentence, m.end()):
                continue  # "Estonian or EU law", "Finnish online banking": an adjective
            if " " not in m.group(0) and SEAT_BEFORE.search(sentence, 0, m.start()):
                continue  # "Beta Pharma AG, Lucerne, which ...": the company's seat
            if NOT_A_COMPANY_AFTER.match(sentence, m.end()):
                continue  # "Information Governance team", "Retail Gift Aid process"
            if BODY_AFTER_AND.match(sentence, m.end()):
                continue  # "Audit and Risk Committee": the first half of a body's name
            if (
                REGISTERED_AT.search(sentence[max(0, m.start() - 40) : m.start()])
                or sum(c.isdigit() for c in m.group(0)) >= 3
            ):
                continue  # "registered at Companies House under number FC039812"
            if (
                officer
                and OFFICER_ROLE.search(_clause(sentence, m.start(), m.end()))
                and not ON_OUR_BEHALF.match(sentence, m.end())
            ):
                continue  # "the role of DPO has passed to Ana Silva", "is performed by Acme
                # LLP": who holds an officer's role is a contact, not a recipient (but in
                # "...; messages to the DPO are handled by Acme", Acme receives them)
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
            if (
                NAME_WORDS.findall(name)[-1] in INTERNAL_BODIES
                and not _ended(sentence, m.start(), m.end())
                and not ON_OUR_BEHALF.match(sentence, m.end())
            ):  # ("ended our arrangement with Acme Support Desk", "handled by Acme Support
                # Desk on our behalf": a supplier)
                add("contacts", "body", " ".join(words).casefold(), name, m.span(), "states")
                continue
            key = org_key(" ".join(words))
            if not key or key in self.own_names:
                continue  # no name left (a legal suffix alone), or the company's own
            if _defined_term(sentence, m.start(), m.end()):
                continue  # ("EU SCCs"): a short name the sentence defines for itself
            if WE_DEFINED.match(sentence, m.end()):
                continue  # Acme Ltd ("Acme", "we", "us"): the company itself
            if _ended(sentence, m.start(), m.end()):
                add("sharing", "ended", key, re.sub(r"['’]s$", "", name), m.span(), "states")
                continue
            if not (
                _receives(sentence, m.start(), m.end(), in_section)
                or (in_section and _listed(sentence, m.start(), m.end()))
                or (last >= 0 and _coordinated(sentence, last, m.start(), m.end()))
            ):
                continue
            label = re.sub(r"['’]s$", "", name)  # "Acme’s policy" names Acme
            add("sharing", "organisation", key, label, m.span())
            last = m.end()
        if context or in_section:
            for concept, span in self.recipients.find(sentence, low, word_at):
                if span[0] < harm:
                    add("sharing", "recipient-category", concept.id, concept.label, span)
        if in_section or (context and _STORE.search(sentence, low)):
            last = -1  # where the last country taken ends: "in Ireland and Germany" takes both
            people = -1  # where the last place people are in ends: "customers in A, B or C"
            for m in COUNTRIES.finditer(sentence):
                before = STATE_TITLE.sub("", sentence[max(0, m.start() - 60) : m.start()])
                listed = last >= 0 and COUNTRY_LIST.fullmatch(sentence[last : m.start()])
                if RULES_OF.match(sentence, m.end()) or CITATION.match(sentence, m.end()):
                    continue  # "the EU standard contractual clauses": whose rules, not where
                if PEOPLE_IN.search(before) or (
                    people >= 0 and COUNTRY_LIST.fullmatch(sentence[people : m.start()])
                ):
                    people = m.end()  # where users are, not where data goes
                    continue
                if (
                    listed
                    or DESTINATION.search(before[-40:])
                    or (IN_ITS_SITE.search(before) and SITE_AFTER.match(sentence, m.end()))
                ):
                    add("sharing", "country", COUNTRY_KEYS[m.group(0)], m.group(0), m.span())
                    last = m.end()

    def _name_word(self, word: str) -> bool:
        """A capitalised word that can belong to a name: not a common capitalised word, and
        not a word either version also writes in lower case."""
        return word not in ORG_NOT_NAMES and word.casefold() not in self.lower_words

    def _ownership(self, sentence: str, low: str | None, add) -> None:
        """Who the controller is (legal entities named as controller, operator, owner or group
        company) and events that change it (acquisition, merger, insolvency, spin-off)."""
        if _HYPOTHETICAL.search(sentence, low) and not HAPPENED.search(sentence):
            pass
        else:
            for m in _OWNERSHIP_EVENT.finditer(sentence, low):
                if ACCOUNT_BEFORE.search(sentence, max(0, m.start() - 40), m.start()):
                    continue  # "if an account were taken over": a security risk
                if about_the_controller(sentence, m.start(), m.end(), self.own_names):
                    add("ownership", "event", m.group(0).casefold(), m.group(0), m.span())
        if _CONTROLLER_CONTEXT.search(sentence, low):
            for m in LEGAL_ENTITY.finditer(sentence):
                words = [w for w in m.group(0).split() if w not in ORG_NOT_NAMES]
                if not words:
                    continue
                if renamed_before(sentence, m.start()):
                    continue  # "(formerly Acme Data Ltd)": the same company's other name
                key = re.sub(r"\W+", " ", SUFFIX.sub("", m.group(0))).strip().casefold()
                if key:
                    add("ownership", "entity", key, m.group(0), m.span(), "states")


ASKED_ROUTES = frozenset(
    {
        "route:Phone",
        "route:VerificationCode",
        "route:VerificationDocument",
        "route:VerificationEID",
        "route:VerificationSelfie",
        "route:VerificationQuestions",
    }
)
"""Routes that are ways to make a request only where the text speaks of requests (a rights
section, or request words): a phone line, a code, an identity document or a selfie serve
logins, contacts and fraud checks as well."""


ACCOUNT_BEFORE = re.compile(
    r"\b(?:accounts?|devices?|sessions?|logins?|profiles?|phones?|identit(?:y|ies)|"
    r"credentials?)\b(?: \w+){0,2} $",
    re.I,
)
"""The words before "taken over" when what is taken over is a user's account, device or
identity ("if an account were taken over", "accounts (are) taken over"): an attack, a risk to
users, not a change of the company's owner."""


HAPPENED = re.compile(
    r"\b(?:has|have|was|were|is now|opened|commenced|began|begun|appointed|completed)\b"
    r"|\b(?:19|20)\d\d\b"
)
"""In a sentence with "if", "should" or "in connection with": signs that an event happened
(a verb in the past, a year) rather than that one might ("if we are acquired ...")."""


DATA_OBJECT = re.compile(
    r"\s+(?:[\w’'-]+\s+){0,3}?(?:data|information|records?|profiles?|datasets?|databases?|"
    r"details|logs?|identifiers?|cookies?|accounts?|files|statistics)\b"
)
"""After "merged with", "acquisition of", "taken over": what is merged or acquired is data
("not merged with other data", "the acquisition of personal information"), not a company
(lower case: "Acme Data Ltd" is a company's name)."""
TAKES_OBJECT = re.compile(
    r"(?i)(?:merg\w*|acqui\w*|took|taken|takeover)(?: (?:with|into|of|over))?$"
)
"""Events whose object follows them: what is merged, acquired or taken over."""
THIRD_PARTY = re.compile(
    r"\b(?:vendors?|suppliers?|(?:sub-?)?processors?|providers?|partners?|customers?|clients?|"
    r"merchants?|advertisers?|third[- ]part(?:y|ies)|contractors?|resellers?|licensees?|"
    r"purchasers?|buyers?|acquirers?|"
    r"your (?:organi[sz]ation|company|employer|business|firm))\b",
    re.I,
)
"""A company that is not the controller: a vendor, a processor, a partner, a customer, the
reader's employer."""
TAKEN_OVER = re.compile(r"(?i)took over|taken over|takeover")
PERSON_ROLE = re.compile(
    r"\b(?:roles?|position|post|duties|responsibilit(?:y|ies)|functions?|job|seat|office of)\b|"
    + OFFICER_ROLE.pattern,
    re.I,
)
"""Phenomenon: "Ana Silva took over the role from Ben Cole" is a person taking over a post
(a new officer, a contact change), not a company taken over."""
OUR_SUBJECT = re.compile(
    r"\b(?:we|us|our (?:company|business|group|parent(?: company)?|firm|organi[sz]ation)|"
    r"the (?:company|controller|operator)|this (?:company|service|app|website))\b",
    re.I,
)
"""The company itself as the subject of an event ("we were acquired", "our company merged")."""


def about_the_controller(
    sentence: str, start: int, end: int, own_names: frozenset[str] = frozenset()
) -> bool:
    """Phenomenon: an ownership event (acquired, merged, insolvent, spun off) changes who
    controls the data only when it happens to the controller, the company itself, its parent
    or its group. Not when what is merged or acquired is data ("not merged with other data"),
    nor when the nearest subject before the event is another company: a vendor, processor,
    partner or customer ("our payment provider was acquired by ...", "if your employer
    merges ..."), written in lower case: "Partners" in "Elm Capital Partners" is part of an
    investor's name, and an investor acquires a stake in the company. "We", "the company"
    and the company's own name (`own_names`, keys of `org_key`) speak of the controller."""
    if TAKES_OBJECT.search(sentence[start:end]) and DATA_OBJECT.match(sentence, end):
        return False
    if TAKEN_OVER.fullmatch(sentence[start:end]) and PERSON_ROLE.search(sentence):
        return False
    if HOLDS_STAKE.search(sentence, max(0, start - 24), start) and STAKE.match(sentence, start):
        return not STAKE_ELSEWHERE.match(sentence, end)  # "a partner, which holds 25% of
        # the shares": the partner is the one who invests, in the company
    begin = 0
    for cut in CLAUSE_BREAK.finditer(sentence, 0, start):
        begin = cut.end()
    subject = sentence[begin:start]
    theirs = [m.end() for m in THIRD_PARTY.finditer(subject) if not _in_name(subject, m.start())]
    if not theirs:
        return True
    ours = [m.end() for m in OUR_SUBJECT.finditer(subject)]
    ours += [m.end() for m in ORGANISATION.finditer(subject) if org_key(m.group(0)) in own_names]
    return bool(ours) and max(ours) > max(theirs)


HOLDS_STAKE = re.compile(
    r"\b(?:holds?|holding|held|owns?|owning|acquired|acquires|bought|buys|took|takes|has taken)"
    r"(?: (?:a|an|another|now))?\s*$",
    re.I,
)
STAKE = re.compile(r"\d+(?:\.\d+)? ?(?:%|per ?cent)")
STAKE_ELSEWHERE = re.compile(
    r"\s*(?:in|of) (?!(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b)(?:(?-i:[A-Z])|another|other|a |an )",
    re.I,
)
"""A stake held: the holder is the investor, whatever kind of company it is; the stake is in
the controller unless the sentence names another company it is in (a month after "in" is
when, not where)."""


def _in_name(text: str, start: int) -> bool:
    """A capitalised word after another capitalised word is part of a name ("Elm Capital
    Partners")."""
    before = text[:start].split()
    return text[start : start + 1].isupper() and bool(before) and before[-1][:1].isupper()


CONTACT_CUE = re.compile(
    r"\b(?:contact\w*|write|writing|written|mail|mailing|post|postal|send|sending|reach|address|"
    r"offices?|headquarter\w*|registered|located at|based at|visit us|find us|correspondence|"
    r"attn|attention|c/o|a/c|letter|courier)\b",
    re.I,
)
"""Words that offer a postal address to the reader (“write to us at”, “our office:”, “head
office at”). Phenomenon: an address is a contact channel when offered as one, not when it
only says where another company is."""
REGISTRATION = re.compile(
    r"\b(?:registration|registered|registry|register|company (?:number|no)|reg(?:istration)?\.? ?"
    r"(?:no|number)|vat|tax|cnpj|cpf|ein|siret|siren|abn|acn|kvk|hrb|iban|id number|"
    r"identification number|licen[cs]e|permit|certificate|enterprise (?:number|no)|"
    r"(?:business|company|vat) id|organi[sz]ation(?:al)? (?:number|no)|org\.? ?(?:nr|no)|cvr|"
    r"che|uid|crn|kbo|rcs|nif|cif|nipc|ičo|chamber of commerce|(?:trade|commercial) register)"
    r"\b[^.;]{0,40}$",
    re.I,
)
"""A label before a number that identifies a company, a tax or a licence."""


def _address_lines(text: str) -> bool:
    """Phenomenon: an address set out on lines of its own ("Ledgerwick UK Limited / Third Floor
    / 61 Quayside Street / Manchester M3 4LQ"), the words that offer it left in the paragraph
    before: a short text of capitalised words and numbers only is an address."""
    words = text.split()
    if not 3 <= len(words) <= 30:
        return False
    shaped = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return shaped >= 0.8 * len(words)


def _identifier(sentence: str, start: int, end: int) -> bool:
    """Phenomenon: a company's registration, tax or licence number is no phone number: a
    number after such a label, or one joined by a slash to more digits (34.512.908/0001)."""
    if sentence[end : end + 1] == "/" or sentence[max(0, start - 1) : start] == "/":
        return True
    return bool(REGISTRATION.search(sentence[max(0, start - 60) : start]))


WE_DEFINED = re.compile(r"\s*\([^)]*[\"“‘'](?:we|us|our)[\"”’'][^)]*\)", re.I)
"""A name followed by the definition of "we" is the company that writes the policy."""


def _defined_term(sentence: str, start: int, end: int) -> bool:
    """The name is a term the sentence defines in quotes and brackets ((“the Terms”), ("EU
    SCCs")): a label for something the sentence already named."""
    before = sentence[max(0, start - 3) : start]
    after = sentence[end : end + 3]
    return bool(re.search(r"\(\s*[\"“‘']$", before) and re.match(r"[\"”’']\s*\)", after))


def _listed(sentence: str, start: int, end: int) -> bool:
    """Phenomenon: in a section about recipients, an entry of a list or a table names one
    (“fraud prevention: Acme Ltd;”, “Acme Ltd – hosting”, “Acme | analytics | ...”): a
    name beside a colon, a dash or a cell border."""
    before = sentence[:start].rstrip()
    after = sentence[end:].lstrip()
    if before.endswith("|") or after.startswith("|"):
        return not before.strip(" |")  # a table's first cell (its other cells describe it)
    return before.endswith((":", "–", "—")) or after.startswith((":", "–", "—", ";"))


def _subject(sentence: str, end: int) -> bool:
    """The words after a name say it handles data ("... processes", ", our provider,")."""
    stop = CLAUSE_BREAK.search(sentence, end)
    return bool(RECEIVES_AFTER.search(sentence[end : stop.start() if stop else len(sentence)]))


VERIFYING = re.compile(
    r"\b(?:verif\w+|confirm\w*|prove|proof of|establish)\b[^.;]{0,40}\bidentit|"
    r"\bidentity (?:check|verification)|\b(?:before|until) we (?:can )?(?:act|respond|process)|"
    r"\bidentity\b[^.;]{0,30}\b(?:verified|confirmed|checked)\b|"
    r"\bnot act (?:on \w+ \w+ )?until\b|"
    r"\brequests?\b[^.;]{0,80}\b(?:copy|proof|scan) of\b[^.;]{0,30}\b(?:identity|ID)\b",
    re.I,
)
"""A sentence about checking who makes a request ("we will not act until we have a scan of
your passport"). Phenomenon: what it asks for is a step of exercising rights (the rights
extractor finds it as a verification route), not a kind of data the service processes."""
CEASED = re.compile(
    r"\b(?:ceased|stopped|discontinued|terminated|ended|no longer|used to|formerly|"
    r"previously|until (?:recently|\w+ \d{4}|\d{4}))\b",
    re.I,
)
"""Before a name, in its clause: data went to the company once and no longer does."""


def _ceased(text: str) -> bool:
    """A word of ending before a name, other than one that sets a time ("after a tenancy has
    ended, the account is referred to Acme": Acme receives it from then on)."""
    return any(
        not ENDING_AS_TIME.search(text[max(0, m.start() - 40) : m.start()])
        for m in CEASED.finditer(text)
    )


ENDED_BEFORE = re.compile(
    r"\buntil (?:recently|\w+ \d{4}|\d{4}),?(?: [\w.]+){0,4}\s*$|"
    r"\b(?:was|were|had been) (?:previously|formerly)\b[^.;:]{0,60}$|"
    r"\b(?:ceased|stopped|discontinued|terminated|ended|no longer)\b(?: \w+){0,2}? (?:using|"
    r"working with|to use|to work with|(?:sharing|sending|disclosing|passing|transferring)"
    r"(?: \w+){0,4} (?:to|with))\s*$|"
    r"\b(?:ended|terminated|cancelled|canceled|did not renew|not renewed)(?: (?:our|the|its|"
    r"this))? (?:arrangement|contract|agreement|relationship|partnership|collaboration|"
    r"engagement|services?) with\s*$|\bused to be (?:passed|sent|shared|disclosed|transferred|"
    r"forwarded)(?: on)? (?:to|with)\s*$|\bno longer (?:be )?(?:passed|sent|shared|disclosed|"
    r"transferred|forwarded|provided|made available)(?: on)? (?:to|with)\s*$",
    re.I,
)
ENDED_AFTER = re.compile(
    r"\W{0,3}(?:[\w’']+\W+){0,3}?(?:ended|(?:was|has been|have been) (?:terminated|"
    r"discontinued|ended)|no longer (?:receives?|gets?|has access|processes|hosts))\b",
    re.I,
)


ENDING_AS_TIME = re.compile(
    r"\b(?:after|since|when|once|until|before|if|where)(?: [\w’']+){0,3}\s*$", re.I
)
"""Before a name or a word of ending: the ending is a time or a condition ("within two years
after that Customer's agreement ended", "after a tenancy has ended"), not news that the
company receives no more."""


def _ended(sentence: str, start: int, end: int) -> bool:
    """Phenomenon: "we have ceased using Acme", "checks used to be passed on to Acme", "our
    relationship with Acme ended": the sentence says a recipient no longer receives data, a
    change of recipients stated outright (even while a table elsewhere still lists it)."""
    return bool(
        ENDED_BEFORE.search(sentence[max(0, start - 80) : start])
        or (
            ENDED_AFTER.match(sentence, end)
            and not ENDING_AS_TIME.search(sentence[max(0, start - 30) : start])
        )
    )


EMAIL_ROUTE_PROBE = re.compile(r"@|e-?mail", re.I)
REQUEST_WORDS = re.compile(r"\b(?:requests?|exercis\w*|rights?)\b", re.I)
"""A sentence about making requests or exercising rights: an e-mail address in it is the
e-mail route, however the sentence says so ("e-mail privacy@...", "requests may be e-mailed
to privacy@...", "by e-mail to privacy@...")."""
THEIR_REQUEST = re.compile(
    r"\b(?:at|on|upon) (?:the|our|its|their) requests? of\b|\bat our request\b", re.I
)
"""A request someone else makes ("at the request of our fraud team", "at our request"): no
request of the user's."""
WORKS_WITH = re.compile(
    r"\b(?:work\w* with|partner\w* with|engag\w*|rel(?:y|ies|ied|ying) on)\b[^.;:]{0,60}?"
    r"\b(?:including|such as|like|namely|e\.g\.|for example)\W*$"
    r"|\b(?i:partners?|providers?|vendors?|(?:sub-?)?processors?|networks?|suppliers?),\s*"
    r"(?:[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*)*(?:\s*\([^()]*\))?(?:,\s*|\s+and\s+|\s+or\s+))*$",
)
"""A company named as one of those the company works with, in a section about sharing ("we work
with ad networks, including Acme", "through our advertising partners, Acme and Beta"): one
of its partners, though the sentence says what they do, not what data they get."""


SENT_TO_US = re.compile(
    r"\b(?:letters?|requests?|questions?|complaints?|correspondence|enquir\w+|inquir\w+|"
    r"queries|comments|concerns|feedback|objections?|appeals?)\b[^.;]{0,60}?"
    r"\b(?:sent|sends|sending|forward\w*|addressed|directed)\b",
    re.I,
)
"""Before a name: what the reader sends the company ("questions may be sent to our Privacy
Officer, Ana Silva"). Phenomenon: a way to reach the company is a contact, not a company
that personal data goes to."""
BODY_AFTER_AND = re.compile(
    r"\s+and\s+(?:[A-Z][\w-]*\s+){1,3}(?:Committee|Team|Department|Office|Desk|Unit|Board)\b"
)
"""After a name: the rest of an internal body's name ("Audit and Risk Committee")."""


COORDINATED = re.compile(
    r"(?:,?\s*(?:[A-Z][\w.]*\.|\([^()]*\)))?(?:,\s*|,?\s+(?:and|or|as well as|&)\s+)"
    r"(?:the\s+|our\s+)?"
)
"""Between a recipient and the next name: a list goes on ("processed by Acme Ltd and Beta
GmbH", "our partners are the Institute ... and Beta AG"). Phenomenon: every name of a list of
recipients receives, however far the list runs from its verb."""


LIST_GOES_ON = re.compile(r"(?:\s*\([^()]*\))?(?:,\s*[^,.;]{1,40}?)*,?\s+(?:and|or)\s+[A-Z]")


def _coordinated(sentence: str, last: int, start: int, end: int) -> bool:
    """Whether the name at `start` continues a list begun by the recipient that ends at
    `last`: joined by "and" or "or", or by a comma when the list goes on to an "and" ("Acme,
    Beta and Gamma"; not "Beta AG, Basel, whose studies ...": a comma alone may begin a
    place)."""
    gap = COORDINATED.fullmatch(sentence, last, start)
    if gap is None:
        return False
    if gap.group(0).endswith("the ") and " " not in sentence[start:end]:
        return False  # "... and the Police": an institution's common name, not a company's
    joined = re.search(r"\b(?:and|or|as well as)\b|&", gap.group(0)) is not None
    return joined or LIST_GOES_ON.match(sentence, end) is not None


HARM = re.compile(r"\brisks? (?:that|of)\b", re.I)
"""In a sentence that discloses a high risk: what is feared follows. Phenomenon: whoever might
misuse the data ("could be collected by third parties") is a threat, not a recipient."""


TOOL_KINDS = r"(?:SDKs?|pixels?|tags|plug-?ins?|widgets?|scripts?|tracking codes?)"
TOOL_AFTER = re.compile(
    r"(?:(?:,\s*|\s+(?:and|&)\s+)[A-Z][\w-]*(?: [A-Z][\w-]*)?)*,?\s+" + TOOL_KINDS + r"\b"
)
"""After a name: the kind of code a company supplies for the site or app ("the Acme SDK", "the
Acme, Beta and Gamma SDKs", "Acme pixels")."""
TOOL_BEFORE = re.compile(
    r"\b(?:" + TOOL_KINDS + r"|cookies) (?:from|of|by|set by|supplied by|provided by)\s+$"
)
"""Before a name: "tags from Acme Media", "scripts supplied by Acme". Phenomenon: a company
whose SDK, pixel or tag runs in the site or app receives what that code collects, even where
the sentence says only what the code is for."""


CLOSED = re.compile(
    r"\W*(?:\w+\W+){0,3}?(?:(?:has|have) been|is|was|will be) (?:closed|discontinued|"
    r"decommissioned|retired|shut down|withdrawn)|\W*(?:\w+\W+){0,3}?(?:is|are) no longer "
    r"(?:read|monitored|in use|used|active|staffed|answered)",
    re.I,
)
"""Right after an e-mail address: it is closed ("the privacy@... mailbox has been closed",
"... is no longer monitored"). Phenomenon: a channel the policy still names but says is shut
is a channel removed."""


DEMONYM = re.compile(
    r"(?:Albanian|Algerian|American|Argentin(?:e|ian)|Australian|Austrian|Belgian|Bolivian|"
    r"Brazilian|British|Bulgarian|Californian|Canadian|Chilean|Chinese|Colombian|Croatian|"
    r"Cypriot|Czech|Danish|Dutch|Ecuadorian|Egyptian|English|Estonian|European|Filipino|"
    r"Finnish|French|German|Ghanaian|Greek|Hungarian|Icelandic|Indian|Indonesian|Irish|"
    r"Israeli|Italian|Japanese|Kenyan|Korean|Latvian|Lithuanian|Luxembourgish|Malaysian|"
    r"Maltese|Mexican|Moroccan|Nigerian|Norwegian|Pakistani|Peruvian|Polish|Portuguese|"
    r"Romanian|Russian|Scottish|Serbian|Singaporean|Slovak|Slovenian|Spanish|Swedish|Swiss|"
    r"Taiwanese|Thai|Tunisian|Turkish|Ukrainian|Uruguayan|Vietnamese|Welsh)"
)
"""A nationality: before a word in lower case ("Estonian or EU law", "Finnish online banking
credentials") an adjective, not a company."""
ADJECTIVE_USE = re.compile(r"\s+(?:(?:or|and)\s+[A-Z]|[a-z])")
"""After a one-word name: a word in lower case or a second adjective joined to it ("Estonian
or EU law", "Finnish online banking credentials"): the name is an adjective."""
POSTCODE_BEFORE = re.compile(r"(?:^|,|\n)\s*(?:[A-Z]{1,2}-)?\d{4,5}\s+$")
"""A postcode, after a comma or at a line's start, right before a name: the name is the town
of a postal address ("Via Roma 41, 20143 Milano", "D-10115 Berlin"); not a year ("in 2025
Acme Ltd bought ...")."""
POSTCODE_AFTER = re.compile(r"\s+(?:[A-Z]{1,2}-?)?\d{3,}|\s+[A-Z]\d[A-Z] ?\d[A-Z]\d\b")
"""After a name: a postcode ("Nova Scotia B3J 3L5", "Oslo 0403"): the name is a place."""


RULES_OF = re.compile(
    r"\s+(?:standard contractual clauses|sccs?|model clauses|adequacy|gdpr|law|laws|rules|"
    r"regulations?|addendum|data protection law)\b",
    re.I,
)
"""After a place: it names whose rules ("the EU standard contractual clauses", "UK law")."""


CITATION = re.compile(r"\)\s*(?:No\.?\s*)?\d{2,4}/\d+")
"""After a place in brackets, the number of a law: "Regulation (EU) 2016/679", "Implementing
Decision (EU) 2021/914" cite an act, they name no place where data goes."""


ISSUED_BY = re.compile(
    r"\b(?:(?:issued|approved|published|adopted|prepared|drafted|recognised|recognized) by|"
    r"consulted(?: with)?|notified) (?:the )?$",
    re.I,
)
"""Before an authority: it wrote or approved an instrument ("the International Data Transfer
Agreement issued by the Information Commissioner"), or the company consulted or notified it:
a source of rules or a step taken, not a channel offered to users."""
CONSULTED_AFTER = re.compile(
    r"\s+(?:was|were|has been|have been|had been|will be) (?:consulted|notified|informed)\b"
)
"""After an authority: the company consulted it ("the Commissioner was consulted")."""


KIND_IN_BRACKETS = re.compile(
    r"\b(?:networks?|providers?|partners?|(?:sub-?)?processors?|vendors?|suppliers?|"
    r"contractors?|companies|agencies|insurers?|banks?|lenders?|brokers?|platforms?|"
    r"laborator(?:y|ies)|labs?|carriers?|couriers?)\s*\((?:at present|currently|presently|"
    r"today|now|such as|e\.g\.,?|including|namely|for example|for instance|i\.e\.,?)?\s*"
    r"(?:[^()]{0,60}?(?:,|\band\b|\bor\b)\s*)?$",
    re.I,
)
"""Right before a name: a kind of recipient with its members named in brackets ("ad networks
(at present Acme, Beta and Gamma)", "our labs (currently Acme Diagnostics)"): each is one."""
TO_WHICH_PASSED = re.compile(
    r"(?:,?\s*(?:[A-Z][\w.]*\.?|\([^()]*\)))?,?\s*(?:to|with) (?:which|whom)\b[^.;]{0,80}?"
    r"\b(?:are|is|were|was|will be|may be|can be|gets?) (?:\w+ )?(?:passed|sent|given|"
    r"disclosed|transferred|provided|forwarded|made available|shown|supplied|handed over|"
    r"reported|released|shared)\b"
)
"""After a name: a relative clause that says what is passed to it ("Acme, S.L., to which plate
reads and arrival times are passed"): a recipient, whatever words name the data."""


ON_OUR_BEHALF = re.compile(r"\s+(?:\w+\s+){0,2}?on (?:our|its|their) behalf\b", re.I)
"""After a name: it handles something for the company ("handled by Acme on our behalf")."""


def _clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause of the sentence around a name begins and ends (`CLAUSE_BREAK`)."""
    begin = 0
    for cut in CLAUSE_BREAK.finditer(sentence, 0, start):
        begin = cut.end()
    stop = CLAUSE_BREAK.search(sentence, end)
    return begin, stop.start() if stop else len(sentence)


def _same_clause(sentence: str, span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    """Whether one of `others` lies in the clause of the sentence around `span`."""
    begin, clause_end = _clause_bounds(sentence, *span)
    return any(begin <= a < clause_end for a, _ in others)


def _clause(sentence: str, start: int, end: int) -> str:
    begin, clause_end = _clause_bounds(sentence, start, end)
    return sentence[begin:clause_end]


YOUR_BEFORE = re.compile(r"\b(?:your|my)\s+$", re.I)
OWN_THING_AFTER = re.compile(r"\s+(?:account|app|profile|membership|subscription|wallet|card)\b")
"""A name between "your" and "account" (or app, profile, membership ...) is the service the
reader holds with the company: the company's own product, which receives nothing."""


def _receives(sentence: str, start: int, end: int, in_section: bool = False) -> bool:
    """Phenomenon: a recipient is a company the sentence says data goes to or is processed by,
    in a sentence about personal data, and not under a negation ("no personal data is shared
    with Acme"). A company named as a tool's maker, as an example, or beside what it does
    not receive is not one."""
    if YOUR_BEFORE.search(sentence, max(0, start - 8), start) and OWN_THING_AFTER.match(
        sentence, end
    ):
        return False  # "the settings of your Acme account": the company's own service
    begin, clause_end = _clause_bounds(sentence, start, end)
    clause = sentence[begin:clause_end]
    if (
        NEVER.search(clause)
        and not CONSENT.search(clause)
        and not OPT_OUT.search(clause)
        and _negates_practice(clause)
    ):
        return False  # not "unless you have asked us not to" (an opt-out), nor "plasma that
        # is not transfused is sent to Acme" (a negation that picks out what is sent)
    if _ceased(sentence[begin:start]):
        return False  # "we have ceased using Acme", "checks used to be passed on to Acme"
    if SENT_TO_US.search(sentence[begin:start]):
        return False  # "letters should be sent to Acme Ltd, 1 High St, Zug": a way to reach us
    if TRANSFER_TO.search(sentence[begin:start]):
        return True  # "we share with Acme": what is shared is the data, said or not
    if SIGN_IN.search(sentence[begin:start]):
        return False
    if in_section and WORKS_WITH.search(sentence[begin:start]):
        return True  # "we work with advertising networks, including Acme, to ...": a partner
    if RECEIVES_JUST_BEFORE.search(sentence[begin:start]):
        return True  # "with the help of Acme", "made available to Acme"
    if KIND_IN_BRACKETS.search(sentence, max(0, start - 100), start):
        return True  # "a few ad networks (currently Acme, Beta and Gamma)"
    if TO_WHICH_PASSED.match(sentence, end):
        return True  # "Acme, to which arrival times are passed"
    if TOOL_AFTER.match(sentence, end) or TOOL_BEFORE.search(sentence, begin, start):
        return True  # "the Acme and Beta SDKs", "tags from Acme Media": their code, our pages
    if not ABOUT_DATA.search(sentence) and not _subject(sentence, end):
        return False
    if "|" in sentence and "|" not in sentence[:start].strip(" |"):
        return True  # the first cell of a table row about personal data: a record of it
    return bool(
        RECEIVES_BEFORE.search(sentence[begin:start])
        or RECEIVES_AFTER.search(sentence[end:clause_end])
    )


def family_of(item: Item) -> str:
    """Which extractor finds the item: its category's, except a company's own named body
    ("Privacy Committee"), a contact that the recipients' extractor finds, and complaint
    channels, contacts that the rights' extractor finds."""
    if item.kind == "body":
        return "sharing"
    if item.kind in ("complaint", "complaint-route"):
        return "rights"
    return item.category


def _lines(text: str) -> Iterable[tuple[int, str]]:
    at = 0
    for line in text.split("\n"):
        yield at, line
        at += len(line) + 1

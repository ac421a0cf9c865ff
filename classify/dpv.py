"""Surface forms for the W3C Data Privacy Vocabulary (DPV 2.3) concepts the classifier counts.

The vendored CSV modules (`vocab/dpv/`, see its README) give the concepts: personal-data
categories, purposes, data-subject rights, recipient roles. Their labels are concept names
("Email Address", "Direct Marketing"), so each concept gets surface forms: its label (plural
allowed) when the label is specific enough to be found in prose, plus the phrasings policies
use, listed here under the DPV term they mean. Concepts DPV lacks but section 8 needs (model
training, profiling, search queries) carry a `policy:` id. Rights and ways of exercising them
follow the GDPR (Articles 15-22, 7(3), 77) and the CCPA/CPRA (know, delete, correct, opt out of
sale or sharing, limit sensitive data, non-discrimination, authorised agents, appeals).

Loaded once, lazily: nothing here is read until a classification needs it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DPV_DIR = Path(__file__).resolve().parent / "vocab" / "dpv"


@dataclass(frozen=True)
class Concept:
    """One thing a policy can state: a data category, a purpose, a right, a way to exercise it."""

    id: str
    """`pd:EmailAddress`, `dpv:DirectMarketing`, `gdpr:A17`, `policy:Appeal` ..."""
    label: str
    """Plain name for a lawyer ("Email Address", "Right to Erasure")."""
    pattern: re.Pattern


# Single-word DPV labels specific enough to mean a data category wherever they appear in a
# sentence about collecting or using data (most single words, like "Name" or "Like", are not).
_SPECIFIC_WORDS = {
    "Biometric", "Fingerprint", "Gender", "Ethnicity", "Religion", "Nationality", "Citizenship",
    "Passport", "Password", "Salary", "Income", "Health", "Genetic", "Location", "Disability",
    "Username", "Retina", "Prescription", "Criminal",
}  # fmt: skip
# Multi-word labels that are too general to be a distinct category in prose.
_GENERAL_LABELS = {
    "Personal Data", "Collected Data", "Collected Personal Data", "Provided Data", "Data",
    "Uncategorised Data", "Unstructured Data", "Identifying Personal Data", "Observed Data",
    "Generated Data", "Derived Data", "Non-Personal Data", "Commercial Purpose", "Purpose",
    "Service Provision", "Requested Service Provision", "Non-commercial Purpose", "Sector",
    "Service Management", "Record Management", "Verification", "Right", "Data Subject Right",
    "Active Right", "Passive Right", "Customer Management", "Legal Compliance",
}  # fmt: skip

PD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "EmailAddress": (r"e-?mail address(es)?",),
    "IPAddress": (r"ip address(es)?",),
    "TelephoneNumber": (r"(tele)?phone numbers?", r"mobile (phone )?numbers?"),
    "PaymentCard": (r"(credit|debit|payment|bank) card (details|information|data|numbers?)",),
    "BankAccount": (r"bank (account|details)",),
    "BrowsingBehaviour": (r"browsing (history|activity|behaviou?r|data)",),
    "Location": (r"(precise |approximate |gps |real-time )?(geo-?)?location( data| information)?",),
    "GPSCoordinate": (r"gps (coordinates|data)",),
    "DeviceBased": (r"device (information|identifiers?|data|ids?)",),
    "VoiceCommunicationRecording": (r"(voice|audio|call) recordings?", r"recordings? of (calls|your voice)"),
    "Biometric": (r"biometric( data| information| identifiers?)?", r"face (scans?|geometry)", r"facial recognition"),
    "Health": (r"health (data|information|records?)", r"medical (data|information|records?)"),
    "Contact": (r"contact (details|information|data)",),
    "PhysicalAddress": (r"(postal|delivery|home|shipping|billing) address(es)?",),
    "Picture": (r"(profile )?(photos?|photographs?|pictures?|images of you)",),
    "Purchase": (r"purchase (history|records?)", r"order (history|details)"),
    "SocialMedia": (r"social media (profiles?|accounts?|data|information)",),
    "Communication": (r"(messages|chats?|conversations|communications) (with|you send)", r"content of (your )?(messages|communications)"),
    "Financial": (r"financial (data|information|details)",),
    "Age": (r"date of birth", r"your age"),
    "OfficialID": (r"(government|national|official)[- ]id(entity)?( numbers?| documents?| cards?)?", r"identity documents?"),
    "Tracking": (r"cookies? identifiers?", r"advertising (ids?|identifiers?)"),
}  # fmt: skip
POLICY_DATA: dict[str, tuple[str, tuple[str, ...]]] = {
    "SearchQueries": ("Search queries", (r"search (terms|queries|history|keywords)",)),
    "UsageData": ("Usage data", (r"usage (data|information|logs?)", r"log (data|files)")),
    "ContentData": ("User content", (r"(user|customer)[- ]generated content", r"content (you|users) (upload|post|submit)\w*")),
    "Inferences": ("Inferences", (r"inferences?", r"inferred (data|information|interests)")),
}  # fmt: skip

PURPOSE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "DirectMarketing": (r"newsletters?", r"(marketing|promotional) (e-?mails?|communications|messages|materials|offers)", r"direct marketing"),
    "Advertising": (r"advertis(ing|ements?)", r"\bads\b"),
    "TargetedAdvertising": (r"(targeted|interest-based|behaviou?ral|personali[sz]ed) (ads|advertising|advertisements)", r"retargeting"),
    "ServiceUsageAnalytics": (r"(web |product |usage )?analytics",),
    "ResearchAndDevelopment": (r"research", r"develop(ing)? new (features|products|services)"),
    "FraudPreventionAndDetection": (r"(prevent|detect)\w*( \w+){0,2} fraud", r"fraud (prevention|detection)"),
    "Personalisation": (r"personali[sz](e|ed|ing|ation)",),
    "SellDataToThirdParties": (r"sell\w*( \w+){0,2} (personal )?(data|information)",),
    "IdentityVerification": (r"verify (your|their) identity", r"identity verification"),
    "DeliveryOfGoods": (r"deliver(y|ing)? (of )?(your )?(orders?|goods|parcels?)",),
    "PaymentManagement": (r"(process|processing) (your )?payments?", r"billing"),
    "CustomerCare": (r"customer (support|service|care)",),
    "Marketing": (r"marketing",),
}  # fmt: skip
POLICY_PURPOSES: dict[str, tuple[str, tuple[str, ...]]] = {
    "ModelTraining": ("Training machine-learning or AI models", (r"(train|training|improve)\w*( \w+){0,3} (machine[- ]learning|artificial intelligence|ai|language|generative) (models?|systems?)", r"machine[- ]learning", r"(generative )?ai[- ](generated|assisted|powered)")),
    "Profiling": ("Profiling", (r"profil(ing|es?)\b", r"(build|create|compile)\w* (an? )?(interest |advertising |marketing )?profiles?")),
    "Combining": ("Combining data from several sources", (r"combin\w+( \w+){0,4} (with|from) (other|third)",)),
    "LegalObligation": ("Legal obligations", (r"legal (obligations?|requirements?)", r"comply with (the )?(law|legal)")),
}  # fmt: skip

RIGHTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "gdpr:A15": ("Right of access", (r"(right (of|to) )access", r"access (to )?(the |your )?(personal )?(data|information)", r"(obtain|request|receive) a copy", r"right to know")),
    "gdpr:A16": ("Right to rectification", (r"rectif\w+", r"correct\w*( \w+){0,2} (inaccurate|incomplete|your)", r"right to correct")),
    "gdpr:A17": ("Right to erasure", (r"erasure", r"right to (be forgotten|delet\w+)", r"delet\w+ (of )?(your|the)( \w+){0,2} (data|information|account)")),
    "gdpr:A18": ("Right to restrict processing", (r"restrict(ion of)?( the)? processing", r"right to restrict\w*", r"limit the use of (your )?sensitive")),
    "gdpr:A20": ("Right to data portability", (r"portab\w+",)),
    "gdpr:A21": ("Right to object", (r"right to object", r"object to (the |our )?(processing|use)")),
    "gdpr:A22": ("Rights on automated decisions", (r"automated (individual )?decision",)),
    "gdpr:A7-3": ("Right to withdraw consent", (r"withdraw\w*( \w+){0,2} consent",)),
    "gdpr:A77": ("Right to complain to an authority", (r"(lodge|file|make|submit|bring)( \w+){0,3} complaint", r"right to complain")),
    "ccpa:OptOutSale": ("Right to opt out of sale or sharing", (r"opt[- ]?out of (the )?(sale|sell|sharing)", r"do not (sell|share) my")),
    "ccpa:NonDiscrimination": ("Right to non-discrimination", (r"non-?discrimination", r"not (be )?discriminat\w+")),
    "policy:MarketingOptOut": ("Opting out of marketing", (r"unsubscrib\w+", r"opt[- ]?out of (marketing|promotional|newsletters?|e-?mails?|communications)")),
    "policy:Appeal": ("Appealing a refused request", (r"appeal\w*", r"(ask|request) (us )?to (review|reconsider) (the|our|a) (decision|refusal)", r"review(ed)? (of )?(the|a|our) refus\w+")),
}  # fmt: skip
ROUTES: dict[str, tuple[str, tuple[str, ...]]] = {
    "route:Settings": ("In the account or privacy settings", (r"(account|privacy|communications?|app) settings", r"settings page", r"privacy (cent(re|er)|dashboard)")),
    "route:Form": ("A web form", (r"(web|online|request|privacy|contact|dsar) form", r"form (on|at) (our|the) (website|site|page)")),
    "route:Verification": ("An identity-verification step", (r"verif(y|ication)( \w+){0,2} (your |their |the requester's )?identity", r"verification (code|step|link|e-?mail)", r"confirm(ation)? (link|code|e-?mail)", r"confirm (the|your) request", r"proof of identity", r"identity (check|verification)")),
    "route:Agent": ("Through an authorised agent", (r"authori[sz]ed agents?",)),
    "route:GPC": ("Global Privacy Control signals", (r"global privacy control", r"\bgpc\b")),
    "route:DNT": ("Do Not Track signals", (r"do[- ]not[- ]track", r"\bdnt\b")),
    "route:Phone": ("By telephone", (r"toll-free", r"call us")),
    "route:Link": ("A link in each message", (r"(unsubscribe|opt-out) link", r"link (in|at the bottom of) (the|each|any|every|our) (e-?mails?|messages?)")),
    "route:Deadline": ("A time limit on requests", (r"within \d+ (days|months)",)),
}  # fmt: skip
RECIPIENT_CATEGORIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "dpv:DataProcessor": ("Processors and service providers", (r"(sub-?)?processors?", r"service providers?", r"vendors?")),
    "dpv:ThirdParty": ("Third parties", (r"third[- ]part(y|ies)",)),
    "policy:Affiliates": ("Affiliates and group companies", (r"affiliates?", r"group compan(y|ies)")),
    "policy:AdvertisingPartners": ("Advertising partners", (r"advertising (partners|networks|companies)", r"ad networks?")),
    "policy:AnalyticsProviders": ("Analytics providers", (r"analytics (providers|partners|services|companies)",)),
    "dpv:LawEnforcementOrganisation": ("Law enforcement and authorities", (r"law enforcement", r"(public|government(al)?|tax|regulatory) (authorities|agencies|bodies)", r"courts?")),
    "policy:DataBrokers": ("Data brokers", (r"data brokers?",)),
    "policy:Insurers": ("Insurers", (r"insurers?", r"insurance (companies|providers)")),
    "policy:Purchasers": ("A buyer of the business", (r"(purchasers?|buyers?|acquirers?|successors?)( of| in)?",)),
    "policy:Partners": ("Business partners", (r"(business|marketing|commercial) partners",)),
}  # fmt: skip


class ConceptSet:
    """Many concepts matched in one pass: one alternation of every surface form (longest
    first), then the concepts a matched phrase belongs to, looked up once per phrase."""

    def __init__(self, concepts: tuple[Concept, ...]):
        self.concepts = concepts
        self.by_id = {c.id: c for c in concepts}
        forms = sorted({f for c in concepts for f in _FORMS[c.id]}, key=lambda f: (-len(f), f))
        self.pattern = _alternation(forms) if forms else re.compile(r"(?!x)x")
        self._resolved: dict[str, tuple[Concept, ...]] = {}

    def find(self, text: str):
        """(concept, match) for each phrase of `text` naming a concept."""
        for match in self.pattern.finditer(text):
            phrase = match.group(0).casefold()
            concepts = self._resolved.get(phrase)
            if concepts is None:
                concepts = tuple(c for c in self.concepts if c.pattern.fullmatch(phrase))
                self._resolved[phrase] = concepts
            for concept in concepts:
                yield concept, match


_FORMS: dict[str, tuple[str, ...]] = {}
"""Surface forms of each concept id, kept to build combined alternations."""


def _concept(cid: str, label: str, forms) -> Concept:
    _FORMS[cid] = tuple(forms)
    return Concept(cid, label, _alternation(forms))


def _alternation(patterns) -> re.Pattern:
    return re.compile(
        r"(?<![\w-])(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?![\w])", re.IGNORECASE
    )


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
    for name in files:
        for row in _rows(name):
            label, term = row["label"], row["term"]
            forms = list(synonyms.get(term, ()))
            single = " " not in label.strip()
            if label not in _GENERAL_LABELS and (not single or label in _SPECIFIC_WORDS):
                forms.append(_label_form(label))
            if forms:
                concepts.append(_concept(f"{prefix}:{term}", label, forms))
    return concepts


def _listed(entries: dict[str, tuple[str, tuple[str, ...]]], prefix: str = "") -> list[Concept]:
    return [_concept(f"{prefix}{cid}", label, forms) for cid, (label, forms) in entries.items()]


@cache
def data_categories() -> tuple[Concept, ...]:
    return tuple(
        _from_modules(("pd_core.csv", "pd_extended.csv"), "pd", PD_SYNONYMS)
        + _listed(POLICY_DATA, "policy:")
    )


@cache
def purposes() -> tuple[Concept, ...]:
    return tuple(
        _from_modules(("dpv_purposes.csv",), "dpv", PURPOSE_SYNONYMS)
        + _listed(POLICY_PURPOSES, "policy:")
    )


@cache
def rights() -> tuple[Concept, ...]:
    labels = {f"gdpr:{row['term']}": row["label"] for row in _rows("legal_eu_gdpr_rights.csv")}
    return tuple(
        _concept(cid, labels.get(cid, label), forms) for cid, (label, forms) in RIGHTS.items()
    )


@cache
def routes() -> tuple[Concept, ...]:
    return tuple(_listed(ROUTES))


@cache
def recipient_categories() -> tuple[Concept, ...]:
    return tuple(_listed(RECIPIENT_CATEGORIES))


def extra(category: str, phrases: tuple[str, ...]) -> tuple[Concept, ...]:
    """Items a repository adds in policy.toml (`[classify.ID] items = [...]`)."""
    return tuple(_concept(f"custom:{category}:{p}", p, (p,)) for p in phrases)

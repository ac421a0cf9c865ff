"""Default vocabularies of the six major-change categories, as regular expressions.

Each category has three lists, all matched case-insensitively on whole words:

- `headings`: headings of the sections that speak of the category. In such a section, an added or
  removed paragraph that uses the category's words is evidence on its own.
- `terms`: words that are evidence wherever they are added or removed (an acquisition, a high-risk
  finding, a new right).
- `section_terms`: words that are evidence only inside the category's sections (in "Contact us",
  "team" or "department" name who handles complaints; elsewhere they mean nothing special).

`policy.toml` extends these lists per category (`[classify.sharing] terms = [...]`), so a verdict
that is wrong for a company's wording is fixed in configuration, not in code. The defaults fit
typical privacy policies and terms of service written in English.
"""

from __future__ import annotations

import re

VOCABULARY: dict[str, dict[str, tuple[str, ...]]] = {
    "purposes": {
        "headings": (
            r"collect\w*",
            r"gather\w*",
            r"(how|why) (we|(?!to\b)\w+) (use|process|hold|keep|need)\w*",
            r"use of (your )?(personal )?(data|information)",
            r"purposes?",
            r"(information|data) (we|that we|\w+) (collect|process|receive|hold|keep)\w*",
            r"(types|categories|kinds) of (personal )?(data|information)",
            r"information (you provide|from third|we receive)",
        ),
        "terms": (
            r"(we|us)( will| may| now| also| no longer| start to| begin to){0,2} (collect|gather|"
            r"obtain|record|capture|combine|infer|derive)\w*( \w+){0,6} (your|personal|precise|"
            r"sensitive|biometric|health|location|voice|audio|usage|device|data|information)\b",
            r"(sell|rent)( \w+){0,2} (your )?personal (data|information)",
        ),
        "section_terms": (
            r"collect\w*",
            r"gather\w*",
            r"obtain\w*",
            r"receive\w*",
            r"record\w*",
            r"we use",
            r"used? (it |this |them |this data |this information )?(to|for)",
            r"process\w*",
            r"information",
            r"data",
            r"advertis\w*",
            r"marketing",
            r"profil\w*",
            r"location",
            r"identifiers?",
            r"purposes?",
            r"(build|create|compile)\w* (an? )?(interest |advertising |marketing )?profiles?",
            r"linked (to|with) (your|the) account",
            r"(train|training|improve)\w*( \w+){0,3} (machine[- ]learning|artificial intelligence|"
            r"ai|language) (models?|systems?)",
            r"machine[- ]learning",
            r"geo-?location",
            r"precise location",
            r"biometric\w*",
            r"(voice|audio) (recordings?|commands?|data)",
            r"health (data|information)",
            r"usage records",
            r"support conversations",
        ),
    },
    "ownership": {
        "headings": (r"ownership", r"business transfers?", r"(merger|acquisition)s?"),
        "terms": (
            r"acquired by",
            r"acquisition of",
            r"(its|our|the) acquisition",
            r"(was|were|has been|have been|is being) acquired",
            r"merg(ed|er) (with|into)",
            r"took over",
            r"taken over",
            r"(?<!account )(?<!accounts )takeover",
            r"(became|becomes|become|is now|are now|now)( a| an| its| the)?( wholly[- ]owned)?"
            r" subsidiary",
            r"subsidiary of",
            r"parent (company|undertaking)",
            r"majority( \w+){0,3} (shares?|stake|interest|of (the |its |our )?(shares|share "
            r"capital|voting|equity|stock|directors|board|trustees|seats))",
            r"(majority|controlling) (shareholder|owner)",
            r"(is|are|now) owned by",
            r"change of (control|ownership)",
            r"investment fund",
            r"bankrupt\w*",
            r"insolven\w*",
            r"chapter 11",
            r"receivership",
            r"liquidat\w*",
            r"(voluntary )?petition for reorgani[sz]ation",
            r"(restructuring|reconstruction|rescue) proceedings?",
            r"spin-?off",
            r"divest\w*",
            r"part of the( \w+){1,3} group",
            r"business adjustment",
            r"(new|different) operating (company|entity)",
        ),
        "section_terms": (r"owner\w*", r"acqui\w*", r"merg\w*"),
    },
    "sharing": {
        "headings": (
            r"shar(e|ed|es|ing)",
            r"third[- ]part(y|ies)",
            r"vendors?",
            r"disclos\w*",
            r"transfer\w*",
            r"recipients?",
            r"(sub-?)?processors?",
            r"service providers?",
            r"entrust\w*",
            r"outsourc\w*",
            r"international",
            r"who (receives|gets|can see|has access to)",
            r"receiv\w* (your |the |personal )*(data|information)",
        ),
        "terms": (
            r"(we|our company)( \w+){0,2} (no longer|stopped|stop|started|now|also|will|may) "
            r"(share|sharing|disclose|disclosing|sell|selling|transfer|transferring)\w*",
            r"(?<![\"“‘'])(stopped|stop|started|start|no longer) (shar|disclos|sell|transferr)\w*",
            r"(may|will|can) be (transferred|disclosed|sold|shared) to",
            r"purchaser of our assets",
            r"(permit|allow|authori[sz]e|enable)\w*( our| its| \w+)? (partners|third parties|"
            r"affiliates|service providers|vendors) to",
        ),
        "section_terms": (
            r"shar(e|ed|es|ing)",
            r"disclos\w*",
            r"transferr?\w*",
            r"affiliates?",
            r"third[- ]part(y|ies)",
            r"(service |business )?partners?",
            r"(service )?providers?",
            r"(sub-?)?processors?",
            r"vendors?",
            r"recipients?",
            r"purchasers?",
            r"buyers?",
            r"companies",
            r"organi[sz]ations",
            r"data cent(er|re)s?",
            r"servers?",
        ),
    },
    "rights": {
        "headings": (
            r"(your )?rights",
            r"(your )?choices",
            r"manag\w*( your)?",
            r"opt[- ]?(out|in)",
            r"do not track",
            r"unsubscrib\w*",
            r"(your )?preferences",
            r"control\w* (your|over)",
            r"access(ing)?,? (and |or )?(rectif|correct|updat|delet)\w*",
            r"delet\w* your",
            r"review, manage",
        ),
        "terms": (
            r"opt(ed|ing)?[- ]?(out|in)",
            r"unsubscrib\w*",
            r"withdraw\w*( \w+){0,2} consent",
            r"(you|your|users?|individuals|data subjects|consumers|residents)( \w+){0,3}"
            r" rights? (not )?to( \w+){0,2} (access|rectif|correct|delet|eras|port|restrict|object|"
            r"withdraw|opt|know|be informed|be forgotten|non-discrimination|"
            r"be subject|obtain|receive|request|have)\w*",
            r"(your|users'?|individuals'?|data subjects'?) rights? (of|to) (access|rectification|"
            r"erasure|deletion|portability|restriction|objection)",
            r"rights? of (access|rectification|erasure|portability|restriction|objection)",
            r"data portability",
            r"erasure",
            r"rectif\w*",
            r"restrict(ion of)? (our )?processing",
            r"object (to|at any time)",
            r"automated (individual )?decision",
            r"global privacy control",
            r"do not (sell|share) (my|requests?)",
            r"delet\w* (of )?your account",
            r"(account|privacy|communications?) settings( page)?",
            r"settings page",
            r"verify your identity",
            r"(written|verifiable|deletion|access) requests?",
            r"(submit|send|make)( \w+){0,2} requests?",
            r"condition of (holding|having|using)",
        ),
        "section_terms": (
            r"rights?",
            r"requests?",
            r"access\w*",
            r"delet\w*",
            r"remov\w*",
            r"correct\w*",
            r"updat\w*",
            r"object\w*",
            r"consent",
            r"settings",
            r"signals?",
            r"opt\w*",
            r"choices?",
            r"exercis\w*",
            r"honou?r\w*",
        ),
    },
    "contacts": {
        "headings": (
            r"contact\w*",
            r"complaints?",
            r"questions",
            r"reach us",
            r"data protection officer",
            r"dpo",
            r"representatives?",
            r"get in touch",
        ),
        "terms": (
            r"data protection officer",
            r"dpo",
            r"privacy (officer|office|team|department|committee)",
            r"(eu|uk|european union|our) representative",
            r"representative in the",
            r"supervisory authority",
            r"data protection authority",
            r"(lodge|file|submit|make)( \w+){0,3} complaint",
            r"complaints? (form|channel|procedure|process|portal)",
            r"escalat\w*",
        ),
        "section_terms": (
            r"contact\w*",
            r"e-?mail",
            r"address",
            r"phone",
            r"telephone",
            r"write to",
            r"team",
            r"department",
            r"committee",
            r"officer",
            r"customer (service|support|care)",
            r"complain\w*",
            r"handl\w*",
            r"respond\w*",
            r"form",
        ),
    },
    "high_risk": {
        "headings": (r"(impact|risk) assessments?", r"data breach\w*"),
        "terms": (
            r"(high|significant|serious|severe|elevated|substantial) risks?(?![- ](scores?|"
            r"ratings?|profiles?|accounts?|users?|customers?|players?|members?|transactions?|"
            r"payments?|merchants?|countries|jurisdictions?))",
            r"(rate[sd]?|assess(es|ed)?|class(es|ed)|classifie[sd]|judge[sd]?|score[sd]?|"
            r"grade[sd]?)( \w+){0,12} as (a )?(high|significant|serious|severe)",
            r"(impact|risk) assessments?( \w+){0,6} (identified|found|rated|concluded|revealed)",
            r"(dpia|pia)s?",
            r"(personal )?data breach\w*",
            r"security (breach|incident)\w*",
        ),
        "section_terms": (r"risks?", r"assessments?", r"breach\w*", r"incidents?"),
    },
}

OWN_USE = "policy:RecipientsOwnUse"
"""The purpose (forms.toml) of a recipient that uses data for its own ends: the inventory
reads its polarity from the words just before it, and it is new however it is said."""

EDITORIAL_KEEP = frozenset(
    {"not", "no", "never", "nor", "only", "all", "any", "none", "without", "unless", "except"}
)
"""Short words whose insertion or removal changes the meaning, never a grammar fix."""

WORD = re.compile(r"[\w’'-]+")
"""A word as the classifier counts it: letters, digits, apostrophes and hyphens."""


def stem(word: str) -> str:
    """Crude stem, enough to see `receive` and `receiving` as the same word."""
    word = word.casefold()
    return word[:6] if len(word) > 6 else word


STOPWORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "and",
        "or",
        "as",
        "is",
        "are",
        "be",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "our",
        "your",
        "we",
        "you",
    }
)
"""Words whose insertion or removal alone is grammar, not meaning."""

ORGANISATION_SUFFIXES = (
    r"S\.A\. de C\.V\.",
    r"sp\. z o\.o\.",
    r"S\.r\.l\.",
    r"S\.R\.L\.",
    r"SRL",
    r"Srl",
    r"S\.L\.U?\.?",
    r"OÜ",
    r"ASA",
    r"AS",
    r"Lda\.?",
    r"Ltda\.?",
    r"BV",
    r"NV",
    r"d\.o\.o\.",
    r"s\.r\.o\.",
    r"a\.s\.",
    r"Sdn\.? Bhd\.?",
    r"Bhd\.?",
    r"Plc",
    r"ULC",
    r"UAB",
    r"SIA",
    r"SpA",
    r"e\.V\.",
    r"CIC",
    r"Pty\.?(?: Ltd\.?)?",
    r"Kft\.",
    r"Zrt\.",
    r"KG",
    r"K\.K\.",
    r"Oyj",
    r"Inc\.?",
    r"LLC\.?",
    r"L\.L\.C\.",
    r"Ltd\.?",
    r"Limited",
    r"GmbH",
    r"AG",
    r"AB",
    r"SE",
    r"S\.A\.",
    r"SA",
    r"SAS",
    r"SARL",
    r"S\.à r\.l\.",
    r"B\.V\.",
    r"N\.V\.",
    r"PLC",
    r"plc",
    r"Corp\.?",
    r"Corporation",
    r"Co\.",
    r"Pte\.?",
    r"L\.P\.",
    r"LLP",
    r"Group",
    r"Holdings?",
    r"KK",
    r"S\.p\.A\.",
    r"Oy",
    r"A/S",
    r"ApS",
)
"""Legal forms that end a company's name, in the abbreviations of many countries (the entity
legal forms of ISO 20275 that policies use most: "sp. z o.o.", "S.r.l.", "OÜ", "Lda.", "Sdn.
Bhd."). Longer forms come first, so that "S.A. de C.V." is read whole."""

_COMMON_CAPITALISED = """
    Account Accounts App Apps Application Applications Site Sites Service Services Product Products
    Policy Policies Privacy Statement Notice Terms Agreement Information Data Personal Content User
    Users Website Websites Section Sections Article Articles Regulation General Protection Officer
    Cookie Cookies Table Contents Overview Summary Effective Date Last Updated Version Note Notice
    Customer Customers Support Team Department Committee Company Companies Email Address Phone
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Short Long Definitions Changes
    Please Our We You Your They Their This These That Those If When Where Which While With Without
    For From In On At By To Of As An A The And Or But Not No Any All Each Every Some Such Other
    Since Until After Before Following Unless Also However Furthermore Additionally Therefore
    Yes Unsubscribe Legal Law Laws Rights Right Request Requests Settings Third Party Parties
    Partner Partners Provider Providers Processor Processors Business Businesses
    Affiliate Affiliates
    Except Description Type Name Purpose Purposes Expiration Duration Category Categories Example
    Examples Note Notes Important Key Optional Required Contact Questions Yes No None
    Whenever Wherever Whatever Although Though Because Whether Both Either Neither Many Most
    Several Certain Only Here There Now Then Thus Hence Once Under Over Within Between During
    Through Via Per Dr Mr Mrs Ms Prof Sir Dame Besides Apart Aside Beyond Unlike Further
"""
COMMON_CAPITALISED = frozenset(_COMMON_CAPITALISED.split())
"""Capitalised words that are ordinary policy vocabulary, never names of organisations."""

COUNTRIES = (
    r"European Economic Area",
    r"EEA",
    r"European Union",
    r"EU",
    r"United Kingdom",
    r"UK",
    r"United States( of America)?",
    r"USA",
    r"U\.S\.",
    r"Switzerland",
    r"Germany",
    r"France",
    r"Ireland",
    r"Netherlands",
    r"Belgium",
    r"Luxembourg",
    r"Sweden",
    r"Norway",
    r"Denmark",
    r"Finland",
    r"Iceland",
    r"Spain",
    r"Portugal",
    r"Italy",
    r"Austria",
    r"Poland",
    r"Czech Republic",
    r"Czechia",
    r"Hungary",
    r"Romania",
    r"Bulgaria",
    r"Greece",
    r"Cyprus",
    r"Malta",
    r"Estonia",
    r"Latvia",
    r"Lithuania",
    r"Croatia",
    r"Slovenia",
    r"Slovakia",
    r"Canada",
    r"Mexico",
    r"Brazil",
    r"Argentina",
    r"Chile",
    r"Colombia",
    r"China",
    r"Hong Kong",
    r"Taiwan",
    r"Japan",
    r"South Korea",
    r"Korea",
    r"Singapore",
    r"India",
    r"Indonesia",
    r"Malaysia",
    r"Thailand",
    r"Vietnam",
    r"Philippines",
    r"Australia",
    r"New Zealand",
    r"Israel",
    r"Turkey",
    r"Türkiye",
    r"Russia",
    r"Ukraine",
    r"South Africa",
    r"Nigeria",
    r"Kenya",
    r"Egypt",
    r"United Arab Emirates",
    r"UAE",
    r"Saudi Arabia",
    r"Tunisia",
    r"Morocco",
    r"Algeria",
    r"Ghana",
    r"Ethiopia",
    r"Tanzania",
    r"Uganda",
    r"Rwanda",
    r"Mauritius",
    r"Senegal",
    r"Peru",
    r"Uruguay",
    r"Paraguay",
    r"Ecuador",
    r"Bolivia",
    r"Venezuela",
    r"Costa Rica",
    r"Panama",
    r"Guatemala",
    r"Dominican Republic",
    r"Jamaica",
    r"Pakistan",
    r"Bangladesh",
    r"Sri Lanka",
    r"Nepal",
    r"Cambodia",
    r"Myanmar",
    r"Mongolia",
    r"Kazakhstan",
    r"Uzbekistan",
    r"Armenia",
    r"Serbia",
    r"Bosnia and Herzegovina",
    r"North Macedonia",
    r"Albania",
    r"Montenegro",
    r"Kosovo",
    r"Moldova",
    r"Belarus",
    r"Liechtenstein",
    r"Monaco",
    r"Andorra",
    r"San Marino",
    r"Qatar",
    r"Bahrain",
    r"Kuwait",
    r"Oman",
    r"Lebanon",
    r"Frankfurt",
    r"Dublin",
    r"Amsterdam",
    r"London",
    r"Paris",
    r"Stockholm",
    r"Virginia",
    r"Oregon",
    r"California",
)
"""Countries, regions and common data-centre locations: a new one where data is stored or
transferred is a change of recipient under section 8(3)."""

CONTACT_URL = (
    r"(contact|complain|dpo|data-?protection|privacy-?(request|form|inquir|office|cent)|"
    r"(request|complaint)-?form|gdpr|ccpa|dsar|mailto:)"
)
"""A URL whose address says it is a contact or complaint channel."""

_COUNTRY_GROUPS = {
    "eu": ("European Union", "EU"),
    "eea": ("European Economic Area", "EEA"),
    "uk": ("United Kingdom", "UK", "Great Britain"),
    "us": ("United States of America", "United States", "USA", "U.S.", "U.S.A.", "US"),
    "uae": ("United Arab Emirates", "UAE"),
    "korea": ("South Korea", "Korea"),
    "czechia": ("Czech Republic", "Czechia"),
    "turkey": ("Turkey", "Türkiye"),
}
COUNTRY_KEYS: dict[str, str] = {
    **{
        name.replace("\\", ""): name.replace("\\", "").casefold()
        for name in COUNTRIES
        if "(" not in name and "\\." not in name
    },
    **{form: key for key, forms in _COUNTRY_GROUPS.items() for form in forms},
}
"""Country and region names as written → one key per place (`U.S.` and `United States` are the
same place of storage or transfer)."""

AUTHORITY_NAMES = (
    r"ICO",
    r"CNIL",
    r"ANPD",
    r"AEPD",
    r"EDPB",
    r"EDPS",
    r"BfDI",
    r"CNPD",
    r"DPC",
    r"OAIC",
    r"PDPC",
    r"OPC",
    r"FDPIC",
    r"EDÖB",
    r"PIPC",
    r"Garante",
    r"Datatilsynet",
    r"Datainspektionen",
    r"Integritetsskyddsmyndigheten",
    r"IMY",
    r"Autoriteit Persoonsgegevens",
    r"Agencia Española de Protección de Datos",
    r"Commission [Nn]ationale de l['’]informatique et des libertés",
    r"Autoridade Nacional de Proteção de Dados",
    r"California Privacy Protection Agency",
    r"Federal Trade Commission",
    r"FTC",
    r"(?:[A-Z][a-z]+ )?State Attorney General",
    r"Attorney General",
)
"""Data-protection supervisory authorities (and consumer-protection bodies users complain to)
that policies name by their own or short name; a changed one is a changed complaint channel."""

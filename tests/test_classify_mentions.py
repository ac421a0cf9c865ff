"""A company, a place or a number merely mentioned is not an item: each phenomenon on sentences
written for this test (never a corpus sentence, never a real organisation's name).

- a recipient needs a statement that personal data goes to it or is processed by it (share
  with, processed by, hosted by, we use, a row or entry of a recipients list), and a negation
  cancels it;
- a country is a destination, not where the reader lives;
- a postal address is a contact channel when it is offered as one;
- a registration or tax number is not a phone number;
- a new use stated without "collect" or "use" ("helps us to personalise") is a purpose;
- an ownership event is the controller's own: data merged, or a vendor or customer acquired,
  changes no owner.
"""

from __future__ import annotations

from policy.classify.engine import classify_diff
from policy.classify.inventory import polarity
from policy.classify.rules import compile_rules
from policy.diff.engine import compare
from policy.document import parse_document
from policy.versions.levels import Level

FRONT = "---\ntitle: Privacy Notice\nslug: privacy-notice\neffective_date: 2026-01-01\n---\n"
INTRO = "# Privacy Notice\n\nThis notice explains how Quillmark handles information.\n\n"
ABOUT = "## How the service works\n\nWe run the service from our own offices.\n\n"
SHARING = (
    "## Who receives your data\n\n"
    "We share account data with the processors below, who act on our instructions.\n\n"
)
CONTACT = "## Contact us\n\nQuestions about this notice are welcome.\n\n"


def classify(old_body: str, new_body: str):
    return classify_diff(
        compare(parse_document(FRONT + old_body), parse_document(FRONT + new_body))
    )


def recipients(sentence: str, heading: str = "How the service works") -> set[str]:
    extractor = compile_rules().extractor().fresh()
    found = extractor.items(sentence, ("Privacy Notice", heading))
    return {i.key for i in found if (i.category, i.kind) == ("sharing", "organisation")}


# -- a recipient is named as one --------------------------------------------------------------


def test_a_company_that_receives_data_is_a_recipient():
    """Phrasings that say data goes to a company or is handled by it."""
    for sentence in (
        "We share your delivery address with Parcelwise Ltd so it can bring your order.",
        "We share with Parcelwise.",
        "Card payments are processed by Tillbrook Payments on our behalf.",
        "Your uploaded files are hosted by Nimbusfold in its data centres.",
        "We use Gaugewell to measure how visitors move through our pages.",
        "Lanternly, our e-mail provider, sends the newsletter you subscribe to.",
        "Ferrowind stores the recordings of support calls.",
    ):
        assert recipients(sentence), sentence


def test_a_company_merely_mentioned_is_not_a_recipient():
    """Phenomena: a tool's maker, a protocol, code hosting with no personal data, an example
    of a sign-in provider's brand, the company that operates the service itself."""
    for sentence in (
        "Our own source code is kept on Repohaven for the most part.",
        "Traffic to the site is encrypted with Secure Relay Protocol version 3.",
        "The app is operated by Quillmark Software GmbH.",
        "Our logo was drawn with Inkwise Studio.",
        "Data Handling Agreements (DHAs) are in place where needed.",
    ):
        assert not recipients(sentence), sentence


def test_a_negation_cancels_the_recipient():
    """Phenomenon: the sentence says no data goes to the company; only the clause it
    negates is cancelled ("..., but")."""
    assert not recipients("No personal data is shared with Gaugewell.")
    assert not recipients("Gaugewell does not receive any of your personal data.")
    assert recipients("We do not share your data with Gaugewell without your consent.")
    found = recipients("We share your order data with Parcelwise, but not with Gaugewell.")
    assert found == {"parcelwise"}


def test_entries_of_a_recipients_list_are_recipients():
    """Phenomenon: in a section about recipients, list entries name them whichever side of the
    colon the name stands on."""
    heading = "Who receives your data"
    assert recipients("fraud screening: Vigilo Analytics Ltd;", heading) == {"vigilo"}
    assert recipients("Vigilo Analytics Ltd: fraud screening", heading) == {"vigilo"}


def test_a_possessive_names_the_same_recipient():
    found = recipients("Card data is processed by Tillbrook under Tillbrook’s terms.")
    assert found == {"tillbrook"}


def test_a_term_defined_in_quotes_is_not_a_recipient():
    sentence = (
        'We rely on the model clauses for processors ("Model Clauses") when Nimbusfold stores '
        "your files."
    )
    assert recipients(sentence) == {"nimbusfold"}


def test_a_tool_maker_named_in_passing_is_minor():
    """End to end: a sentence naming who made a tool, with no personal data, is no new
    recipient."""
    old = INTRO + ABOUT + "Our status page shows planned maintenance.\n"
    new = INTRO + ABOUT + "Our status page, built with Pagewright, shows planned maintenance.\n"
    result = classify(old, new)
    assert "sharing" not in result.category_ids
    new = INTRO + ABOUT + "We share your e-mail address with Pagewright to send status alerts.\n"
    assert classify(old, new).category_ids == ("sharing",)


def test_a_company_named_under_a_negation_is_not_a_new_recipient():
    """Outside a section about recipients (where any new wording about sharing is a change in
    what users are told), a sentence saying no data goes to a company adds no recipient."""
    old = INTRO + ABOUT + "Our status page shows planned maintenance.\n"
    new = old + "\nNo personal data is shared with Gaugewell, which runs the status page.\n"
    result = classify(old, new)
    assert not [e for c in result.categories for e in c.evidence if e.item == "Gaugewell"]
    assert "sharing" not in result.category_ids


# -- countries ------------------------------------------------------------------------------


def test_where_the_reader_lives_is_not_a_destination():
    extractor = compile_rules().extractor().fresh()
    path = ("Privacy Notice", "International transfers")
    lives = extractor.items("If you are located in Canada, these terms apply to you.", path)
    assert not [i for i in lives if i.kind == "country"]
    goes = extractor.items("We transfer your account data to Canada.", path)
    assert [i.key for i in goes if i.kind == "country"]


# -- contact channels -----------------------------------------------------------------------


def test_an_address_offered_for_contact_is_a_channel_and_one_in_passing_is_not():
    extractor = compile_rules().extractor().fresh()
    path = ("Privacy Notice", "How the service works")
    offered = extractor.items("You can write to us at 12 Harbour Street, Eastport.", path)
    assert [i for i in offered if i.kind == "postal"]
    passing = extractor.items(
        "Sign-in uses accounts run by Gatekeep Corp, 40 Mill Road, Westford, for your login.",
        path,
    )
    assert not [i for i in passing if i.kind == "postal"]
    in_contact = extractor.items("12 Harbour Street, Eastport", ("Privacy Notice", "Contact us"))
    assert [i for i in in_contact if i.kind == "postal"]


def test_a_registration_number_is_not_a_phone_number():
    extractor = compile_rules().extractor().fresh()
    path = ("Privacy Notice", "Contact us")
    for sentence in (
        "Quillmark Ltd is registered under company number 0812 4471 93.",
        "Our tax ID is 41.822.519/0001-30.",
    ):
        assert not [i for i in extractor.items(sentence, path) if i.kind == "phone"], sentence
    phone = extractor.items("Call us on +44 20 7946 0321 on weekdays.", path)
    assert [i.key for i in phone if i.kind == "phone"] == ["442079460321"]


def test_a_changed_registration_number_is_not_a_new_contact():
    old = INTRO + CONTACT + "Quillmark Ltd, company number 0812 4471 93, runs the service.\n"
    new = INTRO + CONTACT + "Quillmark Ltd, company number 0977 1502 11, runs the service.\n"
    result = classify(old, new)
    assert "contacts" not in result.category_ids
    assert result.level is not Level.MAJOR or result.category_ids


def test_negation_keeps_its_polarity():
    assert polarity("No personal data is shared with Gaugewell.") == "never"


# -- purposes stated without "collect" or "use" ---------------------------------------------

SUPPORT = INTRO + "## Support\n\nWe keep your support tickets for two years.\n"


def test_a_new_use_stated_without_collect_or_use_words_is_a_new_purpose():
    """Phenomena: "we analyse X to train ...", "X helps us to personalise ..."."""
    for added in (
        "We analyse your tickets to train the models behind our reply suggestions.",
        "Your ticket history helps us to personalise the help articles you see.",
    ):
        result = classify(SUPPORT, SUPPORT.replace("two years.", "two years. " + added))
        assert result.category_ids == ("purposes",), added
        assert result.categories[0].evidence[0].rule == "purposes.purpose"


def test_a_purpose_the_reader_pursues_is_not_a_purpose_of_the_policy():
    """Terms that forbid the reader a use (no "we", "us" or "our") state no purpose of ours:
    at most a question, never an automatic major verdict."""
    added = "Visitors who copy the help centre to train models must ask first."
    result = classify(SUPPORT, SUPPORT.replace("two years.", "two years. " + added))
    assert result.level is Level.MINOR


# -- ownership events happen to the controller ----------------------------------------------


def events(sentence: str) -> list[str]:
    extractor = compile_rules().extractor().fresh(own_names=frozenset({"quillmark"}))
    found = extractor.items(sentence, ("Privacy Notice", "How the service works"))
    return [i.key for i in found if (i.category, i.kind) == ("ownership", "event")]


def test_an_event_of_the_company_itself_is_an_ownership_event():
    for sentence in (
        "We were acquired by Brightholm Holdings in March.",
        "Quillmark Ltd is now a subsidiary of Brightholm Holdings.",
        "Our company merged with Tarnwell Systems on 1 May.",
        "Quillmark entered administration on 2 June.",
    ):
        assert events(sentence), sentence


def test_data_merged_is_no_ownership_event():
    """Phenomenon: "merged with" or "acquisition of" whose object is data."""
    for sentence in (
        "Your usage statistics will not be merged with other customer data.",
        "Survey answers are merged with your account records once a month.",
    ):
        assert not events(sentence), sentence


def test_another_companys_acquisition_is_no_ownership_event():
    """Phenomenon: the event happens to a vendor, a processor, a partner, a customer or the
    reader's employer, not to the controller."""
    for sentence in (
        "Our payment provider, Tillbrook Payments, was acquired by Ferrowind Group in 2025.",
        "If your employer merges with another company, your workspace moves with it.",
        "Gaugewell, one of our analytics vendors, is now owned by Brightholm Holdings.",
    ):
        assert not events(sentence), sentence


def test_a_vendors_acquisition_is_not_an_ownership_change():
    """End to end: the sentence about a vendor's new owner is no ownership change (the word
    detector agrees with the inventory)."""
    old = INTRO + ABOUT
    new = old + "Our hosting provider, Nimbusfold, was acquired by Brightholm Holdings.\n"
    assert "ownership" not in classify(old, new).category_ids
    new = old + "Quillmark was acquired by Brightholm Holdings on 1 March 2026.\n"
    assert "ownership" in classify(old, new).category_ids


# -- a collection list gains an entry ---------------------------------------------------------


def test_a_data_category_added_to_a_collection_list_is_a_new_data_category():
    """Phenomenon: an entry added to the list of what we collect ("..., and the search terms
    you type") names a new kind of data: the list gained it."""
    old = INTRO + "## Usage data\n\nWe automatically collect your IP address and browser type.\n"
    new = old.replace("browser type.", "browser type and the search terms you type.")
    result = classify(old, new)
    assert result.category_ids == ("purposes",)
    assert result.categories[0].evidence[0].item == "Search queries"


def test_a_collection_list_reworded_around_the_same_entries_gains_nothing():
    """The same entries in other words, or a data category named outside what we collect
    ("you can clear your search terms"), is no new kind of data collected."""
    old = INTRO + "## Usage data\n\nWe automatically collect your IP address and browser type.\n"
    reworded = old.replace(
        "We automatically collect your IP address and browser type.",
        "When you visit, we automatically record the IP address and the browser type you use.",
    )
    assert "purposes" not in classify(old, reworded).category_ids
    aside = old.replace(
        "browser type.", "browser type. You can clear your search terms at any time."
    )
    assert classify(old, aside).level != "major"

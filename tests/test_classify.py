"""The classifier on hand-written changes: one or more tests per category and per editorial trap.

Every case is checked in both directions: adding a recipient and removing one are both major,
and a typo fix stays editorial whichever side has the typo.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy.classify.engine import classify_diff
from policy.classify.model import Classification
from policy.classify.overrides import apply_override
from policy.diff.engine import compare
from policy.document import parse_document
from policy.versions.levels import Level

HEAD = "---\ntitle: Privacy Policy\nslug: privacy-policy\neffective_date: 2026-01-01\n---\n\n"

BASE = """# Privacy Policy

This Privacy Policy applies to Soocas LLC. and explains how we handle your data.

## 1. How we collect and use your personal data

- Account Information: we collect your email address and nickname to create your Account.
- Order Information: we use a third-party payment processor (currently PayPal) to take payments.
- Log Files: we gather IP addresses and browser type to analyze trends.

## 2. Cookies

We use cookies to remember your preferences.

## 3. How we share your personal information

3.1 Sharing with Affiliates: your information may be shared within Soocas affiliates
only for explicit and legitimate purposes.

3.2 Sharing Pursuant to Laws: we may release your information to comply with the law.

## 4. How we store and protect your personal information

We use a secure server and encrypt payment information in transit.

We keep order records for as long as the law requires.

## 5. Your rights

You may access, correct or delete your personal data.

- Deleting your Account: you may delete your Account on your Account settings page.

## 6. Links to other websites

We may link to third-party websites. Their own privacy policies apply.

## 7. Contact us

If you have questions, please contact us at the address below.

Email: info@soocas.com
"""


def classify(old: str, new: str) -> Classification:
    return classify_diff(compare(parse_document(HEAD + old), parse_document(HEAD + new)))


def both_ways(old: str, new: str) -> list[Classification]:
    return [classify(old, new), classify(new, old)]


def edit(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new)


def assert_major(new: str, *categories: str) -> None:
    for result in both_ways(BASE, new):
        assert result.level is Level.MAJOR
        assert result.category_ids == categories
        for finding in result.categories:
            assert finding.evidence and all(e.reason for e in finding.evidence)


def assert_level(new: str, level: Level) -> None:
    for result in both_ways(BASE, new):
        assert (result.level, result.category_ids) == (level, ())


# -- purposes -----------------------------------------------------------------------------------


def test_new_data_type_collected_is_purposes():
    assert_major(
        edit(
            "- Log Files:",
            "- Location: we collect the precise location of your device to show nearby shops.\n"
            "- Log Files:",
        ),
        "purposes",
    )


def test_data_newly_linked_to_profile_is_purposes():
    assert_major(
        edit("to analyze trends.", "to analyze trends and build an interest profile."),
        "purposes",
    )


def test_first_person_collection_outside_the_collection_sections_is_purposes():
    assert_major(
        edit(
            "We use cookies to remember your preferences.",
            "We use cookies to remember your preferences. We now collect your browsing "
            "history across other websites.",
        ),
        "purposes",
    )


# -- ownership ----------------------------------------------------------------------------------


def test_acquisition_is_ownership_not_sharing():
    assert_major(
        edit(
            "# Privacy Policy\n",
            "# Privacy Policy\n\n> On 1 March 2026 Soocas LLC. was acquired by Halvorsen "
            "Brands Inc.\n",
        ),
        "ownership",
    )


def test_hypothetical_merger_clause_is_not_ownership():
    result = classify(
        BASE,
        edit(
            "3.2 Sharing Pursuant to Laws:",
            "3.3 Business transfers: if we are involved in a merger or acquisition, your "
            "information may be transferred to the buyer.\n\n3.2 Sharing Pursuant to Laws:",
        ),
    )
    assert result.category_ids == ("sharing",)


def test_bankruptcy_is_ownership():
    assert_major(
        edit(
            "We keep order records",
            "Soocas LLC. filed for bankruptcy under Chapter 11 in 2026. We keep order records",
        ),
        "ownership",
    )


# -- sharing ------------------------------------------------------------------------------------


def test_payment_processor_swap_is_sharing():
    assert_major(edit("(currently PayPal)", "(currently Stripe)"), "sharing")


def test_removed_sharing_clause_is_sharing():
    assert_major(
        edit(
            "3.1 Sharing with Affiliates: your information may be shared within Soocas "
            "affiliates\nonly for explicit and legitimate purposes.\n\n",
            "",
        ),
        "sharing",
    )


def test_new_storage_country_and_operator_is_sharing():
    assert_major(
        edit(
            "We keep order records",
            "Your data is stored in data centres in Frankfurt, Germany, operated on our behalf "
            "by Amazon Web Services EMEA SARL. We keep order records",
        ),
        "sharing",
    )


def test_new_cookie_provider_in_a_table_is_sharing():
    table = (
        "We use cookies to remember your preferences.\n\n"
        "| Provider | Cookie | Purpose |\n| --- | --- | --- |\n"
        "| Soocas | session | Keeps you logged in |\n"
    )
    old = edit("We use cookies to remember your preferences.\n", table)
    new = old.replace(
        "| Soocas | session | Keeps you logged in |\n",
        "| Soocas | session | Keeps you logged in |\n"
        "| HockeyStack | hs_track | Used for analytics to track visits |\n",
    )
    for result in both_ways(old, new):
        assert result.category_ids == ("sharing",)
    first_party = old.replace(
        "| Soocas | session | Keeps you logged in |\n",
        "| Soocas | session | Keeps you logged in |\n| Soocas | csrf | Checks a form |\n",
    )
    assert classify(old, first_party).level is Level.MINOR


# -- rights -------------------------------------------------------------------------------------


def test_removed_self_service_deletion_is_rights():
    assert_major(
        edit(
            "\n- Deleting your Account: you may delete your Account on your Account settings "
            "page.\n",
            "\n",
        ),
        "rights",
    )


def test_new_way_to_exercise_a_right_is_rights():
    assert_major(
        edit(
            "on your Account settings page.",
            "by sending a written request; we will verify your identity within 30 days.",
        ),
        "rights",
    )


def test_new_right_is_rights():
    assert_major(
        edit(
            "You may access, correct or delete your personal data.",
            "You may access, correct or delete your personal data. You also have the right "
            "to object to automated decision-making.",
        ),
        "rights",
    )


def test_company_right_to_access_is_not_a_user_right():
    result = classify(
        BASE,
        edit(
            "We keep order records for as long as the law requires.",
            "We keep order records for as long as the law requires. We have the right to "
            "access them for audits.",
        ),
    )
    assert (result.level, result.category_ids) == (Level.MINOR, ())


# -- contacts -----------------------------------------------------------------------------------


def test_changed_privacy_email_is_contacts():
    assert_major(edit("info@soocas.com", "privacy@soocas.com"), "contacts")


def test_new_dpo_and_postal_address_are_contacts():
    assert_major(
        edit(
            "Email: info@soocas.com\n",
            "Email: info@soocas.com\n\nData Protection Officer: dpo@soocas.com\n\n"
            "Postal address: 18F, Block A, Harbour Tower, Nanshan District, Shenzhen 518000\n",
        ),
        "contacts",
    )


def test_new_complaint_page_is_contacts():
    assert_major(
        edit(
            "Email: info@soocas.com\n",
            "Email: info@soocas.com\n\nYou can also submit a complaint through our form at "
            "https://soocas.com/privacy-complaint.\n",
        ),
        "contacts",
    )


def test_responsible_department_change_is_contacts():
    assert_major(
        edit(
            "If you have questions, please contact us",
            "If you have questions, our Data Protection Officer handles them; please contact us",
        ),
        "contacts",
    )


def test_existing_address_mentioned_elsewhere_is_not_a_new_contact():
    result = classify(
        BASE,
        edit(
            "You may access, correct or delete your personal data.",
            "You may access, correct or delete your personal data by writing to info@soocas.com.",
        ),
    )
    assert "contacts" not in result.category_ids


# -- high risk ----------------------------------------------------------------------------------


def test_impact_assessment_finding_is_high_risk():
    assert_major(
        edit(
            "We keep order records",
            "Our 2026 impact assessment rated the storage of call recordings as a high risk. "
            "We keep order records",
        ),
        "high_risk",
    )


def test_security_measures_without_a_risk_finding_are_minor():
    assert_level(
        edit("encrypt payment information in transit", "encrypt payment data with TLS 1.3"),
        Level.MINOR,
    )


# -- minor --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("for as long as the law requires", "for six years"),
        ("Their own privacy policies apply.", "Their own privacy policies apply. We do not endorse "
         "products sold on those websites, which are sold by the relevant third party."),
    ],
    ids=["retention", "disclaimer-in-third-party-section"],
)  # fmt: skip
def test_wording_outside_the_categories_is_minor(old, new):
    assert_level(edit(old, new), Level.MINOR)


# -- editorial traps ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        ("only for explicit and legitimate", "only for explicit, and legitimate", "punctuation"),
        ("(currently PayPal)", "(currently Paypal)", "punctuation, capitalisation"),
        ("Sharing with Affiliates: your information", "Sharing with Affiliates: your informaton",
         "spelling"),
        ("Their own privacy policies apply.", "Their own own privacy policies apply.", "spelling"),
        ("3.2 Sharing Pursuant", "3.3 Sharing Pursuant", "clause numbering"),
        ("## 7. Contact us", "## 7. How to contact us", "heading reworded"),
        ("We use a secure server", "We use a  secure   server", "formatting"),
    ],
    ids=["comma", "capitals", "typo", "doubled-word", "renumbered", "heading", "spaces"],
)  # fmt: skip
def test_editorial_changes(old, new, why):
    for result in both_ways(BASE, edit(old, new)):
        assert (result.level, result.category_ids) == (Level.EDITORIAL, ())
        assert why in result.editorial_evidence[0].reason


def test_moved_section_is_editorial():
    section = "## 6. Links to other websites\n\nWe may link to third-party websites. Their own privacy policies apply.\n\n"  # noqa: E501
    moved = BASE.replace(section, "") + "\n" + section
    for result in both_ways(BASE, moved):
        assert result.level is Level.EDITORIAL
        assert "moved" in result.editorial_evidence[0].reason


def test_effective_date_only_is_editorial():
    old = HEAD + BASE
    new = old.replace("effective_date: 2026-01-01", "effective_date: 2026-03-15")
    result = classify_diff(compare(parse_document(old), parse_document(new)))
    assert result.level is Level.EDITORIAL
    assert "effective_date" in result.editorial_evidence[0].reason


def test_date_in_the_body_replaced_is_editorial():
    old = edit("# Privacy Policy\n", "# Privacy Policy\n\nLast updated: November 13, 2019\n")
    new = old.replace("November 13, 2019", "April 2, 2020")
    for result in both_ways(old, new):
        assert result.level is Level.EDITORIAL


def test_dead_url_replaced_by_a_link_is_editorial():
    old = BASE.replace(
        "We use cookies to remember your preferences.",
        "We use cookies to remember your preferences. See http://www.example.com/flash/settings.html.",
    )
    new = old.replace(
        "http://www.example.com/flash/settings.html",
        "[Flash end-of-life information](https://www.example.com/eol)",
    )
    for result in both_ways(old, new):
        assert result.level is Level.EDITORIAL


def test_editorial_noise_in_a_major_release_gets_no_evidence():
    new = edit("(currently PayPal)", "(currently Stripe)").replace(
        "only for explicit and", "only for explicit, and"
    )
    result = classify(BASE, new)
    assert result.category_ids == ("sharing",)
    evidence = result.categories[0].evidence
    assert [(e.change, e.item) for e in evidence] == [("added", "Stripe"), ("removed", "PayPal")]
    assert len(result.editorial_evidence) == 1


def test_same_text_is_no_change():
    result = classify(BASE, BASE)
    assert (result.level, result.categories, result.changes) == (Level.NONE, (), 0)


# -- overrides ----------------------------------------------------------------------------------


def test_override_keeps_the_automatic_verdict():
    automatic = classify(BASE, edit("(currently PayPal)", "(currently Stripe)"))
    result = apply_override(automatic, Level.MINOR, (), "commit abc1234", "Jane <j@x>", "Same")
    assert (result.level, result.categories) == (Level.MINOR, ())
    assert (result.automatic_level, result.automatic_categories) == (
        Level.MAJOR,
        automatic.categories,
    )
    assert result.to_json()["override"] == {
        "level": "minor",
        "categories": [],
        "source": "commit abc1234",
        "by": "Jane <j@x>",
        "reason": "Same",
        "classified_level": "major",
        "classified_categories": ["sharing"],
    }
    raised = apply_override(automatic, Level.MAJOR, ("rights",), "cli", "Jane", "Why")
    assert raised.category_ids == ("rights",)
    assert raised.categories[0].evidence == ()
    kept = apply_override(automatic, Level.MAJOR, (), "cli", "Jane", "Why")
    assert kept.category_ids == ("sharing",)


# -- properties ---------------------------------------------------------------------------------

SENTENCES = st.sampled_from(
    [
        "We share your data with Stripe Inc. as our payment processor.",
        "You may object to processing at any time.",
        "Contact our Data Protection Officer at dpo@soocas.com.",
        "Soocas LLC. was acquired by Nordvik Group AB.",
        "Our impact assessment rated this as a high risk.",
        "We keep invoices for six years.",
        "We collect your precise location.",
        "This paragraph says nothing new.",
    ]
)


@settings(max_examples=40, deadline=None)
@given(
    section=st.sampled_from(["## 2. Cookies\n", "## 4. How we store", "## 7. Contact us\n"]),
    sentence=SENTENCES,
)
def test_adding_and_removing_a_paragraph_get_the_same_verdict(section, sentence):
    new = BASE.replace(section, f"{section}\n{sentence}\n", 1)
    forward, backward = classify(BASE, new), classify(new, BASE)
    assert forward.level is not Level.NONE
    assert (forward.level, forward.category_ids) == (backward.level, backward.category_ids)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_any_text_can_be_classified_against_the_base(text):
    result = classify(BASE, BASE + "\n" + text)
    assert result.level in (Level.NONE, Level.EDITORIAL, Level.MINOR, Level.MAJOR)
    assert (result.level is Level.MAJOR) == bool(result.categories)


def test_a_section_is_about_the_category_its_heading_names_first():
    old = BASE.replace(
        "## 3. How we share your personal information",
        "## 3. How we share the information we collect",
    )
    new = old.replace(
        "3.2 Sharing Pursuant to Laws:",
        "3.3 Sharing with resellers: information about your orders goes to our resellers.\n\n"
        "3.2 Sharing Pursuant to Laws:",
    )
    for result in both_ways(old, new):
        assert result.category_ids == ("sharing",)
        reasons = [e.reason for e in result.categories[0].evidence]
        assert any("in a section about “share”" in reason for reason in reasons)

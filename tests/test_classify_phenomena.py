"""General phenomena the classifier must judge the way a lawyer does, each on sentences written
for this test (never a corpus sentence, never a real organisation's name): editorial changes
that look like rewording, restructured recipient lists, restyled headings, meaning-preserving
rewrites, and the flags raised where the automatic verdict cannot be sure."""

from __future__ import annotations

import pytest

from policy.classify.engine import classify_diff
from policy.diff.engine import compare
from policy.document import parse_document
from policy.versions.levels import Level


def classify(old_body: str, new_body: str):
    def doc(body: str):
        front = (
            "---\ntitle: Privacy Notice\nslug: privacy-notice\neffective_date: 2026-01-01\n---\n"
        )
        return parse_document(front + body)

    return classify_diff(compare(doc(old_body), doc(new_body)))


INTRO = "# Privacy Notice\n\nThis notice explains how Quillmark handles information.\n\n"
SHARING = (
    "## Who receives your data\n\n"
    "We share account data with the processors below, who act on our instructions.\n\n"
)
RIGHTS = "## Your rights\n\nYou can ask for a copy of your data at any time.\n\n"


def editorial(result) -> bool:
    return result.level is Level.EDITORIAL and not result.needs_decision


# -- editorial changes that read like rewording ---------------------------------------------------


def test_a_changed_link_target_is_editorial():
    """Phenomenon: the same link text points at a new address after a site restructure."""
    old = INTRO + "Our [cookie notice](https://quillmark.example/legal/cookies) lists them.\n"
    new = INTRO + "Our [cookie notice](https://quillmark.example/trust/cookie-notice) lists them.\n"
    assert editorial(classify(old, new))
    link = "[quillmark.example/{0}/vendors](https://quillmark.example/{0}/vendors)"
    old = INTRO + f"The list is at {link.format('legal')}.\n"
    new = INTRO + f"The list is at {link.format('trust')}.\n"
    assert editorial(classify(old, new))


def test_a_new_contact_page_address_is_not_editorial():
    """The exception: a contact or complaint page that moves is a changed channel."""
    old = INTRO + "Use our [form](https://quillmark.example/contact-form) to reach us.\n"
    new = INTRO + "Use our [form](https://help.quillmark.example/complaints) to reach us.\n"
    result = classify(old, new)
    assert result.category_ids == ("contacts",)
    assert "complaints" in result.categories[0].evidence[0].reason


def test_a_repaired_link_and_removed_markup_are_editorial():
    """Phenomena: Markdown link syntax repaired; HTML emphasis removed."""
    old = INTRO + "Write to [the press desk] (mailto:press@quillmark.example) with questions.\n"
    new = INTRO + "Write to [the press desk](mailto:press@quillmark.example) with questions.\n"
    assert editorial(classify(old, new))
    old = INTRO + "We keep invoices <b>for seven years</b>.\n"
    new = INTRO + "We keep invoices for seven years.\n"
    assert editorial(classify(old, new))


def test_an_address_in_anti_spam_spelling_is_editorial():
    old = INTRO + "Write to privacy@quillmark.example about your data.\n"
    new = INTRO + "Write to privacy [at] quillmark [dot] example about your data.\n"
    assert editorial(classify(old, new))


def test_date_and_template_lines_are_editorial():
    """Phenomena: the line that dates the notice is reworded, or becomes a site-generator
    placeholder filled in when the site is built."""
    old = INTRO + "Last amended on 3 March 2026\n"
    new = INTRO + "Last reviewed on 3 March 2026\n"
    assert editorial(classify(old, new))
    old = INTRO + 'Updated {{ page.date | date: "%B %d, %Y" }}\n'
    new = INTRO + "{{< lastmod >}}\n"
    assert editorial(classify(old, new))
    old = INTRO + "Updated: Febuary 3, 2026\n"
    new = INTRO + "Updated: February 3, 2026\n"
    assert editorial(classify(old, new))


def test_an_inflection_fixed_is_editorial_but_a_new_word_is_not():
    """Phenomenon: grammar fixes that inflect the same word ("is transferring" → "is
    transferred"); a different verb is a change in wording."""
    old = INTRO + "Your data is transferring to our hosting provider in Ireland.\n"
    new = INTRO + "Your data is transferred to our hosting provider in Ireland.\n"
    assert editorial(classify(old, new))
    sold = INTRO + "Your data is sold to our hosting provider in Ireland.\n"
    assert classify(old, sold).level is not Level.EDITORIAL


# -- headings restyled ----------------------------------------------------------------------------


def test_bold_labels_promoted_to_headings_add_no_section_content():
    """Phenomenon: run-in bold labels become real subheadings, the text under them unchanged."""
    old = INTRO + (
        "## Your rights\n\n**Access.** You can ask for a copy of your data.\n\n"
        "**Erasure.** You can ask us to delete your data.\n"
    )
    new = INTRO + (
        "## Your rights\n\n### 1. Access\n\nYou can ask for a copy of your data.\n\n"
        "### 2. Erasure\n\nYou can ask us to delete your data.\n"
    )
    result = classify(old, new)
    assert result.level is not Level.MAJOR and not result.needs_decision
    assert classify(new, old).level is not Level.MAJOR  # and demoted back to labels


def test_a_heading_demoted_to_a_label_and_a_contents_entry_are_editorial():
    """Phenomena: a small heading becomes a bold label; a contents list follows a heading
    that was renamed."""
    old = INTRO + "## Integrations\n\n##### Calendars\n\nWe read your calendar's free slots.\n"
    new = INTRO + "## Integrations\n\n**Calendars**:\n\nWe read your calendar's free slots.\n"
    assert classify(old, new).level is not Level.MAJOR
    sections = "\n\n## {}\n\nTell us first.\n\n## Retention\n\nA year.\n"
    old = INTRO + "- Complaints\n- Retention" + sections.format("Complaints")
    new = INTRO + "- How to complain\n- Retention" + sections.format("How to complain")
    assert editorial(classify(old, new))


# -- recipients as records -------------------------------------------------------------------------

TABLE = (
    "| Provider | Service | Location |\n| --- | --- | --- |\n"
    "| Nimbus Cloud Ltd | Hosting of the app | Ireland |\n"
    "| Parcelwise GmbH | Parcel delivery | Germany |\n"
)
LIST = (
    "- Nimbus Cloud Ltd: hosting of the app\n  - Location of processing: Ireland\n"
    "- Parcelwise GmbH: parcel delivery\n  - Location of processing: Germany\n"
)


def test_a_table_rewritten_as_a_list_keeps_its_recipients():
    """Phenomenon: the same records, once as table rows and once as list items."""
    for old, new in ((TABLE, LIST), (LIST, TABLE)):
        result = classify(INTRO + SHARING + old, INTRO + SHARING + new)
        assert result.level is not Level.MAJOR, result.categories
    grown = LIST + "- Querylane Inc.: support chat\n  - Location of processing: Canada\n"
    result = classify(INTRO + SHARING + TABLE, INTRO + SHARING + grown)
    assert result.category_ids == ("sharing",)
    assert {e.item for e in result.categories[0].evidence} >= {"Querylane Inc", "Canada"}


def test_a_reworded_row_is_not_a_new_recipient_but_a_new_organisation_is():
    """Phenomenon: on a processors table, a row whose organisation stays while its description
    changes names no new recipient; a row naming another organisation does."""
    reworded = TABLE.replace("Hosting of the app", "Cloud hosting and backups")
    result = classify(INTRO + SHARING + TABLE, INTRO + SHARING + reworded)
    assert "sharing" not in result.category_ids
    replaced = TABLE.replace("Nimbus Cloud Ltd", "Stratus Hosting Ltd")
    result = classify(INTRO + SHARING + TABLE, INTRO + SHARING + replaced)
    assert result.category_ids == ("sharing",)
    changes = {(e.item, e.change) for e in result.categories[0].evidence}
    assert ("Stratus Hosting Ltd", "added") in changes
    assert ("Nimbus Cloud Ltd", "removed") in changes


def test_a_tool_named_for_analysis_is_a_recipient():
    """Phenomenon: a named outside tool that analyses usage receives the data it analyses."""
    old = INTRO + "## Usage\n\nWe analyse traffic ourselves; the data stays with us.\n"
    new = INTRO + "## Usage\n\nWe analyse traffic with Metricbeam, an outside tool.\n"
    result = classify(old, new)
    assert "sharing" in result.category_ids


# -- meaning kept, meaning changed ----------------------------------------------------------------


def test_a_section_said_again_in_plainer_words_is_not_a_new_purpose_or_recipient():
    """Phenomenon: paragraphs removed and added whole in one section (the diff cannot pair
    them): compared as one inventory, the same items are a rewording."""
    old = INTRO + (
        "## International transfers\n\n"
        "Our processors may transfer personal data to the United States.\n\n"
        "Such transfers rely on the standard contractual clauses.\n"
    )
    new = INTRO + (
        "## International transfers\n\n"
        "Some of it goes to the United States, where our processors work, under the standard "
        "contractual clauses that the law recognises for that purpose.\n"
    )
    result = classify(old, new)
    assert result.level is not Level.MAJOR, result.categories


def test_a_new_condition_limiting_a_right_is_decided():
    """Phenomenon: an exception added to an existing right ("unless ..., in which case it
    cannot be deleted until ...") narrows it: the rights stay the same items, the condition
    is new, and the change is major with the condition as evidence. The "cannot" of the
    clause that spells out the exception ("in which case") does not make the right a
    negative promise."""
    old = INTRO + RIGHTS + "You can delete your account in the app settings.\n"
    new = (
        INTRO
        + RIGHTS
        + (
            "You can delete your account in the app settings, unless a parcel is still in "
            "transit, in which case the account cannot be deleted until it arrives.\n"
        )
    )
    result = classify(old, new)
    assert result.category_ids == ("rights",)
    assert [e.rule for e in result.categories[0].evidence] == ["rights.condition"]


def test_a_withdrawn_negative_promise_is_a_question():
    """Phenomenon: a sentence promising a practice never happens is removed (or added) while
    the section no longer (or now) says so."""
    orders = INTRO + "## Orders\n\nWe keep your order history for two years.\n\n"
    result = classify(orders + "Your order history is never passed to third parties.\n", orders)
    assert (result.level, result.needs_decision) == (Level.MINOR, True)
    assert "sharing" in {q.category for q in result.questions}
    assert "withdraws a promise" in result.questions[0].question
    old = INTRO + SHARING + "Your order history is never passed to third parties.\n"
    result = classify(old, INTRO + SHARING)  # in the sharing section itself: major
    assert result.category_ids == ("sharing",)


def test_wording_added_about_rights_with_the_same_items_is_a_question_not_a_rewording():
    """Phenomenon: a paragraph about rights gains a scope ("and the other rights above")
    while naming the same right and channel: flagged for a person, not called a rewording."""
    old = INTRO + RIGHTS + "You may ask us to delete your account by writing to us.\n"
    new = (
        INTRO
        + RIGHTS
        + (
            "You may ask us to delete your account, or exercise any of the other rights listed "
            "above for every product you use, by writing to us.\n"
        )
    )
    result = classify(old, new)
    assert result.level is Level.MAJOR or result.needs_decision
    short = INTRO + RIGHTS + "You may ask us to erase your account by writing to us.\n"
    assert not classify(old, short).needs_decision  # one word swapped: a rewording


def test_a_new_data_category_without_other_signs_is_a_question():
    """Phenomenon: a data category slipped into a long list of what is collected."""
    old = INTRO + "## What we collect\n\nWe collect your device type and the pages you view.\n"
    new = INTRO + (
        "## What we collect\n\nWe collect your device type, the search terms you type and the "
        "pages you view.\n"
    )
    result = classify(old, new)
    assert result.level is Level.MAJOR or result.needs_decision


# -- complaints are contacts, ways to exercise a right are rights ---------------------------------

CONTACT = "## Contact us\n\nWrite to privacy@quillmark.example with any question.\n\n"


def test_a_complaint_form_is_a_contact_channel_not_a_way_to_exercise_rights():
    """Phenomenon: a form (or phone line) offered for complaints is whom users contact; the
    same form offered to request a copy or a deletion is a way to exercise a right."""
    complaint = "If you are unhappy with our answer, you can complain through our online form."
    result = classify(INTRO + CONTACT, INTRO + CONTACT + complaint + "\n")
    assert result.category_ids == ("contacts",)
    assert [e.item_kind for e in result.categories[0].evidence] == ["complaint-route"]
    request = "You can ask us to delete your data through our online form."
    result = classify(INTRO + RIGHTS, INTRO + RIGHTS + request + "\n")
    assert result.category_ids == ("rights",)


def test_the_right_to_complain_to_an_authority_is_a_contact():
    """Phenomenon: complaining to a supervisory authority is a complaint channel (contacts),
    not a right over the data exercised with the company (rights)."""
    added = (
        "You also have the right to lodge a complaint with your local data protection regulator."
    )
    result = classify(INTRO + RIGHTS, INTRO + RIGHTS + added + "\n")
    assert result.category_ids == ("contacts",)


# -- a new paragraph about sharing needs a recipient ----------------------------------------------


def test_a_new_paragraph_of_general_wording_about_sharing_is_a_question():
    """Phenomenon: a paragraph added to a section about recipients that names no recipient
    and no kind of recipient (how they are chosen, a reminder of safeguards) does not say
    who receives data: a question for a person, not an automatic sharing change."""
    added = "Before we share anything, we review how carefully each of them treats your data."
    result = classify(INTRO + SHARING, INTRO + SHARING + added + "\n")
    assert result.level is Level.MINOR
    assert [q.category for q in result.questions] == ["sharing"]


def test_a_new_paragraph_naming_a_kind_of_recipient_is_sharing():
    """The same place, a paragraph that names a kind of recipient the policy did not name:
    a recipient gained, so major, with the item as evidence."""
    added = "We also share your order history with our resellers in each country."
    result = classify(INTRO + SHARING, INTRO + SHARING + added + "\n")
    assert result.category_ids == ("sharing",)
    assert result.categories[0].evidence[0].item == "Resellers and distributors"


# -- a category named in passing is not a change of it --------------------------------------------


def test_a_dot_inside_an_address_does_not_join_sentences():
    """Phenomenon: "... at help@quillmark.example. We will not ..." is two sentences; the
    negation of the second does not reach the first."""
    from policy.classify.inventory import polarity, sentences

    text = "Unsubscribe by writing to help@quillmark.example. We will not sell your data."
    first, second = (s for _, s in sentences(text))
    assert first == "Unsubscribe by writing to help@quillmark.example."
    assert (polarity(first), polarity(second)) == ("states", "never")


def test_a_negation_in_a_condition_about_the_reader_is_no_negative_promise():
    """Phenomenon: "if you do not have an account" speaks of the reader, not of the
    practice."""
    from policy.classify.inventory import polarity

    assert polarity("We send a code by text or, if you do not have a phone, by letter.") == "states"
    assert polarity("We do not send codes by text.") == "never"
    elided = "When you have a photo, we show it next to your name, when not a grey initial."
    assert polarity(elided) == "states"
    assert polarity("Whether or not you pay, we read your device type.") == "states"
    assert polarity("We recommend a password you do not use elsewhere.") == "states"
    relative = "Requests that cannot be dealt with in the app should be e-mailed to us."
    assert polarity(relative) == "states"
    although = "You may ask us to delete it, although we cannot delete records we must keep."
    assert polarity(although) == "may"
    assert polarity("You will not always need to write: we delete it when you ask.") == "states"
    assert polarity("We show your photo if you have one; if not, we do not show one.") == "never"


def test_a_contact_named_again_is_no_new_channel():
    """Phenomenon: a paragraph that mentions the DPO or the supervisory authority the policy
    already names is no change of contacts; the first time either is named, it is."""
    known = (
        "## Contact us\n\nOur data protection officer (DPO) answers at dpo@quillmark.example.\n\n"
    )
    added = "Our DPO reviews every refused request within a month."
    result = classify(INTRO + RIGHTS + known, INTRO + RIGHTS + added + "\n\n" + known)
    assert "contacts" not in result.category_ids
    old = INTRO + RIGHTS
    assert "contacts" in classify(old, INTRO + RIGHTS + added + "\n").category_ids


def test_an_incident_the_company_guards_against_is_no_high_risk():
    """Phenomenon: "to detect security incidents" is a purpose; "we suffered a security
    incident" discloses one."""
    use = "## How we use data\n\nWe use your data to run the service.\n\n"
    guarded = "We also use access logs to detect and investigate security incidents."
    assert "high_risk" not in classify(INTRO + use, INTRO + use + guarded + "\n").category_ids
    disclosed = "In May we suffered a security incident affecting stored invoices."
    assert "high_risk" in classify(INTRO + use, INTRO + use + disclosed + "\n").category_ids


def test_a_sign_in_provider_is_not_a_recipient():
    """Phenomenon: a company the reader signs in with is where an account comes from."""
    from policy.classify.rules import compile_rules

    extractor = compile_rules().extractor().fresh()
    path = ("Privacy Notice", "Accounts")
    signed_in = "When you log in via a service like Keyloft, we collect your name."
    signs = extractor.items(signed_in, path)
    assert not [i for i in signs if i.kind == "organisation"]
    shares = extractor.items("We share your profile data with Keyloft.", path)
    assert [i.key for i in shares if i.kind == "organisation"] == ["keyloft"]


def test_a_promise_not_to_sell_is_no_opt_out_right():
    """Phenomenon: "we do not sell your data" is a promise about selling (a purpose), not
    the "Do Not Sell My Personal Information" opt-out the reader exercises."""
    promise = "We do not sell your data to anyone."
    result = classify(INTRO + RIGHTS, INTRO + RIGHTS + promise + "\n")
    assert "rights" not in result.category_ids
    link = "Use the Do Not Sell My Personal Information link in the footer to opt out."
    assert "rights" in classify(INTRO + RIGHTS, INTRO + RIGHTS + link + "\n").category_ids


# -- lists of uses and rights, and names with a legal form ---------------------------------------


def test_a_purpose_appended_to_a_list_of_uses_is_a_new_purpose():
    """Phenomenon: "we use X to A" becomes "we use X to A, and to B": the list of uses gained
    an entry, whatever verb B has. The same list in other words gains nothing."""
    old = INTRO + "## How we use it\n\nWe use your phone number to deliver your order.\n"
    new = old.replace("your order.", "your order, and to show you personalised offers.")
    result = classify(old, new)
    assert result.category_ids == ("purposes",)
    assert result.categories[0].evidence[0].change == "added"
    assert not result.needs_decision
    reworded = old.replace(
        "We use your phone number to deliver", "Your phone number lets us deliver"
    )
    assert classify(old, reworded).level != Level.MAJOR


def test_a_right_phrased_as_a_request_to_us_is_a_right():
    """Phenomenon: "ask us to delete it", "have your data erased", "ask for a copy" state the
    rights of erasure and access without naming them; dropping one removes a right."""
    old = (
        INTRO + "## Your rights\n\nYou can ask for a copy of your data, ask us to correct it or "
        "ask us to delete it.\n"
    )
    for dropped in (" or ask us to delete it", ", ask us to correct it"):
        new = old.replace(dropped, "")
        result = classify(old, new)
        assert result.category_ids == ("rights",), dropped
        assert result.categories[0].evidence[0].change == "removed"
    erased = old.replace("ask us to delete it", "have your data erased")
    assert "rights" not in classify(old, erased).category_ids


def test_a_code_to_confirm_before_a_request_is_a_new_step_in_exercising_rights():
    """Phenomenon: a verification step (a code to confirm, a code to enter) added before a
    request is handled changes how a right is exercised."""
    old = RIGHTS.replace("at any time.", "at any time by writing to us.")
    for step in (
        " We will first ask you to confirm a code we send to your phone.",
        " You will need to enter the six-digit code we text you.",
    ):
        new = old.replace("writing to us.", "writing to us." + step)
        result = classify(INTRO + old, INTRO + new)
        assert result.category_ids == ("rights",), step


def test_a_legal_form_or_a_cell_border_does_not_end_a_sentence():
    """Phenomenon: the dot of "Inc." or "Ltd." and a full stop before a cell border end no
    sentence: "Acme Inc. | cloud hosting" is one record, so rewording its other cells names no
    new company."""
    from policy.classify.inventory import sentences

    text = "We send orders to Brightholm Inc. for delivery. Then we delete them."
    assert [s.strip() for _, s in sentences(text)] == [
        "We send orders to Brightholm Inc. for delivery.",
        "Then we delete them.",
    ]
    table = (
        "## Who receives your data\n\nWe use these processors:\n\n"
        "| Processor | Service | Location |\n| --- | --- | --- |\n"
        "| Brightholm Inc. | Hosting | Canada |\n"
    )
    reworded = table.replace("| Hosting |", "| Managed hosting |")
    assert "sharing" not in classify(INTRO + table, INTRO + reworded).category_ids


def test_rights_in_a_coordinated_list_are_each_a_right():
    """Phenomenon: "to access, correct and delete your data" lists three rights with one
    object; each verb names its right, one added to the list is a new right, one dropped a
    removed one."""
    from policy.classify.rules import compile_rules

    extractor = compile_rules(None).extractor()
    listed = (
        "You have the right to access, correct and delete your data, and to object to profiling."
    )
    keys = {i.key for i in extractor.items(listed, ("Privacy Notice", "Your rights"))}
    assert {"gdpr:A15", "gdpr:A16", "gdpr:A17", "gdpr:A21"} <= keys
    old = INTRO + "## Your rights\n\n" + listed + "\n"
    added = classify(old, old.replace("correct and delete", "correct, delete and port"))
    assert added.category_ids == ("rights",)
    assert not added.needs_decision
    dropped = classify(old, old.replace(", and to object to profiling", ""))
    assert dropped.category_ids == ("rights",)


def test_a_part_of_the_business_passed_to_a_new_controller_is_an_ownership_change():
    """Phenomenon: a spin-off in plain words ("has been transferred to a separate company,
    which is now the controller") changes who controls the data; the new company is the
    owner, not a recipient."""
    old = INTRO + "## About us\n\nWe run a bakery chain and its loyalty card.\n"
    new = old.replace(
        "its loyalty card.",
        "its loyalty card. Our loyalty card business has been transferred to a separate "
        "company, Crumbway Rewards Ltd, which is now the controller of your card data.",
    )
    result = classify(old, new)
    assert "ownership" in result.category_ids
    assert "sharing" not in result.category_ids
    named = old.replace(
        "its loyalty card.", "its loyalty card. Crumbway Rewards Ltd is the controller."
    )
    asked = classify(old, named)  # a company newly named as controller: its full name, or another?
    assert "ownership" not in asked.category_ids
    assert [q.category for q in asked.questions] == ["ownership"]


def test_a_representative_that_is_a_firm_is_a_contact():
    """Phenomenon: an EU or UK representative is often a company; another company named in
    that role is a new contact, the same one named again is not."""
    old = INTRO + "## Contact\n\nOur UK representative is Harrowgate Privacy Ltd, Leeds.\n"
    changed = classify(
        old, old.replace("Harrowgate Privacy Ltd, Leeds", "Ostmark Data GmbH, Bremen")
    )
    assert changed.category_ids == ("contacts",)
    again = old.replace("Our UK representative is", "You can reach our UK representative,")
    again = again.replace("Leeds.", "Leeds, by post.")
    assert "contacts" not in classify(old, again).category_ids


def test_a_use_said_again_in_other_words_is_asked_and_a_use_dropped_is_decided():
    """Phenomenon: a sentence about what data is used for, rewritten ("to deliver your
    orders" → "so that we can bring your order to you"), no longer names the vocabulary's
    purpose though the use may be the same: a person decides. Words only deleted drop the
    purpose: decided."""
    old = (
        INTRO + "## How we use it\n\nWe use your address to deliver your orders and to plan "
        "our delivery rounds.\n"
    )
    reworded = old.replace(
        "We use your address to deliver your orders and to plan our delivery rounds.",
        "Your address is used so that we can bring each order to your door and plan our rounds.",
    )
    asked = classify(old, reworded)
    assert "purposes" not in asked.category_ids
    assert [q.category for q in asked.questions] == ["purposes"]
    dropped = classify(old, old.replace("to deliver your orders and ", ""))
    assert dropped.category_ids == ("purposes",)
    assert dropped.categories[0].evidence[0].change == "removed"


def test_a_former_name_in_brackets_is_the_same_company():
    """Phenomenon: "Fenwick Studio Ltd (formerly Fenwick Design Ltd)" names one company twice:
    the former name is no new controller to ask about."""
    old = INTRO + "## Who we are\n\nFenwick Studio Ltd is the controller of your data.\n"
    new = old.replace("Ltd is", "Ltd (formerly Fenwick Design Ltd) is")
    result = classify(old, new)
    assert "ownership" not in result.category_ids
    assert not result.needs_decision
    other = classify(old, old.replace("Ltd is", "Ltd and Gorsey Media Ltd are"))
    assert "ownership" in {q.category for q in other.questions} | set(other.category_ids)


def test_a_new_name_with_the_old_one_in_a_dated_note_is_the_same_company():
    """Phenomenon: "Tamsin Cloud Ltd (named Tamsin Software Ltd until May 2026)" and "after a
    change of business name" say one company was renamed, though the old name is still
    written once; only the old name's word that changed is the rename."""
    old = INTRO + (
        "## Who we are\n\nTamsin Software Ltd is the controller of your data. "
        "Tamsin Software Ltd has its office in Leeds.\n"
    )
    new = INTRO + (
        "## Who we are\n\nTamsin Cloud Ltd (named Tamsin Software Ltd until May 2026) is the "
        "controller of your data. Tamsin Cloud Ltd has its office in Leeds.\n"
    )
    result = classify(old, new)
    assert "ownership" not in result.category_ids
    assert not result.needs_decision
    other = new.replace("(named Tamsin Software Ltd until May 2026)", "(a new company)")
    asked = classify(old, other)
    assert "ownership" in {q.category for q in asked.questions} | set(asked.category_ids)


def test_legal_forms_of_many_countries_name_the_controller():
    """Phenomenon: "Telmar Serwis sp. z o.o.", "Brava Mobilidade Lda." or "Kestrel d.o.o." is
    a company with its legal form; the dots of the form end no sentence, and a new company
    named as controller in such a form is a change to ask about."""
    for form in ("sp. z o.o.", "Lda.", "d.o.o.", "s.r.o.", "S.r.l.", "OÜ", "Sdn. Bhd."):
        old = INTRO + (
            f"## Who we are\n\nThe controller of your data is Orlen Serwis {form}, "
            "with its office in Gdańsk.\n"
        )
        new = old.replace("Orlen Serwis", "Telmar Serwis")
        result = classify(old, new)
        asked = {q.category for q in result.questions} | set(result.category_ids)
        assert "ownership" in asked, form


def test_a_country_added_to_a_recipients_table_cell_after_a_semicolon_or_in_brackets():
    """Phenomenon: a processor's location cell that gains "; the Netherlands (weekend cover)" or
    "(remote support from Chile)" sends that processor's data to a new country, though the
    semicolon splits the cell into two sentences and no word of transfer comes before it. The
    same cell with its country re-spelled, or with a safeguard's name, is no new place."""
    table = (
        "| Processor | Service | Location |\n| --- | --- | --- |\n"
        "| Tallow Desk | Help desk software | Canada |\n"
    )
    old = INTRO + SHARING + table
    for cell in ("Canada; the Netherlands (weekend cover)", "Canada (remote support from Chile)"):
        result = classify(old, old.replace("| Canada |", f"| {cell} |"))
        assert result.category_ids == ("sharing",), cell
    same = classify(old, old.replace("| Canada |", "| Canada (EU standard contractual clauses) |"))
    assert "sharing" not in same.category_ids


def test_a_rights_paragraph_laid_out_again_as_bullets_keeps_its_rights():
    """Phenomenon: a paragraph split into a lead-in and bullets keeps its words, but the diff
    pairs the old paragraph with the last bullet and adds the others, whose fragments ("have
    it corrected;") read as rights added. The same words in a new layout are no change of
    rights; a right that only the bullets name still is one."""
    old = INTRO + (
        "## Your rights\n\nUnder data protection law you have the right to see the data we "
        "hold about you, to have it corrected, to have it erased, to restrict how we use it, "
        "and to take a copy of it to another provider. Where we rely on your consent, you may "
        "withdraw it at any time by writing to rights@quillmark.example.\n"
    )
    bullets = (
        "## Your rights\n\nUnder data protection law you are entitled to:\n\n"
        "- see the data we hold about you;\n- have it corrected;\n- have it erased;\n"
        "- restrict how we use it;\n"
        "- take a copy of it to another provider. Where we rely on your consent, you may "
        "withdraw it at any time by writing to rights@quillmark.example.\n"
    )
    new = INTRO + bullets
    assert "rights" not in classify(old, new).category_ids
    more = new.replace("- have it erased;\n", "- have it erased;\n- object to direct marketing;\n")
    result = classify(old, more)
    assert "rights" in set(result.category_ids) | {q.category for q in result.questions}


def test_list_items_merged_into_one_are_read_without_an_added_block():
    """Two list items merged into one (one removed, the other changed to hold both) are a
    layout read as one rewrite with no added block; the classifier must read it, not stop."""
    old = INTRO + (
        "## Events\n\n- Quarterly newsletter about events.\n"
        "- Invitations to members' evenings in spring.\n"
    )
    new = INTRO + (
        "## Events\n\n- Invitations to members' evenings in spring and autumn, plus the "
        "quarterly newsletter about events.\n"
    )
    result = classify(old, new)
    assert result.level is not Level.MAJOR and not result.needs_decision


def test_staff_training_and_a_certification_scheme_are_no_model_training_or_recipient():
    """Phenomenon: "staff complete awareness training before being given system access" trains
    people, not models; "a certification under the Pacific Data Transfer Rules" names a
    scheme, not a company that receives data. Training the fraud-detection systems on
    users' messages still is a new use."""
    security = INTRO + "## Security\n\nOur systems are audited once a year.\n"
    staff = security.replace(
        "once a year.",
        "once a year, and staff complete privacy awareness training before being given "
        "system access.",
    )
    assert "purposes" not in classify(security, staff).category_ids
    use = INTRO + "## How we use your data\n\nWe use your messages to answer you.\n"
    trained = use.replace("answer you.", "answer you and to train our fraud detection systems.")
    assert classify(use, trained).category_ids == ("purposes",)
    transfers = INTRO + SHARING + "Transfers rely on contractual clauses.\n"
    scheme = transfers.replace(
        "on contractual clauses.",
        "on contractual clauses or a certification under the Pacific Data Transfer Rules.",
    )
    assert "sharing" not in classify(transfers, scheme).category_ids


def test_a_contact_block_laid_out_one_line_per_item_names_no_new_officer():
    """Phenomenon: "Privacy Officer, Tamsin Care Inc., 410-1250 Harbour Street, Halifax, Nova
    Scotia" written again one item per line runs the role and the company into one name once
    the lines are joined, and splits the province from its comma. The same words in the same
    order are no new officer; another company is."""
    old = INTRO + (
        "## Contact us\n\nWrite to: Privacy Officer, Tamsin Care Inc., 410-1250 Harbour "
        "Street, Halifax, Nova Scotia B3J 3L5, Canada.\n"
    )
    block = (
        "## Contact us\n\nWrite to:  \nPrivacy Officer  \nTamsin Care Inc.  \n"
        "1250 Harbour Street, suite 410  \nHalifax (Nova Scotia) B3J 3L5  \nCanada\n"
    )
    assert "contacts" not in classify(old, INTRO + block).category_ids
    other = INTRO + block.replace("Tamsin Care Inc.", "Brackley Privacy Services Inc.")
    assert classify(old, other).category_ids == ("contacts",)


@pytest.mark.parametrize(
    "event",
    [
        "Since May 2026, all of the issued shares of Tamsin Care Inc. have been held by "
        "Brackley Holdings Ltd.",
        "As part of a reorganisation of the Tamsin group, the service is now run by another "
        "group company.",
        "With effect from 1 June 2026, Tamsin and the Orford Walking Society have merged.",
        "Our events business has since been sold to Brackley Leisure Ltd, which runs it as an "
        "independent company.",
        "From 1 July 2026 the Harbour Street clinic will be owned and operated by Brackley "
        "Health Ltd.",
        "Records are kept by Tamsin Records Ltd, a company set up and wholly owned by Tamsin.",
    ],
)
def test_more_wordings_of_a_change_of_owner(event):
    """Phenomenon: shares "held by" another company, a group's reorganisation, two bodies
    that "have merged", a business "sold to" another, a place "will be owned and operated
    by" another company, a company "set up and wholly owned by" the controller: each changes
    who owns or controls the data, said without the words "acquired" or "merger"."""
    old = INTRO + "## Who we are\n\nTamsin Care Inc. runs this service.\n"
    new = old.replace("runs this service.", f"runs this service. {event}")
    assert "ownership" in classify(old, new).category_ids


def test_content_owned_by_its_user_is_no_change_of_owner():
    """The guard: "photos ... will be owned by you" is about whose content it is, not who
    owns the company."""
    old = INTRO + "## Your content\n\nYou keep the rights to the photos you upload.\n"
    new = old.replace(
        "You keep the rights to the photos you upload.",
        "The photos you upload will be owned by you at all times.",
    )
    assert "ownership" not in classify(old, new).category_ids


@pytest.mark.parametrize("title", ["Lic.", "Mtra.", "Dott.", "Sr."])
def test_an_officer_replaced_after_a_title_of_another_language_is_a_new_contact(title):
    """Phenomenon: "our Data Protection Officer, Lic. Ana Ruiz Soto" names the officer after a
    Spanish or Italian title; the title's dot ends no sentence, so the name stays with its
    role, and another name there is a new officer."""
    old = INTRO + (
        f"## Contact us\n\nOur privacy team is led by our Data Protection Officer, {title} Ana "
        "Ruiz Soto.\n"
    )
    new = old.replace("Ana Ruiz Soto.", "Pablo Ortega Lima, who took up the role in May.")
    assert classify(old, new).category_ids == ("contacts",)


def test_a_device_that_now_listens_or_detects_collects_new_data():
    """Phenomenon: "the camera also listens for glass breaking" or "the sensor detects when a
    window is opened", added where the policy lists what it collects, gathers data the policy
    did not name, in words of sensing rather than of collecting."""
    old = INTRO + "## Information we collect\n\nThe doorbell records video when it is pressed.\n"
    for added in (
        "The doorbell also listens for glass breaking and keeps a note of each alert.",
        "A second sensor detects when the front door is left open overnight.",
    ):
        new = old.replace("pressed.", f"pressed. {added}")
        assert classify(old, new).category_ids == ("purposes",), added


def test_a_phone_number_at_the_end_of_a_sentence_or_in_north_american_form_is_a_contact():
    """Phenomenon: "call 1-800-555-0142." (a country code "1-", a full stop after the number)
    and "(555) 010-4477" are phone numbers; a version number or an IP address is not."""
    from policy.classify.engine import PHONE

    for text, number in (
        ("Or call 1-800-555-0142.", "1-800-555-0142"),
        ("Call (555) 010-4477 today.", "(555) 010-4477"),
        ("Call +44 20 7946 0100.", "+44 20 7946 0100"),
    ):
        assert [m.group(0) for m in PHONE.finditer(text)] == [number], text
    assert not list(PHONE.finditer("Version 10.2.33.4 and host 192.168.10.1."))
    old = INTRO + "## Contact\n\nWrite to help@quillmark.example or call 1-800-555-0142.\n"
    assert classify(old, old.replace(" or call 1-800-555-0142", "")).category_ids == ("contacts",)


def test_ways_of_exercising_rights_named_in_everyday_words():
    """Phenomenon: a portal, an e-mail, a phone call or an opt-out "of its sale" are ways to
    exercise a right; one replaced by another changes how users exercise it."""
    old = RIGHTS.replace("at any time.", "at any time through our privacy portal.")
    for new_way in ("at any time by email.", "at any time: call us on 0800 555 0101."):
        new = old.replace("at any time through our privacy portal.", new_way)
        assert "rights" in classify(INTRO + old, INTRO + new).category_ids, new_way  # a new
        # phone number is a new contact channel as well
    listed = RIGHTS.replace("at any time.", "at any time, and opt out of its sale.")
    assert classify(INTRO + RIGHTS, INTRO + listed).category_ids == ("rights",)


def test_a_country_in_brackets_after_a_recipients_service_is_where_data_goes():
    """Phenomenon: "Acme Ltd – hosting (Canada)" in a recipients list says where data is
    stored; another country there is a new destination."""
    old = (
        INTRO + "## Who receives your data\n\nThese providers process data for us:\n\n"
        "- Brightholm Ltd – hosting (Canada)\n- Tallow Inc. – email delivery (Canada)\n"
    )
    moved = old.replace("hosting (Canada)", "hosting (Brazil)")
    result = classify(old, moved)
    assert result.category_ids == ("sharing",)
    assert result.categories[0].evidence[0].item_kind == "country"


def test_an_entry_of_a_list_of_purposes_added_or_removed_is_a_purpose():
    """Phenomenon: under a heading about purposes, each entry "To ..." is one purpose, named by
    a vocabulary or not: one added or removed whole is a purpose gained or lost."""
    old = INTRO + "## Why we use your data\n\n- To run your account.\n- To answer your questions.\n"
    added = old + "- To rank our volunteers by how quickly they reply.\n"
    result = classify(old, added)
    assert result.category_ids == ("purposes",)
    assert result.categories[0].evidence[0].rule == "purposes.listed"
    assert classify(added, old).category_ids == ("purposes",)
    note = old + "- Some of these may change.\n"
    assert "purposes.listed" not in {
        e.rule for c in classify(old, note).categories for e in c.evidence
    }


def test_recordings_of_what_users_do_on_screen_are_a_kind_of_data():
    """Phenomenon: session replays, screen recordings, keystrokes record how a person uses
    the service (DPV's Interaction): added to what we collect, a new kind of data."""
    old = INTRO + "## What we collect\n\nWe collect your email address and the pages you open.\n"
    new = old.replace("the pages you open.", "the pages you open, and recordings of your screen.")
    result = classify(old, new)
    assert result.category_ids == ("purposes",)
    assert result.categories[0].evidence[0].item == "Interaction"


def test_a_promise_not_to_share_with_a_kind_of_recipient_turned_into_sharing_with_consent():
    """Phenomenon: "we never share X with sponsors" → "we do not share X with sponsors
    without your consent": the same kind of recipient, its polarity reversed (never → with
    consent); said in other words, a person is asked."""
    old = INTRO + "## Sharing\n\nWe never share members' details with sponsors.\n"
    new = old.replace("with sponsors.", "with sponsors without your consent.")
    new = new.replace("We never share", "We do not share")
    assert "sharing" in classify(old, new).category_ids
    other_words = old.replace(
        "We never share members' details with sponsors.",
        "With your consent, we pass members' email addresses to our sponsors.",
    )
    asked = classify(old, other_words)
    assert "sharing" in set(asked.category_ids) | {q.category for q in asked.questions}


def test_a_right_deleted_from_a_list_of_rights_is_a_right_removed():
    """Phenomenon: "you can ask to see your data, to have it corrected, or to have it erased"
    loses its last entry: a right removed, decided, not asked. The same rights in plainer
    words ("request access", "fix anything that is wrong", "ask us to erase") are none."""
    old = (
        INTRO + "## Your rights\n\nYou can ask to see the personal data we hold about you, to "
        "have it corrected, or to have it erased.\n"
    )
    dropped = classify(old, old.replace(", or to have it erased", ""))
    assert dropped.category_ids == ("rights",)
    assert not dropped.needs_decision
    plain = old.replace(
        "You can ask to see the personal data we hold about you, to have it corrected, or to "
        "have it erased.",
        "You may request access to your personal data, ask us to fix anything that is wrong, "
        "or ask us to erase your data.",
    )
    assert "rights" not in classify(old, plain).category_ids


EVERYDAY = [
    # a privacy lead, coordinator or manager is a named officer, as a DPO is
    ("Contact", "Our privacy coordinator is Ines Valdor.",
     "Our privacy coordinator is Rafe Okonjo.", "contacts"),
    # a sector's regulator or ombudsman offered for complaints is a complaint channel
    ("Complaints", "You may complain to us.",
     "You may complain to us or to the Legal Services Ombudsman.", "contacts"),
    # objecting to reminders, calls or texts is the right to object
    ("Your rights", "You can see your data and object to appointment reminders.",
     "You can see your data.", "rights"),
    # "to study which ... work best" is research
    ("How we use data", "We use your answers to run the survey.",
     "We use your answers to run the survey and to study which questions work best.",
     "purposes"),
    # videos of the reader are a kind of data (pictures)
    ("What we collect", "We collect your name and email address.",
     "We collect your name, email address and videos of you that you upload.", "purposes"),
    # a request that must be in writing with proof of identity is a new step
    ("Your rights", "You can ask for a copy of your data at the front desk.",
     "You can ask for a copy of your data in writing, with proof of your identity.", "rights"),
]  # fmt: skip


def test_a_doctor_is_a_kind_of_recipient():
    """Phenomenon: "we send a summary to your GP" names a recipient (a health professional);
    dropping the consent it needed is a question for a lawyer, not silence."""
    old = INTRO + "## Sharing\n\nWith your consent we send a summary to your doctor.\n"
    new = old.replace("With your consent we send", "We send")
    result = classify(old, new)
    assert "sharing" in set(result.category_ids) | {q.category for q in result.questions}


ROUND_SIX = [
    # a "to ..." clause appended to a sentence of uses is a use, named by a vocabulary or not
    ("How we use it", "We use your meter readings to bill you and to spot leaks.",
     "We use your meter readings to bill you, to spot leaks and to rank homes by how much "
     "water they waste.", "purposes"),
    # a kind of recipient inserted after "we share ... with" is a recipient gained
    ("How we use it", "We use your meter readings to spot leaks.",
     "We use your meter readings to spot leaks, and we share them with debt collection "
     "agencies.", "sharing"),
    # an entry added to a list under a heading about what is collected is a new kind of data
    ("What we collect", "- Your name and address.\n- Your meter readings.",
     "- Your name and address.\n- Your meter readings and a photograph of your meter.",
     "purposes"),
    # a second country joined to the first by "and" is a destination as well
    ("Where we store data", "Your data is stored in Canada.",
     "Your data is stored in Canada and Brazil.", "sharing"),
    # exporting your data is the right to portability
    ("Your rights", "You can view, correct or export your data.",
     "You can view or correct your data.", "rights"),
    # asking a person to review an automated decision is the right about automated decisions
    ("Your rights", "You can view your data.",
     "You can view your data, and ask for a person to review any automated decision.",
     "rights"),
]  # fmt: skip


def test_the_company_and_its_products_are_not_recipients():
    """Phenomenon: 'Tallow Ltd ("Tallow", "we")' defines the company; "Tallow Pay", its own
    product, receives nothing, even when the name is also written in lower case elsewhere
    (tallow.example)."""
    old = (
        '# Privacy Notice\n\nTallow Ltd ("Tallow", "we") runs the Tallow app. Write to '
        "help@tallow.example.\n\n## How we use it\n\nWe use your card details to take payments.\n"
    )
    new = old.replace("to take payments.", "to take payments in Tallow Pay.")
    assert "sharing" not in classify(old, new).category_ids


ROUND_SEVEN = [
    # "will merge with", in any tense, is an ownership event of ours
    ("About us", "We run two dental practices.",
     "We run two dental practices. In May we will merge with Larchmont Dental Group.",
     "ownership"),
    # a role offered for complaints is a contact channel, even without a person's name
    ("Complaints", "You can complain to the regulator.",
     "Please tell our complaints officer first; you can also complain to the regulator.",
     "contacts"),
    # a company "which receives" something from us is a recipient, "data" said or not
    ("Who we share it with", "We host everything ourselves.",
     "We host everything ourselves. Homework runs on Tintagel Ltd, which receives class lists.",
     "sharing"),
    # sending to a kind of recipient, dropped from a sentence with nothing in its place
    ("Who we share it with", "We send your file to your new school and to the council.",
     "We send your file to the council.", "sharing"),
    # photographs posted on social media: data used, and a kind of recipient
    ("Why we hold it", "We use your email to send newsletters.",
     "We use your email to send newsletters. We post photographs of members on social media.",
     "sharing"),
    # camera images are a kind of data
    ("The information we hold", "We hold your name and address.",
     "We hold your name and address, and CCTV images of the car park.", "purposes"),
    # a request made with a form in an app is a way to exercise rights
    ("Your rights", "You can ask for a copy of your data by letter.",
     "You can ask for a copy of your data with the form in the app.", "rights"),
]  # fmt: skip


ROUND_EIGHT = [
    # an investor taking a controlling stake in the parent, percentage and all
    ("About us", "Our parent company is Harrow Group plc.",
     "Our parent company is Harrow Group plc, in which Fenwick Capital Partners bought a "
     "controlling 55% stake in March.", "ownership"),
    # administration, a suspension of payments: insolvency in the words of other countries
    ("About us", "We run three bakeries in Leeds.",
     "We run three bakeries in Leeds. In June the company entered voluntary administration.",
     "ownership"),
    ("About us", "We are a registered charity.",
     "We are a registered charity. The court has granted us a suspension of payments.",
     "ownership"),
    # a post-office box in another language's words is a postal channel
    ("Contact", "Write to us at privacy@quillmark.example.",
     "Write to us at privacy@quillmark.example or to Postfach 1120, 10117 Berlin.", "contacts"),
    # a download in the app is a way to exercise a right: withdrawing it changes the ways
    ("Your rights", "You can download your data in the app, or write to us.",
     "You can write to us.", "rights"),
    # a proof of identity asked first is a new step
    ("Your rights", "Write to us to see your data.",
     "Write to us to see your data; we will first ask you to prove your identity.", "rights"),
    # an entry added whole to the list of what is collected, naming data stated elsewhere
    ("What we collect", "- Your name and IP address.\n- Your order history.",
     "- Your name and IP address.\n- Your order history.\n- Kiosk sessions: the IP address, "
     "name and order history of each shop terminal you sign in at.", "purposes"),
    # a company named as the help a use relies on is a recipient
    ("Why we use your data", "- to plan our spring appeal;",
     "- to plan our spring appeal, with the help of Marlow Insight Ltd, which scores our "
     "donor list;", "sharing"),
    # one of the partners the company works with, named as an example, is a recipient
    ("Who we share data with", "We work with delivery firms to bring your parcels.",
     "We work with delivery firms, including Parcelwing, to bring your parcels.", "sharing"),
    # an employer, its HR team, administrators in an insolvency: kinds of recipient
    ("Who we share data with", "We share your orders with our couriers.",
     "We share your orders with our couriers, and your attendance record is made available "
     "to your employer's HR team.", "sharing"),
    ("Who we share data with", "We share your orders with our couriers.",
     "We share your orders with our couriers. During the administration, records are "
     "accessible to the joint administrators.", "sharing"),
    # a risk "assessed as high" by an impact assessment is a high-risk finding
    ("Security", "We review access every quarter.",
     "We review access every quarter. Our impact assessment of the kiosk assessed the chance "
     "of a stranger reading your screen as high.", "high_risk"),
    # a use stated in the passive voice, with no "we", is the company's use
    ("How we use your data", "We use your messages to deliver them.",
     "We use your messages to deliver them. Messages are also scanned automatically for "
     "signs of bullying.", "purposes"),
    # the audio of a consultation is a recording of the voice
    ("What we collect", "We keep your booking details.",
     "We keep your booking details and the consultation audio.", "purposes"),
]  # fmt: skip

ROUND_NINE = [
    # a score generated by software is an automated use of the data
    ("How we use data", "We record the video call.",
     "We record the video call. An algorithm then generates a suitability score for each "
     "answer.", "purposes"),
    # webcam snapshots, a facial template, the rhythm of typing: kinds of data
    ("What we collect", "We collect your name and test answers.",
     "We collect your name, test answers and webcam snapshots taken during the test.",
     "purposes"),
    ("What we collect", "We collect your name and your ID photo.",
     "We collect your name, your ID photo and a facial template made from it.", "purposes"),
    ("What we collect", "We collect your answers.",
     "We collect your answers and the rhythm of your typing, known as keystroke dynamics.",
     "purposes"),
    # a business carved out, a parent's shares handed out, a sale completed, a business
    # transferred to another company: ownership events
    ("About us", "We are part of the Birchfield group.",
     "We were part of the Birchfield group. In May our payroll business was carved out into "
     "a separate company.", "ownership"),
    ("About us", "We are a subsidiary of Birchfield plc.",
     "Birchfield distributed all of its shares in us to its stockholders, and we now operate "
     "as an independent company.", "ownership"),
    ("About us", "Quillmark Ltd is the controller.",
     "Following completion of its purchase by Moorgate Holdings, Quillmark Ltd is the "
     "controller.", "ownership"),
    ("About us", "Quillmark Ltd is the controller.",
     "The business of Quillmark Ltd, including all customer accounts, was transferred to "
     "Quillmark Europe Ltd, which is accordingly the controller.", "ownership"),
    # asking for a flag to be looked at again is an appeal
    ("Your rights", "You can ask for a copy of your results.",
     "You can ask for a copy of your results, and ask for any flag about you to be looked at "
     "again.", "rights"),
    # a recipient said to be dropped, while a table elsewhere still lists it
    ("Who we share data with", "| Provider | Service |\n| --- | --- |\n| Corvid Mail Inc. | "
     "Text messages |",
     "| Provider | Service |\n| --- | --- |\n| Corvid Mail Inc. | Text messages |\n\nAfter a "
     "review we have ceased using Corvid Mail Inc. for text messages.", "sharing"),
    # a recipient named in the old words and in the new ones, no longer as a recipient
    ("Who we share data with", "Orders are forwarded to our partner Tamsin Freight GmbH, "
     "Bremen.",
     "Orders used to be forwarded to Tamsin Freight GmbH, Bremen; we now deliver them "
     "ourselves.", "sharing"),
    # a list entry of uses that begins with a condition, and a numbered clause of uses
    ("Why we use your data", "- to send your bills;\n- to fix faults;",
     "- to send your bills;\n- to fix faults;\n- if you join the saver plan, to compare your "
     "meter readings with your neighbours' readings;", "purposes"),
    ("Why we use your data", "3.1 To send your bills.\n\n3.2 To fix faults.",
     "3.1 To send your bills.\n\n3.2 To fix faults.\n\n3.3 To offer you rewards, with "
     "your consent, from the shops you pay at.", "purposes"),
    # data made from other data, in the passive voice, is a new kind of data
    ("Exam proctoring", "Your webcam image is shown to the invigilator.",
     "Your webcam image is shown to the invigilator. A facial template is also created from "
     "your ID photo.", "purposes"),
    # an insurance company is an insurer; a company that answers tickets receives them
    ("Who we share data with", "We share claims with our lawyers.",
     "We share claims with our lawyers and with our insurance company.", "sharing"),
    ("Who we share data with", "Our support desk is in Dublin.",
     "Our support desk is in Dublin; evening tickets, with your account details, are answered "
     "by Tallis Support Oy.",
     "sharing"),
]  # fmt: skip

ROUND_TEN = [
    # a management buy-out, shares now held by another company, a business sold to one
    ("About us", "Our events are run by Quillmark Live.",
     "Quillmark Live was separated from us in a management buy-out in May.", "ownership"),
    ("About us", "Quillmark Ltd runs the service.",
     "Quillmark Ltd runs the service. Since May all shares in Quillmark Ltd have been held by "
     "Fenwick Holdings plc.", "ownership"),
    ("About us", "We run a courier service and a print shop.",
     "We run a courier service. Our print business was sold to Inkwell Ltd in May.",
     "ownership"),
    # a company that works "for us" or "on our behalf" receives the data
    ("What we collect", "We record sales calls with your agreement.",
     "We record sales calls with your agreement. Transcription is done for us by Wexley "
     "Speech Inc.", "sharing"),
    # the address book, and matching it, are data and a use
    ("Your profile", "We do not read your address book.",
     "If you switch on Friend Finder, the numbers in your address book are compared with our "
     "member list.", "purposes"),
    # sister brands of a group are affiliates
    ("Who we share data with", "We share your bookings with our payment provider.",
     "We share your bookings with our payment provider and with our sister brands.",
     "sharing"),
    # a score derived for each person from what they do is profiling, even in a list entry
    ("How we use data", "- Safety (legitimate interests): to detect crashes and to plan "
     "repairs.",
     "- Safety (legitimate interests): to detect crashes, to derive an individual riding "
     "score from your braking, and to plan repairs.", "purposes"),
    # a labelled entry of the list of uses removed whole
    ("How we use data", "- Billing (contract): to bill you.\n- Planning (legitimate "
     "interests): to forecast demand from trip data.",
     "- Billing (contract): to bill you.", "purposes"),
    # a new postcode is a new address, however the street is written
    ("Contact", "Write to us at 2nd Floor, Harbour Yard, Dublin 2, D02 XK71.",
     "Write to us at Block C, Riverside Quarter, Dublin 2, D02 R2P8.", "contacts"),
    # an impact assessment that "rates as high" a risk, in the present tense
    ("Security", "Licence images are kept apart.",
     "Licence images are kept apart. Our impact assessment rates as high the risk of those "
     "images being stolen.", "high_risk"),
]  # fmt: skip

ROUND_ELEVEN = [
    # number plates read by cameras are a kind of data
    ("CCTV", "We record the car park on camera.",
     "We record the car park on camera and read number plates at the barrier.", "purposes"),
    # data sets brought together to single people out is a new use
    ("How we use data", "We use rent records to collect rent.",
     "We use rent records to collect rent. Rent and benefit records are also brought "
     "together to identify tenants who may fall into arrears.", "purposes"),
    # facial measurements taken from photographs are biometric data
    ("Photo tools", "You can upload photographs of your family.",
     "You can upload photographs of your family; they are analysed to extract facial "
     "measurements.", "purposes"),
    # data made available to "selected" kinds of recipient
    ("Research", "We publish results in aggregate only.",
     "We publish results in aggregate only. Coded records may be made available to selected "
     "universities.", "sharing"),
    # an account tab and a family hub are ways to exercise rights
    ("Your rights", "You can withdraw consent by writing to us.",
     "You can withdraw consent by writing to us or from the Consents tab of your account.",
     "rights"),
    # an address in the continental style: number, comma, rue/avenue; a prefixed postcode
    ("Contact", "Write to us at 9, rue Émile Reuter, L-2420 Luxembourg.",
     "Write to us at 41, avenue de la Gare, L-1855 Luxembourg.", "contacts"),
]  # fmt: skip

ROUND_TWELVE = [
    # a request to be confirmed through a link is a new step
    ("Your rights", "You can ask us for a copy of your data.",
     "You can ask us for a copy of your data. Before a request is acted upon, you will be "
     "asked to confirm it via a link sent to your e-mail address.", "rights"),
    # amalgamation, a new sole member of a charity, a business moved to another group company
    ("About us", "Quillmark Ltd runs the service.",
     "Quillmark Ltd runs the service. In May it was amalgamated with Fenwick Ltd.",
     "ownership"),
    ("About us", "Quillmark is a registered charity.",
     "Quillmark is a registered charity. From May, the Harbour Trust becomes the sole "
     "corporate member of Quillmark.", "ownership"),
    ("About us", "Quillmark Ltd runs the clinic.",
     "Quillmark Ltd ran the clinic. Following a reorganisation within the group, the clinic "
     "has been transferred to Quillmark Health Limited.", "ownership"),
    # look-alike audiences are targeted advertising
    ("How we use data", "We use your e-mail address to send you our newsletter.",
     "We use your e-mail address to send you our newsletter and to find look-alike audiences "
     "on social networks.", "purposes"),
    # a finding rated high, given with examples, is still a finding
    ("Security", "We test our systems every year.",
     "We test our systems every year. The assessment of our chat tool rated one residual risk "
     "as high, such as messages being read by staff.", "high_risk"),
    # a time limit added to the right to copies
    ("Your rights", "You can request copies of your payslips.",
     "You can request copies of your payslips, provided that the request is received within "
     "two years.", "rights"),
    # training automated tools is model training
    ("How we use data", "We use your answers to triage requests.",
     "We use your answers to triage requests and to train the automated tools that sort "
     "them.", "purposes"),
]  # fmt: skip

ROUND_THIRTEEN = [
    # a kind of recipient, or a named one, that "no longer receives" data
    ("Who we share data with", "- Landlords, who receive the names of card holders.",
     "- Landlords no longer receive the names of card holders.", "sharing"),
    ("Who we share data with", "Ads are served through our advertising partners, Adwick "
     "Media and Pellum Ads.",
     "Ads are served through our advertising partner Adwick Media. Pellum Ads no longer "
     "receives any data from us.", "sharing"),
    # a court-supervised restructuring; all shares now held by a fund
    ("About us", "We are a company registered in the Netherlands.",
     "We are a company registered in the Netherlands and have been in a court-supervised "
     "restructuring since January.", "ownership"),
    ("About us", "Quillmark B.V. runs the service.",
     "Quillmark B.V. runs the service. Since May, all shares in Quillmark B.V. are held by "
     "Birch Fund III SCSp.", "ownership"),
    # searches with a credit agency name it as a recipient
    ("Credit checks", "We carry out searches with Carrow Credit.",
     "We carry out searches with Carrow Credit and Oakden Data.", "sharing"),
    # sensor readings, voice analysis, data fed into models
    ("Telematics", "We record your speed and braking.",
     "We record your speed and braking, and motion-sensor readings from your phone.",
     "purposes"),
    ("Claims", "We record calls to our claims line.",
     "We record calls to our claims line, and calls may be assessed by voice-analysis "
     "software.", "purposes"),
    ("How we use data", "We use readings to bill you.",
     "We use readings to bill you. Readings are also fed into the machine-learning models we "
     "use to forecast demand.", "purposes"),
    # a new sentence in a rights section that grants an appeal
    ("Your rights", "Decisions are explained in writing.",
     "Decisions are explained in writing. A decision may be appealed by writing to "
     "appeals@quillmark.example.", "rights"),
    # a "save that" exception to erasure
    ("Your rights", "You can ask us to erase your data.",
     "You can ask us to erase your data, save that door logs will not be deleted before "
     "their retention period ends.", "rights"),
    # a use denied before and now stated beside a narrower denial
    ("AI features", "Neither we nor our provider use your prompts to train models.",
     "Our provider does not use your prompts to train its models. We may, however, use your "
     "prompts to fine-tune our models.", "purposes"),
]  # fmt: skip

ROUND_FOURTEEN = [
    # a Swedish post-office box and postcode, a street in "-torget"
    ("Contact", "Write to us at Box 1127, 411 21 Göteborg.",
     "Write to us at Stortorget 3, 211 22 Malmö.", "contacts"),
    # a kind of recipient that did not receive names and now does
    ("Who we share data with", "Promoters do not receive your name.",
     "Promoters receive your first name and postcode.", "sharing"),
    # an assessment that found a risk "to be high", far from the word "risk"
    ("Security", "We assess new features.",
     "We assess new features. The assessment of our fraud checks found the risk that genuine "
     "buyers are wrongly stopped from buying to be high.", "high_risk"),
    # a recipient that received data "until" a date
    ("Who we share data with", "Harrow Holdings Ltd receives account summaries.",
     "Until January 2026, Harrow Holdings Ltd received account summaries; that has ended.",
     "sharing"),
    # a company whose name holds "Security", with its legal form
    ("Security", "We protect your account.",
     "We protect your account; typing patterns are analysed on our behalf by Tamsin Security "
     "Ltd.", "sharing"),
]  # fmt: skip

ROUND_FIFTEEN = [
    # a surname with its particle ("van Elderen") is a person's name
    ("Contact", "Our data protection officer is Marit Koenen.",
     "Our data protection officer is Joost van Elderen.", "contacts"),
    # facial age estimation is biometric data
    ("Age checks", "We check your ID at the door.",
     "We check your ID at the door, or we record your face for facial age estimation.",
     "purposes"),
    # a body that conduct concerns "may be reported to" is a complaint channel
    ("Complaints", "You can complain to the Legal Ombudsman.",
     "You can complain to the Legal Ombudsman. Concerns about our conduct may also be "
     "reported to the Solicitors Standards Authority.", "contacts"),
    # asking for the decision to be reviewed is an appeal
    ("Your rights", "You may complain to the regulator.",
     "You may ask for the decision to be reviewed by our head of legal, and you may "
     "complain to the regulator.", "rights"),
    # a company a copy is "lodged with" receives it
    ("Referrals", "We pass your enquiry to one broker.",
     "We pass your enquiry to one broker. A copy of each referral is also lodged with Harlow "
     "Aggregation Ltd.", "sharing"),
]  # fmt: skip

ROUND_SIXTEEN = [
    # a programme separated from the company and transferred to a company with a legal form
    ("About us", "We run the loyalty scheme.",
     "The loyalty scheme has been separated from the airline and transferred to Harbour "
     "Loyalty DAC.", "ownership"),
    # a hypothetical after the finding ("should they ever be exposed") keeps it a finding
    ("Security", "We assess new features.",
     "We assess new features. The assessment of our old connector concluded that storing "
     "passwords leaves a high residual risk of takeover should they ever be exposed.",
     "high_risk"),
    # a whole sentence saying we tailor offers, deleted from its paragraph
    ("Offers", "We send offers to members by e-mail each month, with news about our routes "
     "and fares. We tailor these offers on the basis of your booking history.",
     "We send offers to members by e-mail each month, with news about our routes and fares.",
     "purposes"),
    # a predictive model of each person's likelihood of doing something
    ("How we use data", "We use your marks to plan teaching.",
     "We use your marks to plan teaching. Records are also used to develop a predictive "
     "model of each student's likelihood of withdrawing.", "purposes"),
    # local councils, as a listed kind of recipient
    ("Who we share data with", "- **examining bodies**, which receive your marks;",
     "- **examining bodies**, which receive your marks;\n- **local councils**: your "
     "enrolment status may be made available to the council where you live;", "sharing"),
]  # fmt: skip

NOT_MAJOR_EIGHT = [
    # a person taking over a post is a new officer, not a company taken over
    ("Contact", "Our data protection officer is Ana Silva.",
     "Our data protection officer is Ben Cole, who took over the role from Ana Silva in May.",
     "ownership"),
    # an address reformatted: abbreviated street type, its lines split, the country added
    ("Contact", "Write to Quillmark, 22 Harbour Road, Suite 4, Leith 10452.",
     "Write to:\n\n> Quillmark\n> 22 Harbour Rd.\n> Ste. 4\n> Leith 10452\n> United Kingdom",
     "contacts"),
    # a list of purposes reordered, its last entry's full stop turned into a semicolon
    ("Why we use your data", "- to send your order;\n- to answer your questions.\n- to bill you;",
     "- to send your order;\n- to bill you;\n- to answer your questions;", "purposes"),
    # rights named as nouns, then as what the reader may have done with the data
    ("Your rights", "You may ask for access, correction, restriction or erasure.",
     "You may ask to see your data, to have it corrected, to have its processing restricted "
     "or to have it erased.", "rights"),
    # an entry of the list of what is collected moved to the top of the list
    ("What we collect", "- Your name and e-mail address.\n- The pages of our site you visit.",
     "- The pages of our site you visit.\n- Your name and e-mail address.", "purposes"),
    # a part of the app or site named in capitals is no company receiving data
    ("Your rights", "Write to privacy@quillmark.example to make a request.",
     "Use the Data Request Centre at quillmark.example/requests to make a request.", "sharing"),
    ("Your rights", "Write to us to make a request.",
     "Open Account > Privacy > Requests in the app to make a request; we answer every request "
     "through the Quill Hub.", "sharing"),
    # rights and ways to exercise them said again in other words and inflections
    ("Your rights", "You have the right to access your data, to have wrong data corrected, to "
     "restrict its processing, to object to processing based on our interests and to withdraw "
     "your consent.",
     "The law gives you several rights. You may ask us for access to your data, ask us to "
     "correct it if it is wrong or to restrict how we process it, and object where our "
     "processing rests on our interests. Any consent you gave can be withdrawn whenever you "
     "like.", "rights"),
    ("Your rights", "Use the link at the bottom of every newsletter to unsubscribe. If you "
     "write from another address, we may ask you to confirm your identity.",
     "Two things don't need a letter at all: the link at the foot of each newsletter "
     "unsubscribes you. A request from another address may mean we first check that it "
     "really comes from you.", "rights"),
    # a post-office box written in another language, its address split over lines
    ("Contact", "Write to Quillmark Ltd, Attn. Privacy, Postbus 4410, 1000 AB Amsterdam.",
     "Write to:\n\nQuillmark Ltd  \nAttn. Privacy  \nP.O. Box 4410  \n1000 AB Amsterdam",
     "contacts"),
    # "How to use your rights" is no heading about how data is used
    ("How to use your rights", "You can download your data in the app and delete your "
     "account there.",
     "In the app you can download your data, and you can delete your account there too.",
     "purposes"),
    # the same rights and ways in other words: discrimination, e-mail as a verb
    ("Your rights", "We will not discriminate against you for using these rights.",
     "Using these rights will not lead to discriminatory treatment.", "rights"),
    ("Your rights", "Please e-mail privacy@quillmark.example with any request.",
     "Any request can be sent by e-mail to privacy@quillmark.example.", "rights"),
    # a paragraph of uses turned into a list introduced by "namely to:"
    ("How we use your data", "We use your details to open your account, to take payment "
     "and to answer questions.",
     "We use your details namely to:\n\n- open your account;\n- take payment;\n- answer "
     "questions.", "purposes"),
    # a postcode written without its space
    ("Contact", "Write to us at Keizersgracht 9, 1016 GC Amsterdam.",
     "Write to us at Keizersgracht 9, 1016GC Amsterdam (NL).", "contacts"),
    # the person who holds an officer's role is no recipient
    ("Contact", "Our data protection officer is Ana Silva.",
     "The role of data protection officer has passed to Dr. Ben Cole.", "sharing"),
    # "Whenever" opening a sentence is no company's name
    ("Who we share data with", "Service providers act on our instructions.",
     "Whenever a service provider handles data for us, it acts on our instructions.",
     "sharing"),
    # "companies" and "outside suppliers" are the same kind of recipient
    ("Who we share data with", "We use a number of companies to run our services.",
     "Our services depend on outside suppliers.", "sharing"),
    # a postcode with and without its country prefix
    ("Contact", "Write to Quillmark Oy, Ratakatu 14, 00120 Helsinki.",
     "Write to:\n\nQuillmark Oy  \nRatakatu 14  \nFI-00120 Helsinki", "contacts"),
    # a negation that governs a high-risk phrase: no finding disclosed
    ("Security", "We assess every new feature.",
     "We assess every new feature; none of the assessments so far has found a high residual "
     "risk.", "high_risk"),
    # a fundraising appeal is no appeal against a decision
    ("Fundraising", "We send our appeals by post.",
     "We send our appeals by post, and our appeals can also be shown to you online.",
     "rights"),
    # a team of the company, and a source of public records, are not recipients
    ("Your rights", "Write to us to make a request.",
     "Requests are handled by our Information Governance team.", "sharing"),
    ("Research", "We may use public information, such as Companies House records, to "
     "assess giving.",
     "We may use public information to assess giving. Our sources are:\n\n- Companies House "
     "records;\n- news articles.", "sharing"),
    # an address with its suite moved in front and its street type abbreviated
    ("Contact", "Attn: Privacy Office, 1450 Larimer Street, Suite 900, Denver, Colorado 80202.",
     "Attn: Privacy Office, Suite 900, 1450 Larimer St., Denver, CO 80202.", "contacts"),
    # the firm that performs the DPO's role is a contact, not a recipient
    ("Contact", "Our data protection officer is Ana Silva.",
     "The role of data protection officer is performed for us by Silva Advisory LLP.",
     "sharing"),
    # a privacy signal named in capitals is no company
    ("Cookies", "You can reject cookies in the banner.",
     "You can reject cookies in the banner, and a Global Privacy Control signal is treated "
     "as a rejection.", "sharing"),
    # an e-mail address offered for requests is the e-mail route, however it is said
    ("Your rights", "To make a request, e-mail privacy@quillmark.example.",
     "Any request should be e-mailed to privacy@quillmark.example.", "rights"),
    # a postcode with its country prefix and letters
    ("Contact", "Write to us at Keizersgracht 9, 1016 GC Amsterdam.",
     "Write to us (Keizersgracht 9, NL-1016 GC Amsterdam).", "contacts"),
    # a street that opens with its type (Avenida, Rua, Via) is no company
    ("Your rights", "Write to our requests unit.",
     "Write to our requests unit, Avenida da Liberdade 190, 1250-147 Lisboa.", "sharing"),
    # "Besides" opening a sentence is no company
    ("Who we share data with", "Our affiliate also receives data.",
     "Besides the providers above, our affiliate receives data.", "sharing"),
    # the company deleting an inactive account is no right of the user
    ("Your account", "If you do not sign in for two years, we will delete your account.",
     "Accounts with no sign-in for three years are deleted.", "rights"),
    # a paragraph of rights said again as a list, its words kept
    ("Your rights", "You can ask us for access to your data, and ask us to correct it if it "
     "is wrong.",
     "You can ask us to:\n\n- give you access to your data;\n- correct it if it is wrong.",
     "rights"),
    # an address set out on lines of its own, the words that offer it in the line before
    ("Contact", "Write to Quillmark Ltd, 3rd Floor, 61 Quay Street, Manchester M3 4LQ.",
     "Write to:\n\nQuillmark Ltd  \nThird Floor  \n61 Quay Street  \nManchester M3 4LQ",
     "contacts"),
    # a building and a county ("Co. Dublin") are no firm holding the DPO's role
    ("Contact", "Write to our Data Protection Office, Harbour House, 12 Runway Road, Co. Dublin "
     "K67 T2X4.",
     "Write to:\n\nData Protection Office  \nHarbour House  \n12 Runway Road  \nCounty "
     "Dublin  \nK67 T2X4", "contacts"),
    # a register and a registration number are no recipients
    ("Who we are", "Customers contract with Quillmark Ltd.",
     "Customers contract with Quillmark Ltd, registered at Companies House under number "
     "FC039812.", "sharing"),
    # "phone number or e-mail address" names data, not the e-mail route
    ("What we collect", "- Messages you send us.",
     "- Messages you send us.\n- People you invite: their name and phone number or e-mail "
     "address reach us.", "rights"),
    # a street before its house number is no company
    ("Contact", "Our DPO is Ana Silva, Silva Privacy GmbH, Hauptstrasse 4, 10115 Berlin.",
     "Our DPO is Ben Cole, Cole Advisory Partners, Lindenallee 12, 20095 Hamburg.", "sharing"),
    # a document asked for to check who makes a request is a step of rights, not new data
    ("Your rights", "Write to us to see your data.",
     "Write to us to see your data. We will not act until we have a copy of your passport "
     "with your photo.", "purposes"),
    # a sentence turned around the same words ("opt-in") changes nothing about them
    ("Newsletter", "We send the newsletter only if you opt-in.",
     "Only after you opt-in do we send the newsletter, as we always have.", "rights"),
]  # fmt: skip


@pytest.mark.parametrize(("section", "before", "after", "category"), NOT_MAJOR_EIGHT)
def test_the_same_item_in_other_words_leaves_its_category(section, before, after, category):
    """Phenomena of the eighth round of written changes that read like a change and are not:
    the item is the same, so the category is untouched."""
    old = INTRO + f"## {section}\n\n{before}\n"
    new = INTRO + f"## {section}\n\n{after}\n"
    result = classify(old, new)
    assert category not in result.category_ids
    assert category not in {q.category for q in result.questions}


def test_a_paragraph_rewritten_to_do_what_it_promised_not_to_reverses_the_promise():
    """Phenomenon: "we do not use web beacons" replaced whole by a paragraph that says what
    web beacons report is a promise reversed (decided), not only withdrawn (a question)."""
    old = INTRO + (
        "## What we collect\n\nWe keep your e-mail address. We do not use web beacons in our "
        "e-mails.\n\n## Why\n\nTo send news.\n"
    )
    new = old.replace(
        "We keep your e-mail address. We do not use web beacons in our e-mails.",
        "Your e-mail address is kept, along with what web beacons in each e-mail report back "
        "to us about when you read it and on which device, information that helps us write "
        "better.",
    )
    result = classify(old, new)
    assert result.category_ids == ("purposes",)
    assert "Reverses" in result.categories[0].evidence[0].reason
    withdrawn = old.replace(" We do not use web beacons in our e-mails.", "")
    assert [q.category for q in classify(old, withdrawn).questions] == ["purposes"]


def test_a_condition_added_to_a_right_narrows_it():
    """Phenomenon: "you can ask us to erase your data" → "..., provided that your account has
    been closed first": the right is narrowed, a change of rights; the same condition taken
    away stays a question (it may only restore what users had)."""
    base = INTRO + "## Your rights\n\nYou can ask us to erase your data at any time.\n"
    narrowed = base.replace(
        "at any time.", "at any time, provided that your account has been closed first."
    )
    result = classify(base, narrowed)
    assert result.category_ids == ("rights",)
    assert result.categories[0].evidence[0].rule == "rights.condition"
    assert "rights" not in classify(narrowed, base).category_ids


def test_a_sentence_that_denies_a_stated_right_in_part_limits_it():
    """Phenomenon: "appeals are not available for requests about closed accounts" added
    beside "you can appeal any refusal": the right is still stated, and now denied for some
    requests. It was asked about; a limit added to a right is a new condition on it, which
    the policy's list makes major (`_narrowed_right`), so it is decided, the limit quoted."""
    old = INTRO + (
        "## Your rights\n\nYou can appeal any refusal by replying to our answer. We reply "
        "within a month.\n"
    )
    new = old.replace(
        "answer. We", "answer. Appeals are not available for requests about closed accounts. We"
    )
    result = classify(old, new)
    assert result.category_ids == ("rights",)
    assert "Appeals are not available" in result.categories[0].evidence[0].reason


def test_but_not_excepts_part_of_a_list_and_denies_nothing():
    """Phenomenon: "employers see your marks, but not your private notes" states that they
    see the marks; rewording it is no reversal of what employers receive."""
    from policy.classify.inventory import polarity

    sentence = "Employers who pay for your place see your marks, but not your private notes."
    assert polarity(sentence) == "states"
    section = "## Who can see your data\n\n"
    old = INTRO + section + sentence + "\n"
    new = (
        INTRO
        + section
        + (
            "Where an employer pays for your place, your marks are visible to it. Your private "
            "notes are never made available to it.\n"
        )
    )
    assert "sharing" not in classify(old, new).category_ids


def test_a_row_of_a_table_of_data_categories_is_no_recipient():
    """Phenomenon: in a table of data categories and whom they are disclosed to (the CCPA's
    layout), a new row names a kind of data, not a company that receives it."""
    table = (
        "## Categories we collect and disclose\n\n| Category | Examples | Disclosed to |\n"
        "| --- | --- | --- |\n| Contact details | Name, e-mail | Service providers |\n"
    )
    row = "| Geolocation data | Where your bike was parked | Service providers |\n"
    result = classify(INTRO + table, INTRO + table + row)
    assert "sharing" not in result.category_ids
    assert "purposes" in result.category_ids


def test_a_paragraph_turned_into_a_list_with_the_same_words_is_editorial():
    """Phenomenon: "we use your data to bill you, to answer questions and to send news"
    turned into an introduction and a bulleted list, the legal-basis sentence kept as its own
    paragraph: the diff pairs the paragraphs wrongly, but the section's words are the same,
    counted, so nothing new is said."""
    old = INTRO + (
        "## How we use your data\n\nWe use your data to bill you, to answer your questions "
        "and, with your consent, to send you news. Our legal basis is our contract with you.\n"
    )
    new = INTRO + (
        "## How we use your data\n\nWe use your data:\n\n- to bill you;\n- to answer your "
        "questions; and\n- with your consent, to send you news.\n\nOur legal basis is our "
        "contract with you.\n"
    )
    result = classify(old, new)
    assert result.level is Level.EDITORIAL and not result.needs_decision
    changed = new.replace("to bill you;", "to bill you and to rate your credit;")
    assert classify(old, changed).level is not Level.EDITORIAL


def test_the_words_of_a_use_inside_a_promise_not_to_do_it_are_no_new_use():
    """Phenomenon: "because we do not sell personal information, we ignore opt-out signals"
    deleted is a promise withdrawn (a question), not a use of data gained or lost."""
    section = "## Your choices\n\n"
    old = INTRO + section + "Because we do not sell personal information, we ignore signals.\n"
    new = INTRO + section + "If your browser sends an opt-out signal, we treat it as a request.\n"
    result = classify(old, new)
    assert "purposes" not in result.category_ids
    assert "purposes" in {q.category for q in result.questions}


def test_a_promise_not_to_tell_withdrawn_is_a_question_about_sharing():
    """Phenomenon: "it is never told whether you attend" names no recipient the vocabularies
    know (a pronoun stands for it); deleting the promise may let data go to it, so a person
    decides. The same promise kept in other words is no question."""
    kept = INTRO + "## Your club\n\nYour club pays for your classes and sees the totals.\n"
    old = kept + "It is never told whether you attended.\n"
    result = classify(old, kept)
    assert "sharing" in {q.category for q in result.questions}
    moved = kept + "Whether you attended is not told to it, ever.\n"
    assert "sharing" not in {q.category for q in classify(old, moved).questions}


def test_a_promise_not_to_use_withdrawn_is_a_question_about_purposes():
    """Phenomenon: "the tapes are not used for anything else" names no data or purpose the
    vocabularies know; deleting the promise may open new uses, so a person decides."""
    kept = INTRO + "## Your lessons\n\nWe film driving lessons for your instructor.\n"
    old = kept + "The tapes are not used for anything else.\n"
    result = classify(old, kept)
    assert "purposes" in {q.category for q in result.questions}
    assert "not used for anything else" in next(
        q.question for q in result.questions if q.category == "purposes"
    )


def test_a_promise_that_a_recipient_does_not_receive_withdrawn_is_a_question():
    """Phenomenon: "our investor does not receive customer records" deleted: the investor may
    now receive them, though the new words name nothing a vocabulary knows."""
    kept = INTRO + "## Our investor\n\nOur investor gets monthly reports on our shops.\n"
    old = kept + "It does not receive customer records.\n"
    assert "sharing" in {q.category for q in classify(old, kept).questions}


def test_a_negative_promise_about_sharing_keeps_its_data_out_of_purposes():
    """Phenomenon: "your history is never passed to third parties" promises something about
    sharing; withdrawing it asks about sharing, not about what data is collected."""
    kept = INTRO + "## Orders\n\nWe keep your order history.\n"
    old = kept + "\nYour order history is never passed to third parties.\n"
    result = classify(old, kept)
    assert [q.category for q in result.questions] == ["sharing"]


@pytest.mark.parametrize(
    ("section", "before", "after", "category"),
    EVERYDAY
    + ROUND_SIX
    + ROUND_SEVEN
    + ROUND_EIGHT
    + ROUND_NINE
    + ROUND_TEN
    + ROUND_ELEVEN
    + ROUND_TWELVE
    + ROUND_THIRTEEN
    + ROUND_FOURTEEN
    + ROUND_FIFTEEN
    + ROUND_SIXTEEN,
)
def test_an_item_named_in_everyday_words_touches_its_category(section, before, after, category):
    """Phenomena of the later rounds of written changes (roles, bodies, rights and uses in
    everyday words; lists that grow and shrink; events, roles, recipients and data), each in
    sentences written for this test: the item is found in the words policies use, so the
    change touches its category."""
    old = INTRO + f"## {section}\n\n{before}\n"
    new = INTRO + f"## {section}\n\n{after}\n"
    assert category in classify(old, new).category_ids


# -- a new statement the inventory cannot read is asked about ------------------------------------

NEW_STATEMENTS = [
    (
        "Deliveries",
        "Your parcel details go to the courier we choose for your area.",
        "Your parcel details go to the courier we choose for your area. When a parcel is "
        "damaged in transit, the photographs you took of it may also be made available to "
        "the courier's own claims assessor.",
        "sharing",
    ),
    (
        "Using the app",
        "The app shows your saved routes on a map.",
        "The app shows your saved routes on a map. Over time, it will also work out which "
        "days you tend to ride and suggest departure times that match your habits.",
        "purposes",
    ),
    (
        "Using the app",
        "The app shows your saved routes on a map.",
        "The app shows your saved routes on a map and, for riders in the pilot, imports "
        "pedal cadence and gear changes from a paired bike computer.",
        "purposes",
    ),
    (
        "What you can ask for",
        "You can ask for a copy of your data. You may also object at any time to the "
        "profiling described in section 4.",
        "You can ask for a copy of your data.",
        "rights",
    ),
    (
        "What you can ask for",
        "You can ask for a copy of your data.",
        "You can ask for a copy of your data. Whoever asks for recordings of a call must "
        "say on which day it took place, and a second request within six months may be "
        "refused.",
        "rights",
    ),
    (
        "If you are unhappy",
        "Tell us first and we will try to put things right.",
        "Tell us first and we will try to put things right. People living in Flanders may "
        "also take their complaint to the regional ombudsman service.",
        "contacts",
    ),
    (
        "Keeping data safe",
        "Staff use individual accounts for every system.",
        "Staff use individual accounts for every system. Last spring's review of the "
        "photo-matching feature concluded that the chance of a stranger being tagged as a "
        "customer is high, and further controls are being added.",
        "high_risk",
    ),
]


@pytest.mark.parametrize(("section", "before", "after", "category"), NEW_STATEMENTS)
def test_a_new_statement_in_words_no_vocabulary_knows_is_asked_about(
    section, before, after, category
):
    """Phenomenon: a sentence added or deleted whole (or a long clause added to a kept one),
    new to its section, that speaks of a category's subject in words no vocabulary knows
    ("claims assessor", "work out which days you ride", "object to the profiling"). The
    inventory is unchanged, but this is no rewording: a person decides."""
    old = INTRO + f"## {section}\n\n{before}\n"
    new = INTRO + f"## {section}\n\n{after}\n"
    result = classify(old, new)
    assert category in result.category_ids or category in {q.category for q in result.questions}
    assert result.needs_decision or category in result.category_ids


NOT_NEW_STATEMENTS = [
    # security and retention are minor whatever verbs they use
    (
        "Who receives your data",
        "Our processors act on our instructions.",
        "Our processors act on our instructions. Files sent to them are encrypted, and "
        "their staff must pass a second sign-in step.",
    ),
    (
        "Your account",
        "You can close your account in the settings.",
        "You can close your account in the settings. Accounts given no use for two years "
        "are deleted automatically along with their history.",
    ),
    # an assessment that found no risk discloses none
    (
        "Transfers",
        "Some data is stored by our host in another country.",
        "Some data is stored by our host in another country. Before a new transfer starts "
        "we write down a transfer assessment and look at it again every year.",
    ),
    # requests the company itself receives are not data passed on
    (
        "Requests from the police",
        "We answer lawful requests from the police.",
        "We answer lawful requests from the police. Each year we publish how many such "
        "requests we received and how many we answered with data.",
    ),
]


@pytest.mark.parametrize(("section", "before", "after"), NOT_NEW_STATEMENTS)
def test_a_new_sentence_about_security_retention_or_no_finding_is_not_asked_about(
    section, before, after
):
    """Phenomenon: new sentences whose words only sound like a category (files "sent" to a
    processor but encrypted, accounts "given" no use and deleted, an assessment that found
    nothing, requests the company "received") say nothing new about it."""
    old = INTRO + f"## {section}\n\n{before}\n"
    new = INTRO + f"## {section}\n\n{after}\n"
    result = classify(old, new)
    assert not result.category_ids
    assert not any("cannot read item by item" in q.question for q in result.questions)


def test_a_reworded_paragraph_is_not_a_new_statement():
    """Phenomenon: a sentence replaced by another in the same place (words deleted and
    inserted on both sides) is a rewording, read by the inventory, not a new statement."""
    old = INTRO + "## Deliveries\n\nWe hand your address to the courier so it can deliver.\n"
    new = INTRO + (
        "## Deliveries\n\nSo that your parcel reaches you, the delivery firm is told "
        "where you live.\n"
    )
    result = classify(old, new)
    assert not any("cannot read item by item" in q.question for q in result.questions)


def test_a_sentence_moved_under_a_new_heading_is_not_a_new_statement():
    """Phenomenon: a pseudo-heading promoted to a heading moves its paragraph into a new
    section; the sentence is still in the policy, word for word."""
    body = "Your parcel details may also be made available to the courier's claims assessor.\n"
    old = INTRO + "## Deliveries\n\n**Damaged parcels**\n\n" + body
    new = INTRO + "## Deliveries\n\n### Damaged parcels\n\n" + body
    result = classify(old, new)
    assert not any("cannot read item by item" in q.question for q in result.questions)
    assert not result.category_ids


# -- the data handed to a new owner, new uses however said, a device's "fingerprint" ------------


@pytest.mark.parametrize(
    "event",
    [
        "On 3 May the company went into administration and two administrators were appointed; "
        "as part of any sale, member accounts and visit records are expected to be transferred "
        "to the purchaser.",
        "The booking app was spun off into a new company, Lanternfly Apps Ltd, on 1 June, and "
        "the accounts and saved searches of app users were handed over to that company.",
    ],
)
def test_an_ownership_event_that_hands_data_over_is_also_sharing(event):
    """Phenomenon: a change of ownership that says where the users' data goes (to the
    purchaser, to the company spun off) names a new recipient as well as a new owner."""
    old = INTRO + "## About us\n\nWe run the booking app.\n"
    new = INTRO + f"## About us\n\nWe run the booking app.\n\n{event}\n"
    assert {"ownership", "sharing"} <= set(classify(old, new).category_ids)


@pytest.mark.parametrize(
    "event",
    [
        "On 1 April we merged with a rival; the app and its customer records were transferred "
        "to a new company, Lanternfly Group Ltd, which is now the controller of the personal "
        "data described in this notice.",
        "Following a merger approved by both boards, our services, staff and records "
        "transferred on 1 March to Lanternfly Group Ltd, which is now the controller.",
    ],
)
def test_a_new_company_that_takes_the_controllers_place_is_no_recipient(event):
    """Phenomenon: when a merger makes a new company the controller "of the data described in
    this notice", or one that "is now the controller", the company answering for the notice
    changed: ownership, and nobody new receives the data."""
    old = INTRO + "## About us\n\nWe run the booking app.\n"
    new = INTRO + f"## About us\n\nWe run the booking app.\n\n{event}\n"
    result = classify(old, new)
    assert "ownership" in result.category_ids
    assert "sharing" not in result.category_ids


@pytest.mark.parametrize(
    "clause",
    [
        "; past bookings and cancellations are also fed into the models that rank hosts",
        ", and we use support chats to train and evaluate the models that draft replies",
    ],
)
def test_training_models_named_for_the_first_time_is_a_new_purpose(clause):
    """Phenomenon: a use users must be told of (training models, profiling, automated
    decisions), named for the first time in words a change inserts, is a new purpose however
    the sentence is built: no "we use X to" clause is needed."""
    old = INTRO + "## How we use data\n\nWe use your bookings to show you your trips.\n"
    new = INTRO + f"## How we use data\n\nWe use your bookings to show you your trips{clause}.\n"
    assert "purposes" in classify(old, new).category_ids


def test_a_model_trained_by_the_reader_is_no_purpose_of_the_policy():
    """Phenomenon: terms that tell the reader what they may do ("if you use the service to
    train a model, you must ...") state no use of the data by the company."""
    old = INTRO + "## Acceptable use\n\nDo not overload the service.\n"
    new = INTRO + (
        "## Acceptable use\n\nDo not overload the service. If you copy listings to train "
        "any machine learning models, you must credit the hosts.\n"
    )
    assert "purposes" not in classify(old, new).category_ids


def test_a_device_fingerprint_is_device_data_not_biometric():
    """Phenomenon: a device or browser "fingerprint" identifies a device (DPV's Digital
    Fingerprint), not a finger: no biometric data is named."""
    from policy.classify.rules import compile_rules

    extractor = compile_rules(None).extractor().fresh(frozenset(), frozenset())
    path = ("Privacy Notice", "What we collect")
    items = extractor.items("We check device fingerprints and browser fingerprints at login.", path)
    keys = {i.key for i in items if i.category == "purposes"}
    assert "pd:DigitalFingerprint" in keys
    assert not keys & {"pd:Fingerprint", "pd:Biometric"}
    finger = extractor.items("We collect your fingerprints to unlock the door.", path)
    assert {i.key for i in finger} & {"pd:Fingerprint", "pd:Biometric"}


def test_a_promise_not_to_pass_something_on_turned_into_doing_it_is_reversed():
    """Phenomenon: "we do not pass visitor lists to the caterers" replaced by "visitor names
    are passed to the caterers": the negation went and the same verb now states the
    practice, so the practice was reversed even though no vocabulary knows the recipient."""
    old = INTRO + (
        "## Events\n\nWe do not pass visitor lists to the caterers; they are told numbers only.\n"
    )
    new = INTRO + (
        "## Events\n\nSo that dietary needs are met, visitor names are passed to the caterers "
        "who serve your event.\n"
    )
    assert "sharing" in classify(old, new).category_ids
    unable = INTRO + "## Events\n\nWe may be unable to pass visitor lists to the caterers.\n"
    assert "sharing" not in classify(old, unable).category_ids


@pytest.mark.parametrize(
    ("section", "before", "after", "category"),
    [
        (
            "Partners",
            "We work with local kennels.",
            "We work with local kennels. If you joined through a kennel's offer, we may tell "
            "that kennel whether you renewed, so that its referral fee can be settled.",
            "sharing",
        ),
        (
            "Automated decisions",
            "Small refunds are approved by software. If software turns a refund down, you can "
            "always ask for one of our staff to look at the decision again.",
            "Small refunds are approved by software.",
            "rights",
        ),
        (
            "Claims",
            "We keep claim files for six years.",
            "We keep claim files for six years. After an accident on board, the names of the "
            "passengers concerned may also be communicated to the vessel's protection and "
            "indemnity club and to the loss adjusters it appoints.",
            "sharing",
        ),
        (
            "Listening",
            "We count plays of each episode.",
            "We count plays of each episode. In our web player, the player also reports back "
            "which parts of an episode were skipped or replayed.",
            "purposes",
        ),
        (
            "How we use data",
            "We use bookings to run your stay. Each spring we look at past stays so that we "
            "can send returning guests a birthday voucher.",
            "We use bookings to run your stay.",
            "purposes",
        ),
    ],
)
def test_more_ways_of_saying_a_practice_in_a_new_statement(section, before, after, category):
    """Phenomena: a company told (not "shared with"), a review of a decision asked for, a
    player that reports back, data looked at "so that we can" do something: new statements
    of a category's subject, asked about when no vocabulary reads them."""
    old = INTRO + f"## {section}\n\n{before}\n"
    new = INTRO + f"## {section}\n\n{after}\n"
    result = classify(old, new)
    assert category in result.category_ids or category in {q.category for q in result.questions}


def test_a_retention_period_in_words_is_not_a_new_statement():
    """Phenomenon: a retention sentence that says its period in words ("seven years") and
    whose clause mentions a claim "notified late" says nothing about recipients."""
    old = INTRO + "## Retention\n\nWe keep your account data for six years after closure.\n"
    new = INTRO + (
        "## Retention\n\nWe keep your account data for seven years after closure, with a "
        "margin for any claims that are notified late by insurers.\n"
    )
    result = classify(old, new)
    assert not result.category_ids
    assert not result.needs_decision


@pytest.mark.parametrize(
    ("section", "before", "after"),
    [
        (
            "Calls",
            "Calls may be recorded so that we can train our staff.",
            "Calls may be recorded so that we can train our staff, and transcripts are also fed "
            "into the development of the language models behind our booking assistant.",
        ),
        (
            "How we use data",
            "- answer your messages;",
            "- answer your messages;\n- develop our reply assistant, which includes our supplier "
            "refining its language model on past conversations.",
        ),
    ],
)
def test_a_model_trained_in_other_words_is_training_one(section, before, after):
    """Phenomenon: transcripts "fed into the development of the language models", a supplier
    "refining its language model on past conversations": models are trained, in other words
    than "train"."""
    old = INTRO + f"## {section}\n\n{before}\n"
    new = INTRO + f"## {section}\n\n{after}\n"
    assert "purposes" in classify(old, new).category_ids


def test_a_negation_that_picks_out_the_subject_denies_nothing():
    """Phenomenon: "timber that is not sold locally is shipped to a mill in Ghent" states the
    shipping; the negation only says which timber. A negation of the main verb still denies."""
    from policy.classify.inventory import polarity

    assert polarity("Timber that is not sold locally is shipped to a mill in Ghent.") == "states"
    assert polarity("Timber is not shipped to a mill in Ghent.") == "never"


def test_a_new_officer_named_with_a_title_is_a_new_contact():
    """Phenomenon: "our privacy officer, Ms Ada Brennick" replaced by "Mr Tomas Ferreira":
    the title (Mr, Ms, Dr ...) is no part of the name, and the officer changed."""
    old = INTRO + "## Contact us\n\nWrite to our privacy officer, Ms Ada Brennick, at our office.\n"
    new = old.replace("Ms Ada Brennick", "Mr Tomas Ferreira")
    assert "contacts" in classify(old, new).category_ids
    same = old.replace("Ms Ada Brennick", "Dr Ada Brennick")
    assert "contacts" not in classify(old, same).category_ids


def test_a_sale_that_passes_the_accounts_to_the_buyer_is_also_sharing():
    """Phenomenon: "on completion of the sale, which is expected next year, customer accounts
    will pass to the buyer, which will from then on be responsible for them": the buyer
    receives the accounts. A comma-separated aside ("which is expected ...") is no clause
    about the new controller."""
    old = INTRO + "## About us\n\nWe run the booking app.\n"
    event = (
        "We have agreed to sell the booking business to Lanternfly Group Ltd. On completion "
        "of the sale, which is expected next year, customer accounts and booking archives will "
        "pass to Lanternfly, which will from then on be responsible for them."
    )
    new = INTRO + f"## About us\n\nWe run the booking app.\n\n{event}\n"
    assert {"ownership", "sharing"} <= set(classify(old, new).category_ids)


def test_reconstruction_proceedings_are_an_ownership_event():
    """Phenomenon: a court opening "reconstruction proceedings" for the company (a rescue
    procedure under insolvency law) changes who controls it, like administration."""
    old = INTRO + "## About us\n\nWe run the booking app.\n"
    new = INTRO + (
        "## About us\n\nWe run the booking app. On 2 May the court opened reconstruction "
        "proceedings in respect of Quillmark ApS; the app continues to operate.\n"
    )
    assert "ownership" in classify(old, new).category_ids


def test_a_high_risk_found_by_an_assessment_described_at_length_is_disclosed():
    """Phenomenon: "the impact assessment carried out for this feature, last reviewed in
    January, concluded that the risk to ... remains high": a finding, however many words
    stand between the assessment and the risk it rates."""
    old = INTRO + "## Photo matching\n\nThe app groups photos by face if you turn it on.\n"
    new = INTRO + (
        "## Photo matching\n\nThe app groups photos by face if you turn it on. The impact "
        "assessment carried out for this feature, last reviewed in the spring of this year, "
        "concluded that the risk to people who appear in the photos of others, in particular "
        "children, remains high.\n"
    )
    assert "high_risk" in classify(old, new).category_ids


def test_a_country_added_to_a_row_of_the_recipients_table_is_sharing():
    """Phenomenon: a recipients table row whose location gains a country ("Germany; backup
    copies in the United States") sends that recipient's data somewhere new, even though the
    policy names the country for another recipient; a place in brackets only qualifies the
    one before it."""
    table = (
        "## Who receives your data\n\n| Provider | Purpose | Location |\n| --- | --- | --- |\n"
        "| Hostwell GmbH | Hosting | Germany |\n| Mailora Inc. | E-mail | United States |\n"
    )
    old = INTRO + table
    new = old.replace("| Germany |", "| Germany; backup copies in the United States |")
    assert "sharing" in classify(old, new).category_ids
    said = old.replace("| Germany |", "| Germany (its parent is in the United States) |")
    assert "sharing" not in classify(old, said).category_ids  # a place in brackets qualifies


@pytest.mark.parametrize(
    "verb",
    [
        "sent to Corvastel Ltd",
        "forwarded for scoring to Corvastel Ltd",
        "furnished to Corvastel Ltd",
        "reported each month to Corvastel Ltd",
        "relayed to Corvastel Ltd",
        "compiled on the Council's behalf by Corvastel Ltd",
    ],
)
def test_data_sent_to_a_named_company_outside_the_sharing_section_is_sharing(verb):
    """Phenomenon: a new use often names who receives the data in the same sentence, far from
    the section about sharing ("your meter readings are furnished to Acme Ltd"). A verb of
    sending before a company's name makes it a recipient wherever the sentence stands."""
    old = INTRO + "## How we use data\n\nWe use your meter readings to bill you.\n"
    new = old.replace(
        "to bill you.", f"to bill you. Your meter readings are also {verb} for a rebate scheme."
    )
    assert "sharing" in classify(old, new).category_ids


@pytest.mark.parametrize(
    "sentence",
    [
        "Questions about this notice may be sent to our Privacy Lead, Orla Finnerty, at "
        "Quillmark Ltd, 4 Mill Lane, Galway.",
        "Letters should be sent to Quillmark Ltd, Privacy, Hafenstrasse 9, 6300 Zug.",
    ],
)
def test_what_the_reader_sends_us_names_no_recipient(sentence):
    """Phenomenon: "questions may be sent to", "letters should be sent to" tell the reader
    how to reach the company; the names and towns that follow are a way to contact it, not
    companies that receive personal data."""
    old = INTRO + "## Contact\n\nWrite to us at privacy@quillmark.example.\n"
    new = INTRO + f"## Contact\n\nWrite to us at privacy@quillmark.example. {sentence}\n"
    assert "sharing" not in classify(old, new).category_ids


def test_a_finding_reported_to_an_internal_committee_is_no_sharing():
    """Phenomenon: an internal body whose name joins two words with "and" ("Audit and Risk
    Committee") is part of the company, however its first word looks like a name."""
    old = INTRO + "## Assessments\n\nWe assess new processing before it starts.\n"
    new = old.replace(
        "before it starts.",
        "before it starts. Our assessment of the loyalty scheme found a high risk to members; "
        "the findings were reported to the Audit and Risk Committee.",
    )
    result = classify(old, new)
    assert "high_risk" in result.category_ids
    assert "sharing" not in result.category_ids


@pytest.mark.parametrize(
    "ending",
    [
        "Pellmore Ads (Canada) no longer receives any data from us.",
        "Pellmore Ads no longer receives any data from us.",
    ],
)
def test_a_listed_partner_that_no_longer_receives_data_is_a_removed_recipient(ending):
    """Phenomenon: partners listed with their country in brackets ("partners, Adwell (France)
    and Pellmore Ads (Canada)") are recipients; a sentence that then begins with one of them
    and says it "no longer receives" data removes it, though its name is still written."""
    old = INTRO + (
        "## Who receives your data\n\nIn the free app, ads are delivered through our "
        "advertising partners, Adwell Media (France) and Pellmore Ads (Canada).\n"
    )
    new = old.replace(
        "Adwell Media (France) and Pellmore Ads (Canada).",
        f"Adwell Media (France). {ending}",
    )
    assert "sharing" in classify(old, new).category_ids


def test_an_ending_that_only_sets_a_time_limit_removes_no_recipient():
    """Phenomenon: "within two years after that Customer's agreement with us ended" is a
    time limit on a request, not news that someone receives data no more."""
    old = INTRO + RIGHTS.replace(
        "at any time.", "at any time. Former staff of a Customer may ask us for payslips."
    )
    new = old.replace(
        "ask us for payslips.",
        "ask us for payslips within two years after that Customer's agreement with us ended.",
    )
    assert "sharing" not in classify(old, new).category_ids


@pytest.mark.parametrize(
    "role", ["Information Officer", "Deputy Information Officer", "Grievance Officer"]
)
def test_an_officer_of_other_laws_replaced_is_a_new_contact(role):
    """Phenomenon: laws name the privacy officer differently (an "Information Officer" in
    South Africa, a "Grievance Officer" in India); a new person in that role is a new contact,
    whatever title stands before the name."""
    old = INTRO + f"## Contact\n\nOur {role} is Ms Adaeze Okafor. You can write to her.\n"
    new = old.replace("Ms Adaeze Okafor", "Mr Tobias Lindqvist-Moe").replace("her", "him")
    assert classify(old, new).category_ids == ("contacts",)


def test_a_browser_signal_honoured_where_it_was_ignored_is_a_rights_change():
    """Phenomenon: "we do not respond to Global Privacy Control signals" becoming "a Global
    Privacy Control signal is treated as an opt-out" gives users a new way to exercise a
    right, even in a section about cookies."""
    old = INTRO + (
        "## Cookies\n\nWe use analytics cookies. We do not respond to Global Privacy Control "
        "signals.\n"
    )
    new = old.replace(
        "We do not respond to Global Privacy Control signals.",
        "Where your browser sends a Global Privacy Control signal, it is treated as a refusal "
        "of analytics cookies.",
    )
    assert "rights" in classify(old, new).category_ids


def test_a_risk_rated_high_without_a_verb_is_a_disclosed_finding():
    """Phenomenon: "one risk rated high: ..." discloses a high-risk finding as surely as "the
    risk was rated high"; the verb is often left out."""
    old = INTRO + (
        "## Assessments\n\nWe assessed the family-matching feature. It found no high residual "
        "risks.\n"
    )
    new = old.replace(
        "It found no high residual risks.",
        "Among its findings was one risk rated high: that matches may reveal unknown relatives.",
    )
    assert "high_risk" in classify(old, new).category_ids


def test_an_account_takeover_is_fraud_not_a_change_of_owner():
    """Phenomenon: "account takeover" names a kind of fraud a vendor detects; only a company
    taken over changes owner."""
    table = (
        "## Who receives your data\n\n| Provider | Purpose | Location |\n| --- | --- | --- |\n"
        "| Hostwell GmbH | Hosting | Germany |\n"
    )
    old = INTRO + table
    new = old + "| Fraudline Labs Inc. | Detection of account takeover | Canada |\n"
    assert classify(old, new).category_ids == ("sharing",)


def test_identity_verified_before_release_is_a_new_step_for_rights():
    """Phenomenon: "your identity will need to be verified" before data is released adds a
    step to exercising the right of access, however the sentence is built."""
    old = INTRO + RIGHTS + "We will respond within 30 days.\n"
    new = old.replace(
        "We will respond",
        "Before any records are released, your identity will need to be verified by our staff "
        "sighting photo identification. We will respond",
    )
    assert "rights" in classify(old, new).category_ids


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("the Commission d'accès à l'information du Québec", True),
        ("the Garante per la protezione dei dati personali", True),
        ("the Comissão Nacional de Proteção de Dados (www.cnpd.example)", True),
        ("the Commission about how we handle your data", False),
    ],
)
def test_a_complaint_body_named_in_romance_word_order_is_a_contact(body, named):
    """Phenomenon: a body whose name begins with what it is ("Commission d'accès à
    l'information", "Garante per la protezione ...") is a complaint channel; a bare
    "Commission" followed by ordinary words is not a name."""
    old = INTRO + RIGHTS
    new = old.replace("at any time.", f"at any time. You may also complain to {body}.")
    result = classify(old, new)
    assert ("contacts" in result.category_ids) is named


def test_portability_described_without_its_name_is_the_right_to_portability():
    """Phenomenon: the right to data portability is often described, not named: data "in a
    structured, machine-readable format" sent to another organisation."""
    old = INTRO + RIGHTS
    new = old.replace(
        "at any time.",
        "at any time. You may also receive the data you gave us in a structured, "
        "machine-readable format.",
    )
    assert "rights" in classify(old, new).category_ids


def test_an_entry_deleted_from_the_list_of_rights_removes_that_right():
    """Phenomenon: a bullet of the list of rights deleted whole ("- object to ...") takes the
    right away when the policy no longer states it anywhere, even in words no list of terms
    knows ("restrict how we use your data")."""
    old = INTRO + (
        "## Your rights\n\nYou have the right to:\n\n- access your data;\n"
        "- restrict how we use your data while a dispute is resolved;\n"
        "- object to processing based on our legitimate interests; and\n"
        "- withdraw your consent at any time.\n"
    )
    new = old.replace("- restrict how we use your data while a dispute is resolved;\n", "")
    assert "rights" in classify(old, new).category_ids


def test_a_county_in_an_address_is_no_officer():
    """Phenomenon: "County Westmeath" looks like a person's name; it is a line of an address,
    and spelling out "Co." changes no contact."""
    old = INTRO + (
        "## Contact\n\nWrite to the Data Protection Officer, Unit 4, Ardmore Park, "
        "Mullingar, Co. Westmeath, N91 X2Y3.\n"
    )
    new = old.replace("Co. Westmeath, N91", "County Westmeath N91")
    assert classify(old, new).category_ids == ()


def test_a_vendor_name_with_its_words_joined_is_the_same_recipient():
    """Phenomenon: "Sentinel Vision Security Ltd" respelled "SentinelVision Security Limited"
    names the same company: no recipient is added or removed."""
    table = (
        "## Who receives your data\n\n| Provider | Purpose | Location |\n| --- | --- | --- |\n"
        "| Sentinel Vision Security Ltd | CCTV monitoring | United Kingdom |\n"
    )
    old = INTRO + table
    new = old.replace("Sentinel Vision Security Ltd", "SentinelVision Security Limited")
    assert "sharing" not in classify(old, new).category_ids


@pytest.mark.parametrize(
    "event",
    [
        "Since the sale of the Lockwell product line in December, the service has been "
        "operated by Brightgate Home LLC.",
        "The service is operated by Brightgate Home LLC, which bought the Lockwell business "
        "in December.",
    ],
)
def test_a_product_line_sold_or_a_business_bought_is_an_ownership_event(event):
    """Phenomenon: a product line or business sold to another company (an asset sale, not a
    share deal) changes who answers for the data."""
    old = INTRO + "## About us\n\nThe service is operated by Lockwell, Inc.\n"
    new = INTRO + f"## About us\n\n{event}\n"
    assert "ownership" in classify(old, new).category_ids


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "Depending on where you live, you may ask us for access to your data, to have it "
            "corrected or deleted, and to object to direct marketing. Residents of some states "
            "have further rights.",
            "Depending on where you live, you may have the right to ask us:\n\n"
            "- for access to your data;\n- to have it corrected;\n- to have it deleted; and\n"
            "- to object to direct marketing.\n\nResidents of some states have further rights.",
        ),
        (
            "In case you want to withdraw consent, use the settings page. Requests are answered "
            "in a month.",
            "If you want to withdraw consent:\n\n- use the settings page.\n\n"
            "Requests are answered in a month.",
        ),
        (
            "Records may be disclosed to the police when the law requires it.",
            "Records may be:\n\n- disclosed to the police when the law requires it.",
        ),
    ],
)
def test_the_same_words_in_a_new_shape_are_editorial(before, after):
    """Phenomenon: a paragraph split into a list and a paragraph may gain or lose a word that
    only shapes the list ("you have the right to ask us:", "if" for "in case") or an
    inflection ("disclosed" for "disclose"); the words that carry items are the same."""
    old = INTRO + RIGHTS.replace("You can ask for a copy of your data at any time.", before)
    new = INTRO + RIGHTS.replace("You can ask for a copy of your data at any time.", after)
    result = classify(old, new)
    assert result.category_ids == ()
    assert not result.needs_decision


def test_a_word_of_an_address_is_not_an_inflection():
    """Phenomenon: "members@" and "membership@" are two mailboxes, though one word looks like
    the other inflected: only the words of sentences lose their endings when compared."""
    old = INTRO + "## Contact\n\nWrite to members@quillmark.example.\n\nOr call us.\n"
    new = INTRO + "## Contact\n\nWrite to\n\n- membership@quillmark.example.\n\nOr call us.\n"
    assert classify(old, new).category_ids == ("contacts",)


@pytest.mark.parametrize(
    "sentence",
    [
        "Unless you have asked us not to, your contact details are passed to Ravelin Cover "
        "Brokers so that they can quote for home insurance.",
        "After a tenancy has ended, unpaid accounts are referred to Duncairn Recoveries Ltd to "
        "pursue on our behalf.",
        "A credit and address search will be carried out on each guarantor by Tollan Checks Ltd.",
        "Support tickets may also be accessed from Manila, the Philippines, by Orrery Support "
        "Partners.",
    ],
)
def test_more_ways_of_naming_who_receives_data(sentence):
    """Phenomena: an opt-out ("unless you have asked us not to") is no negation; a time
    ("after a tenancy has ended") is no ending; "referred to", "carried out on each
    guarantor by" and "accessed from Manila by" name who receives the data."""
    old = INTRO + "## How we use data\n\nWe use your details to run your account.\n"
    new = old.replace("your account.", f"your account. {sentence}")
    assert "sharing" in classify(old, new).category_ids


def test_support_given_from_another_country_in_a_table_cell_is_a_new_country():
    """Phenomenon: "Netherlands, with support provided from Pune, India" in a recipients
    table's location cell: the data is seen where the support is given."""
    table = (
        "## Who receives your data\n\n| Provider | Purpose | Location |\n| --- | --- | --- |\n"
        "| Meterwise BV | Meter readings | Netherlands |\n"
    )
    old = INTRO + table
    new = old.replace(
        "| Netherlands |", "| Netherlands, with second-line support provided from Pune, India |"
    )
    assert "sharing" in classify(old, new).category_ids


def test_a_firm_that_handles_messages_to_the_officer_receives_them():
    """Phenomenon: who holds the officer's role is a contact, but a firm that handles the
    messages sent to the officer "on our behalf" also receives personal data."""
    old = INTRO + "## Contact\n\nOur Data Protection Officer is Siobhan Keane.\n"
    new = INTRO + (
        "## Contact\n\nThe role of Data Protection Officer is performed for us by Larchmont "
        "Privacy Ltd, and our officer is Eoin Dwyer of that firm; messages sent to the DPO are "
        "handled by Larchmont on our behalf.\n"
    )
    assert {"contacts", "sharing"} <= set(classify(old, new).category_ids)


@pytest.mark.parametrize(
    "sentence",
    [
        "We also work out a monthly usage score for each account, which is shown to the "
        "account owner.",
        "We also use a model that scores hardship applications by payment history.",
    ],
)
def test_scoring_people_from_their_data_is_profiling(sentence):
    """Phenomenon: a score calculated from a person's data, or a model that scores
    applicants, evaluates them: profiling, a use users must be told of however it is said."""
    old = INTRO + "## How we use data\n\nWe use your trip data to bill you.\n"
    new = old.replace("to bill you.", f"to bill you. {sentence}")
    assert "purposes" in classify(old, new).category_ids


def test_precise_location_is_new_where_only_approximate_location_was_used():
    """Phenomenon: a precise position (GPS, exact coordinates) is a category of its own,
    sensitive in several laws; a policy that used only an approximate location gains one."""
    old = INTRO + (
        "## How we use data\n\nWe use your approximate location to show local events. "
        "We use your listening history to suggest songs.\n"
    )
    new = old.replace(
        "to suggest songs.",
        "to suggest songs. If you turn on nearby gigs, we also collect the precise GPS "
        "position of your phone.",
    )
    assert "purposes" in classify(old, new).category_ids


@pytest.mark.parametrize(
    "sentence",
    [
        "Transcripts of calls are also used to train and improve the automated tools that "
        "sort incoming messages.",
        "Stills from the entrance cameras are compared automatically against images of "
        "people barred from the building.",
    ],
)
def test_training_tools_and_automatic_comparison_are_new_uses(sentence):
    """Phenomenon: training "automated tools" (not only "models") and comparing images
    "automatically" are the uses users must be told of, in other words."""
    old = INTRO + "## How we use data\n\nWe record calls and camera images for safety.\n"
    new = old.replace("for safety.", f"for safety. {sentence}")
    assert "purposes" in classify(old, new).category_ids


def test_a_negation_that_picks_out_what_is_sent_still_names_the_recipient():
    """Phenomenon: "samples that are not tested here are sent to Acme" negates the choice
    of what is sent, not the sending: Acme receives them, and a new company in its place is a
    new recipient. A town after "in" and before a country is no company."""
    para = (
        "## Laboratories\n\nSamples that are not tested in our own laboratory are sent to "
        "Corvane Diagnostics BV in Utrecht, the Netherlands, which returns the results.\n"
    )
    old = INTRO + para
    new = old.replace("Corvane Diagnostics BV in Utrecht", "Helvoort Labs SA in Lyon").replace(
        "the Netherlands", "France"
    )
    result = classify(old, new)
    assert "sharing" in result.category_ids
    labels = [e.item for c in result.categories for e in c.evidence]
    assert not any(label in ("Utrecht", "Lyon") for label in labels)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "Our Data Protection Officer is Sanne de Vries.",
            "Our Data Protection Officer is Pieter van der Berg, who took over from Sanne de "
            "Vries in May.",
        ),
        (
            "Our Data Protection Officer is Sanne Hoekstra.",
            "Sanne Hoekstra has stepped down as our Data Protection Officer; the role is now "
            "held by Paweł Wiśniewski.",
        ),
    ],
)
def test_a_new_officer_with_a_surname_particle_or_named_in_the_next_clause(before, after):
    """Phenomena: a particle in a surname ("van der") is no ordinary lower-case word; a name
    given after "the role is now held by" in the clause after the role is the officer's; and
    letters such as "ł" or "ś" belong to names."""
    old = INTRO + f"## Contact\n\n{before} Write to dpo@quillmark.example.\n"
    new = INTRO + f"## Contact\n\n{after} Write to dpo@quillmark.example.\n"
    assert classify(old, new).category_ids == ("contacts",)


def test_a_business_owned_jointly_with_another_company_is_an_ownership_change():
    """Phenomenon: part of the business run by a company "owned jointly by" us and another (a
    joint venture) changes who controls that data; files transferred to it are shared."""
    old = INTRO + "## About us\n\nWe run three clinics.\n"
    new = INTRO + (
        "## About us\n\nWe run three clinics. Since May, the Leeds clinic has been operated by "
        "Northgate Care Ltd, a company owned jointly by us and Fenmoor Health plc; the files of "
        "its patients have been transferred to that company.\n"
    )
    assert {"ownership", "sharing"} <= set(classify(old, new).category_ids)


@pytest.mark.parametrize(
    ("section", "sentence", "category"),
    [
        (
            "## Sharing\n\nWe work with a few suppliers.",
            "Claim details may also be made available to the breeder who sold you the animal.",
            "sharing",
        ),
        (
            RIGHTS.strip(),
            "If you live in a care home, a relative holding power of attorney may act for you.",
            "rights",
        ),
    ],
)
def test_a_sentence_deleted_whole_in_unknown_words_is_decided(section, sentence, category):
    """Phenomenon: a sentence deleted whole that spoke of a category's subject in words no
    vocabulary knows, and that the section does not say again, is gone: the policy no longer
    says it. The deletion is major, with the sentence quoted, where an added sentence of the
    same kind is only asked about."""
    old = INTRO + f"{section} {sentence}\n"
    new = INTRO + f"{section}\n"
    result = classify(old, new)
    assert result.category_ids == (category,)
    quotes = [e.quote_before for c in result.categories for e in c.evidence]
    assert sentence in quotes


@pytest.mark.parametrize(
    "sentence",
    [
        "If we believe a listing breaks the law, we reserve the right to review and remove it.",
        "Nothing from your claim file is ever passed to the breeder who sold you the animal.",
    ],
)
def test_a_deleted_right_of_our_own_or_negative_promise_is_not_decided(sentence):
    """Phenomena: a right the company keeps for itself ("we reserve the right to remove")
    is no right of the user's; a negative promise withdrawn is asked about, not decided."""
    old = INTRO + f"## Sharing\n\nWe work with a few suppliers. {sentence}\n"
    new = INTRO + "## Sharing\n\nWe work with a few suppliers.\n"
    result = classify(old, new)
    assert "rights" not in result.category_ids
    assert "sharing" not in result.category_ids


@pytest.mark.parametrize(
    "event",
    [
        "Following the merger of Quillmark Holdings Ltd. into Brennock Digital Holdings Ltd. in "
        "February, our ultimate parent company is Brennock.",
        "Following the merger of Quillmark Holdings plc with Ardent Media Ltd, our parent "
        "company is Ardent Quillmark plc.",
        "From 1 September the loans service is operated by a separate company, Quillmark "
        "Lending Pty Ltd, which holds its own licence.",
        "Following a group reorganisation, the Quillmark business was transferred from "
        "Quillmark Ltd to Tarlow Imaging B.V., which now operates the service.",
        "The platform business was transferred by way of a hive-down to Quillmark Plattform "
        "GmbH, a subsidiary formed for this purpose.",
        "The activities of the Quillmark foundation have been brought into Quillmark B.V., "
        "whose shares are held as to 51% by the foundation.",
        "On 4 May Ana Ruiz and Ben Tait of Brightwater Restructuring were appointed voluntary "
        "administrators of Quillmark Limited.",
        "The ad marketplace is being separated from Quillmark and transferred to Adwell Inc., "
        "a newly formed company.",
    ],
)
def test_more_ways_of_saying_the_owner_changed(event):
    """Phenomena: a merger "of X into Y" or "of X with Y" (legal forms with a dot included),
    a service operated by a separate company, a business transferred from one company to
    another, a hive-down, activities brought into a company whose shares others hold,
    voluntary administrators appointed, a part separated into a newly formed company."""
    old = INTRO + "## About us\n\nWe run the booking app.\n"
    new = INTRO + f"## About us\n\nWe run the booking app. {event}\n"
    assert "ownership" in classify(old, new).category_ids


def test_records_moved_onto_a_platform_shared_across_the_new_group_are_shared():
    """Phenomenon: after a merger, records "shared across" or passing "between" the group's
    companies reach a company that did not have them: sharing as well as ownership."""
    old = INTRO + "## About us\n\nWe run the booking app.\n"
    new = INTRO + (
        "## About us\n\nWe run the booking app. Following the merger of Quillmark Holdings "
        "Limited with Brackwater plc, account records are being moved onto a billing platform "
        "shared across the combined group.\n"
    )
    assert {"ownership", "sharing"} <= set(classify(old, new).category_ids)


@pytest.mark.parametrize(
    "sentence",
    [
        "If you disagree with our answer, you may ask for the matter to be reviewed by our "
        "Member Ombudsman by writing to review@quillmark.example.",
        "If a booking is declined by our fraud checks, you can have it reviewed by a member of "
        "our staff.",
    ],
)
def test_a_review_of_a_decision_by_a_person_is_a_right(sentence):
    """Phenomena: asking for "the matter" to be reviewed is an appeal; having an automated
    decision "reviewed by a member of our staff" is the right to human intervention."""
    old = INTRO + RIGHTS
    new = old.replace("at any time.", f"at any time. {sentence}")
    assert "rights" in classify(old, new).category_ids


@pytest.mark.parametrize(
    "event",
    [
        "Since March both companies have belonged to Orlen Education B.V., which acquired the "
        "entire share capital of their former parent.",
        "Following the sale of its entire share capital, Quillmark is now a member of the "
        "Brisa Travel group.",
        "From 1 June, Quillmark S.r.l. will be merged by incorporation into Altamar S.p.A.",
        "Online classes were transferred in January to a separate company created for that "
        "purpose, Quillmark Online S.L.U.",
        "The betting activities of Quillmark Limited were transferred with effect from 1 April "
        "to Quillmark Malta Limited.",
    ],
)
def test_share_capital_acquired_and_mergers_by_incorporation_change_the_owner(event):
    """Phenomena: the share capital of the company or its parent acquired or sold, a merger
    by incorporation, activities transferred to a separate company."""
    old = INTRO + "## About us\n\nWe run the booking app.\n"
    new = INTRO + f"## About us\n\nWe run the booking app. {event}\n"
    assert "ownership" in classify(old, new).category_ids


def test_an_affiliate_defined_by_control_is_no_change_of_owner():
    """Phenomenon: "any entity that controls, is controlled by, or is under common control
    with you" defines affiliates; only a company "now controlled by" another changed owner."""
    old = INTRO + "## Definitions\n\nThese terms apply to you.\n"
    new = old.replace(
        "apply to you.",
        'apply to you. "You" includes any entity that controls, is controlled by, or is under '
        "common control with you.",
    )
    assert "ownership" not in classify(old, new).category_ids


def test_a_body_that_took_over_an_authoritys_functions_is_a_complaint_channel():
    """Phenomena: a body named head first in Spanish ("Secretaría Anticorrupción y Buen
    Gobierno") is a complaint channel; one that "has taken over the functions" of another
    took over duties, not a company."""
    old = INTRO + RIGHTS.replace(
        "at any time.", "at any time. You may complain to the National Transparency Institute."
    )
    new = old.replace(
        "to the National Transparency Institute.",
        "to the Secretaría Anticorrupción y Buen Gobierno, which has taken over the functions "
        "of the former National Transparency Institute.",
    )
    result = classify(old, new)
    assert result.category_ids == ("contacts",)


@pytest.mark.parametrize(
    "sentence",
    [
        "Transcripts of chats are also fed into the development of Vela, the virtual "
        "assistant in our app.",
        "Readings from the motion sensors are analysed continuously to detect a fall.",
        "Door logs are now run through software that flags fobs used at unusual hours.",
    ],
)
def test_assistants_trained_and_continuous_or_software_analysis_are_new_uses(sentence):
    """Phenomena: data fed into the development of an assistant (a model by another name);
    readings analysed continuously; software that flags people: automated analysis."""
    old = INTRO + "## How we use data\n\nWe use your details to run your account.\n"
    new = old.replace("your account.", f"your account. {sentence}")
    assert "purposes" in classify(old, new).category_ids


def test_a_title_with_a_full_stop_does_not_end_the_sentence():
    """Phenomenon: "Mr. Arjun Menon" is one name in one sentence; splitting at the title's dot
    left the name in a sentence that no longer named the officer's role."""
    old = INTRO + "## Contact\n\nOur Data Protection Officer is Ms. Grace Lim.\n"
    new = INTRO + (
        "## Contact\n\nOur Data Protection Officer is Mr. Arjun Menon, who took over the role "
        "from Ms. Grace Lim in January.\n"
    )
    assert classify(old, new).category_ids == ("contacts",)


@pytest.mark.parametrize(
    "event",
    [
        "The booking platform is run by Quillmark Platform DAC, a company formed in 2025 to "
        "which Quillmark Limited transferred the operation of the platform.",
        "Letters go to Quillmark Digital LLC (successor to the business of Quillmark Health, "
        "Inc.).",
        "On 1 April the co-operative contributed its retail banking business to Quillmark "
        "Retail NV, a company wholly owned by it.",
        "The home insurance portfolio of Quillmark will be transferred to Lakemont Insurance "
        "Company, an affiliated insurer.",
        "The two practices were consolidated in 2026 under Everhollow Partners, P.C.",
    ],
)
def test_a_business_handed_to_a_successor_or_a_company_formed_for_it_is_ownership(event):
    """Phenomena: a company formed to take over part of the business, a successor to the
    business, a business contributed to a subsidiary, an insurance portfolio transferred,
    practices consolidated: the controller of that data changed."""
    old = INTRO + "## About us\n\nWe run the booking app.\n"
    new = INTRO + f"## About us\n\nWe run the booking app. {event}\n"
    assert "ownership" in classify(old, new).category_ids


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "Your documents are checked by Ardwell Verify SRL.",
            "Your documents are checked by our own team and are no longer passed to Ardwell "
            "Verify SRL.",
        ),
        (
            "Files are stored in Canada.",
            "Files are stored in Canada, with a disaster-recovery copy maintained by our hosting "
            "provider in its Dublin, Ireland facility.",
        ),
    ],
)
def test_more_ways_recipients_change(before, after):
    """Phenomena: a company that data is "no longer passed to" is a removed recipient; a copy
    kept "in its Dublin, Ireland facility" is in Ireland."""
    old = INTRO + f"## Sharing\n\nWe work with a few suppliers. {before}\n"
    new = INTRO + f"## Sharing\n\nWe work with a few suppliers. {after}\n"
    assert "sharing" in classify(old, new).category_ids


def test_clips_released_to_insurers_are_asked_about_as_sharing():
    """Phenomenon: data "released ... to" someone is passed on: the kind of recipient it
    names (insurers) is read, and a person is asked whether it is a new one."""
    old = (
        INTRO + "## Sharing\n\nWe work with a few suppliers. Dashcam clips are kept for 30 days.\n"
    )
    new = old.replace(
        "30 days.",
        "30 days. Copies of a clip may be released, after an incident, to the insurers of other "
        "road users involved.",
    )
    result = classify(old, new)
    assert "sharing" in set(result.category_ids) | {q.category for q in result.questions}


def test_activity_readings_imported_where_the_policy_said_none_were_is_a_new_use():
    """Phenomenon: "we do not receive step counts" turned into "step counts are imported"
    flips a statement about a kind of data (physical activity) from never to states."""
    old = INTRO + "## Data we collect\n\nWe do not receive step counts or data from other apps.\n"
    new = INTRO + (
        "## Data we collect\n\nStep counts and weekly workout data are imported from your "
        "watch; data from other apps is not received.\n"
    )
    result = classify(old, new)
    labels = [e.item for c in result.categories for e in c.evidence]
    assert "Physical activity readings" in labels


def test_every_company_in_a_list_of_partners_is_a_recipient():
    """Phenomena: a company joined by "and" to a recipient is one too, however far the list
    runs from its verb ("our partners are the Centre ... and Varomed Pharma AG"); a town
    after the company ("Varomed Pharma AG, Lucerne, whose ...") is no company."""
    para = (
        "## Studies\n\nOur current study partner is the Centre for Sleep Studies at Halden "
        "University, which receives participants' readings.\n"
    )
    old = INTRO + para
    new = old.replace(
        "partner is the Centre for Sleep Studies at Halden University,",
        "partners are the Centre for Sleep Studies at Halden University and Varomed Pharma AG, "
        "Lucerne,",
    )
    result = classify(old, new)
    assert "sharing" in result.category_ids
    labels = [e.item for c in result.categories for e in c.evidence]
    assert "Lucerne" not in labels


def test_a_company_to_which_data_is_passed_is_a_recipient():
    """Phenomenon: a relative clause after a name ("Brellin Parking, S.L., to which plate
    reads and arrival times are passed") says the company receives, whatever words name the
    data."""
    old = INTRO + "## Parking\n\nOur hotels have car parks.\n"
    new = INTRO + (
        "## Parking\n\nOur hotels have car parks. The car parks are run by Brellin Parking, "
        "S.L., to which plate reads and arrival times are passed for billing.\n"
    )
    assert "sharing" in classify(old, new).category_ids


@pytest.mark.parametrize(
    ("section", "before", "after"),
    [
        (
            "## How long we keep data",
            "Call recordings are kept for 60 days and then deleted.",
            "Call recordings are kept for 120 days (45 days for calls in which no pupil took "
            "part) and then deleted.",
        ),
        (
            "## Your rights",
            "We may text you a one-time confirmation code before we act on a request.",
            "To make sure we do not hand your data to someone else, we may text you a one-time "
            "confirmation code before we act on a request.",
        ),
    ],
)
def test_a_negation_in_a_relative_clause_or_an_aim_denies_nothing(section, before, after):
    """Phenomena: "lessons in which no pupil took part" picks out which lessons; "to make sure
    we do not hand your data to someone else" states what a step guards against. Neither
    negates the practice the sentence states, so nothing is withdrawn or reversed."""
    old = INTRO + f"{section}\n\n{before}\n"
    new = INTRO + f"{section}\n\n{after}\n"
    assert classify(old, new).category_ids == ()


def test_a_spanish_address_abbreviated_and_an_attn_line_are_the_same_contact():
    """Phenomena: "Calle de Ferraz 9" and "C/ Ferraz, 9" are one street address; "attn." does
    not end a sentence; a street's name ("Calle de Ferraz") is no officer's name."""
    old = INTRO + (
        "## Contact\n\n- Post: Data Protection Officer, Brellin Hoteles, S.A., Calle de Ferraz "
        "9, 28008 Madrid, Spain\n"
    )
    new = INTRO + (
        "## Contact\n\n- Post: Brellin Hoteles, S.A., attn. Data Protection Officer, C/ Ferraz, "
        "9 – 28008 Madrid (Spain)\n"
    )
    assert "contacts" not in classify(old, new).category_ids


@pytest.mark.parametrize(
    "event",
    [
        "The Austrian lockers are now run by Quillmark AT GmbH, a separate company into which "
        "the former branch was contributed as a going concern.",
        "The clinic in Porto is run by Quillmark Saúde, Lda., which is the controller for the "
        "records of its patients.",
    ],
)
def test_a_branch_contributed_to_a_new_company_that_controls_its_data_is_ownership(event):
    """Phenomena: a branch contributed "as a going concern" to a separate company, and a
    company "which is the controller for" part of the users' data: the owner changed."""
    old = INTRO + "## About us\n\nWe run the booking app.\n"
    new = INTRO + f"## About us\n\nWe run the booking app. {event}\n"
    assert "ownership" in classify(old, new).category_ids


@pytest.mark.parametrize(
    "event",
    [
        "Restructuring proceedings were opened in March; the court-appointed administrator, "
        "Harrow Insolvency LLP, has access to customer records to run the business.",
        "The support desk was spun off into Quillmark Services Ltd, which now answers "
        "enquiries as a processor acting on our instructions.",
    ],
)
def test_an_owner_change_that_gives_a_company_access_or_makes_it_a_processor_is_sharing(event):
    """Phenomena: the administrator appointed "has access to" customer records; the company
    spun off handles the work "as a processor": either receives the users' data."""
    old = INTRO + "## About us\n\nWe run the booking app.\n"
    new = INTRO + f"## About us\n\nWe run the booking app. {event}\n"
    assert {"ownership", "sharing"} <= set(classify(old, new).category_ids)


def test_an_authority_consulted_about_a_high_risk_is_no_new_contact():
    """Phenomenon: "we have consulted the data protection authority" (a prior consultation)
    tells of a step the company took, not a channel offered to users; and whoever might
    misuse data in a risk disclosed ("could be collected by third parties", a "stop sharing"
    button in response) is no recipient."""
    old = INTRO + "## Risks\n\nOur assessment found no high residual risk.\n"
    new = INTRO + (
        "## Risks\n\nOur assessment found a high residual risk that parcels could be collected "
        "by third parties who obtain a code through SIM-swap fraud; we have therefore consulted "
        'the data protection authority and added a "stop sharing" button.\n'
    )
    assert classify(old, new).category_ids == ("high_risk",)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "Under Settings you can download all your entries.",
            "Under Settings there is a function to export everything you have logged.",
        ),
        (
            "We rely on companies that process personal information on our behalf.",
            "Certain tasks are carried out for us by outside vendors.",
        ),
    ],
)
def test_the_same_route_or_recipients_in_other_words_change_nothing(before, after):
    """Phenomena: exporting everything is downloading it (the same way of exercising a
    right); "companies that process ... on our behalf" are processors, as outside vendors
    are."""
    old = INTRO + f"## Your rights and our vendors\n\n{before}\n"
    new = INTRO + f"## Your rights and our vendors\n\n{after}\n"
    result = classify(old, new)
    assert not {"rights", "sharing"} & set(result.category_ids)


def test_a_kind_of_recipient_named_after_available_to_in_a_new_sentence_is_sharing():
    """Phenomenon: a new sentence in the sharing section says data "may be made available to
    our liability insurers": a new kind of recipient, decided, not asked about."""
    old = INTRO + SHARING
    new = old.replace(
        "instructions.",
        "instructions. After an accident on our premises, the incident report may be made "
        "available to our liability insurers.",
    )
    assert "sharing" in classify(old, new).category_ids


@pytest.mark.parametrize(
    "event",
    [
        "The members have resolved to wind up the association and to pass its activities to "
        "the Fernhill Walkers Trust.",
        "Ownership of the club's records passes to the Fernhill Walkers Trust when the "
        "association is wound up in June.",
    ],
)
def test_an_organisation_wound_up_is_an_ownership_change(event):
    """Phenomenon: an organisation wound up (voluntarily or by a court) ends; whoever takes
    over its activities is a new controller."""
    old = INTRO + "## About us\n\nWe organise weekend walks.\n"
    new = INTRO + f"## About us\n\nWe organise weekend walks. {event}\n"
    assert "ownership" in classify(old, new).category_ids


def test_a_risk_rated_high_after_a_long_list_of_data_is_a_finding():
    """Phenomenon: "rated the risk of unauthorised access to members' names, dates of birth
    and phone numbers as high": the words between the verb and "as high" can be many, with
    commas and possessives."""
    old = INTRO + "## Risks\n\nWe assess our systems every year.\n"
    new = INTRO + (
        "## Risks\n\nWe assess our systems every year. An impact assessment of the booking "
        "system rated the risk of unauthorised access to members' names, dates of birth and "
        "phone numbers as high.\n"
    )
    assert "high_risk" in classify(old, new).category_ids


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "Analytics cookies and the Pellora SDK help us see which screens are used.",
            "Analytics cookies and the Pellora, Quenby and Ostrava Lab SDKs help us see which "
            "screens are used.",
        ),
        (
            "We do not place advertising cookies.",
            "With your consent, tags from Marrowgate Media are placed so that visits can be "
            "linked to the ads you see elsewhere.",
        ),
    ],
)
def test_a_company_whose_sdk_or_tags_run_in_the_app_is_a_recipient(before, after):
    """Phenomenon: a company named as the maker of an SDK, a pixel or tags placed in the site
    or app receives what that code collects, though the sentence says only what it is for;
    "the Pellora SDK" names Pellora, the same recipient as in "the Pellora ... SDKs"."""
    old = INTRO + f"## Cookies\n\n{before}\n"
    new = INTRO + f"## Cookies\n\n{after}\n"
    result = classify(old, new)
    assert "sharing" in result.category_ids
    labels = [e.item for c in result.categories for e in c.evidence]
    assert "Pellora" not in labels


@pytest.mark.parametrize(
    "sentence",
    [
        "Following the acquisition of our practice by Dunmore Clinics Ltd, client files will "
        "be made accessible to its care teams.",
        "While the examinership continues, customer records may be examined by the examiner "
        "appointed over Quillmark Limited.",
    ],
)
def test_records_made_accessible_or_examined_in_an_ownership_change_are_shared(sentence):
    """Phenomenon: in a change of ownership, records "made accessible to" the buyer's teams or
    "examined by" the examiner are handed over to them."""
    old = INTRO + "## About us\n\nWe run three clinics.\n"
    new = INTRO + f"## About us\n\nWe run three clinics. {sentence}\n"
    assert {"ownership", "sharing"} <= set(classify(old, new).category_ids)


def test_a_street_in_an_address_is_no_officer():
    """Phenomenon: an address reformatted ("Suite 210, 45 King Street East" and "45 King St.
    E., Suite 210") is the same channel; "King Street East Hamilton" over two lines is a
    street and a town, not an officer's name."""
    old = INTRO + (
        "## Contact\n\nWrite to our Privacy Officer at:\n\n"
        "Suite 210, 45 King Street East  \nHamilton, ON  L8N 1A1\n"
    )
    new = INTRO + (
        "## Contact\n\nWrite to our Privacy Officer at:\n\n"
        "45 King St. E., Suite 210  \nHamilton, Ontario  L8N 1A1\n"
    )
    assert "contacts" not in classify(old, new).category_ids


@pytest.mark.parametrize(
    ("sentence", "categories"),
    [
        (
            "Requests can also be made by phone on our privacy line, 020 7946 0321.",
            {"contacts", "rights"},
        ),
        (
            "For questions about this notice you can also reach the team by phone on 020 7946 "
            "0321.",
            {"contacts"},
        ),
    ],
)
def test_a_phone_line_for_requests_is_a_way_to_exercise_rights(sentence, categories):
    """Phenomenon: a telephone line offered for requests is a new way to exercise rights (and
    a new number to call); a line offered for questions is a contact only."""
    section = "## Contact\n\nWrite to privacy@quillmark.example."
    old = INTRO + section + "\n"
    new = INTRO + f"{section} {sentence}\n"
    assert set(classify(old, new).category_ids) == categories


def test_a_limit_on_how_often_a_right_can_be_used_is_a_condition():
    """Phenomenon: "at most twice in any year" added to a right narrows it like "only if"."""
    old = INTRO + "## Your rights\n\nYou can receive your data in a portable format.\n"
    new = INTRO + (
        "## Your rights\n\nYou can receive your data in a portable format (at most twice in "
        "any year).\n"
    )
    assert classify(old, new).category_ids == ("rights",)


def test_steps_and_deadlines_said_again_in_other_words_change_no_right():
    """Phenomena: texting a code is a verification step; "no later than 30 days" is a
    deadline; "no fee is charged" and "no later than" negate no practice."""
    old = INTRO + (
        "## Your rights\n\nWe may ask you to enter a confirmation code before we act. We "
        "answer within 30 days, free of charge.\n"
    )
    new = INTRO + (
        "## Your rights\n\nBefore we act, we may text you a code and ask you to enter it. An "
        "answer follows no later than 30 days after your request, and no fee is charged.\n"
    )
    assert "rights" not in classify(old, new).category_ids


def test_footage_used_to_train_detection_software_is_training():
    """Phenomenon: data added to the images "used to train and test the automated
    fault-detection software" trains a model, whatever the model is called."""
    old = INTRO + "## How we use data\n\nInspection photos are kept with your job file.\n"
    new = INTRO + (
        "## How we use data\n\nInspection photos are kept with your job file and used to "
        "train and test the automated fault-detection software that drafts our quotes.\n"
    )
    assert "purposes" in classify(old, new).category_ids


def test_data_uploaded_to_a_named_company_is_shared():
    """Phenomenon: "uploaded to" a company is passed to it, wherever the sentence stands (here
    an entry of the list of purposes)."""
    old = INTRO + "## How we use data\n\n- **Billing:** we send invoices.\n"
    new = INTRO + (
        "## How we use data\n\n- **Billing:** we send invoices.\n- **Finding similar "
        "customers:** contact e-mail addresses are hashed and uploaded to Quorra Reach Ltd, "
        "whose matching service shows our adverts to people at comparable firms.\n"
    )
    assert "sharing" in classify(old, new).category_ids


@pytest.mark.parametrize(
    "event",
    [
        "In connection with the restructuring proceedings opened for Quillmark Ltd in March "
        "2026, records may be disclosed to the court-appointed restructurer.",
        "Since May the company has been under interim judicial management by order of the "
        "High Court.",
    ],
)
def test_insolvency_said_in_a_conditional_frame_or_as_judicial_management_is_ownership(event):
    """Phenomena: an event that happened ("proceedings opened ... in March 2026") is real even
    in a sentence that begins "in connection with"; judicial management is an insolvency
    regime."""
    old = INTRO + "## About us\n\nWe run the booking app.\n"
    new = INTRO + f"## About us\n\nWe run the booking app. {event}\n"
    assert "ownership" in classify(old, new).category_ids


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "Quillmark ApS, att. Privacy, Nørregade 12, 8000 Aarhus C, Denmark",
            "Quillmark ApS  \nAttn: Privacy  \nNørregade 12  \nDK-8000 Aarhus C  \nDenmark",
        ),
        (
            "Suite 210, 812 Fifth Avenue NW, Edmonton, Alberta T5K 0A1",
            "812 5 Avenue NW, Suite 210, Edmonton AB  T5K 0A1",
        ),
    ],
)
def test_an_address_with_a_district_or_an_ordinal_street_reformatted_is_the_same(before, after):
    """Phenomena: "8000 Aarhus C" and "DK-8000 Aarhus C" share a postcode; "Fifth Avenue",
    "5th Avenue" and "5 Avenue" are one street; a suite line's number before the street is
    the street's, not a postcode."""
    old = INTRO + f"## Contact\n\nWrite to us at:\n\n{before}\n"
    new = INTRO + f"## Contact\n\nWrite to us at:\n\n{after}\n"
    assert "contacts" not in classify(old, new).category_ids


def test_an_arrangement_ended_with_a_support_desk_removes_a_recipient():
    """Phenomena: "we ended our arrangement with Acme" removes Acme as a recipient, and a
    supplier whose name ends in "Desk" is not one of the company's own bodies."""
    old = INTRO + (
        "## Support\n\nSupport tickets are handled by Brightmoor Support Desk on our behalf.\n"
    )
    new = INTRO + (
        "## Support\n\nWe ended our arrangement with Brightmoor Support Desk in January; "
        "support tickets are now handled by our own staff.\n"
    )
    assert "sharing" in classify(old, new).category_ids


def test_a_mailbox_said_to_be_closed_is_a_removed_contact():
    """Phenomenon: an address the policy still names but says "has been closed" (or "is no
    longer monitored") is a channel taken away."""
    old = INTRO + "## Contact\n\nFor anything else, e-mail privacy@quillmark.example.\n"
    new = INTRO + (
        "## Contact\n\nFor anything else, use the form at quillmark.example/ask; the "
        "privacy@quillmark.example mailbox has been closed.\n"
    )
    assert "contacts" in classify(old, new).category_ids


def test_consent_withdrawn_in_a_long_passive_is_the_same_right():
    """Phenomenon: "you may withdraw your consent to a use" and "your consent to a use (our
    newsletter, for instance) can be withdrawn" state one right."""
    old = INTRO + (
        "## Your rights\n\nYou may withdraw your consent to a particular use, such as our "
        "newsletter or printed reminders, at any time.\n"
    )
    new = INTRO + (
        "## Your rights\n\nAt any time, your consent to a particular use of your information "
        "(our newsletter or printed reminders, for example) can be withdrawn.\n"
    )
    assert "rights" not in classify(old, new).category_ids


def test_a_score_derived_from_photos_and_then_found_risky_is_a_new_use_and_a_risk():
    """Phenomena: a score "our systems derive from your photos" is an inference and profiling;
    a use named before the risk a sentence discloses is a new use (only a use named after
    the risk, as its remedy, is not)."""
    old = INTRO + "## How we use data\n\nWe suggest matches from your stated interests.\n"
    new = INTRO + (
        "## How we use data\n\nWe suggest matches from your stated interests and from an "
        "attractiveness score that our systems derive from your profile photos; our impact "
        "assessment rated the risk of unfair outcomes as high.\n"
    )
    assert set(classify(old, new).category_ids) == {"purposes", "high_risk"}


def test_a_majority_of_tokens_is_no_majority_stake():
    """Phenomenon: "the vast majority of customer tokens" is a proportion, not a majority of
    the company's shares."""
    old = INTRO + "## Security\n\nThe vast majority of customer tokens are kept offline.\n"
    new = INTRO + "## Security\n\nAt least 95% of customer tokens are kept offline.\n"
    assert "ownership" not in classify(old, new).category_ids


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "Attn. Privacy Team, 7F, 18 Dosan-daero, Gangnam-gu, Seoul 06040",
            "Attn. Privacy Team, 3F, 255 Teheran-ro, Gangnam-gu, Seoul 06142",
        ),
        (
            "Quillmark – Data Protection, CS 20418, 69441 Lyon Cedex 03",
            "Quillmark – Data Protection, CS 30977, 69341 Lyon Cedex 07",
        ),
    ],
)
def test_a_korean_or_french_postal_address_moved_is_a_new_contact(before, after):
    """Phenomena: a Korean road address ("255 Teheran-ro") and a postcode after the city
    ("Seoul 06142"); a French "CS" box and a "Cedex" postcode ("69341 Lyon Cedex 07")."""
    old = INTRO + f"## Contact\n\nWrite to us at:\n\n{before}\n"
    new = INTRO + f"## Contact\n\nWrite to us at:\n\n{after}\n"
    assert classify(old, new).category_ids == ("contacts",)


def test_a_right_about_data_after_death_deleted_is_a_rights_change():
    """Phenomenon: some laws (France's among them) let people give instructions for their data
    after their death; a sentence granting it, deleted, removes a right."""
    old = INTRO + (
        "## Your rights\n\nYou can ask for a copy of your data. You may also give instructions "
        "on what should happen to your data after your death.\n"
    )
    new = INTRO + "## Your rights\n\nYou can ask for a copy of your data.\n"
    assert classify(old, new).category_ids == ("rights",)


def test_cookies_from_a_named_company_beside_a_negated_aside_are_shared():
    """Phenomena: "cookies from Acme" make Acme a recipient (as "tags from" or "the Acme SDK"
    do); a negation inside a relative clause in brackets ("a tool (which does not follow
    you)") describes that tool and negates nothing else; session replays are browsing data."""
    old = INTRO + "## Cookies\n\nWe use a self-hosted audience measurement tool.\n"
    new = INTRO + (
        "## Cookies\n\nBesides a self-hosted audience measurement tool (which does not follow "
        "you across other sites), we place, if you accept them, cookies from Quorvik, which "
        "replays sessions to help us improve the pages.\n"
    )
    assert {"sharing", "purposes"} <= set(classify(old, new).category_ids)


def test_our_own_services_promoted_where_marketing_was_ruled_out_is_a_new_use():
    """Phenomenon: "never used to market products to you" turned into "may be drawn on to let
    you know about our own services" reverses a promise about marketing."""
    old = INTRO + (
        "## How we use data\n\nCare records are never used to market products or services to you.\n"
    )
    new = INTRO + (
        "## How we use data\n\nCare records are not used to promote the products of other "
        "companies; your care level may, however, be drawn on to let you know about our own "
        "services, such as housekeeping help.\n"
    )
    assert "purposes" in classify(old, new).category_ids


@pytest.mark.parametrize(
    "event",
    [
        "Following the split-off of our northern business, the Leeds centre is run by "
        "Quillmark North Ltd, a newly incorporated company.",
        "The nursing stations were transferred, by way of an absorption-type company split, "
        "to Quillmark Nursing Co., Ltd.",
    ],
)
def test_a_split_off_or_a_company_split_is_an_ownership_change(event):
    """Phenomena: a business split off into a newly incorporated company, and a company
    split (as Japanese and Korean law call the transfer of a business line)."""
    old = INTRO + "## About us\n\nWe run three care centres.\n"
    new = INTRO + f"## About us\n\nWe run three care centres. {event}\n"
    assert "ownership" in classify(old, new).category_ids


def test_a_support_provider_in_a_newly_listed_country_is_sharing():
    """Phenomenon: a country missing from a short list of the usual ones ("Tunis, Tunisia")
    where support agents answer requests is a new destination."""
    old = INTRO + (
        "## International transfers\n\nPersonal data stays in the European Economic Area.\n"
    )
    new = INTRO + (
        "## International transfers\n\nPersonal data stays in the European Economic Area, save "
        "that support requests may be answered by agents of our contractor in Tunis, Tunisia.\n"
    )
    result = classify(old, new)
    places = [(e.item, e.item_kind) for c in result.categories for e in c.evidence]
    assert ("Tunisia", "country") in places


def test_a_hashing_scheme_named_in_capitals_is_no_recipient():
    """Phenomenon: a capitalised technical name before "hashes", "encryption" or "algorithm"
    ("stored as Argon2id hashes") is a technique, not a company."""
    old = INTRO + "## Security\n\nWe store passwords with a salted hash.\n"
    new = INTRO + "## Security\n\nPasswords are stored only as Argon2id hashes.\n"
    assert "sharing" not in classify(old, new).category_ids


def test_stores_sold_to_another_company_with_their_records_is_ownership_and_sharing():
    """Phenomena: stores (shops, clinics, branches) "were sold on <date> to" a company is a
    sale of part of the business; their customer records "passed to that company"."""
    old = INTRO + "## About us\n\nWe run car dealerships in two states.\n"
    new = INTRO + (
        "## About us\n\nWe run car dealerships in two states. Our former stores in Dover were "
        "sold on March 31, 2026 to Kestrel Auto Retail, LLC; the customer and service records "
        "of those stores passed to that company.\n"
    )
    assert {"ownership", "sharing"} <= set(classify(old, new).category_ids)


def test_a_state_department_named_for_complaints_is_a_contact():
    """Phenomenon: US state laws send complaints to a state department or attorney general;
    a new one named in the sentence about complaints is a new complaint channel."""
    old = INTRO + (
        "## Your rights\n\nIf you are not satisfied with our answer, you may contact the Office "
        "of the Attorney General of Oregon.\n"
    )
    new = old.replace(
        "of Oregon.",
        "of Oregon, and Utah residents may complain to the Utah Department of Commerce.",
    )
    assert "contacts" in classify(old, new).category_ids


def test_a_gps_receiver_where_there_was_none_and_coordinates_geocoded_by_a_company():
    """Phenomena: "does not contain a GPS receiver" turned into "contains a GPS receiver"
    reverses a statement about precise location; coordinates "converted ... by" a company
    are passed to it."""
    old = INTRO + (
        "## Data we collect\n\nThe pendant does not contain a GPS receiver; we know only the "
        "address of the base unit.\n"
    )
    new = INTRO + (
        "## Data we collect\n\nThe mobile pendant contains a GPS receiver: its position is sent "
        "with every alarm, and the coordinates are converted into a street address by Tessaro "
        "Maps GmbH.\n"
    )
    assert {"purposes", "sharing"} <= set(classify(old, new).category_ids)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "Quillmark AS, Personvern, Postboks 2211 Majorstuen, 0301 Oslo",
            "Quillmark AS, att. Personvern, P.O. Box 2211 Majorstuen, NO-0301 Oslo",
        ),
        (
            "Suite 300, 1720 Hollis Street, Halifax, NS B3J 1V9, Canada",
            "1720 Hollis Street, Suite 300, Halifax, Nova Scotia B3J 1V9, Canada",
        ),
    ],
)
def test_a_norwegian_box_or_a_province_before_a_postcode_reformatted_is_the_same(before, after):
    """Phenomena: "Postboks 2211" is "P.O. Box 2211"; "Nova Scotia" before a postcode is a
    province, not an officer's name."""
    old = INTRO + f"## Contact\n\nWrite to our Privacy Officer at:\n\n{before}\n"
    new = INTRO + f"## Contact\n\nWrite to our Privacy Officer at:\n\n{after}\n"
    assert "contacts" not in classify(old, new).category_ids


def test_an_internal_review_offered_is_a_new_way_to_challenge_an_answer():
    """Phenomenon: "you may ask for an internal review by writing to ..." is an appeal of the
    company's answer: a rights change (and a new address, a contact)."""
    old = INTRO + (
        "## Your rights\n\nIf you are not satisfied with our answer, you may complain to the "
        "supervisory authority.\n"
    )
    new = INTRO + (
        "## Your rights\n\nIf you are not satisfied with our answer, you may ask for an internal "
        "review by writing to review@quillmark.example. You may also complain to the "
        "supervisory authority.\n"
    )
    assert {"rights", "contacts"} <= set(classify(old, new).category_ids)


def test_a_provider_that_previously_did_the_work_is_a_removed_recipient():
    """Phenomenon: "was previously carried out with the help of Acme" says Acme no longer
    does it."""
    old = INTRO + (
        "## Sharing\n\nDownload counts are measured with the help of Tallow Metrics, which "
        "receives hashed IP addresses.\n"
    )
    new = INTRO + (
        "## Sharing\n\nDownload counts were previously measured with the help of Tallow "
        "Metrics; they are now measured by our own systems.\n"
    )
    assert "sharing" in classify(old, new).category_ids


@pytest.mark.parametrize(
    "event",
    [
        "On 2 March administrators from Harlow Byrne Restructuring were appointed to "
        "Quillmark Pty Ltd.",
        "From 1 May the combined practice will be carried on by Quillmark Fenwick LLP, which "
        "will from then on be the controller of your data.",
        "Since April, 40% of the membership interests in Quillmark LLP are held by Saltmarsh "
        "Capital plc.",
        "Our family law department became a separate firm, Quillmark Family LLP, in March.",
    ],
)
def test_more_owner_changes_of_firms_and_insolvent_companies(event):
    """Phenomena: administrators "from" a firm appointed; a combined practice and the company
    that "will be the controller"; a share of the membership interests held by an investor;
    a department that became a separate firm."""
    old = INTRO + "## About us\n\nWe are a law firm.\n"
    new = INTRO + f"## About us\n\nWe are a law firm. {event}\n"
    assert "ownership" in classify(old, new).category_ids


@pytest.mark.parametrize(
    "sentence",
    [
        "Unpaid balances may be reported to a licensed credit reference bureau.",
        "Access to applications may also be granted to an outside recruitment agency engaged "
        "by the employer.",
    ],
)
def test_credit_bureaus_and_recruitment_agencies_are_kinds_of_recipient(sentence):
    """Phenomenon: a credit reference bureau and a recruitment agency are kinds of recipient
    the policy may name without naming a company."""
    old = INTRO + SHARING
    new = old.replace("instructions.", f"instructions. {sentence}")
    result = classify(old, new)
    assert "sharing" in set(result.category_ids) | {q.category for q in result.questions}
    assert "sharing" in result.category_ids


def test_an_id_copy_uploaded_to_a_portal_is_a_new_step_for_requests():
    """Phenomenon: "a copy of photo identification must be uploaded through our document
    portal" is a verification step and a portal: a new way requests must be made."""
    old = INTRO + (
        "## Your rights\n\nWe will confirm your identity before we release information.\n"
    )
    new = INTRO + (
        "## Your rights\n\nBefore any request is actioned, a copy of current photo "
        "identification must be uploaded through our secure document portal.\n"
    )
    assert "rights" in classify(old, new).category_ids


def test_transfer_instruments_name_no_authority_and_no_country():
    """Phenomena: the agreement "issued by the Information Commissioner" cites a source of
    rules, not a complaint channel; "the EU standard contractual clauses" and "Kenyan law"
    name whose rules apply, not a destination or a company."""
    old = INTRO + (
        "## International transfers\n\nWe require recipients to protect the data to a standard "
        "equivalent to Kenyan law.\n"
    )
    new = INTRO + (
        "## International transfers\n\nWe require recipients to sign the transfer agreement "
        "issued by the Information Commissioner, or the addendum to the EU standard "
        "contractual clauses.\n"
    )
    assert classify(old, new).category_ids == ()


def test_an_opt_out_of_a_business_customer_is_no_right():
    """Phenomenon: "unless the Employer has opted out under its agreement" is a business
    customer's setting, not a right of the people whose data it is."""
    old = INTRO + (
        "## How we use data\n\nWe do not use CVs to train our matching models unless the "
        "Employer has opted in under its agreement.\n"
    )
    new = INTRO + (
        "## How we use data\n\nCVs may be used to train our matching models, unless the "
        "Employer has opted out under its agreement.\n"
    )
    assert "rights" not in classify(old, new).category_ids


def test_a_gdpr_proviso_in_brackets_denies_no_right():
    """Phenomenon: "(this does not affect processing before the withdrawal)" is the proviso
    that goes with the right to withdraw consent, not a negation of it."""
    old = INTRO + (
        "## Your rights\n\nYou have the right to withdraw any consent you have given, without "
        "affecting earlier processing.\n"
    )
    new = INTRO + (
        "## Your rights\n\nYou have the right:\n\n- to withdraw any consent you have given (this "
        "does not affect processing that took place before the withdrawal).\n"
    )
    assert "rights" not in classify(old, new).category_ids


# -- a section's heading speaks for the statements added to it ------------------------------------


@pytest.mark.parametrize(
    ("section", "before", "after", "category"),
    [
        (
            "Who receives your data",
            "Our accountants see invoices. Couriers see the delivery address.",
            "Our accountants see invoices. Couriers see the delivery address. After a flood or "
            "fire at one of our shops, the surveyors and loss adjusters appointed look at the "
            "files of the orders that were lost.",
            "sharing",
        ),
        (
            "Recipients",
            "Card payments go through our payment provider and refunds are made by bank transfer.",
            "Card payments go through our payment provider, and any order over 2,000 euros is "
            "first checked against the fraud register kept by the regional traders' "
            "association; refunds are made by bank transfer.",
            "sharing",
        ),
        (
            "How we use your information",
            "We use your orders to deliver them, to answer your questions about them and to "
            "handle returns. Now and then a few customers are invited to a panel on the layout "
            "of our shops.",
            "We use your orders to deliver them, to answer your questions about them and to "
            "handle returns.",
            "purposes",
        ),
        (
            "Information we collect",
            "We note your name, delivery address and the sizes you order.",
            "We note your name, delivery address and the sizes you order, and, for members of "
            "the fitting club, a three-dimensional scan of the body taken in the shop's booth.",
            "purposes",
        ),
    ],
)
def test_a_statement_added_under_a_sharing_or_use_heading_is_asked_about(
    section, before, after, category
):
    """Phenomenon: a list of recipients or uses grows (or loses) an entry that carries no verb
    of its own ("- surveyors and loss adjusters appointed after a flood"): the heading ("Who
    receives your data", "How we use your information") is the verb. No vocabulary reads the
    entry, so a person decides; it is asked about, not called major."""
    old = INTRO + f"## {section}\n\n{before}\n"
    new = INTRO + f"## {section}\n\n{after}\n"
    result = classify(old, new)
    assert category in {q.category for q in result.questions}
    assert result.needs_decision


@pytest.mark.parametrize(
    ("section", "before", "after"),
    [
        (
            "Who receives your data",
            "Our processors act on our instructions.",
            "Our processors act on our instructions. All files are kept in encrypted form and "
            "their staff sign in with a second factor.",
        ),
        (
            "How we use your information",
            "We use your orders to deliver them, to answer your questions about them and to "
            "handle returns.",
            "We use your orders to deliver them, to answer your questions about them and to "
            "handle returns. Everything in this list is kept no longer than six years, as tax "
            "law requires.",
        ),
    ],
)
def test_security_or_retention_added_under_a_sharing_or_use_heading_is_not_asked_about(
    section, before, after
):
    """Guard: the heading does not speak for a sentence about security or retention, which
    the policy's list makes minor."""
    old = INTRO + f"## {section}\n\n{before}\n"
    new = INTRO + f"## {section}\n\n{after}\n"
    result = classify(old, new)
    assert not result.category_ids
    assert not result.needs_decision


def test_a_deleted_entry_known_only_by_its_heading_is_asked_about_not_decided():
    """Phenomenon: an entry deleted from a recipients list whose words name no recipient kind
    the tool knows: its deletion may remove a recipient, or only tidy the list; a person
    decides, the tool does not call it major on the heading's word alone."""
    old = INTRO + (
        "## Who receives your data\n\n- our accountants;\n- the surveyors we call after a "
        "flood or fire at one of our shops;\n"
    )
    new = INTRO + "## Who receives your data\n\n- our accountants;\n"
    result = classify(old, new)
    assert "sharing" not in result.category_ids
    assert "sharing" in {q.category for q in result.questions}


def test_a_new_practice_that_comes_with_its_own_appeal_changes_rights_too():
    """Phenomenon: a change already major for a new use ("we now collect your voice
    recordings ... and score them") that also gives users a way to contest what follows
    ("you may appeal any suspension") changes their rights as well; a right named in a change
    that is not otherwise major stays a question (`SUPPORT_KINDS`)."""
    before = "Posts are checked by our moderators, who act on reports from other members."
    after = (
        f"{before} We now collect your voice recordings from live rooms and use software to "
        "score them for abuse; you may appeal any suspension that follows."
    )
    result = classify(INTRO + f"## Moderation\n\n{before}\n", INTRO + f"## Moderation\n\n{after}\n")
    assert result.category_ids == ("purposes", "rights")


HANDED_BEFORE = (
    "We give your order details to the courier who delivers your parcel and to our payment "
    "provider."
)


def test_data_handed_in_the_passive_voice_to_someone_new_is_a_recipient():
    """Phenomenon: a new sentence hands data over in the passive voice ("may also be made
    available to the surveyor who inspects the damaged goods") to someone the section did not
    name before. The recipient is named and said to receive data, whether or not a vocabulary
    knows the word: the change is major for sharing, with the recipient quoted."""
    after = (
        f"{HANDED_BEFORE} Where a parcel goes missing, the delivery record and your address "
        "may also be made available to the surveyor who inspects the damaged goods, so that the "
        "claim can be settled."
    )
    result = classify(
        INTRO + f"## Who receives your data\n\n{HANDED_BEFORE}\n",
        INTRO + f"## Who receives your data\n\n{after}\n",
    )
    assert result.category_ids == ("sharing",)
    reason = result.categories[0].evidence[0].reason
    assert "the surveyor who inspects the damaged goods" in reason


@pytest.mark.parametrize(
    "added",
    [
        # the recipient was already named in the section: what it receives is asked about
        "Order details are then also passed to the courier once the parcel leaves our "
        "warehouse, so that it can plan the round.",
        # handed to the user, not to a third party
        "A copy of the delivery record is sent to you by post once the parcel arrives.",
        # a risk an assessment found is no practice
        "The assessment found a high risk that home addresses could be passed on to "
        "strangers by a careless courier.",
    ],
)
def test_data_handed_to_a_known_recipient_the_user_or_in_a_risk_is_not_a_new_recipient(added):
    """Guards: the same recipient again, the user, or a feared hand-over that an assessment
    describes, are no new recipient."""
    result = classify(
        INTRO + f"## Who receives your data\n\n{HANDED_BEFORE}\n",
        INTRO + f"## Who receives your data\n\n{HANDED_BEFORE} {added}\n",
    )
    assert not any(e.rule == "sharing.handed-over" for c in result.categories for e in c.evidence)


# -- ownership events in other words, and what only looks like one --------------------------------


@pytest.mark.parametrize(
    "event",
    [
        "Quillmark Ltd has been under court protection since May 2026, when the court appointed "
        "an examiner to it.",
        "Quillmark Ltd, formerly the payments arm of Beta Holdings Inc., has since been "
        "separated from its parent and now trades on its own.",
        "Our loyalty business was transferred with effect from 1 March 2026 to Northwind "
        "Rewards S.r.l.",
    ],
)
def test_a_court_rescue_a_separation_or_a_dated_transfer_changes_the_owner(event):
    """Phenomena: a court-supervised rescue (an examiner appointed, court protection), a
    division "since" separated from its parent, a business line transferred "on" a date to
    another company: the company responsible for the data changed hands or shape."""
    before = "Quillmark Ltd runs this service."
    result = classify(
        INTRO + f"## Who we are\n\n{before}\n", INTRO + f"## Who we are\n\n{before} {event}\n"
    )
    assert "ownership" in result.category_ids


def test_an_account_taken_over_is_no_change_of_owner():
    """Guard: "if an account were taken over" speaks of an attack on a user, not of the
    company being taken over."""
    before = "We protect your home data with encryption."
    after = (
        "We protect your home data with encryption, so that nothing useful can be seen even "
        "if an account were taken over by someone else."
    )
    result = classify(INTRO + f"## Security\n\n{before}\n", INTRO + f"## Security\n\n{after}\n")
    assert "ownership" not in result.category_ids
    assert "ownership" not in {q.category for q in result.questions}


def test_a_company_that_is_now_the_data_controller_takes_our_place_and_receives_nothing():
    """Phenomenon: responsibility passed within a group to a company "which is now the data
    controller": the owner changed; no one new receives the data, the new controller is
    "we"."""
    before = "For the data of app users, Quillmark is the controller."
    after = (
        "Following a group reorganisation, the personal data of app users was transferred on 1 "
        "March 2026 from Quillmark Labs Ltd to Quillmark Services Ltd, which is now the data "
        "controller."
    )
    result = classify(INTRO + f"## Who we are\n\n{before}\n", INTRO + f"## Who we are\n\n{after}\n")
    assert result.category_ids == ("ownership",)


# -- places: a town of several words, a town after its postcode -----------------------------------


def test_a_country_after_a_town_of_several_words_is_a_destination():
    """Phenomenon: "staff in Ho Chi Minh City, Vietnam" puts data in Vietnam however many
    words the town's name has."""
    before = "We keep your data in the EEA. Where another transfer is needed, we use clauses."
    after = (
        "We keep your data in the EEA. Night-time support is handled by a team in Ho Chi Minh "
        "City, Vietnam, who can see your messages. Where another transfer is needed, we use "
        "clauses."
    )
    result = classify(
        INTRO + f"## International transfers\n\n{before}\n",
        INTRO + f"## International transfers\n\n{after}\n",
    )
    assert result.category_ids == ("sharing",)
    assert "Vietnam" in result.categories[0].evidence[0].reason


def test_the_town_after_a_postcode_is_no_recipient():
    """Phenomenon: an address block reformatted ("20143 Milano" → "20143 Milan (MI)") names the
    same place; the town after a postcode is no company that receives data."""
    old = INTRO + "## Who we are\n\nData controller: Quillmark S.r.l., Via Roma 41, 20143 Milano.\n"
    new = INTRO + (
        "## Who we are\n\nData controller:  \nQuillmark S.r.l.  \nVia Roma, 41  \n"
        "20143 Milan (MI)\n"
    )
    result = classify(old, new)
    assert "sharing" not in result.category_ids


# -- how identity is checked before a request --------------------------------------------------


VERIFY_BEFORE = (
    "You can ask for a copy of your data or its deletion. Before acting on a request we confirm "
    "your identity by asking you to reply from the e-mail address on your account."
)


@pytest.mark.parametrize(
    ("after", "changed"),
    [
        (
            "You can ask for a copy of your data or its deletion. Before acting on a request we "
            "confirm your identity with a six-digit code texted to the phone number on your "
            "account; if you have none, a scan of your passport is needed.",
            True,
        ),
        (
            "You can ask for a copy of your data or its deletion. Before acting on a request we "
            "compare a live selfie with the photo on your identity card.",
            True,
        ),
        (
            "You can ask for a copy of your data or its deletion. Before we act on any request, "
            "we will check that it really comes from you: we ask you to reply from the e-mail "
            "address linked to your account.",
            False,
        ),
    ],
)
def test_a_new_way_of_checking_identity_is_a_new_step(after, changed):
    """Phenomenon: the check on who makes a request moves from a reply by e-mail to a code by
    text message, an identity document or a selfie: a new step users must take to exercise
    their rights. The same check said in other words is none."""
    result = classify(
        INTRO + f"## Your rights\n\n{VERIFY_BEFORE}\n", INTRO + f"## Your rights\n\n{after}\n"
    )
    assert ("rights" in result.category_ids) is changed


def test_a_selfie_asked_for_by_the_fraud_team_is_no_step_of_a_request():
    """Guard: a selfie or a code that serves a login or a fraud check ("at the request of our
    fraud team") is no step users take to exercise their rights."""
    before = "We hold your name, e-mail address and order history."
    after = (
        "We hold your name, e-mail address and order history, and, at the request of our fraud "
        "team, a selfie video compared with your identity card when an account looks "
        "suspicious."
    )
    result = classify(
        INTRO + f"## Data we collect\n\n{before}\n", INTRO + f"## Data we collect\n\n{after}\n"
    )
    assert "rights" not in result.category_ids


def test_a_promise_not_to_pass_data_on_reversed_outside_a_sharing_section_is_decided():
    """Phenomenon: "we do not pass your contact details to recruitment agencies" (the verb and
    "to" apart, in a section that is not about sharing) becomes "contact details may be
    forwarded to recruitment agencies": the same recipient, never → may. The words between
    "pass" and "to" kept the old sentence from being read as one about passing data on."""
    lead = (
        "If an employer wants to invite you to an interview, we pass on your CV only after you "
        "have accepted the invitation."
    )
    tail = "You can hide your profile at any time."
    old = INTRO + (
        f"## Career services\n\n{lead}\n\nWe do not pass the CVs we hold to recruitment "
        f"agencies.\n\n{tail}\n"
    )
    new = INTRO + (
        f"## Career services\n\n{lead}\n\nYour CV may now also be forwarded to two recruitment "
        f"agencies we partner with.\n\n{tail}\n"
    )
    result = classify(old, new)
    assert "sharing" in result.category_ids
    reasons = " ".join(e.reason for c in result.categories for e in c.evidence)
    assert "“never” becomes “may”" in reasons


def test_a_use_dropped_whose_paragraph_names_a_period_is_still_asked_about():
    """Phenomenon: a use deleted from a use section whose words hold a period ("a survey six
    and twelve months after the course") is no retention sentence: the period says when, not
    how long data is kept, so the deletion is still asked about."""
    lead = "We use your enrolment to run your course and to issue your certificate."
    old = INTRO + (
        f"## How we use your information\n\n{lead}\n\n- a yearly report on where our "
        "graduates work, for which they fill in a questionnaire three and nine months after "
        "the course;\n- answering your questions.\n"
    )
    new = INTRO + f"## How we use your information\n\n{lead}\n\n- answering your questions.\n"
    result = classify(old, new)
    assert "purposes" in result.category_ids or "purposes" in {q.category for q in result.questions}


def test_a_page_linked_for_complaints_is_a_channel_whatever_its_address_says():
    """Phenomenon: a new complaints office "reached through the form at
    www.example.de/beschwerde": the page is where users complain, though its address is in
    another language and names no contact or complaint in English."""
    before = "The authority responsible for us is the data protection commissioner of our state."
    after = (
        "If you would rather complain to us first, our complaints desk takes them through the "
        f"form at www.quillmark.example/beschwerde. {before}"
    )
    result = classify(INTRO + f"## Complaints\n\n{before}\n", INTRO + f"## Complaints\n\n{after}\n")
    assert result.category_ids == ("contacts",)


def test_a_recipient_is_new_by_its_head_word_not_by_what_follows_it():
    """Phenomenon: "passed on to the grid operator named in your contract": what follows the
    recipient ("named in your contract") is not part of its name, and a word of the name the
    section already had ("your contract") does not make it a recipient the section knew."""
    before = (
        "Your meter readings are shown in the app and used to prepare your contract's "
        "yearly statement."
    )
    after = (
        f"{before} The half-hourly readings are also passed on to the grid operator named in "
        "your contract, so that it can plan the local network."
    )
    result = classify(
        INTRO + f"## Your readings\n\n{before}\n", INTRO + f"## Your readings\n\n{after}\n"
    )
    assert "sharing" in result.category_ids
    reasons = " ".join(e.reason for c in result.categories for e in c.evidence)
    assert "“the grid operator”" in reasons


def test_a_negation_in_brackets_does_not_negate_a_recipient_outside_them():
    """Phenomenon: "(requests sent by e-mail are not answered)" speaks of e-mails; the
    employer the sentence passes requests on to is still a recipient, not one the policy now
    promises never to use. Inside the brackets, a negation keeps its force."""
    lead = "## Your rights\n\nYou can ask for a copy of your data.\n\n"
    old = (
        INTRO
        + lead
        + (
            "Send your request to privacy@quillmark.example and we will pass it on to the "
            "employer that received your application.\n"
        )
    )
    new = (
        INTRO
        + lead
        + (
            "Submit your request through the form at quillmark.example/request (requests sent by "
            "e-mail are not answered) and we will pass it on to the employer that received your "
            "application.\n"
        )
    )
    result = classify(old, new)
    assert "sharing" not in result.category_ids
    assert "rights" in result.category_ids
    kept = INTRO + "## Who receives your data\n\nWe share order details with Acme Couriers.\n"
    denied = INTRO + (
        "## Who receives your data\n\nWe share order details with our couriers (we never pass "
        "them to Acme Couriers).\n"
    )
    assert "sharing" in classify(kept, denied).category_ids


def test_a_postcode_before_a_town_of_several_words_is_an_address():
    """Phenomenon: an office moved within a city whose name has two words ("50250 Kuala
    Lumpur" → "59200 Kuala Lumpur"): the postal address changed. A number before a street
    ("1450 Larimer Street", "3100 Birch St.") is no postcode, so the same address set out on
    several lines stays the same."""
    old = INTRO + (
        "## Contact us\n\nWrite to us at Level 12, Menara Kenari, Jalan Ampang, 50250 Kuala "
        "Lumpur, Malaysia.\n"
    )
    new = INTRO + (
        "## Contact us\n\nWrite to us at Suite 7-3, Wisma Teratai, No. 9 Jalan Teknologi, 59200 "
        "Kuala Lumpur, Malaysia.\n"
    )
    assert classify(old, new).category_ids == ("contacts",)
    old = INTRO + (
        "## Contact us\n\n- Mail: Quillmark, Inc., Attn: Privacy Team, 3100 Birch Street, "
        "Suite 220, Salem, OR 97301, USA\n"
    )
    new = INTRO + (
        "## Contact us\n\n- Mail:  \n  Privacy Team  \n  Quillmark, Inc.  \n  3100 Birch St., "
        "Ste. 220  \n  Salem, Oregon 97301  \n  United States of America\n"
    )
    assert "contacts" not in classify(old, new).category_ids


def test_someone_appointed_as_examiner_changes_the_owner():
    """Phenomenon: "the court appointed Ms Ana Ruiz of Delta Partners as examiner": the
    person comes between "appointed" and the office; the company is under court protection."""
    before = "Quillmark Ltd runs this service."
    after = (
        f"{before} On 3 March 2026 the court appointed Ms Ana Ruiz of Delta Partners as "
        "examiner to Quillmark Ltd."
    )
    result = classify(INTRO + f"## Who we are\n\n{before}\n", INTRO + f"## Who we are\n\n{after}\n")
    assert result.category_ids == ("ownership",)


def test_the_same_page_written_with_its_scheme_is_no_new_page():
    """Phenomenon: an authority's address reformatted, its site now written with "https://"
    ("www.example.gv.at" → "(https://www.example.gv.at)"): the same page."""
    old = INTRO + (
        "## Complaints\n\nYou can complain to the data protection authority, Mainstrasse 4, "
        "1030 Vienna, www.authority.example.at.\n"
    )
    new = INTRO + (
        "## Complaints\n\nYou can complain to the data protection authority, Mainstrasse 4, "
        "A-1030 Wien (https://www.authority.example.at).\n"
    )
    assert "contacts" not in classify(old, new).category_ids


def test_a_town_and_country_added_to_a_table_cell_is_a_new_place():
    """Phenomenon: a hosting row gains a second place, "; Auckland, New Zealand (backup
    copies)": a town and its country starting an item of a cell's list of places."""
    head = "## Service providers\n\n| Provider | Purpose | Location |\n| --- | --- | --- |\n"
    old = INTRO + head + "| Nimbus Hosting | Hosting, backups | Frankfurt, Germany |\n"
    new = (
        INTRO
        + head
        + (
            "| Nimbus Hosting | Hosting, backups | Frankfurt, Germany (main); Montreal, Canada "
            "(standby copies) |\n"
        )
    )
    result = classify(old, new)
    assert result.category_ids == ("sharing",)
    assert "Canada" in result.categories[0].evidence[0].reason


def test_and_never_narrows_what_a_recipient_receives_it_does_not_deny_it():
    """Phenomenon: "Bolt Metrics in Chile gets page views only and never e-mail addresses":
    the clause after "and never" narrows what Bolt Metrics receives; the sentence
    states a recipient, it does not promise that nobody receives data."""
    from policy.classify.inventory import polarity

    narrowed = "Bolt Metrics in Chile gets page views only and never e-mail addresses."
    assert polarity(narrowed) != "never"
    assert polarity("Bolt Metrics never gets e-mail addresses.") == "never"


def test_an_electronic_identification_is_a_way_of_checking_identity():
    """Phenomenon: identity checked by an electronic identification (a national eID, online
    banking credentials, a mobile certificate) instead of a code by text message: a new
    step."""
    lead = "You can ask for a copy of your data or its deletion. Before acting on a request we "
    before = lead + "confirm your identity with a six-digit code texted to your phone."
    after = lead + "confirm your identity by asking you to sign in with your national eID."
    result = classify(
        INTRO + f"## Your rights\n\n{before}\n", INTRO + f"## Your rights\n\n{after}\n"
    )
    assert "rights" in result.category_ids


def test_an_abbreviated_street_kind_written_first_is_the_same_street():
    """Phenomenon: "Av. Rivadavia 2210" spelled out as "Avenida Rivadavia 2210": the street's
    kind, written first and abbreviated, names the same street."""
    old = INTRO + "## Contact us\n\nWrite to us at Av. Rivadavia 2210, piso 4, Buenos Aires.\n"
    new = INTRO + (
        "## Contact us\n\nWrite to us at Avenida Rivadavia 2210, 4th floor, Buenos Aires.\n"
    )
    assert "contacts" not in classify(old, new).category_ids
    old = INTRO + "## Contact us\n\nWrite to us at Avenue des Tilleuls 27, 1050 Bruxelles.\n"
    new = INTRO + (
        "## Contact us\n\nWrite to us at Av. des Tilleuls 27 – B-1050 Bruxelles (Belgium).\n"
    )
    assert "contacts" not in classify(old, new).category_ids


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "Data may be disclosed to public authorities where the law requires it.",
            "Data may be disclosed to public authorities where Latvian or EU law requires it.",
        ),
        (
            "Our data protection officer can be reached at dpo@quillmark.example.",
            "Our data protection officer, Mr Tomas Weir, can be reached at "
            "dpo@quillmark.example, and data may be disclosed to him when you complain.",
        ),
    ],
)
def test_a_nationality_or_a_titled_person_is_no_recipient(before, after):
    """Phenomena: "Latvian or EU law" (a nationality before a word in lower case is an
    adjective) and "Mr Tomas Weir" (a title names a person) are no companies receiving
    data."""
    result = classify(
        INTRO + f"## Who receives your data\n\n{before}\n",
        INTRO + f"## Who receives your data\n\n{after}\n",
    )
    assert not any(e.rule == "sharing.organisation" for c in result.categories for e in c.evidence)


@pytest.mark.parametrize(
    ("section", "before", "after", "category"),
    [
        (
            "Who receives your data",
            "- our accountants;\n- couriers who deliver your orders;",
            "- our accountants;\n- couriers who deliver your orders;\n- surveyors and "
            "assessors appointed after a flood or fire at one of our shops;",
            "sharing",
        ),
        (
            "Who receives your data",
            "| Recipient | Why |\n| --- | --- |\n| our accountants | invoices |",
            "| Recipient | Why |\n| --- | --- |\n| our accountants | invoices |\n"
            "| the guild that arbitrates disputes over tailoring | the order and its alterations |",
            "sharing",
        ),
        (
            "How we use your information",
            "We use your orders to deliver them and to handle returns.",
            "We use your orders to deliver them and to handle returns. Your past orders are "
            "also read by the fitting assistant so that it can tell which length of sleeve "
            "suits you.",
            "purposes",
        ),
    ],
)
def test_a_statement_added_where_the_policy_lists_its_practices_is_decided(
    section, before, after, category
):
    """Phenomenon: a sentence added whole to the section that lists a category's practices,
    in words the section did not use: a new entry of a recipients list or table, or a
    sentence about gathering or using data in a "How we use" section. It states a practice
    the policy did not state, so it is decided, the sentence quoted. (A paragraph added to a
    sharing section stays a question: those are as often about a transfer's safeguards.)"""
    old = INTRO + f"## {section}\n\n{before}\n"
    new = INTRO + f"## {section}\n\n{after}\n"
    result = classify(old, new)
    assert result.category_ids == (category,)
    evidence = result.categories[0].evidence[0]
    assert evidence.rule == f"{category}.statement-added"
    assert "did not use before" in evidence.reason


@pytest.mark.parametrize(
    ("section", "added"),
    [
        (
            "How we use your information",
            "The size guide is no substitute for trying a garment on, and we accept no "
            "liability for advice it gives.",
        ),
        (
            "How we use your information",
            "A handling fee of four euros is charged for each return sent back by post.",
        ),
        ("Who receives your data", "- the following kinds of recipient see order data:"),
        (
            "Who receives your data",
            "- each of them only under a contract that includes the standard contractual "
            "clauses, with a transfer impact assessment kept on file;",
        ),
    ],
)
def test_a_disclaimer_a_fee_a_lead_in_or_a_safeguard_added_is_not_a_new_practice(section, added):
    """Guard: a disclaimer, a fee, a sentence that introduces a list, or the safeguards of a
    transfer, added where practices are listed, state no practice: the rule does not decide
    them (a person may still be asked)."""
    before = "We use your orders to deliver them and to handle returns."
    if section.startswith("Who"):
        before = "- our accountants;\n- couriers who deliver your orders;"
    old = INTRO + f"## {section}\n\n{before}\n"
    new = INTRO + f"## {section}\n\n{before}\n{added}\n"
    result = classify(old, new)
    assert not [e for c in result.categories for e in c.evidence if "statement-added" in e.rule]
    assert not result.category_ids


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "You can ask us to delete your account at any time.",
            "You can ask us to delete your account at any time. While a repair you booked is "
            "still open, a request to delete the account cannot be actioned and is held until "
            "the repair is closed.",
        ),
        (
            "You can ask for a copy of your data.",
            "You can ask for a copy of your data. A second copy asked for within the same year "
            "carries an administrative fee of ten euros.",
        ),
        (
            "You can ask for a copy of your data and take it to another provider.",
            "You can ask for a copy of your data and take it to another provider; the grades "
            "our examiners gave you fall outside this right.",
        ),
    ],
)
def test_a_limit_added_to_how_a_right_is_exercised_changes_rights(before, after):
    """Phenomenon: words added to a rights paragraph, nothing taken away, that narrow how a
    right is exercised (a request that cannot be actioned for a while, a fee for a second
    copy, data a right no longer covers): a new condition on a right, decided."""
    result = classify(INTRO + RIGHTS + before + "\n", INTRO + RIGHTS + after + "\n")
    assert "rights" in result.category_ids
    assert any(e.rule.startswith("rights.") for c in result.categories for e in c.evidence)


def test_a_reply_time_said_again_in_other_words_is_no_limit_on_a_right():
    """Guard: the same promise of a reply said again, words replaced on both sides, limits no
    right: it is not decided."""
    before = "We answer within a month; complex requests may take two more months."
    after = (
        "You will hear back from us within one month, or within three months when your "
        "request cannot be handled sooner because it is complex."
    )
    result = classify(INTRO + RIGHTS + before + "\n", INTRO + RIGHTS + after + "\n")
    assert "rights" not in result.category_ids


def test_a_company_the_reworded_section_still_names_is_no_recipient_gained_or_lost():
    """Phenomenon: a paragraph said again in other words keeps the company's name, but the
    new wording ("the lender we work with looks at your application") is not read as passing
    data on. The section still names the company, so no recipient is lost."""
    before = (
        "If you pay in instalments, your application is passed to Harbel Credit Ltd, which "
        "decides whether to lend.\n"
    )
    after = (
        "Should you choose to pay in instalments, Harbel Credit Ltd, the lender we work with, "
        "looks at your application and decides whether to lend.\n"
    )
    result = classify(INTRO + SHARING + before, INTRO + SHARING + after)
    assert "sharing" not in result.category_ids


def test_a_company_still_named_beside_a_word_of_ending_is_a_recipient_lost():
    """Guard: the section still names the company, but to say its disclosures "have been
    suspended": a recipient lost, decided."""
    before = (
        "If you pay in instalments, your application is passed to Harbel Credit Ltd, which "
        "decides whether to lend.\n"
    )
    after = (
        "If you pay in instalments, your application used to be passed to Harbel Credit Ltd; "
        "those disclosures have been suspended while we choose another lender.\n"
    )
    result = classify(INTRO + SHARING + before, INTRO + SHARING + after)
    assert "sharing" in result.category_ids
    assert "Harbel Credit Ltd" in result.categories[0].evidence[0].reason


CONTACT = "## Contact us\n\n"
OFFICE = "Write to our privacy team at Quillmark Oy, Satamakatu 14, 00160 Helsinki, Finland."


def test_the_same_address_laid_out_again_is_no_new_address():
    """Phenomenon: an address written again in another layout (from several lines to one,
    the postcode given its country prefix): the section still gives the same address, so no
    postal address is gained or lost."""
    before = (
        "Write to our privacy team at:  \nQuillmark ApS  \nVesterbrogade 12  \n"
        "1620 København V  \nDenmark"
    )
    after = "Write to our privacy team at Quillmark ApS, Vesterbrogade 12, DK-1620 København V."
    result = classify(INTRO + CONTACT + before + "\n", INTRO + CONTACT + after + "\n")
    assert "contacts" not in result.category_ids


@pytest.mark.parametrize(
    "after",
    [
        "Write to our privacy team at Quillmark Oy, Satamakatu 16, 00160 Helsinki, Finland.",
        "Write to our privacy team at Quillmark Oy, Ratakatu 14, 00160 Helsinki, Finland.",
    ],
)
def test_another_house_number_or_street_is_a_new_address(after):
    """Guard: a number or a street the section did not give before is a new address."""
    result = classify(INTRO + CONTACT + OFFICE + "\n", INTRO + CONTACT + after + "\n")
    assert result.category_ids == ("contacts",)


@pytest.mark.parametrize(
    "event",
    [
        "The court has granted our application for company reorganisation, and we continue to "
        "trade while it lasts.",
        "A reorganisation administrator has been appointed to oversee our business.",
    ],
)
def test_a_company_reorganisation_or_an_administrator_appointed_changes_the_owner(event):
    """Phenomenon: a company reorganisation under an insolvency law, or an administrator
    who "has been appointed", changes who controls the company, as administration does."""
    before = "## Who we are\n\nQuillmark Oy runs the shop.\n"
    after = f"## Who we are\n\nQuillmark Oy runs the shop. {event}\n"
    result = classify(INTRO + before, INTRO + after)
    assert "ownership" in result.category_ids


def test_a_right_that_waits_until_orders_are_delivered_is_limited():
    """Phenomenon: ", once every order has been delivered" added to a right defers it: a
    new condition on a right, like ", where" or ", if"."""
    before = "You can ask us to close your account."
    after = "You can ask us to close your account, once every order you placed has been delivered."
    result = classify(INTRO + RIGHTS + before + "\n", INTRO + RIGHTS + after + "\n")
    assert result.category_ids == ("rights",)


def test_a_street_named_the_central_european_way_is_an_address():
    """Phenomenon: a street name followed by "cesta", "ulica", "utca" or "trg" and its
    number ("Dunajska cesta 40") is a postal address; a new one is a changed channel, even
    where the postcode stays the same."""
    before = "Write to our privacy team at Quillmark d.o.o., Zelena ulica 5, 1000 Ljubljana."
    after = "Write to our privacy team at Quillmark d.o.o., Dunajska cesta 40, 1000 Ljubljana."
    result = classify(INTRO + CONTACT + before + "\n", INTRO + CONTACT + after + "\n")
    assert result.category_ids == ("contacts",)
    assert "Dunajska cesta 40" in result.categories[0].evidence[0].reason


def test_models_retrained_on_what_users_give_is_a_use():
    """Phenomenon: models "retrained" or "fine-tuned" on what users give are trained on it:
    the words of training speak of a use, prefix or not."""
    section = "## How we use your information\n\n"
    before = "We use your orders to deliver them and to handle returns."
    after = (
        before + " The corrections you make to a transcript are kept, and the spelling models "
        "behind it are periodically retrained on them."
    )
    result = classify(INTRO + section + before + "\n", INTRO + section + after + "\n")
    assert "purposes" in result.category_ids


def test_a_country_after_a_note_in_brackets_is_still_in_the_list():
    """Phenomenon: a list of countries with a note in brackets after each ("in Canada
    (hosting), Japan (support) and Chile"): every country of the list is a place data goes
    to, so one added at its end is a new destination."""
    section = "## International transfers\n\n"
    before = "Our providers keep data in Canada (hosting) and Japan (support)."
    after = "Our providers keep data in Canada (hosting), Japan (support) and Chile."
    result = classify(INTRO + section + before + "\n", INTRO + section + after + "\n")
    assert result.category_ids == ("sharing",)
    assert "Chile" in result.categories[0].evidence[0].reason


def test_a_composition_with_creditors_changes_the_owner():
    """Phenomenon: a composition with creditors, like an arrangement with them, is an
    insolvency procedure: control of the company changes."""
    before = "## Who we are\n\nQuillmark S.r.l. runs the shop.\n"
    after = (
        "## Who we are\n\nQuillmark S.r.l. runs the shop. Since March the company has been in "
        "a composition with creditors procedure under the supervision of the court.\n"
    )
    assert "ownership" in classify(INTRO + before, INTRO + after).category_ids


def test_a_polish_street_and_postcode_are_an_address():
    """Phenomenon: an address written the Polish way ("ul. Lipowa 9, 05-800 Pruszków"): the
    street kind first, abbreviated, and a postcode of two and three digits."""
    before = "Write to our privacy team at Quillmark sp. z o.o., ul. Lipowa 9, 05-800 Pruszków."
    after = "Write to our privacy team at Quillmark sp. z o.o., ul. Polna 31, 30-001 Kraków."
    result = classify(INTRO + CONTACT + before + "\n", INTRO + CONTACT + after + "\n")
    assert result.category_ids == ("contacts",)


def test_a_country_named_for_backup_copies_in_a_cell_is_a_destination():
    """Phenomenon: "(backup copies: Serbia)" in a table cell names where copies are kept, as
    "Location: Ireland" does."""
    head = "## Who receives your data\n\n| Provider | Purpose | Location |\n| --- | --- | --- |\n"
    before = head + "| Hostwell | hosting | Germany |\n"
    after = head + "| Hostwell | hosting | Germany (backup copies: Chile) |\n"
    result = classify(INTRO + before, INTRO + after)
    assert result.category_ids == ("sharing",)


@pytest.mark.parametrize(
    "removed",
    [
        "Members may also download a record of their orders as a spreadsheet at any time.",
        "You may have any page of ours that names you de-indexed by search engines.",
    ],
)
def test_a_sentence_offering_a_download_or_de_indexing_deleted_removes_a_right(removed):
    """Phenomenon: a sentence that lets users download their data, or have a page about them
    de-indexed, speaks of their rights; deleted whole, the right goes with it."""
    before = RIGHTS + removed + "\n"
    result = classify(INTRO + before, INTRO + RIGHTS)
    assert "rights" in result.category_ids


def test_a_recipient_that_uses_data_for_its_own_ends_is_a_new_purpose():
    """Phenomenon: data handed to a partner "which may use it to promote its own courses" is
    put to a use the company never stated: the recipient's own ends. A contract that forbids
    that use, written again in other words, states no new use."""
    old = INTRO + SHARING + "Printing is done by Inkvale Press Ltd, which posts the order.\n"
    new = old.replace(
        "posts the order.",
        "posts the order. Customer e-mail addresses are also made available to Brightfold "
        "Academy Ltd, which may use them to promote its own courses.",
    )
    assert set(classify(old, new).category_ids) == {"purposes", "sharing"}

    forbidden = SHARING.replace(
        "on our instructions.",
        "on our instructions, under contracts that prohibit them from using it for their own "
        "purposes.",
    )
    reworded = SHARING.replace(
        "on our instructions.",
        "only as we direct; their contracts forbid any use of the data for ends of their own.",
    )
    assert "purposes" not in classify(INTRO + forbidden, INTRO + reworded).category_ids


def test_records_migrated_to_a_providers_system_name_a_recipient_even_beside_a_merger():
    """Phenomenon: "records will be migrated to the system that Acme Ltd operates" hands the
    data to Acme, and that holds in a sentence that also announces a merger: the company the
    business merges with is an owner, but a supplier named in another clause of the sentence
    is a recipient."""
    old = INTRO + "## Changes\n\nWe review this notice every year.\n"
    new = old.replace(
        "every year.",
        "every year. Quillmark is merging with Harrowgate Stationers Ltd; as part of the "
        "integration, customer records will be migrated to the order system that Tollbridge "
        "Systems Ltd operates for us.",
    )
    assert set(classify(old, new).category_ids) == {"ownership", "sharing"}


def test_a_rights_paragraph_written_again_in_other_words_is_asked_about_not_decided():
    """Phenomenon: a paragraph about rights said again in other words ("you may ask for access
    to ... and ask us to correct it" → "you are entitled to see ... and, should it be wrong,
    to have it put right") can lose the vocabulary's words for a right though it still grants
    it. The tool cannot tell a reworded right from a dropped one: a person decides. A new step
    or limit put in its place ("only once ...") is still decided, and so is a right deleted
    with nothing in its place."""
    old = INTRO + (
        "## Your rights\n\nYou may ask for access to the information we hold about you, and ask "
        "us to correct anything that is inaccurate or out of date.\n"
    )
    reworded = old.replace(
        "You may ask for access to the information we hold about you, and ask us to correct "
        "anything that is inaccurate or out of date.",
        "You are entitled to see the information Quillmark holds about you. Should any of it "
        "be wrong or stale, you may also ask for it to be put right.",
    )
    result = classify(old, reworded)
    assert result.category_ids == () and result.needs_decision
    assert {q.category for q in result.questions} >= {"rights"}

    limited = old.replace(
        "and ask us to correct anything that is inaccurate or out of date.",
        "and requests to have anything put right are handled only once you have visited one "
        "of our shops with proof of identity.",
    )
    assert classify(old, limited).category_ids == ("rights",)

    dropped = old.replace(", and ask us to correct anything that is inaccurate or out of date", "")
    assert classify(old, dropped).category_ids == ("rights",)


def test_a_form_named_in_several_words_is_a_way_to_make_a_request():
    """Phenomenon: "submit it using the Member Data Centre form" names a web form, however
    many words its name has; offering it beside the e-mail route is a new way to exercise
    rights."""
    old = INTRO + "## Your rights\n\nTo make a request, e-mail privacy@quillmark.example.\n"
    new = old.replace(
        "privacy@quillmark.example.",
        "privacy@quillmark.example or submit it using the Member Data Centre form.",
    )
    assert "rights" in classify(old, new).category_ids


def test_recipients_named_again_in_other_general_words_are_asked_about():
    """Phenomenon: "our service providers" said again as "the outside companies that keep our
    shop running" names the same group in other general words. The tool cannot tell the same
    group from a new one: a person decides, and it is not called a major change. A recipient
    named anew in the same rewrite is still decided."""
    old = INTRO + (
        "## Who receives your data\n\nWe rely on a few service providers, who process data "
        "only on our instructions and under written contracts.\n"
    )
    reworded = old.replace(
        "We rely on a few service providers, who process data only on our instructions and "
        "under written contracts.",
        "A handful of outside companies keep our shop running. Each works only as we instruct "
        "and is bound by a written contract.",
    )
    result = classify(old, reworded)
    assert result.category_ids == () and result.needs_decision
    assert any("other words" in q.question for q in result.questions)

    named = reworded.replace(
        "Each works", "Mossgate Fulfilment Ltd receives delivery addresses. Each works"
    )
    assert "sharing" in classify(old, named).category_ids


def test_a_contract_that_forbids_a_recipients_own_use_keeps_the_promise():
    """Phenomenon: "they may not use it for their own purposes" said again as "any use of it
    for ends of their own is contractually prohibited" or "their contracts forbid any use for
    ends of their own" keeps the promise, with the forbidding word before or after the use:
    no use of data is added and no promise is reversed."""
    old = SHARING.replace(
        "act on our instructions.",
        "act on our instructions. They may not use the data for their own purposes.",
    )
    for said in (
        "Any use of the data for ends of their own is contractually prohibited.",
        "Their contracts forbid any use of the data for ends of their own.",
    ):
        new = old.replace("They may not use the data for their own purposes.", said)
        assert "purposes" not in classify(INTRO + old, INTRO + new).category_ids, said


def test_a_promise_reversed_in_one_statement_of_a_sentence_that_denies_others():
    """Phenomenon: "voice notes are not passed to partners, are not used to identify you, and
    are not used to train models" → "..., and, once anonymised, may be used to train our
    models": one statement of the sentence is reversed though the others still deny. A
    statement that uses the same verb about something else is no reversal."""
    old = INTRO + (
        "## How we use your data\n\nVoice notes are not passed to partners, are not used to "
        "identify you, and are not used to train speech models.\n"
    )
    reversed_ = old.replace(
        "and are not used to train speech models.",
        "and, once anonymised, may be used to train our speech models.",
    )
    assert "purposes" in classify(old, reversed_).category_ids

    other = old.replace(
        "Voice notes are not passed to partners, are not used to identify you, and are not "
        "used to train speech models.",
        "Voice notes are used by our staff to answer your questions, and no voice note is ever "
        "used to train speech models; they are not passed to partners or used to identify you.",
    )
    assert "purposes" not in classify(old, other).category_ids


def test_a_change_major_for_one_category_is_read_for_the_others_too():
    """Phenomenon: one added paragraph often touches two categories: a new partner receives
    data and uses it in a new way, or a risk assessment is disclosed about a new use. The
    statements that decide a category when nothing else does decide it beside the other."""
    old = INTRO + (
        "## How we use your data\n\nWe use your order history to deliver your orders and to "
        "answer your questions.\n\n" + SHARING + "Orders are packed by Inkvale Press Ltd.\n"
    )
    assessed = old.replace(
        "to answer your questions.",
        "to answer your questions.\n\nFrom next spring we are trialling a feature that "
        "links the orders placed from one household, so that we can suggest repeat "
        "purchases to everyone living there. The impact assessment "
        "for the trial found a high risk that one member of a household could learn what "
        "another has bought, and the trial is limited to two towns.",
    )
    assert set(classify(old, assessed).category_ids) == {"purposes", "high_risk"}

    offers = old.replace(
        "Orders are packed by Inkvale Press Ltd.",
        "Orders are packed by Inkvale Press Ltd. If you tick the box at checkout, your name and "
        "postcode are passed to Hollin Cover Ltd so that it can contact you with quotes for "
        "parcel insurance.",
    )
    assert set(classify(old, offers).category_ids) == {"purposes", "sharing"}


def test_a_new_line_for_requests_is_a_way_to_exercise_rights_as_well_as_a_contact():
    """Phenomenon: "requests may also be made by calling our privacy line on ..." or "you may
    ask for a refusal to be reviewed by writing to review@..." gives users a new way to make
    their requests, not only a new contact. A new address for general questions stays a
    contact only."""
    old = INTRO + RIGHTS + "## Contact\n\nQuestions: privacy@quillmark.example.\n"
    for added in (
        "Requests may also be made by calling our privacy line on 0161 496 0441.",
        "If we refuse a request, you may ask for the decision to be reviewed by writing to "
        "review@quillmark.example.",
    ):
        new = old.replace("at any time.", f"at any time. {added}")
        assert set(classify(old, new).category_ids) == {"rights", "contacts"}, added
    general = old.replace("privacy@quillmark.example.", "hello@quillmark.example.")
    assert classify(old, general).category_ids == ("contacts",)


def test_data_handed_to_the_company_a_spin_off_creates_is_shared():
    """Phenomenon: a spin-off that also says the users' records go to the new company names a
    recipient, however the sentence goes on: "..., which is the controller for those members
    and to which their records were handed over", a new company that runs a module "in the
    role of a subprocessor", or records "migrated to" the merged company's systems."""
    old = INTRO + "## Who we are\n\nQuillmark runs two print shops.\n"
    for added in (
        "On 1 March the Leeds shop was transferred to the newly founded Quillmark Leeds Ltd, "
        "which is the controller for its customers and to which their order records were "
        "handed over in the course of the spin-off.",
        "In March our proofing business was carved out into Proofhaus Ltd, a separate company "
        "in which we hold a minority interest; it now operates the proofing tool in the role "
        "of a subprocessor.",
        "On 1 March Quillmark merged with Harrowgate Stationers Ltd. Over the coming months, "
        "customer accounts will be migrated to Harrowgate's data centre in Leeds.",
    ):
        new = old.replace("two print shops.", f"two print shops. {added}")
        assert set(classify(old, new).category_ids) == {"ownership", "sharing"}, added


def test_the_remedy_of_a_risk_that_ends_a_providers_access_changes_the_recipients():
    """Phenomenon: a risk assessment disclosed with its remedy often changes who has the data:
    "the support contractor's access has since been withdrawn", "Acme no longer receives any
    data from us", "the work has been brought back in-house". Access withdrawn from staff or
    from family members is a security measure, not a change of recipient."""
    old = INTRO + "## Security\n\nWe protect your data with encryption.\n"
    for added, shared in (
        (
            "An impact assessment rated as high the risk created by our support contractor's "
            "remote access to order records; that access has since been withdrawn.",
            True,
        ),
        (
            "An impact assessment rated as high the risk that former staff could still read "
            "order records; their access is now withdrawn on their last day.",
            False,
        ),
    ):
        new = old.replace("with encryption.", f"with encryption. {added}")
        found = classify(old, new).category_ids
        assert "high_risk" in found and ("sharing" in found) is shared, added


def test_an_officer_named_by_initial_or_under_a_local_title_is_a_contact():
    """Phenomenon: officers are named with an initial and the given name in brackets ("Ms J.
    (Janneke) Verhoeven") and under local titles ("Personal Information Protection Manager",
    "person in charge of the protection of personal information"): replacing the person is a
    change of contact all the same."""
    cases = (
        (
            "Our data protection officer is Ms R. (Roos) Hendriks.",
            "Ms R. (Roos) Hendriks",
            "Mr B. (Bram) de Wit",
        ),
        (
            "Please write to our Personal Information Protection Manager, Ms. Yui Tanaka.",
            "Ms. Yui Tanaka",
            "Mr. Kenji Mori",
        ),
        (
            "The person in charge of the protection of personal information is Claire Dubois.",
            "Claire Dubois",
            "Martin Lavoie",
        ),
    )
    for sentence, before, after in cases:
        old = INTRO + f"## Contact us\n\n{sentence}\n"
        new = old.replace(before, after)
        assert classify(old, new).category_ids == ("contacts",), sentence


BUSINESS_CHANGES = (
    # a merger between companies whose names hold dots, or announced with its date
    "Following the merger of Quillmark Data B.V. into Fenwick Holding B.V., Fenwick Holding "
    "B.V. is the controller.",
    "The two charities will merge on 1 March 2027 into a single foundation.",
    # court orders and rescue regimes
    "Since June the company has been subject to an administration order.",
    "Quillmark was placed in business rescue in January.",
    "The company filed for creditor protection in May.",
    # a majority or the whole of the stock held or acquired by another company
    "Quillmark is a company, a majority of whose voting stock is held by Fenwick Capital.",
    "Fenwick Holdings plc acquired the whole of our share capital in May.",
    # part of the business sold or transferred, or about to be
    "We have agreed to sell our catering business to Larkspur Foods Ltd.",
    "Our insurance broking business is to be transferred to Larkspur Cover Ltd in July.",
    "The repair service was run by our subsidiary Tamsin Fix Ltd until its sale to Larkspur "
    "Group in May.",
    "Our former lettings subsidiary, Tamsin Homes Ltd., was sold to Larkspur Estates Ltd.",
    # an operator that runs the business since a date, a unit made a company of its own
    "Since 1 May the northern branches have been owned and run by Larkspur Retail Ltd.",
    "As of 1 May, our courier division is carried on by Larkspur Couriers Ltd.",
    "Payroll, formerly one of our divisions, was separated into Larkspur Pay Ltd in May.",
    "Our app is now run by a newly established subsidiary, Quillmark Digital Ltd.",
    # a company that is the controller "from that date"
    "The contracts passed to Larkspur Ltd, which from that date is the sole controller.",
)


def test_a_business_sold_transferred_or_placed_under_a_court_order_is_an_ownership_change():
    """Phenomenon: who owns or runs the business changes in many more words than "acquired by"
    or "merged with": part of it sold or about to be transferred, a share of the stock held by
    another company, an administration order or a rescue regime, a unit made a company of its
    own, another company running it since a date or the controller from that date."""
    old = INTRO + "## About us\n\nQuillmark Ltd runs the shop and the app.\n"
    for sentence in BUSINESS_CHANGES:
        new = old.replace("the app.", f"the app. {sentence}")
        assert "ownership" in classify(old, new).category_ids, sentence


def test_selling_or_operating_words_about_data_or_hosts_are_no_ownership_change():
    """The same words about data, about customers or without a date of change are not an
    ownership change: "we never sell our business customers' data", "the site is operated by a
    hosting company", "if we sell our business"."""
    old = INTRO + "## About us\n\nQuillmark Ltd runs the shop and the app.\n"
    for sentence in (
        "We never sell our business customers' details to anyone.",
        "The website is operated by Quillmark Ltd from its office in Leeds.",
        "If we ever sell our catering business, the buyer would receive the customer list.",
    ):
        new = old.replace("the app.", f"the app. {sentence}")
        assert "ownership" not in classify(old, new).category_ids, sentence


def test_a_sentence_about_an_owner_the_tool_cannot_read_leans_major_and_is_asked():
    """Phenomenon: a sentence added about who owns the company, in words the vocabularies
    cannot read item by item, is nearly always a change of ownership: the automatic verdict
    says so, and the question stays for a person to confirm before a release."""
    old = INTRO + "## About us\n\nQuillmark Ltd runs the shop and the app.\n"
    new = old.replace(
        "the app.",
        "the app. The holding company above Quillmark changed hands in May.",
    )
    result = classify(old, new)
    assert result.category_ids == ("ownership",)
    assert result.needs_decision and [q.category for q in result.questions] == ["ownership"]


def test_a_company_handed_data_or_a_site_near_a_city_is_a_recipient_or_a_country():
    """Phenomenon: data "handed to" a company is shared with it as much as data "passed to"
    it, so replacing the company named is a change of recipient; and a facility "near" a city
    of another country ("a data centre near Porto, Portugal") is a place where data is kept,
    as "in" one is."""
    old = (
        INTRO + "## Who receives your data\n\nOverdue accounts are handed to our collection "
        "agency, Tarrow Recoveries AS, which writes to the customer on our behalf.\n\n"
        "## International transfers\n\nOur servers are in Ireland, with encrypted backups "
        "held in Germany.\n"
    )
    swapped = old.replace("Tarrow Recoveries AS", "Quillon Inkasso AS")
    assert classify(old, swapped).category_ids == ("sharing",)
    near = old.replace(
        "held in Germany.", "held in Germany and a standby copy kept near Porto, Portugal."
    )
    assert classify(old, near).category_ids == ("sharing",)
    moved = old.replace("held in Germany.", "held in Germany, in a data centre near Frankfurt.")
    assert "sharing" not in classify(old, moved).category_ids


def test_companies_named_in_brackets_after_a_kind_of_recipient_are_recipients():
    """Phenomenon: a kind of recipient with its members named in brackets ("ad networks (at
    present A, B and C)") names each of them as a recipient, as a list after "such as" does."""
    old = (
        INTRO + "## Who receives your data\n\nAdverts in the app are chosen in auctions among a "
        "few ad networks, which receive your device identifier.\n"
    )
    new = old.replace(
        "a few ad networks,", "a few ad networks (currently Brindle Exchange and Ostler Media),"
    )
    result = classify(old, new)
    assert result.category_ids == ("sharing",)
    named = {e.item for c in result.categories for e in c.evidence}
    assert {"Brindle Exchange", "Ostler Media"} <= named
    asides = old.replace("a few ad networks,", "a few ad networks (see section 9),")
    assert "sharing" not in classify(old, asides).category_ids


def test_a_page_of_the_app_or_an_export_to_a_file_is_a_way_to_exercise_rights():
    """Phenomenon: a right exercised "from the Privacy screen in the app" or by exporting
    "your entries as a CSV file" is a way to exercise it; dropping one of two ways, with
    nothing in its place, changes how users exercise their rights."""
    old = (
        INTRO + "## Your rights\n\nYou can stop marketing messages through the link in each "
        "e-mail or from the Alerts screen in our app. You can export all your entries "
        "as a CSV file at any time.\n"
    )
    no_app = old.replace(" or from the Alerts screen in our app", "")
    assert classify(old, no_app).category_ids == ("rights",)
    no_export = old.replace(" You can export all your entries as a CSV file at any time.", "")
    assert classify(old, no_export).category_ids == ("rights",)


def test_wording_added_about_a_use_with_the_same_items_is_major_and_still_asked():
    """Phenomenon: wording added to a paragraph about what data is collected or used, naming
    the same data and uses as before, says more of the practice ("applicants are also asked to
    record a short spoken greeting"): the automatic verdict calls it a change of purposes, and
    the question stays for a person to confirm."""
    old = (
        INTRO + "## What we collect\n\nWe collect your name, e-mail address and the subjects you "
        "teach. Because some tutors teach children, we check their references.\n"
    )
    new = old.replace(
        "you teach. Because",
        "you teach. Applicants are also asked to record a short spoken greeting, which only our "
        "onboarding staff listen to and which is deleted once a decision is made. Because",
    )
    result = classify(old, new)
    assert result.category_ids == ("purposes",)
    assert result.needs_decision and [q.category for q in result.questions] == ["purposes"]
    assert [e.rule for c in result.categories for e in c.evidence] == ["purposes.wording-added"]


def test_data_submitted_to_a_company_in_a_new_use_names_a_recipient_but_not_a_regulator():
    """Phenomenon: a new use that sends data out ("by submitting your frame number to Acme
    B.V., which returns its theft record") names a recipient as well as a purpose; an
    assessment "submitted to the FDPIC" (a supervisory authority) names no recipient."""
    old = (
        INTRO + "## How we use your data\n\n1. To deliver your order.\n\n2. To answer your "
        "questions.\n"
    )
    checked = old.replace(
        "2. To answer your questions.",
        "2. To answer your questions.\n\n3. To check a used bike before we buy it, by "
        "submitting your frame number to Velmora Register B.V., which tells us whether the "
        "bike has been reported stolen.",
    )
    assert classify(old, checked).category_ids == ("purposes", "sharing")
    consulted = old.replace(
        "2. To answer your questions.",
        "2. To answer your questions. Our assessment of the delivery tracking found a high "
        "risk, and it has been submitted to the FDPIC.",
    )
    assert "sharing" not in classify(old, consulted).category_ids


def test_a_right_moved_into_a_bullet_under_a_lead_in_is_still_stated():
    """Phenomenon: a paragraph of rights laid out again as a lead-in and bullets ("You are
    entitled to ask us:" / "- to correct that information ...") still states each right: the
    bullet reads with its lead-in, so no right is removed and nothing is left to ask."""
    said = (
        "You may ask us for access to the personal information we hold about you, and ask us "
        "to correct it if it is inaccurate, out of date or incomplete. Most"
    )
    old = INTRO + f"## Your rights\n\n{said} details can also be updated in your account.\n"
    new = old.replace(
        said,
        "You are entitled to ask us:\n\n- for access to the personal information we hold "
        "about you; and\n- to correct that information where it is inaccurate, out of date or "
        "incomplete.\n\nMost",
    )
    result = classify(old, new)
    assert "rights" not in result.category_ids and not result.needs_decision


def test_rights_said_again_under_a_renamed_heading_are_still_stated():
    """Phenomenon: the rights section renamed ("Your rights" → "What you can ask us to do")
    and its paragraph said again: each right is looked for in the whole other version, since
    that version has no section of the old name, so no right is added or removed."""
    old = (
        INTRO + "## Your rights\n\nYou can ask us to delete your account and the data it holds. "
        "You can also ask for a copy of your data, which we send within a month.\n\n"
        "Questions about these rights go to privacy@quillmark.example.\n"
    )
    new = old.replace(
        "## Your rights\n\nYou can ask us to delete your account and the data it holds. "
        "You can also ask for a copy of your data, which we send within a month.",
        "## What you can ask us to do\n\nYou may ask for a copy of your data; we send it within "
        "a month. You may also ask us to delete your account and the data it holds.",
    )
    result = classify(old, new)
    assert result.category_ids == () and not result.needs_decision


def test_a_sentence_moved_to_another_section_in_nearly_the_same_words_is_no_change():
    """Phenomenon: a restructured policy moves a sentence to another section and rewords it a
    little ("We do not sell the personal data of our readers" → "We never sell our readers'
    personal data"): its words are no evidence of a new or dropped practice, and nothing is
    left to ask. A sentence that drops its denial is not the same sentence."""
    old = (
        INTRO + "## How we use your data\n\nWe use your e-mail address to send receipts and "
        "reminders about loans that are due.\n\nWe do not sell the personal data of our "
        "readers to anyone.\n\n## Who receives your data\n\nOur hosting provider, Nimbel "
        "Cloud Ltd, stores the catalogue and your account.\n"
    )
    promise = "We do not sell the personal data of our readers to anyone.\n\n"
    moved = old.replace(promise, "").replace(
        "stores the catalogue and your account.\n",
        "stores the catalogue and your account.\n\nWe never sell our readers' personal data "
        "to anyone.\n",
    )
    result = classify(old, moved)
    assert result.category_ids == () and not result.needs_decision
    reversed_ = old.replace(promise, "").replace(
        "stores the catalogue and your account.\n",
        "stores the catalogue and your account.\n\nWe sell the personal data of our readers "
        "to publishers.\n",
    )
    assert classify(old, reversed_).category_ids


def test_a_company_number_in_a_new_owners_name_is_no_phone_number():
    """Phenomenon: a company's registration number under a local label ("CVR 31 22 45 90",
    "CHE-112.334.556", "enterprise number 0712.345.678") is written like a phone number; a
    new operating company named with it changes the ownership, not the contacts."""
    old = (
        INTRO + "## Who we are\n\nQuillmark ApS runs the shop. Call us on +45 33 12 45 67 "
        "with any question.\n"
    )
    for number in ("CVR 31 22 45 90", "CHE-112.334.556", "enterprise number 0712.345.678"):
        new = old.replace(
            "Quillmark ApS runs the shop.",
            f"Since 1 May 2026 the shop has been run by Korvella Retail ApS ({number}), a "
            "company created for that purpose by a demerger from Quillmark ApS.",
        )
        assert classify(old, new).category_ids == ("ownership",), number


def test_a_recipient_given_its_new_name_beside_the_old_one_is_the_same_recipient():
    """Phenomenon: a provider's row gives its new name with the old one ("Tallis Ledger Ltd
    (the new name of Brisket Books Ltd)"): the same recipient, so the rows are editorial."""
    old = (
        INTRO + SHARING + "| Provider | Service | Location |\n| --- | --- | --- |\n"
        "| Brisket Books Ltd | Accounting software | Ireland |\n"
        "| Nimbel Cloud Ltd | Hosting | Germany |\n"
    )
    new = old.replace(
        "| Brisket Books Ltd |",
        "| Tallis Ledger Ltd (the new name of Brisket Books Ltd; same company) |",
    )
    assert "sharing" not in classify(old, new).category_ids


def test_a_law_cited_with_its_place_in_brackets_names_no_country():
    """Phenomenon: "Implementing Decision (EU) 2021/914" cites an act; the "(EU)" in it is
    no place where data is stored or sent. A safeguard described in more detail is minor."""
    old = (
        INTRO + "## Transfers\n\nIf a transfer outside the United Kingdom becomes necessary, "
        "we will rely on standard contractual clauses.\n"
    )
    new = old.replace(
        "on standard contractual clauses.",
        "on the standard contractual clauses of Implementing Decision (EU) 2021/914 with the "
        "UK addendum, after a transfer risk assessment.",
    )
    assert classify(old, new).category_ids == ()


def test_a_data_protection_ombudsman_told_of_a_breach_is_no_recipient():
    """Phenomenon: a supervisory authority under the title some countries give it ("the Data
    Protection Ombudsman") told of a breach, in a paragraph on security, is an authority, not
    a new recipient of users' data."""
    old = (
        INTRO + "## Security\n\nAccess to the member register is logged and our systems are "
        "protected by encryption.\n"
    )
    new = old.replace(
        "protected by encryption.",
        "protected by encryption. Suspected breaches are contained and, where required, "
        "reported to the Data Protection Ombudsman within 72 hours.",
    )
    assert "sharing" not in classify(old, new).category_ids


def test_a_promise_not_to_combine_two_kinds_of_data_turned_into_consent_is_a_new_use():
    """Phenomenon: "we never combine your garden-plot details with information about the
    committee votes you cast" becoming "we do not combine ... without your consent" turns a
    ban on linking two kinds of data into a use made with consent: a change of how the data
    is used, whatever the data are called."""
    old = (
        INTRO + "## How we use your data\n\nWe never combine your garden-plot details with "
        "information about the committee votes you cast.\n"
    )
    new = old.replace("We never combine", "We do not combine").replace(
        "votes you cast.", "votes you cast without your consent."
    )
    assert classify(old, new).category_ids == ("purposes",)


def test_a_fee_put_on_getting_a_copy_that_was_free_changes_the_rights():
    """Phenomenon: "you can get a copy of your personal data, free of charge, whenever you
    like" becoming "... free of charge the first time each year; for later copies we charge a
    fee of £10": getting a copy is the right of access, and a price is put on it."""
    old = (
        INTRO + "## Your rights\n\nYou can get a copy of your personal data, free of charge, "
        "whenever you like.\n"
    )
    new = old.replace(
        "free of charge, whenever you like.",
        "free of charge the first time each year; for later copies we charge a fee of £10.",
    )
    assert classify(old, new).category_ids == ("rights",)
    old = INTRO + "## Your rights\n\nYou may obtain a copy of your personal data without charge.\n"
    new = old.replace(
        "You may obtain a copy of your personal data without charge.",
        "The first copy of your personal data that you obtain in a year comes without charge; "
        "for further copies in that year we ask a fee of €12.",
    )
    questions = classify(old, new).questions
    assert [q.category for q in questions] == ["rights"]
    assert "condition" in questions[0].question  # the fee is named as what changed


def test_a_copy_of_a_photographic_identity_document_is_a_way_to_verify_a_request():
    """Phenomenon: "send us a copy of a photographic identity document" before a request is
    answered is a new step in exercising the rights, however the document is described."""
    old = (
        INTRO + "## Your rights\n\nBefore we act on a request, we ask you to confirm your "
        "membership number.\n"
    )
    new = old.replace(
        "confirm your membership number.",
        "send us a copy of a photographic identity document.",
    )
    assert "rights" in classify(old, new).category_ids


def test_a_new_majority_owner_or_an_agreed_sale_is_an_ownership_change():
    """Phenomenon: ownership said through who holds the company ("has been majority owned
    since January by funds managed by Acme Capital LLP", "acquired all shares of ... and
    became its sole shareholder"), a sale agreed ("has agreed to sell the company to ..."),
    or a company that "will become our parent"."""
    old = (
        INTRO + "## Who we are\n\nQuillmark Ltd, whose shares are held by its founders, runs "
        "the library app.\n"
    )
    for said in (
        "Quillmark Ltd, which has been majority owned since January 2026 by funds managed by "
        "Harrowgate Capital LLP, runs",
        "Quillmark Ltd, whose shares are held by its founders, runs the library app. Its "
        "founders have agreed to sell Quillmark Ltd to Bellcourt Media plc, subject to "
        "approval; it",
        "Quillmark Ltd, whose shares are held by its founders, runs the library app. From "
        "1 June 2026 Bellcourt Media plc will become our parent company, and Quillmark Ltd",
        "Quillmark Ltd, whose shares are held by its founders, runs the library app. In May "
        "2026 Bellcourt Media plc acquired all shares of Quillmark Ltd and became its sole "
        "shareholder; Quillmark Ltd",
    ):
        new = old.replace("Quillmark Ltd, whose shares are held by its founders, runs", said)
        assert "ownership" in classify(old, new).category_ids, said


def test_an_automated_assessment_that_decides_is_a_use_of_data_to_ask_about():
    """Phenomenon: "an automated assessment based on your order history decides whether
    invoice payment is offered" speaks of a use of data without the words "collect" or "use":
    the sentence is read for uses, and the new one is at least asked about."""
    old = (
        INTRO + "## Automated decisions\n\nWe make no decisions about you by automated means "
        "alone.\n"
    )
    new = old.replace(
        "We make no decisions",
        "When you ask to pay later, an automated assessment based on your past orders decides "
        "whether paying later is offered. Apart from this, we make no decisions",
    )
    result = classify(old, new)
    assert "purposes" in result.category_ids or "purposes" in {q.category for q in result.questions}


def test_general_words_introducing_a_list_of_named_recipients_add_no_recipient():
    """Phenomenon: a paragraph added above a list of named sub-processors that speaks of them
    only in general words ("The app depends on third-party services. We selected each of these
    business partners with care ...") introduces the list and adds no recipient. A paragraph
    that passes data to a general kind of recipient ("we also pass your purchase history to
    our marketing partners") still does."""
    old = (
        INTRO + "## Our sub-processors\n\n### Hosting\n\nNimbel Cloud Ltd hosts the app and "
        "stores its data in Frankfurt.\n\n### Payments\n\nCard payments are handled by Paylode "
        "B.V.\n\n### E-mail\n\nPostwick Mail Ltd sends our receipts on our behalf.\n"
    )
    top = "## Our sub-processors\n\n"
    intro = old.replace(
        top,
        top + "The app depends on third-party services. We selected each of these business "
        "partners with care, and each has signed data processing terms with us.\n\n",
    )
    result = classify(old, intro)
    assert result.category_ids == () and not result.needs_decision
    passed = old.replace(
        top,
        top + "We also pass your purchase history to our marketing partners, who use it for "
        "their own offers.\n\n",
    )
    assert "sharing" in classify(old, passed).category_ids


def test_countries_where_customers_are_established_name_no_destination():
    """Phenomenon: "for customers established in the European Economic Area, the United
    Kingdom or Switzerland, our addendum includes the standard contractual clauses" says where
    customers are, for every country of the list, not where their data goes."""
    old = (
        INTRO + "## Transfers\n\nYour data is stored in the United States. Our contracts with "
        "our vendors protect it.\n"
    )
    new = old.replace(
        "protect it.",
        "protect it. For customers established in the European Economic Area, the United "
        "Kingdom or Switzerland, our data processing addendum includes the standard "
        "contractual clauses.",
    )
    assert classify(old, new).category_ids == ()


def test_a_table_under_entrustment_or_outsourcing_lists_recipients():
    """Phenomenon: some laws call handing processing to a provider "entrustment" (or the
    policy says "outsourcing"): a section so titled is about recipients, and a provider
    replaced in its table is a new recipient."""
    for heading in ("Entrustment of processing", "Outsourced processing"):
        old = (
            INTRO + f"## {heading}\n\n| Provider | Task | Location |\n| --- | --- | --- |\n"
            "| Halmae Systems Co., Ltd. | Hosting of our servers | Republic of Korea |\n"
        )
        new = old.replace("Halmae Systems Co., Ltd.", "Soran Cloud Co., Ltd.")
        assert classify(old, new).category_ids == ("sharing",), heading


# -- a policy the classifier cannot read ----------------------------------------------------------

FRENCH = (
    "# Politique de confidentialité\n\n"
    "Cette politique explique comment la société Quillmark traite les données personnelles "
    "de ses clients et des visiteurs de son site.\n\n"
    "## Destinataires\n\n"
    "Nous confions l'hébergement de vos données à un prestataire situé dans l'Union "
    "européenne, qui agit sur nos instructions et ne peut pas les utiliser à d'autres fins.\n\n"
    "## Vos droits\n\n"
    "Vous pouvez demander une copie de vos données, leur rectification ou leur effacement en "
    "écrivant à notre délégué à la protection des données.\n"
)
GERMAN = (
    "# Datenschutzerklärung\n\n"
    "Diese Erklärung beschreibt, wie die Firma Quillmark personenbezogene Daten ihrer Kunden "
    "verarbeitet und an wen sie weitergegeben werden.\n\n"
    "## Empfänger\n\n"
    "Wir speichern Ihre Daten bei einem Dienstleister in der Europäischen Union, der nur nach "
    "unseren Weisungen handelt und die Daten für keine anderen Zwecke nutzen darf.\n\n"
    "## Ihre Rechte\n\n"
    "Sie können jederzeit Auskunft über Ihre Daten, ihre Berichtigung oder ihre Löschung "
    "verlangen, indem Sie unserem Datenschutzbeauftragten schreiben.\n"
)


@pytest.mark.parametrize(
    ("body", "old_place", "new_place"),
    [
        (FRENCH, "situé dans l'Union européenne", "situé aux États-Unis"),
        (GERMAN, "in der Europäischen Union", "in den Vereinigten Staaten"),
    ],
    ids=["french", "german"],
)
def test_a_change_to_a_policy_not_in_english_is_asked_about(body, old_place, new_place):
    """Phenomenon: a policy written in another language gives the English vocabularies nothing
    to find, so a change that moves data abroad would pass as minor with no evidence. The
    classifier says it cannot read the change and asks, naming no category."""
    from policy.classify.render import render

    assert old_place in body
    result = classify(body, body.replace(old_place, new_place))
    assert result.needs_decision
    assert [(q.category, q.rule) for q in result.questions] == [("", "language")]
    assert "not written in English" in result.questions[0].question
    assert "(any category)" in render(result, "text")
    assert "any category" in render(result, "markdown")
    assert result.to_json()["questions"][0]["category"] == ""


def test_a_change_of_layout_only_in_a_policy_not_in_english_stays_editorial():
    """What the classifier can judge without reading words is still judged: a paragraph
    re-wrapped on other lines asks nothing."""
    body = FRENCH
    wrapped = body.replace("données personnelles de", "données personnelles\nde")
    assert editorial(classify(body, wrapped))


def test_english_quoting_a_foreign_phrase_or_a_short_policy_is_read_as_english():
    """A long English policy stays English with a paragraph in another language inside it, and
    a text too short to tell is taken as English (no question on every short test document)."""
    from policy.classify.language import reads_as_english

    english = (
        "We keep your account details for as long as you use the service, and we delete them "
        "within thirty days after you close your account, unless the law requires us to keep "
        "some of them for longer. You can ask us for a copy of the data we hold about you. "
    ) * 3
    assert reads_as_english(english + FRENCH.split("\n\n")[3])
    assert not reads_as_english(FRENCH) and not reads_as_english(GERMAN)
    assert reads_as_english("Datenschutzerklärung der Firma Quillmark")
    old = INTRO + RIGHTS
    new = INTRO + RIGHTS.replace("at any time", "once a year")
    assert not any(q.rule == "language" for q in classify(old, new).questions)


# -- formal names, lists across clauses, control -------------------------------------------------

STORAGE = "## Where your data is kept\n\n"
BACKUP = (
    "Our hosting provider Nimbusly keeps an encrypted backup copy of the booking database in "
    "Norway so that service can resume after an outage.\n"
)


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("the Republic of Singapore", "singapore"),
        ("the Kingdom of Bahrain", "bahrain"),
        ("the Grand Duchy of Luxembourg", "luxembourg"),
    ],
)
def test_a_country_named_with_its_formal_title_is_a_destination(title, key):
    """Phenomenon: a second storage country added in a clause, named with the state's formal
    title ("since it opened a second site, in the Republic of Singapore"), is where the data
    goes as much as the bare name."""
    old = INTRO + STORAGE + BACKUP
    new = (
        INTRO
        + STORAGE
        + BACKUP.replace(
            "in Norway so", f"in Norway and, since it opened a second site, in {title}, so"
        )
    )
    result = classify(old, new)
    assert result.category_ids == ("sharing",)
    assert [e.item for e in result.categories[0].evidence] == [title.split(" of ")[-1]]
    assert key in result.categories[0].evidence[0].reason.casefold()


def test_a_formal_title_after_where_the_reader_lives_names_no_destination():
    """The title only joins the name to the words before it: "if you live in the Kingdom of
    Bahrain" says where the reader is, not where the data goes."""
    old = INTRO + STORAGE + BACKUP
    new = old.replace(
        "after an outage.",
        "after an outage. If you live in the Kingdom of Bahrain, local law gives you the "
        "rights below as well.",
    )
    assert "sharing" not in classify(old, new).category_ids


COMPLAINTS = "## Complaints\n\n"
ATTORNEYS = (
    "You may complain to the Attorney General of Maine at maine.gov/ag or, if you live in "
    "Vermont, to the Vermont Attorney General's Office.\n"
)


def test_a_state_attorney_general_added_to_a_list_of_complaint_offices_is_a_new_contact():
    """Phenomenon: US state laws send complaints to each state's attorney general; the policy
    lists them in clauses after the one that says "complain", and a state added to the list
    is a new complaint channel."""
    old = INTRO + COMPLAINTS + ATTORNEYS
    new = (
        INTRO
        + COMPLAINTS
        + ATTORNEYS.replace(
            " or, if you live in Vermont, to the Vermont Attorney General's Office.",
            "; if you live in Vermont, to the Vermont Attorney General's Office; or, if you "
            "live in Ohio, to the Consumer Protection Section of the Ohio Office of the Attorney "
            "General.",
        )
    )
    result = classify(old, new)
    assert result.category_ids == ("contacts",)
    assert [e.item for e in result.categories[0].evidence] == [
        "Ohio Office of the Attorney General"
    ]


def test_the_same_attorney_general_named_another_way_is_no_new_contact():
    """The same state's office in another form ("the Office of the Attorney General of
    Vermont" for "the Vermont Attorney General's Office") is the same channel."""
    old = INTRO + COMPLAINTS + ATTORNEYS
    new = old.replace(
        "the Vermont Attorney General's Office", "the Office of the Attorney General of Vermont"
    )
    assert "contacts" not in classify(old, new).category_ids
    new = old.replace("the Attorney General of Maine", "Maine's Attorney General")
    assert "contacts" not in classify(old, new).category_ids


WHO = "## Who we are\n\nQuillmark Ltd is a company registered in England and runs the service.\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "Since June, Quillmark Ltd has been a controlled affiliate of Harrowgate Holdings plc, "
        "which appoints our board.",
        "Since June, Quillmark Ltd has been under the control of Harrowgate Holdings plc.",
    ],
)
def test_a_company_now_controlled_by_another_is_an_ownership_change(sentence):
    """Phenomenon: control said without "owned" or "acquired": a "controlled affiliate" of
    another company, or "under the control of" it."""
    old = INTRO + WHO
    new = INTRO + WHO.rstrip("\n") + " " + sentence + "\n"
    assert classify(old, new).category_ids == ("ownership",)


def test_data_under_the_control_of_the_user_is_no_ownership_change():
    """ "Under the control of" someone in lower case (the user, the account holder) says who
    decides about data, not who owns the company."""
    old = INTRO + WHO
    new = INTRO + WHO.rstrip("\n") + " Your drafts stay under the control of the account holder.\n"
    assert "ownership" not in classify(old, new).category_ids


OFFICER = (
    "## Contact\n\nOur data protection officer is {}. You can write to {} at "
    "dpo@quillmark.example.\n"
)


@pytest.mark.parametrize(
    ("old_name", "new_name"),
    [
        ("Ms Helga Brandt", "Jonas T. Ekdahl"),
        ("Atty. Helga Brandt", "Mr. Jonas T. Ekdahl, CIPM, who took over the role from Atty. "
         "Helga Brandt in April"),
    ],
)  # fmt: skip
def test_an_officer_named_with_a_middle_initial_or_a_dotted_title_is_read_whole(old_name, new_name):
    """Phenomenon: a middle initial ("Jonas T. Ekdahl") or a title with a dot ("Atty.") ends
    no sentence; split there, the new officer's name was never read, and a successor who
    "took over the role from" the old officer passed as a change in wording."""
    old = INTRO + OFFICER.format(old_name, "her")
    new = INTRO + OFFICER.format(new_name, "him")
    result = classify(old, new)
    assert result.category_ids == ("contacts",)
    assert "Jonas T. Ekdahl" in [e.item for e in result.categories[0].evidence]


def test_a_capital_letter_with_a_dot_before_a_new_sentence_still_ends_it():
    """Only a name's initial joins the words around it: "Annex B. The data ..." is two
    sentences, so a negation in one does not reach the other."""
    from policy.classify.inventory import sentences

    assert [s.strip() for _, s in sentences("Details are in Annex B. The data is kept.")] == [
        "Details are in Annex B.",
        "The data is kept.",
    ]
    assert [s for _, s in sentences("Our officer is Jonas T. Ekdahl, CIPM.")] == [
        "Our officer is Jonas T. Ekdahl, CIPM."
    ]


REQUESTS = (
    "## Your rights\n\nYou can make a request {}, by e-mail to privacy@quillmark.example, or "
    "by letter to our office.\n"
)


@pytest.mark.parametrize(
    "channel",
    [
        'through the "Data requests" page in the settings of your Quill account',
        "from the settings of your profile",
    ],
)
def test_a_request_channel_in_the_settings_of_an_account_dropped_from_a_list_is_a_rights_change(
    channel,
):
    """Phenomenon: one of three ways to make a request, "the settings of your account", is
    dropped from the list; and the product named in "your Quill account" is the company's own
    service, not a recipient."""
    old = INTRO + REQUESTS.format(channel)
    new = INTRO + (
        "## Your rights\n\nYou can make a request by e-mail to privacy@quillmark.example or by "
        "letter to our office.\n"
    )
    result = classify(old, new)
    assert result.category_ids == ("rights",)
    assert [e.item for e in result.categories[0].evidence] == ["In the account or privacy settings"]


ASSESSMENT = (
    "## Impact assessment\n\nOur assessment of the tracking feature found several medium "
    "risks, which we reduced with the measures above. No residual risk was rated high.\n"
)


@pytest.mark.parametrize(
    "finding",
    [
        "One residual risk was rated high: a lost phone could reveal a user's daily routes.",
        "Two residual risks were rated high.",
    ],
)
def test_a_denied_high_risk_that_becomes_a_counted_one_is_a_high_risk_change(finding):
    """Phenomenon: "No residual risk was rated high" becomes "One residual risk was rated
    high": only the word that counts the risks changes, and the finding is now disclosed. The
    evidence says the old sentence denied it."""
    old = INTRO + ASSESSMENT
    new = old.replace("No residual risk was rated high.", finding)
    result = classify(old, new)
    assert result.category_ids == ("high_risk",)
    reasons = [e.reason for e in result.categories[0].evidence]
    assert any(r.startswith("Adds the finding") for r in reasons)
    assert any(r.startswith("Removes a sentence that denies the finding") for r in reasons)


def test_a_reworded_sentence_beside_a_denied_high_risk_is_no_high_risk_change():
    """Words changed before the count, outside the finding, change nothing: "found several
    medium risks" reworded next to the same denial."""
    old = INTRO + ASSESSMENT
    new = old.replace("which we reduced with", "which we lowered through")
    assert "high_risk" not in classify(old, new).category_ids


def test_the_settings_of_the_app_and_the_apps_settings_are_one_way_to_opt_out():
    """The same place said both ways round ("the app's notification settings", "the
    notification settings of the app") is the same way to exercise a right."""
    old = INTRO + (
        "## Your rights\n\nYou can stop marketing messages at any time by switching off "
        "offers in the app's notification settings.\n"
    )
    new = old.replace(
        "in the app's notification settings", "in the notification settings of the app"
    )
    assert "rights" not in classify(old, new).category_ids


@pytest.mark.parametrize("scheme", ["PCI DSS Level 1", "SOC 2 Type II"])
def test_a_security_certification_named_beside_a_recipient_is_no_recipient(scheme):
    """Phenomenon: a processor's certification named in capitals ("which is certified PCI DSS
    Level 1") is a scheme, not a company data goes to."""
    old = INTRO + SHARING + "Card payments go through Paystream Networks.\n"
    new = INTRO + SHARING + f"Card payments go through Paystream Networks, certified {scheme}.\n"
    assert classify(old, new).category_ids == ()


def test_not_being_treated_differently_is_the_right_to_non_discrimination():
    """Phenomenon: the right not to be discriminated against for using one's rights, said in
    plain words ("you will not be treated differently"), is the same right."""
    old = INTRO + (
        "## Your rights\n\nYou have the right to know what we hold, to delete it, and not to "
        "be discriminated against for exercising these rights.\n"
    )
    new = old.replace(
        "not to be discriminated against for exercising these rights",
        "not to be treated differently for using any of these rights",
    )
    assert "rights" not in classify(old, new).category_ids
    new = old.replace(", and not to be discriminated against for exercising these rights", "")
    assert classify(old, new).category_ids == ("rights",)


PROVIDERS = (
    "## Service providers\n\n"
    "| Provider | Service | Location |\n| --- | --- | --- |\n"
    "| Paystream Networks Ltd | Card payments | Ireland |\n"
    "| Nimbusly Hosting Ltd | Hosting | Ireland |\n\n"
)
PAYMENTS = "## Paying for a plan\n\nYou pay for your plan by card.\n"


def test_a_recipient_moved_from_the_table_into_a_list_elsewhere_is_still_a_recipient():
    """Phenomenon: a restructured policy turns its table of providers into a list under a
    heading with no word of sharing ("## Companies that help us") and names each provider there
    ("Paystream Networks Ltd - takes card payments"): the policy still deals with them, so no
    recipient is removed."""
    old = INTRO + PROVIDERS + PAYMENTS
    new = (
        INTRO
        + "## Companies that help us\n\n"
        + "- **Paystream Networks Ltd** - takes card payments, in Ireland.\n"
        + "- **Nimbusly Hosting Ltd** - hosts the service, in Ireland.\n\n"
        + PAYMENTS
    )
    assert "sharing" not in classify(old, new).category_ids
    dropped = INTRO + PROVIDERS.replace(
        "| Paystream Networks Ltd | Card payments | Ireland |\n", ""
    )
    assert classify(old, dropped + PAYMENTS).category_ids == ("sharing",)


def test_a_recipient_still_named_only_to_say_it_ended_is_removed():
    """The name left elsewhere with a word of ending ("we no longer use Paystream Networks")
    is the removal itself."""
    old = INTRO + PROVIDERS + PAYMENTS
    new = (
        INTRO
        + PROVIDERS.replace("| Paystream Networks Ltd | Card payments | Ireland |\n", "")
        + PAYMENTS.replace("by card.", "by card; we stopped using Paystream Networks in May.")
    )
    assert classify(old, new).category_ids == ("sharing",)


@pytest.mark.parametrize(
    ("step", "route"),
    [
        ("send us a copy of your citizen card", "Identity verified by an identity document"),
        ("send us a notarised copy of your lease", "Identity verified by an identity document"),
        (
            "authenticate with the Civis Mobile Digital key",
            "Identity verified by an electronic identification",
        ),
    ],
)
def test_a_new_check_on_who_makes_a_request_is_a_rights_change(step, route):
    """Phenomenon: a request is handled only after a new check of the requester's identity,
    named in local terms: a citizen card, a copy certified by a notary, a national digital key
    to authenticate with."""
    old = INTRO + RIGHTS
    new = INTRO + RIGHTS.replace(
        "at any time.", f"at any time; we handle a request only after you {step}."
    )
    result = classify(old, new)
    assert result.category_ids == ("rights",)
    assert route in [e.item for e in result.categories[0].evidence]


# -- practices said with verbs, rights held to a time, places beside a provider -----------------

USES = "## How we use your data\n\n"


def test_marketing_said_with_the_verb_is_a_purpose_whose_condition_can_flip():
    """Phenomenon: marketing written as a verb ("to market other products to you"), not the
    noun; a promise never to do it turned into "not without your consent" allows it."""
    old = INTRO + USES + "We never use your meter readings to market other products to you.\n"
    new = (
        INTRO
        + USES
        + (
            "We do not use your meter readings to market other products to you without your "
            "consent.\n"
        )
    )
    result = classify(old, new)
    assert result.category_ids == ("purposes",)
    assert [e.item for e in result.categories[0].evidence] == ["Marketing"]
    assert "“never” becomes “with consent”" in result.categories[0].evidence[0].reason


SELECTION = "## Team selection\n\n"
DECISIONS = (
    "Team places are always decided by our coaches, and we do not make decisions about you "
    "based solely on automated processing.\n"
)


def test_decisions_now_made_by_a_model_are_a_new_purpose():
    """Phenomenon: people who decided replaced by a model that decides ("are determined by a
    scoring model that ranks players automatically"): a new use of data, asked about outside a
    section about uses (a person weighs it there), decided inside one."""
    old = INTRO + SELECTION + DECISIONS
    new = (
        INTRO
        + SELECTION
        + (
            "Team places are determined by a scoring model that uses your match data and ranks "
            "players automatically.\n"
        )
    )
    result = classify(old, new)
    assert result.needs_decision
    assert [q.category for q in result.questions] == ["purposes"]
    assert "Automated screening, scoring or decisions" in result.questions[0].question
    in_use = classify(INTRO + USES + DECISIONS, new.replace(SELECTION, USES))
    assert in_use.category_ids == ("purposes",)


CONSENT = "## Your consent\n\nYou may withdraw your consent at any time by writing to us.\n"


def test_a_right_held_to_a_time_is_narrowed():
    """Phenomenon: a right that could be used at any time may now only be used at a set time
    ("may only be withdrawn at the end of the season"), said in a sentence of its own after a
    semicolon."""
    old = INTRO + CONSENT
    new = INTRO + CONSENT.replace(
        "at any time by writing to us.",
        "to newsletters at any time by writing to us; consent to sharing your match videos "
        "with the league may only be withdrawn at the end of the season.",
    )
    result = classify(old, new)
    assert result.category_ids == ("rights",)
    assert "may only be withdrawn at" in result.categories[0].evidence[0].reason


TAXES = "## Who receives your data\n\nWe pay the tax withheld on prizes and file the returns.\n"


def test_a_company_named_by_its_role_for_us_is_a_recipient():
    """Phenomenon: a company named in passing after the role it plays for us ("through our
    payroll agent Ledgerby LLP"), in a sentence with no word of data: it does the work with
    what we hold."""
    old = INTRO + TAXES
    new = INTRO + TAXES.replace(
        "and file the returns.", "and, through our payroll agent Ledgerby LLP, file the returns."
    )
    result = classify(old, new)
    assert result.category_ids == ("sharing",)
    assert [e.item for e in result.categories[0].evidence] == ["Ledgerby LLP"]


HOSTING = (
    "## Where your data is stored and transferred\n\n"
    "Our databases are hosted by Nimbusly Cloud in data centres in Frankfurt, Germany.\n\n"
    "Our e-mail provider Postwise sends our messages from servers in Canada.\n"
)


def test_a_country_added_for_a_provider_already_named_moves_its_data():
    """Phenomenon: a country added beside a provider the paragraph already names ("with
    replicas in Nimbusly Cloud's Canada region") moves what that provider holds, although the
    policy names the country for another provider."""
    old = INTRO + HOSTING
    new = old.replace(
        "in Frankfurt, Germany.",
        "in Frankfurt, Germany, with disaster-recovery replicas kept in Nimbusly Cloud's Canada "
        "region.",
    )
    result = classify(old, new)
    assert result.category_ids == ("sharing",)
    reason = result.categories[0].evidence[0].reason
    assert "“Canada” for “Nimbusly Cloud”" in reason


def test_a_country_already_given_for_that_provider_moves_nothing():
    """The same provider and country named together before, in another paragraph: the
    paragraph only repeats it."""
    old = INTRO + HOSTING + "\nNimbusly Cloud keeps a cold archive of our databases in Canada.\n"
    new = old.replace(
        "in Frankfurt, Germany.",
        "in Frankfurt, Germany, with an archive in Nimbusly Cloud's Canada region.",
    )
    assert "sharing" not in classify(old, new).category_ids


PROVIDER_ROWS = (
    "## Who receives your data\n\n"
    "| Provider | Service | Location |\n| --- | --- | --- |\n"
    "| Courtlane Systems Ltd | Booking app | Ireland |\n"
    "| Nimbusly Hosting Ltd | Hosting | Ireland |\n"
)


@pytest.mark.parametrize("note", ["the same company, previously named", "formerly"])
def test_a_row_naming_its_previous_name_is_the_same_recipient(note):
    """Phenomenon: a provider renamed in its row, the old name given in brackets ("Flowcourt
    Ltd (the same company, previously named Courtlane Systems Ltd)"): no new recipient."""
    old = INTRO + PROVIDER_ROWS
    new = old.replace(
        "| Courtlane Systems Ltd |", f"| Flowcourt Ltd ({note} Courtlane Systems Ltd) |"
    )
    assert classify(old, new).category_ids == ()
    other = old.replace("| Courtlane Systems Ltd |", "| Flowcourt Ltd |")
    assert classify(old, other).category_ids == ("sharing",)


FAIR_PLAY = (
    "## Fair play\n\n"
    "A high risk score does not by itself lead to a ban. You may appeal within 30 days; "
    "appeals are decided by a reviewer who was not involved in the decision.\n"
)


def test_a_fraud_risk_score_reworded_is_no_finding_and_no_right_lost():
    """Phenomenon: "a high risk score" rates a user, not a finding of an impact assessment; a
    negation inside a clause about a person ("a reviewer who played no part") says who
    decides, not that a right is denied; "you have 30 days to appeal" is the same time limit
    as "within 30 days"."""
    old = INTRO + FAIR_PLAY
    new = INTRO + (
        "## Fair play\n\n"
        "No account is banned on its risk score alone. You have 30 days to appeal; your appeal "
        "is decided by a reviewer who played no part in the decision.\n"
    )
    assert classify(old, new).category_ids == ()
    found = INTRO + FAIR_PLAY + "\nOur impact assessment found a high risk of re-identification.\n"
    assert classify(old, found).category_ids == ("high_risk",)


def test_a_step_the_requester_must_take_first_narrows_the_right():
    """Phenomenon: a request that went straight to us must now first go somewhere else ("should
    first ask the club secretary"): a step before the right, decided as a rights change."""
    old = INTRO + RIGHTS
    new = INTRO + RIGHTS.replace(
        "You can ask for a copy of your data at any time.",
        "You should first ask the club secretary for a copy of your data; you can write to us "
        "at any time after that.",
    )
    result = classify(old, new)
    assert result.category_ids == ("rights",)
    assert "should first" in result.categories[0].evidence[0].reason


REFUSALS = "## Your rights\n\n"


def test_a_refusal_condition_said_again_keeps_the_right_to_have_it_reviewed():
    """Phenomenon: "if we decide not to act on your request, you can ask for a review" states
    the review; the negation is in the condition of our choice, and in "someone who had no
    part in it", who reviews. Said again without a negation, nothing is reversed."""
    old = (
        INTRO
        + REFUSALS
        + (
            "If we decide not to act on your request, we will explain why and you can ask for the "
            "decision to be reviewed by a member of our privacy team who was not involved in it.\n"
        )
    )
    new = (
        INTRO
        + REFUSALS
        + (
            "Should we decline a request, you will be told why, and you are entitled to have that "
            "decision reconsidered by someone from our privacy team who is independent of it.\n"
        )
    )
    assert classify(old, new).category_ids == ()


@pytest.mark.parametrize(
    "recipient",
    [
        "the social services of your town",
        "the national social insurance agency",
        "the welfare office of your municipality",
    ],
)
def test_social_services_are_a_kind_of_recipient(recipient):
    """Phenomenon: a care provider that applies for support on a patient's behalf sends
    reports to social services or a benefits body: a new kind of recipient, named by what
    it is, not by a company name. A kind of recipient named anew, with no company named, is
    put to a lawyer (as every kind of recipient is), naming the kind."""
    old = INTRO + SHARING + "We send discharge letters to your family doctor.\n"
    new = old.replace(
        "family doctor.",
        "family doctor. When our social worker applies for support on your behalf, we also "
        f"send the supporting reports to {recipient}.",
    )
    result = classify(old, new)
    assert result.needs_decision and result.category_ids == ()
    assert [q.category for q in result.questions] == ["sharing"]
    assert "“Social services and benefit agencies”" in result.questions[0].question


def test_a_social_security_number_is_no_recipient():
    """ "Social security" names a recipient only as a body ("agency", "institute"): the
    number is data."""
    old = INTRO + SHARING + "We send discharge letters to your family doctor.\n"
    new = old.replace("discharge letters", "discharge letters with your social security number")
    assert "sharing" not in classify(old, new).category_ids


def test_a_consent_condition_with_its_words_apart_is_a_consent_condition():
    """Phenomenon: "unless you have given us your explicit consent to do so" is as much a
    consent condition as "without your consent": a promise never to do it becomes "with
    consent"."""
    old = INTRO + USES + "We never use your lesson videos for advertising.\n"
    new = (
        INTRO
        + USES
        + (
            "We do not use your lesson videos for advertising unless you have given us your "
            "explicit consent to do so.\n"
        )
    )
    result = classify(old, new)
    assert result.category_ids == ("purposes",)
    assert "“never” becomes “with consent”" in result.categories[0].evidence[0].reason


ADVISERS = (
    "## Who receives your data\n\n"
    "We may share information with our lawyers and auditors where this is necessary to obtain "
    "professional advice or to manage a legal claim.\n"
)


@pytest.mark.parametrize(
    ("added", "name"),
    [
        (
            ", and, where an invoice stays unpaid for more than 60 days, with our debt "
            "collection agency Ledgerby Recoveries Ltd,",
            "Ledgerby Recoveries Ltd",
        ),
        (", and with the loss adjuster it appoints, Claimwise Lda.,", "Claimwise Lda"),
    ],
)
def test_a_company_named_after_its_role_far_from_the_verb_is_a_recipient(added, name):
    """Phenomenon: a recipient added to a long sentence of sharing, named after its role
    ("with our debt collection agency ...", "with the loss adjuster it appoints, ..."), too
    far from "share" for that verb to reach it."""
    old = INTRO + ADVISERS
    new = old.replace("lawyers and auditors", "lawyers and auditors" + added)
    result = classify(old, new)
    assert result.category_ids == ("sharing",)
    assert name in [e.item for e in result.categories[0].evidence]


WAYS = (
    "## Your rights\n\nYou can ask for a copy of your data:\n\n"
    "- through the request form in your account;\n"
    "- by telephoning our front desk on 01 234 5678.\n"
)


def test_a_way_to_ask_by_telephoning_removed_is_a_rights_change():
    """Phenomenon: "by telephoning our front desk" is the telephone route, as "by phone" is;
    dropping it from the list of ways to make a request changes how rights are exercised."""
    old = INTRO + WAYS
    new = old.replace(";\n- by telephoning our front desk on 01 234 5678.\n", ".\n")
    result = classify(old, new)
    assert "rights" in result.category_ids
    assert "By telephone" in [e.item for c in result.categories for e in c.evidence]


ARCO = (
    "## Your rights\n\n"
    "- **Cancel** your personal data, so that we block it and then delete it, when you "
    "consider it is no longer necessary;\n"
)


def test_cancelling_personal_data_is_erasure_and_an_exception_narrows_it():
    """Phenomenon: in the vocabulary of some laws the right to erasure is to "cancel" one's
    personal data; an exception added to it ("except for reviews, which stay visible") narrows
    it."""
    old = INTRO + ARCO
    new = old.replace(
        "no longer necessary;",
        "no longer necessary, except for reviews, which stay visible to other buyers;",
    )
    result = classify(old, new)
    assert result.category_ids == ("rights",)
    assert result.categories[0].evidence[0].item.endswith("Right to Erasure")


OWNERS = "## Who we are\n\nQuillmark Ltd is owned by its three founders.\n"


def test_a_stake_held_by_an_investor_is_an_ownership_change():
    """Phenomenon: a new shareholder named by its kind ("the private partner Harrowgate
    Capital, which holds 25% of the shares"): the one who holds the stake is the investor,
    and the stake is in the company, though the word before it names another company."""
    old = INTRO + OWNERS
    new = old.replace(
        "its three founders.",
        "its three founders and, since May, by the private partner Harrowgate Capital, which "
        "holds 25% of the shares.",
    )
    result = classify(old, new)
    assert result.category_ids == ("ownership",)
    assert [e.item for e in result.categories[0].evidence] == ["25% of the shares"]
    when = old.replace(
        "its three founders.",
        "its three founders, from whom Harrowgate Capital acquired a 70% shareholding in January.",
    )
    assert classify(old, when).category_ids == ("ownership",)  # "in January": when


def test_a_stake_a_partner_holds_in_another_company_is_no_ownership_change():
    """The stake named as one in another company ("40% of the shares in Parcelnet Ltd") is
    that company's ownership, not ours."""
    old = INTRO + OWNERS + "\nOur courier partner delivers your orders.\n"
    new = old.replace(
        "Our courier partner delivers",
        "Our courier partner, which holds 40% of the shares in Parcelnet Ltd, delivers",
    )
    assert "ownership" not in classify(old, new).category_ids


def test_a_rename_note_cut_at_its_semicolon_is_no_new_statement():
    """Phenomenon: a row's rename note with a semicolon ("(formerly Courtlane Systems Ltd; the
    same company under its new name)"): the part after the semicolon is the rest of the note,
    not a sentence about a new recipient."""
    old = INTRO + PROVIDER_ROWS
    new = old.replace(
        "| Courtlane Systems Ltd |",
        "| Flowcourt Ltd (formerly Courtlane Systems Ltd; the same company under its new "
        "corporate name) |",
    )
    assert classify(old, new).category_ids == ()

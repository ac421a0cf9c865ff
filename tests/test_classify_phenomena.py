"""General phenomena the classifier must judge the way a lawyer does, each on sentences written
for this test (never a corpus sentence, never a real organisation's name): editorial changes
that look like rewording, restructured recipient lists, restyled headings, meaning-preserving
rewrites, and the flags raised where the automatic verdict cannot be sure."""

from __future__ import annotations

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

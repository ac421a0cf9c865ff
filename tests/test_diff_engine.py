"""The diff engine on hand-written pairs and on every labelled pair of the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policy.diff.engine import compare
from policy.document import parse_document

CORPUS = Path(__file__).resolve().parent / "corpora" / "corpus"
CASES = sorted(p.parent for p in CORPUS.glob("*/*/label.json"))


def load(path: Path):
    return parse_document(path.read_text(encoding="utf-8"))


def kinds(result) -> list[tuple[str, str]]:
    return [(c.kind, c.target) for c in result.changes]


def diff_text(old: str, new: str):
    return compare(parse_document(old), parse_document(new))


# -- hand-written pairs ---------------------------------------------------------------------------

BASE = """---
title: T
slug: t
effective_date: 2026-01-01
---
# T

## 1. Data

We collect your email.

- Name: your name.
- Phone: your phone number.
- Address: your postal address.

## 2. Sharing

We share data with Paypal to process payments for your orders.

## 3. Contact

Email: info@example.com
"""


def test_identical_documents_have_no_changes():
    assert diff_text(BASE, BASE).changes == ()


def test_inserted_bullet_is_one_added_item():
    new = BASE.replace("- Phone", "- Location: your precise location.\n- Phone")
    result = diff_text(BASE, new)
    assert kinds(result) == [("added", "block")]
    change = result.changes[0]
    assert change.block_kind == "item"
    assert change.after == "Location: your precise location."
    assert change.section == ("T", "1. Data")
    assert change.anchor == "1-data"
    assert change.new_lines == (13,)


def test_changed_words_are_spans():
    new = BASE.replace("with Paypal to", "with Stripe to")
    (change,) = diff_text(BASE, new).changes
    assert change.kind == "changed"
    assert [(s.op, s.text) for s in change.spans if s.op != "equal"] == [
        ("delete", "Paypal"),
        ("insert", "Stripe"),
    ]
    assert "".join(s.text for s in change.spans if s.op != "insert") == change.before
    assert "".join(s.text for s in change.spans if s.op != "delete") == change.after


def test_renamed_heading_is_a_rename_not_a_new_section():
    new = BASE.replace("## 3. Contact", "## 3. Contact us")
    assert kinds(diff_text(BASE, new)) == [("renamed", "section")]


def test_a_heading_over_subsections_only_reworded_is_a_rename():
    """A section with no text of its own, only subsections, has no words to be paired by:
    its rename is found through its subsections."""
    old = (
        "# T\n\nIntro.\n\n## 4. Your Rights and Choices\n\n### Access\n\nAsk us for a copy of "
        "your data.\n\n### Deletion\n\nAsk us to delete your account.\n\n## 5. Contact\n\nWrite "
        "to us.\n"
    )
    new = old.replace("Your Rights and Choices", "Your Choices and Rights")
    assert kinds(diff_text(old, new)) == [("renamed", "section")]


def test_moved_section_is_one_move():
    sharing = "## 2. Sharing\n\nWe share data with Paypal to process payments for your orders.\n\n"
    new = BASE.replace(sharing, "") + "\n" + sharing
    result = diff_text(BASE, new)
    assert kinds(result) == [("moved", "section")]
    assert result.changes[0].section == ("T", "2. Sharing")


def test_new_section_is_one_change():
    new = BASE + "\n## 4. Rights\n\nYou may object.\n\n- Access\n- Deletion\n"
    result = diff_text(BASE, new)
    assert kinds(result) == [("added", "section")]
    assert result.changes[0].after == "4. Rights\nYou may object.\nAccess\nDeletion"


def test_removed_section_with_subsections_is_one_change():
    old = BASE + "\n## 4. Rights\n\n### 4.1 Access\n\nYou may see your data.\n"
    result = diff_text(old, BASE)
    assert kinds(result) == [("removed", "section")]
    assert result.changes[0].before == "4. Rights\n4.1 Access\nYou may see your data."


@pytest.mark.parametrize(
    ("edit", "detail"),
    [
        (lambda t: t.replace("- Name", "* Name"), "list marker"),
        (lambda t: t.replace("We collect your email.", "We collect\nyour email."), "line wrapping"),
        (lambda t: t.replace("your email.", "your **email**."), "markup"),
        (lambda t: t.replace("We collect your", "We collect\u00a0your"), "whitespace"),
        (lambda t: t.replace("info@example.com", "<info@example.com>"), "link target"),
    ],
)
def test_formatting_only_changes_are_reported_as_formatting(edit, detail):
    result = diff_text(BASE, edit(BASE))
    assert [(c.kind, c.detail) for c in result.changes] == [("formatting", detail)]


def test_crlf_and_trailing_spaces_are_no_change_in_wording():
    new = BASE.replace("\n", "  \r\n")
    result = diff_text(BASE, new)
    assert result.wording_changes == ()


def test_front_matter_change_is_reported_per_key():
    new = BASE.replace("effective_date: 2026-01-01", "effective_date: 2026-03-01")
    (change,) = diff_text(BASE, new).changes
    assert (change.kind, change.target, change.detail) == ("changed", "metadata", "effective_date")
    assert (change.before, change.after) == (
        "effective_date: 2026-01-01",
        "effective_date: 2026-03-01",
    )


def test_reordered_items_are_moves():
    new = BASE.replace(
        "- Name: your name.\n- Phone: your phone number.",
        "- Phone: your phone number.\n- Name: your name.",
    )
    result = diff_text(BASE, new)
    assert kinds(result) == [("moved", "block")]


# -- the corpus (tests/corpora/corpus) -------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_corpus_pair(case: Path):
    before, after = load(case / "before.md"), load(case / "after.md")
    forward = compare(before, after)
    backward = compare(after, before)
    assert forward.changes, "before.md and after.md differ, so the diff must not be empty"
    assert compare(before, before).changes == ()
    assert compare(after, after).changes == ()
    count, back = forward.counts(), backward.counts()
    assert (count["added"], count["removed"]) == (back["removed"], back["added"])
    label = json.loads((case / "label.json").read_text(encoding="utf-8"))
    before_raw = (case / "before.md").read_text(encoding="utf-8")
    for evidence in label["evidence"]:
        quote = _as_text(evidence["quote"])
        side = "before" if evidence["quote"] in before_raw else "after"
        texts = [getattr(c, side) or "" for c in forward.changes]
        assert any(quote in _plain(text) for text in texts), (side, quote)


def _plain(text: str) -> str:
    return " ".join(text.split())


def _as_text(markdown: str) -> str:
    """A quote written in Markdown (`**bold**`, `[link](url)`, `#### heading`) as plain words."""
    fragment = parse_document(markdown)
    parts = [s.title for s in fragment.sections()]
    parts += [b.text for s in fragment.all_sections() for b in s.blocks]
    return " ".join(" ".join(parts).split())


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("syn-037", [("moved", "section")]),  # section moved unchanged
        ("syn-034", [("changed", "metadata")]),  # effective date only
        ("syn-013", [("removed", "block")] + [("changed", "block")] * 4),  # clause deleted
        ("real-006", [("added", "metadata")]),  # redirect_from added (the path is a git matter)
    ],
)
def test_corpus_shapes(case: str, expected):
    folder = next(CORPUS.glob(f"*/{case}"))
    result = compare(load(folder / "before.md"), load(folder / "after.md"))
    assert kinds(result) == expected


@pytest.mark.parametrize(
    "case",
    ["syn-035", "syn-036", "real-005", "real-007", "real-008", "real-010", "real-015", "syn-039"],
)
def test_corpus_formatting_only_cases_have_no_wording_change(case: str):
    folder = next(CORPUS.glob(f"*/{case}"))
    result = compare(load(folder / "before.md"), load(folder / "after.md"))
    wording = [
        c for c in result.wording_changes if not (c.kind == "added" and c.block_kind == "row")
    ]
    assert wording == []
    assert result.formatting_changes


def test_duplicated_heading_and_paragraph_are_explained_alike_both_ways():
    """Found by hypothesis: which copy counts as moved must not depend on the direction."""
    old = BASE.replace("# T\n", "# T\n\nThis policy applies to you.\n")
    new = old.replace("# T\n", "# T\n\n# T\n").replace(
        "## 2. Sharing\n", "## 2. Sharing\n\nThis policy applies to you.\n"
    )
    forward, backward = diff_text(old, new), diff_text(new, old)
    added = sorted(c.after for c in forward.changes if c.kind == "added")
    removed = sorted(c.before for c in backward.changes if c.kind == "removed")
    assert added == removed
    assert forward.counts()["added"] == backward.counts()["removed"] == len(added)

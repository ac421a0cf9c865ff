"""Properties of the diff that must hold for any pair of documents (hypothesis)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy.diff.engine import compare
from policy.document import parse_document

BASE = (Path(__file__).resolve().parents[1] / "policies" / "privacy-policy.md").read_text(
    encoding="utf-8"
)
CHUNKS = BASE.split("\n\n")
WORDS = st.sampled_from(
    ["data", "Stripe", "we", "share", "your", "rights", "not", "email", "**bold**", "|", "#"]
)


@st.composite
def edited(draw) -> str:
    """The bundled policy after a few random edits of its Markdown chunks."""
    chunks = list(CHUNKS)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "insert", "reword", "move", "copy"]))
        i = draw(st.integers(1, len(chunks) - 1))  # chunk 0 is the front matter
        if op == "delete" and len(chunks) > 3:
            del chunks[i]
        elif op == "insert":
            words = draw(st.lists(WORDS, min_size=1, max_size=12))
            prefix = draw(st.sampled_from(["", "- ", "## ", "### ", "1. ", "> "]))
            chunks.insert(i, prefix + " ".join(words))
        elif op == "reword":
            words = chunks[i].split(" ")
            j = draw(st.integers(0, len(words) - 1))
            words[j] = draw(WORDS)
            chunks[i] = " ".join(words)
        elif op == "move":
            chunk = chunks.pop(i)
            chunks.insert(draw(st.integers(1, len(chunks))), chunk)
        elif op == "copy":
            chunks.insert(draw(st.integers(1, len(chunks))), chunks[i])
    return "\n\n".join(chunks)


def units(document) -> dict[int, str]:
    """File line -> text of each heading and block: what a change's lines point at."""
    found: dict[int, str] = {}
    for section in document.all_sections():
        if section.level:
            found[section.line] = section.title
        for block in section.blocks:
            found[block.line] = block.text
    return found


def uncovered_blocks(document, covered: set[int]) -> Counter:
    return Counter(
        block.text
        for section in document.all_sections()
        for block in section.blocks
        if block.line not in covered
    )


def check_reconstruction(old_text: str, new_text: str) -> None:
    old, new = parse_document(old_text), parse_document(new_text)
    result = compare(old, new)
    old_units, new_units = units(old), units(new)
    old_covered: set[int] = set()
    new_covered: set[int] = set()
    for change in result.changes:
        if change.target not in ("section", "block"):
            continue
        if change.new_lines:
            assert change.after is not None
            assert change.after.split("\n") == [new_units[n] for n in change.new_lines]
            new_covered.update(change.new_lines)
        if change.old_lines:
            assert change.before is not None
            assert change.before.split("\n") == [old_units[n] for n in change.old_lines]
            old_covered.update(change.old_lines)
    # Whatever no change explains is the same text on both sides.
    assert uncovered_blocks(old, old_covered) == uncovered_blocks(new, new_covered)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_changes_rebuild_the_new_document(new_text: str):
    check_reconstruction(BASE, new_text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_swapping_old_and_new_swaps_added_and_removed(new_text: str):
    old, new = parse_document(BASE), parse_document(new_text)
    forward, backward = compare(old, new), compare(new, old)
    assert forward.counts()["added"] == backward.counts()["removed"]
    assert forward.counts()["removed"] == backward.counts()["added"]
    # What was added one way is what was removed the other way, text for text.
    assert sorted(c.after for c in forward.changes if c.kind == "added") == sorted(
        c.before for c in backward.changes if c.kind == "removed"
    )
    assert bool(forward.wording_changes) == bool(backward.wording_changes)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_a_document_compared_with_itself_has_no_changes(text: str):
    document = parse_document(text)
    assert compare(document, parse_document(text)).changes == ()


MARKDOWNISH = st.text(
    alphabet=st.sampled_from(list("ab #-*>|`\n\r\u00a0{}%1.:[]()_")), max_size=200
)


@settings(max_examples=100, deadline=None)
@given(MARKDOWNISH, MARKDOWNISH)
def test_any_two_texts_can_be_compared(old_text: str, new_text: str):
    check_reconstruction(old_text, new_text)
    assert compare(parse_document(old_text), parse_document(old_text)).changes == ()

"""The anchored alignment of long sequences (diff.align) and the word spans built on it.

Short inputs are difflib's own answer (found by `Matcher`, which skips pairing spaces with
spaces but answers exactly as difflib does). Long ones are aligned on unique anchors, with difflib
in the gaps up to a bounded size; the properties below are what that keeps of difflib:
- the opcodes turn the old sequence into the new one, and every equal run is equal;
- any changed region small enough for difflib shares no item between its two sides (difflib's
  own guarantee: it stops only when a region has nothing in common), so only regions larger
  than the bound, with no unique run in common, are left as replacements;
- when edits are made of words new to the text, every word that survived is kept (difflib,
  pairing spaces as tokens, sometimes loses one), so the alignment keeps all difflib keeps.
"""

from __future__ import annotations

import difflib
import random
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from policy.diff.align import Matcher, opcodes
from policy.diff.engine import compare
from policy.diff.words import TOKEN_ANCHOR, similarity, tokens, word_spans
from policy.document import parse_document

ITEMS = st.lists(st.sampled_from("abcdef"), max_size=120)


def joined(spans, ops: tuple[str, ...]) -> str:
    return "".join(span.text for span in spans if span.op in ops)


def rebuilt(ops, a, b) -> list:
    """`b` rebuilt from `a` and the opcodes, checking that they cover both sides in order."""
    out: list = []
    i = j = 0
    for tag, i1, i2, j1, j2 in ops:
        assert (i1, j1) == (i, j)
        assert {
            "equal": i2 - i1 == j2 - j1 > 0,
            "replace": i2 > i1 and j2 > j1,
            "delete": i2 > i1 and j2 == j1,
            "insert": i2 == i1 and j2 > j1,
        }[tag]
        if tag == "equal":
            assert list(a[i1:i2]) == list(b[j1:j2])
        out += b[j1:j2]
        i, j = i2, j2
    assert (i, j) == (len(a), len(b))
    return out


@settings(max_examples=300, deadline=None)
@given(ITEMS, ITEMS, st.integers(1, 3), st.integers(0, 30))
def test_anchored_opcodes_turn_the_old_sequence_into_the_new(a, b, width, gap):
    ops = opcodes(a, b, width, exact=0, gap=gap)
    assert rebuilt(ops, a, b) == b


@settings(max_examples=300, deadline=None)
@given(ITEMS, ITEMS, st.integers(1, 3), st.integers(0, 30))
def test_changed_regions_within_the_bound_share_nothing(a, b, width, gap):
    for tag, i1, i2, j1, j2 in opcodes(a, b, width, exact=0, gap=gap):
        if tag != "equal" and (i2 - i1) + (j2 - j1) <= gap:
            assert not set(a[i1:i2]) & set(b[j1:j2])


PIECES = st.sampled_from(["we", "share", "data", "the", ",", ".", "(", " ", "  ", "\n", "\t "])


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join), st.lists(PIECES, max_size=60).map("".join))
def test_the_matcher_answers_as_difflib_does_on_tokens(before, after):
    a, b = tokens(before), tokens(after)
    expected = difflib.SequenceMatcher(None, a, b, autojunk=False)
    assert Matcher(a, b).get_opcodes() == expected.get_opcodes()


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40), st.lists(PIECES, max_size=40))
def test_the_matcher_answers_as_difflib_does_on_any_items(a, b):
    """Adjacent spaces (not from `tokens`) take difflib's own search."""
    expected = difflib.SequenceMatcher(None, a, b, autojunk=False)
    assert Matcher(a, b).get_opcodes() == expected.get_opcodes()


@settings(max_examples=100, deadline=None)
@given(ITEMS, ITEMS)
def test_short_inputs_are_aligned_by_difflib_itself(a, b):
    expected = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    assert opcodes(a, b) == expected


@st.composite
def fresh_edits(draw, size: int = 400) -> tuple[str, str]:
    """A text of distinct words, and a copy with words replaced, inserted and deleted, every new
    word unlike any in the text: the changes difflib finds are then the ones made."""
    words = [f"w{n}" for n in range(size)]
    edited = list(words)
    fresh = iter(f"new{n}" for n in range(10_000))
    for _ in range(draw(st.integers(0, 25))):
        where = draw(st.integers(0, len(edited)))
        op = draw(st.sampled_from(["replace", "insert", "delete"]))
        if op == "insert" or where == len(edited):
            edited.insert(where, next(fresh))
        elif op == "replace":
            edited[where] = next(fresh)
        elif len(edited) > 1:
            del edited[where]
    return " ".join(words), " ".join(edited)


def kept_words(ops, a) -> set[tuple[int, int]]:
    """Which word of the old text is kept as which word of the new one (spaces left out)."""
    return {
        (i1 + k, j1 + k)
        for tag, i1, i2, j1, _ in ops
        if tag == "equal"
        for k in range(i2 - i1)
        if not a[i1 + k].isspace()
    }


@settings(max_examples=60, deadline=None)
@given(fresh_edits())
def test_fresh_word_edits_keep_every_word_that_survived(pair):
    """Every word of the old text still in the new one is kept, so every word difflib keeps
    is kept too (difflib, matching spaces as tokens, sometimes pairs a space instead)."""
    before, after = pair
    a, b = tokens(before), tokens(after)
    kept = kept_words(opcodes(a, b, TOKEN_ANCHOR, exact=0, gap=40), a)
    assert len(kept) == len(set(before.split()) & set(after.split()))
    expected = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    assert kept >= kept_words(expected, a)
    spans = word_spans(before, after, exact=0)
    assert joined(spans, ("equal", "delete")) == before
    assert joined(spans, ("equal", "insert")) == after


TEXT = st.lists(
    st.sampled_from(["we", "share", "data", "with", "Stripe", ",", ".", " ", "  ", "(", "not"]),
    max_size=150,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT, st.sampled_from([0, 2500]))
def test_word_spans_rebuild_both_texts(before, after, exact):
    spans = word_spans(before, after, exact=exact)
    assert joined(spans, ("equal", "delete")) == before
    assert joined(spans, ("equal", "insert")) == after
    assert all(x.op != y.op for x, y in pairwise(spans))
    assert all(span.text for span in spans)


@settings(max_examples=30, deadline=None)
@given(fresh_edits(size=1400))
def test_similarity_of_long_texts_is_difflibs_ratio_on_fresh_word_edits(pair):
    before, after = pair
    assert len(before.split()) + len(after.split()) > 2500  # the anchored path
    expected = difflib.SequenceMatcher(None, before.split(), after.split()).ratio()
    assert similarity(before, after) == expected


def long_paragraph(kilobytes: int, seed: int = 5) -> tuple[str, str]:
    rng = random.Random(seed)
    vocabulary = [f"term{n}" for n in range(3000)] + ["the", "data", "of", "and", "we"] * 300
    words: list[str] = []
    size = 0
    while size < kilobytes * 1024:
        words.append(rng.choice(vocabulary) + rng.choice(["", "", "", ",", "."]))
        size += len(words[-1]) + 1
    edited = list(words)
    for _ in range(len(words) // 40):
        edited[rng.randrange(len(edited))] = rng.choice(["Stripe", "processor", "shall"])
    return " ".join(words), " ".join(edited)


def test_a_half_megabyte_paragraph_with_scattered_changes_is_one_changed_block():
    before, after = long_paragraph(512)
    result = compare(parse_document(before), parse_document(after))
    (change,) = result.changes
    assert (change.kind, change.target, change.block_kind) == ("changed", "block", "paragraph")
    assert joined(change.spans, ("equal", "delete")) == before
    assert joined(change.spans, ("equal", "insert")) == after
    changed = sum(1 for span in change.spans if span.op == "insert")
    assert len(before.split()) // 80 < changed <= len(before.split()) // 40

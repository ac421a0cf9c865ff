"""The diff's parts that keep it linear on long policies give the answers the quadratic ones did.

Timings are in bench/scale_bench.py; here: candidate lists miss no pair that could reach the
threshold (moves) or that a renamed section needs (sections), and the O(n log n) run of kept
sections is the one the O(n²) search found.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from policy.diff.candidates import overlapping, sharing_rare_pairs
from policy.diff.engine import ALL_PAIRS, _heaviest_increasing, _Sec, compare
from policy.diff.words import similarity
from policy.document import parse_document
from policy.document.model import Section

WORDS = st.sampled_from(["we", "share", "your", "data", "with", "Stripe", "not", "rights", "the"])
TEXTS = st.lists(st.lists(WORDS, max_size=14).map(" ".join), max_size=8)


@settings(max_examples=200, deadline=None)
@given(TEXTS, TEXTS, st.sampled_from([0.5, 0.85, 0.95]))
def test_overlapping_finds_every_pair_that_reaches_the_threshold(olds, news, threshold):
    found = overlapping(olds, news, threshold)
    for i, old in enumerate(olds):
        for j, new in enumerate(news):
            if old.split() and similarity(old, new, threshold) >= threshold:
                assert j in found[i]


def policy(sections: int, seed: int = 1, heading: str = "Part", edit: bool = False) -> str:
    """A policy whose sections say different things (made-up words), optionally edited."""
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(400)] + ["the", "data", "we", "your"] * 50
    edits = random.Random(seed + 1)
    out = ["# Policy", ""]
    for number in range(sections):
        out += [f"## {heading} {number + 1}", ""]
        for _ in range(2):
            words = [rng.choice(vocabulary) for _ in range(30)]
            if edit and edits.random() < 0.3:
                words[edits.randrange(30)] = "Stripe"
            out += [" ".join(words) + ".", ""]
    return "\n".join(out)


def test_every_heading_renamed_in_a_long_policy_renames_each_section():
    sections = 40
    assert sections * sections > ALL_PAIRS  # the candidate lists, not all pairs
    old = parse_document(policy(sections))
    edited = parse_document(policy(sections, edit=True))
    reworded = [
        a
        for a, b in zip(old.sections(), edited.sections(), strict=True)
        if a.blocks and all(x.text != y.text for x, y in zip(a.blocks, b.blocks, strict=True))
    ]
    assert reworded  # sections sharing no paragraph: found through their rare word pairs
    plain = compare(old, edited)
    renamed = compare(old, parse_document(policy(sections, heading="Chapter", edit=True)))
    assert renamed.counts()["renamed"] == sections
    assert renamed.counts()["added"] == renamed.counts()["removed"] == 0
    assert plain.changes and plain.counts()["renamed"] == 0

    def wording(result):
        return [(c.kind, c.before, c.after, c.spans) for c in result.changes if c.kind != "renamed"]

    assert wording(renamed) == wording(plain)


def test_equal_boilerplate_sections_are_paired_in_order_when_every_heading_is_renamed():
    text = "Contact us at the address above if you have questions about this section."
    old = "\n\n".join(f"## Part {n}\n\n{text}" for n in range(1, 31))
    new = "\n\n".join(f"## Chapter {n}\n\n{text}" for n in range(1, 31))
    result = compare(parse_document(old), parse_document(new))
    assert [(c.kind, c.before, c.after) for c in result.changes] == [
        ("renamed", f"Part {n}", f"Chapter {n}") for n in range(1, 31)
    ]


def test_rare_word_pairs_name_the_section_each_text_came_from():
    olds = [" ".join(f"w{n}x{k}" for k in range(20)) for n in range(50)]
    news = [text.replace("x3 ", "x3 inserted ") for text in reversed(olds)]
    assert sharing_rare_pairs(olds, news) == [{49 - n} for n in range(50)]


def quadratic_heaviest(pairs):
    """The O(n²) search the engine used before: the reference the faster one must match."""
    if not pairs:
        return set()
    weight = [sec.size + sec.partner.size for _, sec in pairs]
    best = list(weight)
    back = [-1] * len(pairs)
    for i, (old_i, _) in enumerate(pairs):
        for j in range(i):
            if pairs[j][0] < old_i and best[j] + weight[i] > best[i]:
                best[i], back[i] = best[j] + weight[i], j
    index = max(range(len(pairs)), key=best.__getitem__)
    kept = set()
    while index >= 0:
        kept.add(pairs[index][1].order)
        index = back[index]
    return kept


@settings(max_examples=300, deadline=None)
@given(st.permutations(list(range(12))), st.lists(st.integers(1, 4), min_size=24, max_size=24))
def test_the_heaviest_run_of_kept_sections_is_the_one_the_quadratic_search_found(order, sizes):
    section = Section("", 0, (), "", 1)
    pairs = []
    for new_order, old_order in enumerate(order):
        old = _Sec(section, old_order, "", None, size=sizes[2 * new_order])
        new = _Sec(section, new_order, "", None, size=sizes[2 * new_order + 1], partner=old)
        pairs.append((old_order, new))
    assert _heaviest_increasing(pairs) == quadratic_heaviest(pairs)

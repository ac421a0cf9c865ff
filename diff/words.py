"""Word-level comparison of two texts, tidied so a redline reads naturally.

The alignment is difflib's for ordinary paragraphs and `diff.align`'s anchored one for long
ones, so a pasted appendix without blank lines is compared in time close to linear.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

from policy.diff.align import EXACT_ITEMS, matching_blocks, opcodes
from policy.diff.model import Span

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
TOKEN_ANCHOR = 7
"""Tokens in an anchor of a long paragraph: four words and the spaces between them."""
WORD_ANCHOR = 4
"""Words in an anchor when measuring the similarity of long texts."""


def tokens(text: str) -> list[str]:
    """Words, single punctuation marks and runs of spaces: the units a lawyer sees change.

    Spaces are tokens of their own so that `name` in "name and" and "name, email" match.
    """
    return _TOKEN.findall(text)


def similarity(a: str, b: str, floor: float = 0.0) -> float:
    """0..1, how much of two texts is shared word for word (difflib's ratio over words).

    Below `floor` the exact figure does not matter to callers, so difflib's cheap upper
    bounds are returned instead of the costly full ratio.
    """
    if a == b:
        return 1.0
    words_a, words_b = a.split(), b.split()
    if len(words_a) + len(words_b) > EXACT_ITEMS:
        return _long_similarity(words_a, words_b, floor)
    matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
    bound = matcher.real_quick_ratio()
    if bound < floor:
        return bound
    bound = matcher.quick_ratio()
    if bound < floor:
        return bound
    return matcher.ratio()


def _long_similarity(a: list[str], b: list[str], floor: float) -> float:
    """The same measure and bounds for long texts, the matches found by `diff.align`."""
    total = len(a) + len(b)
    bound = 2.0 * min(len(a), len(b)) / total
    if bound < floor:
        return bound
    bound = 2.0 * (Counter(a) & Counter(b)).total() / total
    if bound < floor:
        return bound
    return 2.0 * sum(n for _, _, n in matching_blocks(a, b, WORD_ANCHOR)) / total


def word_spans(before: str, after: str, *, exact: int = EXACT_ITEMS) -> tuple[Span, ...]:
    """Spans whose `equal`+`delete` texts give `before` and `equal`+`insert` texts give `after`.

    Spaces alone between two edits are folded into the edits, so "the old words" → "the new
    text" shows `~~old words~~ **new text**`, not a word-by-word checkerboard. Texts of more
    than `exact` tokens (both together) are aligned on anchors (`diff.align`), not by difflib.
    """
    a, b = tokens(before), tokens(after)
    raw: list[tuple[str, str, str]] = []  # (op, deleted text, inserted text)
    for tag, i1, i2, j1, j2 in opcodes(a, b, TOKEN_ANCHOR, exact):
        old, new = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            raw.append(("equal", old, new))
        else:
            raw.append(("edit", old, new))
    runs: list[tuple[str, list[str], list[str]]] = []  # texts joined once, at the end
    for index, (op, old, new) in enumerate(raw):
        inner = 0 < index < len(raw) - 1
        between_edits = inner and raw[index - 1][0] == raw[index + 1][0] == "edit"
        if op == "equal" and between_edits and not old.strip():
            op = "edit"
        if runs and runs[-1][0] == op == "edit":
            runs[-1][1].append(old)
            runs[-1][2].append(new)
        else:
            runs.append((op, [old], [new]))
    spans: list[Span] = []
    for op, old_parts, new_parts in runs:
        old, new = "".join(old_parts), "".join(new_parts)
        if op == "equal":
            spans.append(Span("equal", old))
            continue
        tail = _common_trailing_space(old, new) if old and new else ""
        if tail:  # "Paypal " -> "Stripe ": the space is kept, not deleted and inserted
            old, new = old[: -len(tail)], new[: -len(tail)]
        if old:
            spans.append(Span("delete", old))
        if new:
            spans.append(Span("insert", new))
        if tail:
            spans.append(Span("equal", tail))
    return tuple(_joined(spans))


def _common_trailing_space(a: str, b: str) -> str:
    space_a, space_b = a[len(a.rstrip()) :], b[len(b.rstrip()) :]
    common = 0
    while common < min(len(space_a), len(space_b)) and space_a[-1 - common] == space_b[-1 - common]:
        common += 1
    return space_a[len(space_a) - common :] if common else ""


def _joined(spans: list[Span]) -> list[Span]:
    runs: list[tuple[str, list[str]]] = []
    for span in spans:
        if runs and runs[-1][0] == span.op:
            runs[-1][1].append(span.text)
        else:
            runs.append((span.op, [span.text]))
    return [Span(op, "".join(texts)) for op, texts in runs]

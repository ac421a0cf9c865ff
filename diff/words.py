"""Word-level comparison of two texts with difflib, tidied so a redline reads naturally."""

from __future__ import annotations

import difflib
import re

from policy.diff.model import Span

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


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
    matcher = difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False)
    bound = matcher.real_quick_ratio()
    if bound < floor:
        return bound
    bound = matcher.quick_ratio()
    if bound < floor:
        return bound
    return matcher.ratio()


def word_spans(before: str, after: str) -> tuple[Span, ...]:
    """Spans whose `equal`+`delete` texts give `before` and `equal`+`insert` texts give `after`.

    Spaces alone between two edits are folded into the edits, so "the old words" → "the new
    text" shows `~~old words~~ **new text**`, not a word-by-word checkerboard.
    """
    a, b = tokens(before), tokens(after)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    raw: list[tuple[str, str, str]] = []  # (op, deleted text, inserted text)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            raw.append(("equal", old, new))
        else:
            raw.append(("edit", old, new))
    merged: list[tuple[str, str, str]] = []
    for index, (op, old, new) in enumerate(raw):
        inner = 0 < index < len(raw) - 1
        between_edits = inner and raw[index - 1][0] == raw[index + 1][0] == "edit"
        if op == "equal" and between_edits and not old.strip():
            op = "edit"
        if merged and merged[-1][0] == op == "edit":
            prev = merged.pop()
            merged.append(("edit", prev[1] + old, prev[2] + new))
        else:
            merged.append((op, old, new))
    spans: list[Span] = []
    for op, old, new in merged:
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
    out: list[Span] = []
    for span in spans:
        if out and out[-1].op == span.op:
            out[-1] = Span(span.op, out[-1].text + span.text)
        else:
            out.append(span)
    return out

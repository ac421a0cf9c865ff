"""Word-level comparison of two texts with difflib, tidied so a redline reads naturally."""

from __future__ import annotations

import difflib
import re

from diff.model import Span

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Words, single punctuation marks and runs of spaces: the units a lawyer sees change."""
    return _TOKEN.findall(text)


def similarity(a: str, b: str) -> float:
    """0..1, how much of two texts is shared word for word (difflib's ratio over words)."""
    if a == b:
        return 1.0
    words_a, words_b = a.split(), b.split()
    matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
    if matcher.real_quick_ratio() < 0.3 or matcher.quick_ratio() < 0.3:
        return matcher.quick_ratio() * 0.5
    return matcher.ratio()


def word_spans(before: str, after: str) -> tuple[Span, ...]:
    """Spans whose `equal`+`delete` texts give `before` and `equal`+`insert` texts give `after`.

    Spaces alone between two edits are folded into the edits, so "the old words" → "the new
    text" shows `~~old words~~ **new text**`, not a word-by-word checkerboard.
    """
    a, b = tokens(before), tokens(after)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    raw: list[tuple[str, str, str]] = []  # (op, deleted text, inserted text)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
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
        if old:
            spans.append(Span("delete", old))
        if new:
            spans.append(Span("insert", new))
    return tuple(spans)

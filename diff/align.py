"""Align two sequences as difflib does, in time close to linear in their length.

`difflib.SequenceMatcher` (without autojunk, which would make spaces and common words junk)
finds the longest common run, then does the same on each side of it; each search costs the
product of how often the items repeat, and a long paragraph's tokens repeat a lot (every space,
"the", every comma), so a 64 KB paragraph took a minute and a 117 KB one never finished.

Steps, in order:
1. short inputs go to difflib unchanged, so ordinary paragraphs and sections keep exactly the
   alignment (and the redline) they always had;
2. the common head and tail are matched;
3. anchors: runs of `width` items found exactly once on each side (single items when there are
   none), and of those the longest chain in the same order on both sides, as patience diff
   does; each anchor is extended forward while the items are equal;
4. the gaps between anchors are aligned the same way from step 2, down to a bounded depth, and
   a gap short enough goes to difflib (its cost is bounded by the gap's size);
5. a gap still too long for difflib that shares no unique run with its counterpart is left
   unmatched: a replacement, which is what a reader sees in text rewritten that thoroughly.

Every step is linear in the range it looks at (sorting aside), the depth is bounded, and the
difflib calls are bounded in size, so the whole is O(n log n).
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections.abc import Hashable, Sequence
from operator import and_

Block = tuple[int, int, int]
"""`(i, j, n)`: `a[i:i + n] == b[j:j + n]`, as in `SequenceMatcher.get_matching_blocks()`."""
Opcode = tuple[str, int, int, int, int]
"""`(tag, i1, i2, j1, j2)`, as in `SequenceMatcher.get_opcodes()`."""

EXACT_ITEMS = 2500
"""Inputs with at most this many items on both sides together go to difflib as they are: every
paragraph of the bundled policy and of the labelled corpora (the longest has 1,116 tokens)."""
GAP_ITEMS = 400
"""Between anchors, a gap with at most this many items (both sides) goes to difflib."""
MAX_DEPTH = 8
"""Anchors are looked for again inside gaps at most this many times."""


def matching_blocks(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    width: int = 1,
    exact: int = EXACT_ITEMS,
    gap: int = GAP_ITEMS,
) -> list[Block]:
    """Runs of equal items, in increasing order on both sides, adjacent runs joined.

    `width` is how many items an anchor spans (4 words, 7 tokens of words and spaces: long
    enough to be unique in a long text); `exact` and `gap` are the sizes (both sides together)
    up to which difflib decides, for the whole input and between anchors. Unlike difflib's, the
    list has no final `(len(a), len(b), 0)` sentinel.
    """
    if len(a) + len(b) <= exact:
        return _difflib_blocks(a, b, 0, len(a), 0, len(b))
    found: list[Block] = []
    _align(a, b, 0, len(a), 0, len(b), width, gap, 0, found)
    found.sort()
    joined: list[Block] = []
    for i, j, n in found:
        if joined and joined[-1][0] + joined[-1][2] == i and joined[-1][1] + joined[-1][2] == j:
            joined[-1] = (joined[-1][0], joined[-1][1], joined[-1][2] + n)
        elif n:
            joined.append((i, j, n))
    return joined


def opcodes(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    width: int = 1,
    exact: int = EXACT_ITEMS,
    gap: int = GAP_ITEMS,
) -> list[Opcode]:
    """How to turn `a` into `b`: equal, replace, delete and insert ranges, as difflib gives."""
    if len(a) + len(b) <= exact:
        exact_ops: list[Opcode] = list(Matcher(a, b).get_opcodes())
        return exact_ops
    out: list[Opcode] = []
    i = j = 0
    for ai, bj, size in [*matching_blocks(a, b, width, exact, gap), (len(a), len(b), 0)]:
        if i < ai and j < bj:
            out.append(("replace", i, ai, j, bj))
        elif i < ai:
            out.append(("delete", i, ai, j, bj))
        elif j < bj:
            out.append(("insert", i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            out.append(("equal", ai, i, bj, j))
    return out


def _difflib_blocks(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
) -> list[Block]:
    matcher = Matcher(a[alo:ahi], b[blo:bhi])
    return [(alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks() if n]


class Matcher(difflib.SequenceMatcher):
    """difflib's matcher without junk, giving the same answers without pairing every space.

    difflib finds the longest common run by extending, token by token, every pair of equal
    tokens; a paragraph's spaces are half its tokens and all equal, so most of the work pairs
    spaces. When no two whitespace tokens of `a` are adjacent (always so for `words.tokens`),
    a run of two or more tokens holds a word or mark, so it is enough to pair those, stepping
    over a space between them when both sides have the same one; the longest run, the earliest
    in `a` then in `b` as difflib picks it, is the same. Otherwise difflib's own search runs.
    """

    a: Sequence[Hashable]  # set by difflib, which typeshed leaves out
    b: Sequence[Hashable]
    b2j: dict[Hashable, list[int]]

    def __init__(self, a: Sequence[Hashable], b: Sequence[Hashable]) -> None:
        try:  # texts (always, in this package): tested at C speed, once per paragraph
            self.space = list(map(str.isspace, a))  # type: ignore[arg-type]
        except TypeError:
            self.space = [isinstance(item, str) and item.isspace() for item in a]
        self.separated = not any(map(and_, self.space, self.space[1:]))
        super().__init__(None, a, b, autojunk=False)

    def find_longest_match(
        self, alo: int = 0, ahi: int | None = None, blo: int = 0, bhi: int | None = None
    ) -> difflib.Match:
        if not self.separated:
            return super().find_longest_match(alo, ahi, blo, bhi)
        a, b, b2j, space = self.a, self.b, self.b2j, self.space
        ahi = len(a) if ahi is None else ahi
        bhi = len(b) if bhi is None else bhi
        size, start_i, start_j = 0, alo, blo
        before: dict[int, int] = {}  # run lengths ending on the row above, by column
        two_up: dict[int, int] = {}  # ... and two rows above (across a space row)
        for i in range(alo, ahi):
            if space[i]:
                two_up, before = before, {}
                continue
            runs: dict[int, int] = {}
            where = b2j.get(a[i])
            if where:
                spaced = i > alo and space[i - 1]
                after = a[i + 1] if i + 1 < ahi and space[i + 1] else None
                first = bisect_left(where, blo)
                for j in where[first : bisect_left(where, bhi, first)]:
                    if spaced:
                        k = two_up.get(j - 2, 0) + 2 if j > blo and b[j - 1] == a[i - 1] else 1
                    else:
                        k = before.get(j - 1, 0) + 1
                    runs[j] = k
                    run_i, run_j = i - k + 1, j - k + 1
                    if after is not None and j + 1 < bhi and b[j + 1] == after:
                        k += 1  # the run goes on over the space after the word
                    if k > size or (k == size and (run_i, run_j) < (start_i, start_j)):
                        size, start_i, start_j = k, run_i, run_j
            two_up, before = before, runs
        if size > 1:
            return difflib.Match(start_i, start_j, size)
        for i in range(alo, ahi):  # no run longer than one token: the first equal pair
            where = b2j.get(a[i])
            if where:
                first = bisect_left(where, blo)
                if first < len(where) and where[first] < bhi:
                    return difflib.Match(i, where[first], 1)
        return difflib.Match(alo, blo, 0)


def _align(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    alo: int,
    ahi: int,
    blo: int,
    bhi: int,
    width: int,
    gap: int,
    depth: int,
    out: list[Block],
) -> None:
    head = 0
    while alo + head < ahi and blo + head < bhi and a[alo + head] == b[blo + head]:
        head += 1
    if head:
        out.append((alo, blo, head))
        alo, blo = alo + head, blo + head
    tail = 0
    while alo < ahi - tail and blo < bhi - tail and a[ahi - 1 - tail] == b[bhi - 1 - tail]:
        tail += 1
    if tail:
        out.append((ahi - tail, bhi - tail, tail))
        ahi, bhi = ahi - tail, bhi - tail
    if alo == ahi or blo == bhi:
        return
    small = (ahi - alo) + (bhi - blo) <= gap
    chain: list[tuple[int, int]] = []
    if depth < MAX_DEPTH:
        if width > 1 and not small:
            chain = _anchors(a, b, alo, ahi, blo, bhi, width)
        chain = chain or _anchors(a, b, alo, ahi, blo, bhi, 1)
    if not chain:
        if small:
            out += _difflib_blocks(a, b, alo, ahi, blo, bhi)
        return
    i_next, j_next = alo, blo
    for i, j in chain:
        if i < i_next or j < j_next:
            continue  # inside the run the anchor before was extended over
        _align(a, b, i_next, i, j_next, j, width, gap, depth + 1, out)
        size = 0
        while i + size < ahi and j + size < bhi and a[i + size] == b[j + size]:
            size += 1
        out.append((i, j, size))
        i_next, j_next = i + size, j + size
    if chain:
        _align(a, b, i_next, ahi, j_next, bhi, width, gap, depth + 1, out)


def _anchors(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int, width: int
) -> list[tuple[int, int]]:
    """Starts `(i, j)` of runs found once in each range, the longest chain in the same order."""
    in_a, in_b = _unique_runs(a, alo, ahi, width), _unique_runs(b, blo, bhi, width)
    pairs = sorted((i, j) for key, i in in_a.items() if i >= 0 and (j := in_b.get(key, -1)) >= 0)
    return _longest_increasing(pairs)


def _unique_runs(seq: Sequence[Hashable], lo: int, hi: int, width: int) -> dict[Hashable, int]:
    """Each run of `width` items in `seq[lo:hi]` (not starting with a space): where it starts,
    or -1 when it occurs more than once."""
    seen: dict[Hashable, int] = {}
    for i in range(lo, hi - width + 1):
        item = seq[i]
        if isinstance(item, str) and item.isspace():
            continue  # a run starting with a space is the same run as the word after it
        key = item if width == 1 else tuple(seq[i : i + width])
        seen[key] = -1 if key in seen else i
    return seen


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of pairs (sorted by i) whose j increase too: patience sorting."""
    tails: list[int] = []  # smallest j ending a chain of each length
    ends: list[int] = []  # index in `pairs` of that chain's last pair
    back = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        length = bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            ends.append(index)
        else:
            tails[length], ends[length] = j, index
        back[index] = ends[length - 1] if length else -1
    chain = []
    index = ends[-1] if ends else -1
    while index >= 0:
        chain.append(pairs[index])
        index = back[index]
    return chain[::-1]

"""Which texts are worth comparing: candidate pairs found through an index, not all pairs.

Pairing unmatched sections by content, and finding moved paragraphs, compare texts of one side
with texts of the other. Scoring every pair grows with the product of the two counts: when every
heading of a long policy is renamed, that is every section against every section. Two indexes
keep the work linear:

- `overlapping` is exact: it finds every pair whose word overlap could reach a given
  `similarity` (prefix filtering: under one global order of words, rarest first, two texts
  sharing enough words share one among the first few of each). Moves use it (threshold 0.85),
  so the same paragraphs are found as by scoring all pairs.
- `sharing_parts` and `sharing_rare_pairs` are heuristics for the looser section threshold
  (0.5), where the exact filter would still touch most pairs: sections made of the same
  paragraphs, or sharing a paragraph found once on each side; then, for the sections still
  without a partner, equal texts, texts sharing a word pair (bigram) found once on each side,
  and for texts without such a pair, texts sharing one of their rarest word pairs. A section
  edited so much that no rare word pair survives is reported as removed and added, not
  renamed.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from itertools import chain, pairwise

SKETCH = 12
"""Rarest word pairs of a text that are looked up on the other side."""
COMMON = 16
"""A word pair found in more texts than this says little about which two belong together."""

Element = tuple[str, int]
Gram = tuple[str, ...]


def overlapping(olds: list[str], news: list[str], threshold: float) -> list[set[int]]:
    """For each old text, the new texts whose words overlap enough for difflib's ratio over
    words (`similarity`) to reach `threshold` (0 < threshold <= 1).

    The ratio is 2M/(la+lb) with M at most the shared words I, so a pair at the threshold has
    lb >= la*t/(2-t) and I >= la*t/(2-t): it shares one of x's first la - that + 1 words in
    the global order, as y shares one of its own; indexing only those prefixes is exact.
    """
    old_elements = [_elements(text) for text in olds]
    new_elements = [_elements(text) for text in news]
    frequency: Counter[Element] = Counter()
    for elements in (*old_elements, *new_elements):
        frequency.update(elements)
    index: dict[Element, list[int]] = {}
    for number, elements in enumerate(new_elements):
        for element in _prefix(elements, frequency, threshold):
            index.setdefault(element, []).append(number)
    found: list[set[int]] = []
    for elements in old_elements:
        hits: set[int] = set()
        for element in _prefix(elements, frequency, threshold):
            hits.update(index.get(element, ()))
        found.append(hits)
    return found


def _elements(text: str) -> list[Element]:
    """The words of a text as a set: each word with how many times it came before."""
    seen: Counter[str] = Counter()
    out = []
    for word in text.split():
        out.append((word, seen[word]))
        seen[word] += 1
    return out


def _prefix(elements: list[Element], frequency: Counter[Element], threshold: float) -> list:
    needed = math.floor(len(elements) * threshold / (2 - threshold))  # at most the real bound
    length = len(elements) - needed + 1
    return heapq.nsmallest(length, elements, key=lambda e: (frequency[e], e))


def sharing_parts(olds: list[list[str]], news: list[list[str]]) -> list[set[int]]:
    """For each old text (a list of parts: a section's paragraphs), the new texts made of the
    same parts (the k-th such old text with the k-th new one), or sharing a part found once on
    each side. A renamed section seldom has every paragraph reworded: this is the cheap lookup
    that finds most partners."""
    found: list[set[int]] = [set() for _ in olds]
    whole: dict[tuple[str, ...], list[int]] = {}
    for number, parts in enumerate(news):
        whole.setdefault(tuple(parts), []).append(number)
    taken: Counter[tuple[str, ...]] = Counter()
    for number, parts in enumerate(olds):
        same = whole.get(tuple(parts), [])
        if taken[tuple(parts)] < len(same):
            found[number].add(same[taken[tuple(parts)]])
            taken[tuple(parts)] += 1
    in_old = Counter(chain.from_iterable(set(parts) for parts in olds))
    in_new = Counter(chain.from_iterable(set(parts) for parts in news))
    owner = {part: n for n, parts in enumerate(news) for part in parts if in_new[part] == 1}
    for number, parts in enumerate(olds):
        for part in parts:
            if in_old[part] == 1 and part in owner:
                found[number].add(owner[part])
    return found


def sharing_rare_pairs(olds: list[str], news: list[str]) -> list[set[int]]:
    """For each old text, the new texts equal to it (the k-th equal old text with the k-th equal
    new one, so a hundred equal boilerplate sections stay linear); for the others, those with
    which it shares a word pair found once on each side, and for texts still without any,
    those sharing a word pair among the rarest of either text."""
    found: list[set[int]] = [set() for _ in olds]
    equal: dict[str, list[int]] = {}
    for number, text in enumerate(news):
        equal.setdefault(text, []).append(number)
    taken: Counter[str] = Counter()
    twins: set[int] = set()
    old_grams: dict[int, set[Gram]] = {}
    for number, text in enumerate(olds):
        same = equal.get(text, [])
        if taken[text] < len(same):
            found[number].add(same[taken[text]])
            twins.add(same[taken[text]])
            taken[text] += 1
        else:
            old_grams[number] = _word_pairs(text)
    new_grams = {n: _word_pairs(text) for n, text in enumerate(news) if n not in twins}

    in_old = Counter(chain.from_iterable(old_grams.values()))
    in_new = Counter(chain.from_iterable(new_grams.values()))
    # A word pair found once on each side names its pair of texts outright.
    unique = {g for g, count in in_old.items() if count == 1 and in_new.get(g) == 1}
    owner: dict[Gram, int] = {}
    for number, grams in new_grams.items():
        owner.update(dict.fromkeys(grams & unique, number))
    for number, grams in old_grams.items():
        found[number].update(map(owner.__getitem__, grams & unique))
    seen_new = set().union(*(found[number] for number in old_grams))

    # Texts left without a candidate look up their rarest pairs found on both sides.
    lonely_old = {n: grams for n, grams in old_grams.items() if not found[n]}
    lonely_new = {n: grams for n, grams in new_grams.items() if n not in seen_new}

    def sketch(grams: set[Gram]) -> list[Gram]:
        shared = [g for g in grams if g in in_old and g in in_new]
        rare = [g for g in shared if in_old[g] + in_new[g] <= COMMON]
        return heapq.nsmallest(SKETCH, rare, key=lambda g: (in_old[g] + in_new[g], g))

    old_sketches = {number: sketch(grams) for number, grams in lonely_old.items()}
    new_sketches = {number: sketch(grams) for number, grams in lonely_new.items()}
    wanted = set(chain(*old_sketches.values(), *new_sketches.values()))
    old_index: dict[Gram, list[int]] = {}
    for number, grams in old_grams.items():
        for gram in grams & wanted:
            old_index.setdefault(gram, []).append(number)
    new_index: dict[Gram, list[int]] = {}
    for number, grams in new_grams.items():
        for gram in grams & wanted:
            new_index.setdefault(gram, []).append(number)
    for number, grams_of_old in old_sketches.items():
        for gram in grams_of_old:
            found[number].update(new_index[gram])
    for number, grams_of_new in new_sketches.items():
        for gram in grams_of_new:
            for old_number in old_index[gram]:
                found[old_number].add(number)
    return found


def _word_pairs(text: str) -> set[Gram]:
    words = text.split()
    if len(words) < 2:
        return {tuple(words)} if words else set()
    return set(pairwise(words))

"""Case-insensitive patterns run on lower-cased text, where that gives the same matches.

Why: Python's `re.IGNORECASE` folds case at every position it tries, which makes the long
alternations of the vocabularies (hundreds of phrasings) about five times slower than the same
pattern without the flag on text lower-cased once. A pattern qualifies when all its letters
are lower case (its escapes such as `\\S` aside): then it matches lower-cased text exactly
where the original matches the text, at the same offsets, as long as lower-casing keeps every
character one character long and no character folds in the special ways `re` knows about
(`ſ` and `s`, `ι` and `ͅ` ...). Text with such a character is matched the slow way.

Two uses, both giving exactly what the original pattern gives:
- `search` and `spans` answer from the lower-cased text directly;
- `finditer` returns the original pattern's matches (their words as written), and only uses
  the lower-cased text to skip the text when it cannot match at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

_ESCAPE = re.compile(r"\\.")


def _special_folds() -> frozenset[str]:
    try:
        from re import _casefix  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - every supported Python has it
        return frozenset()
    found: set[str] = set()
    for key, values in _casefix._EXTRA_CASES.items():
        for code in (key, *values):
            char = chr(code)
            found |= {char, char.upper(), char.lower()}
    return frozenset(c for c in found if not c.isascii())


_SPECIAL = _special_folds()
_SAFE: dict[str, bool] = {}


def lowered(text: str) -> str | None:
    """`text` lower-cased, or None when lower-casing it could change what matches."""
    lower = text.lower()
    if text.isascii():
        return lower
    if len(lower) != len(text):
        return None
    for char in set(text):
        if char.isascii():
            continue
        safe = _SAFE.get(char)
        if safe is None:
            safe = _SAFE[char] = char not in _SPECIAL and len(char.lower()) == 1
        if not safe:
            return None
    return lower


def _caseless(pattern: re.Pattern) -> re.Pattern | None:
    """The pattern without IGNORECASE, when it matches lower-cased text the same way."""
    if not pattern.flags & re.IGNORECASE:
        return None
    source = pattern.pattern
    if not isinstance(source, str) or "(?-i" in source:
        return None
    bare = _ESCAPE.sub("", source)
    if bare != bare.lower() or re.search(r"\(\?[a-zA-Z]*i", source):
        return None
    return re.compile(source, pattern.flags & ~re.IGNORECASE)


class Caseless:
    """A case-insensitive pattern that can run on text lower-cased once (see the module)."""

    __slots__ = ("fast", "pattern")

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self.fast = _caseless(pattern)

    def search(self, text: str, lower: str | None) -> bool:
        """Whether the pattern matches `text` (`lower`: `lowered(text)`)."""
        if self.fast is not None and lower is not None:
            return self.fast.search(lower) is not None
        return self.pattern.search(text) is not None

    def spans(self, text: str, lower: str | None) -> list[tuple[int, int]]:
        """Where `finditer` would match, without the matched words."""
        if self.fast is not None and lower is not None:
            return [m.span() for m in self.fast.finditer(lower)]
        return [m.span() for m in self.pattern.finditer(text)]

    def finditer(self, text: str, lower: str | None) -> Iterator[re.Match]:
        """The original pattern's matches in `text`; none at all, quickly, when the
        lower-cased text has none."""
        if self.fast is not None and lower is not None and self.fast.search(lower) is None:
            return iter(())
        return self.pattern.finditer(text)


@lru_cache(maxsize=1024)
def required_literals(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Words any match must contain, one per alternative of the pattern (lower-cased when the
    pattern ignores case): text containing none of them cannot match. None when some
    alternative has no fixed letters to require. A text search for a few plain strings is
    far faster than the pattern itself over a long document."""
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    if not isinstance(pattern.pattern, str):
        return None
    try:
        top = _strip(_flatten(_parser.parse(pattern.pattern, pattern.flags).data), sre)
    except Exception:  # pragma: no cover - a pattern `re` compiled always parses
        return None
    while len(top) == 1 and top[0][0] is sre.SUBPATTERN:
        top = _strip(list(top[0][1][-1]), sre)
    branches = top[0][1][1] if len(top) == 1 and top[0][0] is sre.BRANCH else [top]
    found = []
    for branch in branches:
        literal = _longest_literal(list(branch), sre)
        if not literal:
            return None
        found.append(literal.lower() if pattern.flags & re.IGNORECASE else literal)
    return tuple(dict.fromkeys(found))


def _flatten(seq: list) -> list:
    """Groups without alternatives inlined: their letters run on from the ones before."""
    from re import _constants as sre  # type: ignore[attr-defined]

    out: list = []
    for op, av in seq:
        if op is sre.SUBPATTERN and all(o is not sre.BRANCH for o, _ in av[-1]):
            out += _flatten(list(av[-1]))
        else:
            out.append((op, av))
    return out


def _strip(seq: list, sre) -> list:
    """The sequence without its leading and trailing zero-width assertions."""
    zero = (sre.ASSERT, sre.ASSERT_NOT, sre.AT)
    while seq and seq[0][0] in zero:
        seq = seq[1:]
    while seq and seq[-1][0] in zero:
        seq = seq[:-1]
    return seq


def _longest_literal(seq: list, sre) -> str:
    best, run = "", []
    for op, av in _flatten(seq):
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if len(run) > len(best):
            best = "".join(run)
        run = []
    return max(best, "".join(run), key=len)


@lru_cache(maxsize=256)
def caseless(pattern: re.Pattern) -> Caseless:
    """The `Caseless` of a pattern, built once."""
    return Caseless(pattern)

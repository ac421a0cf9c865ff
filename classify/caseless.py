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
from collections.abc import Callable, Iterator
from typing import TypeVar

_ESCAPE = re.compile(r"\\.")
_T = TypeVar("_T")


def per_pattern(maxsize: int) -> Callable[[Callable[[re.Pattern], _T]], Callable[[re.Pattern], _T]]:
    """Like `functools.lru_cache` for a function of one compiled pattern, keyed by the pattern
    object itself. Why: hashing a `re.Pattern` hashes its whole compiled program (about 15 µs
    for a vocabulary's alternation, more than matching it against a sentence), and these
    functions are asked once per sentence and pattern. The pattern is kept with its answer,
    so an id is never mistaken for another pattern's; the cache starts over when full."""

    def decorate(function: Callable[[re.Pattern], _T]) -> Callable[[re.Pattern], _T]:
        cache: dict[int, tuple[re.Pattern, _T]] = {}

        def cached(pattern: re.Pattern) -> _T:
            entry = cache.get(id(pattern))
            if entry is None or entry[0] is not pattern:
                if len(cache) >= maxsize:
                    cache.clear()
                entry = cache[id(pattern)] = (pattern, function(pattern))
            return entry[1]

        cached.__doc__ = function.__doc__
        return cached

    return decorate


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
    if not _lower_case_only(pattern):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def _lower_case_only(pattern: re.Pattern) -> bool:
    """Whether `_caseless` has a pattern for `pattern`, without compiling it."""
    if not pattern.flags & re.IGNORECASE:
        return False
    source = pattern.pattern
    if not isinstance(source, str) or "(?-i" in source:
        return False
    bare = _ESCAPE.sub("", source)
    return bare == bare.lower() and not re.search(r"\(\?[a-zA-Z]*i", source)


class Caseless:
    """A case-insensitive pattern that can run on text lower-cased once (see the module)."""

    __slots__ = ("_fast", "_ignorecase", "_index", "_last", "_parts", "_words", "pattern")

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        # Asked on every search; an `enum.Flag` test each time costs more than the search.
        self._ignorecase = bool(pattern.flags & re.IGNORECASE)
        self._fast: list[re.Pattern | None] = []
        self._words: list[tuple[str, ...] | None] = []
        self._last: tuple[str, str | None, bool] | None = None
        self._parts: list[tuple[tuple[tuple[str, ...], re.Pattern, bool], ...] | None] = []
        self._index: tuple[tuple[str, tuple[int, ...]], ...] | None = None

    @property
    def fast(self) -> re.Pattern | None:
        """The pattern without IGNORECASE, compiled the first time it is needed."""
        if not self._fast:
            self._fast.append(_caseless(self.pattern))
        return self._fast[0]

    @property
    def words(self) -> tuple[str, ...] | None:
        """Plain strings one of which every match contains (`required_literals`), when they
        are long enough to rule text out quickly; None otherwise."""
        if not self._words:
            found = required_any(self.pattern)
            if found is not None and (min(map(_selectivity, found)) < 3 or len(found) > 128):
                found = None
            self._words.append(found)
        return self._words[0]

    def search(self, text: str, lower: str | None) -> bool:
        """Whether the pattern matches `text` (`lower`: `lowered(text)`). The last answer is
        kept: several extractors ask about the same sentence in a row."""
        last = self._last
        if last is not None and last[0] is text and last[1] is lower:
            return last[2]
        found = self._search(text, lower)
        self._last = (text, lower, found)
        return found

    @property
    def parts(self) -> tuple[tuple[tuple[str, ...], re.Pattern, bool], ...] | None:
        """For a long alternation `\\b(A|B|...)\\b`, each alternative compiled alone, with
        the words one of which its matches contain, and whether it runs on the lower-cased
        text (an alternative with capitals, "(?=[A-Z]\\w+ Ltd)", runs on the text as written,
        case folded); None for other patterns (see `alternatives`)."""
        if not self._parts:
            self._parts.append(_parts(self.pattern) if self._ignorecase else None)
        return self._parts[0]

    def _search(self, text: str, lower: str | None) -> bool:
        if lower is not None:
            parts = self.parts
            if parts is not None:
                return self._search_parts(parts, text, lower)
            words = self.words if self._ignorecase else None
            if words is not None and not any(map(lower.__contains__, words)):
                return False  # (also for a pattern that cannot run on lower-cased text)
            fast = self.fast
            if fast is not None:
                return fast.search(lower) is not None
        return self.pattern.search(text) is not None

    def _search_parts(
        self, parts: tuple[tuple[tuple[str, ...], re.Pattern, bool], ...], text: str, lower: str
    ) -> bool:
        """Each word the alternatives need is looked for once; only the alternatives that
        need a word the sentence has are run, each at most once."""
        index = self._index
        if index is None:
            by_word: dict[str, list[int]] = {}
            for number, (needed, _, _) in enumerate(parts):
                for word in needed:
                    by_word.setdefault(word, []).append(number)
            index = self._index = tuple((w, tuple(n)) for w, n in by_word.items())
        tried: set[int] = set()
        for word, numbers in index:
            if word in lower:
                for number in numbers:
                    if number not in tried:
                        tried.add(number)
                        _, part, on_lower = parts[number]
                        if part.search(lower if on_lower else text) is not None:
                            return True
        return False

    def spans(self, text: str, lower: str | None) -> list[tuple[int, int]]:
        """Where `finditer` would match, without the matched words."""
        fast = self.fast if lower is not None else None
        if fast is not None and lower is not None:
            return [m.span() for m in fast.finditer(lower)]
        return [m.span() for m in self.pattern.finditer(text)]

    def finditer(self, text: str, lower: str | None) -> Iterator[re.Match]:
        """The original pattern's matches in `text`; none at all, quickly, when the
        lower-cased text has none."""
        if lower is not None and not self.search(text, lower):
            return iter(())
        return self.pattern.finditer(text)


WORD_BOUNDED = re.compile(r"\\b\((?!\?)(.*)\)\\b", re.S)
"""A pattern that is one group of alternatives between word boundaries."""


def alternatives(source: str) -> list[str] | None:
    """The top-level alternatives of a pattern `\\b(A|B|...)\\b` (each without the group),
    or None when the source has another shape. Escapes, sets and nested groups are kept
    whole."""
    whole = WORD_BOUNDED.fullmatch(source)
    if whole is None:
        return None
    body, found, depth, start, i = whole.group(1), [], 0, 0, 0
    in_set = False
    while i < len(body):
        char = body[i]
        if char == "\\":
            i += 2
            continue
        if in_set:
            in_set = char != "]"
        elif char == "[":
            in_set = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None  # "\\b(A)|(B)\\b": not one group
        elif char == "|" and depth == 0:
            found.append(body[start:i])
            start = i + 1
        i += 1
    found.append(body[start:])
    return found if depth == 0 else None


def _parts(pattern: re.Pattern) -> tuple[tuple[tuple[str, ...], re.Pattern, bool], ...] | None:
    """Why: a search of a long alternation tries every alternative at every word; the plain
    words each alternative needs (`required_any`) tell which few can match a sentence, and
    only those run. Only for patterns of 32 alternatives or more whose every alternative
    needs a word of three letters or more; the answer is the pattern's own."""
    if not isinstance(pattern.pattern, str):
        return None
    found = alternatives(pattern.pattern)
    if found is None or len(found) < 32:
        return None
    parts = []
    for alternative in found:
        whole = re.compile(rf"\b(?:{alternative})\b", pattern.flags)
        needed = required_any(whole)
        if needed is None or min(map(_selectivity, needed)) < 3:
            return None
        fast = _caseless(whole)
        parts.append((needed, fast or whole, fast is not None))
    return tuple(parts)


@per_pattern(maxsize=1024)
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


RARE_SIGNS = frozenset("@()[]{}<>")
"""Characters rare enough in prose that looking for one rules most sentences out quickly."""


def _selectivity(word: str) -> int:
    """How well `word` rules text out: its length without spaces (a word of one or two
    letters is in most sentences), or 3 for a rare sign."""
    return 3 if word in RARE_SIGNS else len(word.strip())


@per_pattern(maxsize=1024)
def required_any(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Strings one of which every match contains (lower-cased when the pattern ignores
    case), like `required_literals` but looking into groups: for each alternative, the most
    selective of its plain runs of letters, its non-optional groups of alternatives (the
    union of what each requires) and its sets of plain characters. None when some
    alternative requires nothing known. Used only to rule text out before searching it."""
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    if not isinstance(pattern.pattern, str):
        return None
    try:
        found = _needs(list(_parser.parse(pattern.pattern, pattern.flags).data), sre)
    except Exception:  # pragma: no cover - a pattern `re` compiled always parses
        return None
    if found is None:
        return None
    if pattern.flags & re.IGNORECASE:
        found = tuple(w.lower() for w in found)
    return tuple(dict.fromkeys(found))


def _needs(seq: list, sre) -> tuple[str, ...] | None:
    """Strings one of which every match of the sequence `seq` contains, or None."""
    options: list[tuple[str, ...]] = []
    run: list[str] = []
    for op, av in [*_flatten(seq), (None, None)]:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append(("".join(run),))
            run = []
        need: tuple[str, ...] | None = None
        if op is sre.SUBPATTERN:
            need = _needs(list(av[-1]), sre)
        elif op is sre.BRANCH:
            parts = [_needs(list(branch), sre) for branch in av[1]]
            if all(part is not None for part in parts):
                need = tuple(w for part in parts if part is not None for w in part)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            need = _needs(list(av[2]), sre)
        elif op is sre.IN and all(kind is sre.LITERAL for kind, _ in av):
            need = tuple(chr(value) for _, value in av)
        if need:
            options.append(need)
    if not options:
        return None
    return max(options, key=lambda words: (min(map(_selectivity, words)), -len(words)))


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


@per_pattern(maxsize=256)
def caseless(pattern: re.Pattern) -> Caseless:
    """The `Caseless` of a pattern, built once."""
    return Caseless(pattern)


WORD_START = re.compile(r"(?<![\w-])\w")
"""Where a word begins (not inside a hyphenated word): the only places the vocabularies'
alternations, which begin with `(?<![\\w-])` and a letter, can match."""


def word_starts(lower: str) -> list[int]:
    return [m.start() for m in WORD_START.finditer(lower)]


class Split:
    """A long alternation of phrasings, `(?<![\\w-])(?:A|B|...)(?![\\w])` ignoring case, tried
    only where a word begins, and there only with the phrasings that can begin with that
    word's first letter (in their order): the same matches as the whole alternation's
    `finditer` on the lower-cased text, without trying hundreds of phrasings at every
    character. `usable` is False when a phrasing can begin with something other than a
    letter or digit, or match nothing (then the caller uses the whole pattern)."""

    PREFIX, SUFFIX = r"(?<![\w-])", r"(?![\w])"
    KEY = 3
    """Characters of a word's beginning that `spans_together` looks phrasings up by."""

    def __init__(self, forms: tuple[str, ...] | list[str]):
        self.by_letter: dict[str, re.Pattern | None] = {}
        self.usable = bool(forms)
        firsts: list[frozenset[str] | None] = []
        for form in forms:
            first = _first_letters(form)
            if first is not None and not all(c.isalnum() or c == "_" for c in first):
                self.usable = False
            firsts.append(first)
        if not self.usable:
            return
        self._letters = set().union(*(f for f in firsts if f is not None))
        self._pairs = list(zip(forms, firsts, strict=True))
        self._by_prefix: dict[str, list[int]] | None = None
        self._always: list[int] = []
        self._by_choice: dict[tuple[int, ...], re.Pattern | None] = {}
        unknown = [f for f, first in self._pairs if first is None]
        self._fallback = self._compile(unknown) if unknown else None

    def _compile(self, forms: list[str]) -> re.Pattern:
        body = "|".join(f"(?:{f})" for f in forms)
        return re.compile(f"{self.PREFIX}(?:{body}){self.SUFFIX}")

    def _letter(self, letter: str) -> re.Pattern | None:
        """The pattern for words beginning with `letter`, compiled the first time a text has
        such a word (a short document pays only for the letters its words begin with)."""
        if letter in self._letters:
            chosen = [f for f, first in self._pairs if first is None or letter in first]
            pattern: re.Pattern | None = self._compile(chosen)
        else:
            pattern = self._fallback
        self.by_letter[letter] = pattern
        return pattern

    def pattern_for_key(self, key: str) -> re.Pattern | None:
        """The pattern tried where a word begins with the characters `key` (`KEY` long, or
        shorter at the end of a text): the phrasings whose matches can begin so, in their
        order (`_prefixes`); None when none can."""
        if self._by_prefix is None:
            self._by_prefix = {}
            for index, (form, _) in enumerate(self._pairs):
                found = _prefixes(form, self.KEY)
                if found is None:
                    self._always.append(index)
                for prefix in found or ():
                    self._by_prefix.setdefault(prefix, []).append(index)
        chosen = set(self._always)
        for size in range(1, len(key) + 1):
            chosen.update(self._by_prefix.get(key[:size], ()))
        choice = tuple(sorted(chosen))
        if choice not in self._by_choice:
            forms = [self._pairs[i][0] for i in choice]
            self._by_choice[choice] = self._compile(forms) if forms else None
        return self._by_choice[choice]

    def spans(self, lower: str, starts: list[int]) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        end = 0
        by_letter = self.by_letter
        for at in starts:
            if at < end:
                continue
            letter = lower[at]
            pattern = by_letter[letter] if letter in by_letter else self._letter(letter)
            if pattern is None:
                continue
            match = pattern.match(lower, at)
            if match is not None:
                found.append(match.span())
                end = match.end()
        return found


def _prefixes(form: str, size: int, limit: int = 64) -> set[str] | None:
    """Strings of at most `size` characters, one of which begins every match of `form` (lower
    case): its first `size` characters, or fewer where the match may end there or go on with
    a character not known in advance. None when unknown or more than `limit`."""
    from re import _parser  # type: ignore[attr-defined]

    try:
        live, done = _extend({""}, list(_parser.parse(form).data), size, limit)
    except (_TooMany, Exception):
        return None
    found = live | done
    return None if "" in found or not found else found


class _TooMany(Exception):
    """A phrasing with too many beginnings (or a construct not followed) to index."""


def _extend(live: set[str], items: list, size: int, limit: int) -> tuple[set[str], set[str]]:
    """The beginnings after matching `items` from each of `live` (strings shorter than `size`
    that can still grow): (still growing, finished: `size` long or followed by anything)."""
    from re import _constants as sre  # type: ignore[attr-defined]

    done: set[str] = set()
    for op, av in items:
        if not live:
            break
        chars: list[str] | None
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue  # a condition, no character: leaving it out only allows more
        if op is sre.LITERAL:
            chars = [chr(av)]
        elif op is sre.IN:
            chars = []
            for kind, value in av:
                if kind is sre.LITERAL:
                    chars.append(chr(value))
                elif kind is sre.RANGE and value[1] - value[0] < 32:
                    chars += [chr(c) for c in range(value[0], value[1] + 1)]
                else:
                    chars = None
                    break
        elif op is sre.SUBPATTERN or op is sre.BRANCH:
            grown: set[str] = set()
            for branch in [av[-1]] if op is sre.SUBPATTERN else av[1]:
                more, over = _extend(live, list(branch), size, limit)
                grown |= more
                done |= over
            live = grown
            _check(live, done, limit)
            continue
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, inner = av[0], av[1], list(av[2])
            grown = set(live) if low == 0 else set()
            current = live
            for count in range(1, min(high, size) + 1):
                current, over = _extend(current, inner, size, limit)
                done |= over
                if count >= low:
                    grown |= current
                if not current:
                    break
            else:
                if high > size:
                    grown |= current  # still short after `size` rounds: it matched nothing
            live = grown
            _check(live, done, limit)
            continue
        elif op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
            raise _TooMany
        else:
            chars = None  # any character (., \w, a category): the beginning stops here
        if chars is None:
            done |= live
            live = set()
            break
        grown = {prefix + char for prefix in live for char in chars}
        done |= {prefix for prefix in grown if len(prefix) >= size}
        live = {prefix for prefix in grown if len(prefix) < size}
        _check(live, done, limit)
    return live, done


def _check(live: set[str], done: set[str], limit: int) -> None:
    if len(live) + len(done) > limit:
        raise _TooMany


def _first_letters(form: str) -> frozenset[str] | None:
    """The characters a match of `form` (lower case) can begin with; None when unknown. A
    form that can match the empty string gets the empty set's opposite: None too."""
    from re import _parser  # type: ignore[attr-defined]

    try:
        first, nullable = _first(list(_parser.parse(form).data))
    except Exception:  # pragma: no cover
        return None
    if first is None or nullable:
        return None
    return frozenset(first)


def _first(seq: list) -> tuple[set[str] | None, bool]:
    """(possible first characters or None for any, whether the sequence can match empty)."""
    from re import _constants as sre  # type: ignore[attr-defined]

    out: set[str] = set()
    for op, av in seq:
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue
        if op is sre.LITERAL:
            out.add(chr(av))
            return out, False
        if op is sre.IN:
            for kind, value in av:
                if kind is sre.LITERAL:
                    out.add(chr(value))
                elif kind is sre.RANGE:
                    out |= {chr(c) for c in range(value[0], value[1] + 1)}
                else:
                    return None, False
            return out, False
        if op is sre.SUBPATTERN:
            inner, nullable = _first(list(av[-1]))
        elif op is sre.BRANCH:
            inner, nullable = set(), False
            for branch in av[1]:
                found, empty = _first(list(branch))
                if found is None:
                    return None, False
                inner |= found
                nullable = nullable or empty
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            inner, nullable = _first(list(av[2]))
            nullable = nullable or av[0] == 0
        else:
            return None, False
        if inner is None:
            return None, False
        out |= inner
        if not nullable:
            return out, False
    return out, True


_ALTERNATIONS: dict[re.Pattern, tuple[str, ...]] = {}


def alternation(forms: tuple[str, ...] | list[str], flags: int = re.IGNORECASE) -> re.Pattern:
    """One pattern matching any of `forms` as whole words (never matching when empty), whose
    `spans` can then be found by first letter (`Split`)."""
    if not forms:
        return re.compile(r"(?!x)x")
    body = "|".join(f"(?:{p})" for p in forms)
    pattern = re.compile(rf"{Split.PREFIX}(?:{body}){Split.SUFFIX}", flags)
    _ALTERNATIONS.setdefault(pattern, tuple(forms))
    return pattern


@per_pattern(maxsize=256)
def _split_of(pattern: re.Pattern) -> Split | None:
    forms = _ALTERNATIONS.get(pattern)
    if forms is None or not _lower_case_only(pattern):
        return None  # (asked without compiling the pattern's lower-case twin, rarely needed)
    split = Split(forms)
    return split if split.usable else None


_TOGETHER: dict[int, tuple[tuple[re.Pattern, ...], list[Split | None], dict[str, tuple]]] = {}
"""For each group of patterns read together (a tuple kept by the caller): the tuple (kept, so
an id is not mistaken for another's), their splits, and by a word's first `Split.KEY`
characters, which of them can match there, with what."""


def spans_together(
    patterns: tuple[re.Pattern, ...], text: str, lower: str | None, starts: list[int] | None = None
) -> list[list[tuple[int, int]]]:
    """`[spans(p, text, lower, starts) for p in patterns]`, the alternations among them read
    in one pass over the text's word starts: at each, the word's first characters look up
    which phrasings of which patterns can begin there (most words begin none), instead of
    trying every pattern at every word."""
    if lower is None:
        return [spans(p, text, lower, starts) for p in patterns]
    entry = _TOGETHER.get(id(patterns))
    if entry is None or entry[0] is not patterns:
        if len(_TOGETHER) >= 64:
            _TOGETHER.clear()
        entry = _TOGETHER[id(patterns)] = (patterns, [_split_of(p) for p in patterns], {})
    _, splits, by_key = entry
    found: list[list[tuple[int, int]]] = [
        [] if split is not None else spans(p, text, lower, starts)
        for p, split in zip(patterns, splits, strict=True)
    ]
    ends = [0] * len(patterns)
    size = Split.KEY
    for at in word_starts(lower) if starts is None else starts:
        begins = lower[at : at + size]
        tried = by_key.get(begins)
        if tried is None:
            tried = by_key[begins] = tuple(
                (k, pattern)
                for k, split in enumerate(splits)
                if split is not None and (pattern := split.pattern_for_key(begins)) is not None
            )
        for k, pattern in tried:
            if at < ends[k]:
                continue
            match = pattern.match(lower, at)
            if match is not None:
                found[k].append(match.span())
                ends[k] = match.end()
    return found


def spans(
    pattern: re.Pattern, text: str, lower: str | None, starts: list[int] | None = None
) -> list[tuple[int, int]]:
    """Where `pattern.finditer(text)` matches, found the fastest way that gives the same
    answer: by first letter for an `alternation`, on lower-cased text for other patterns
    that ignore case."""
    if lower is not None:
        split = _split_of(pattern)
        if split is not None:
            return split.spans(lower, word_starts(lower) if starts is None else starts)
    return caseless(pattern).spans(text, lower)

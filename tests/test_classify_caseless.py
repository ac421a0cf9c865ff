"""The quick test that rules a sentence out before a pattern is searched (`required_any`):
it must never rule out a sentence the pattern matches, or a verdict would change."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from policy.classify import inventory
from policy.classify.caseless import Caseless, alternatives, lowered, required_any

CORPORA = Path(__file__).parent / "corpora"
WRITTEN = Path(__file__).parent / "written"

PATTERNS = [value.pattern for value in vars(inventory).values() if isinstance(value, Caseless)]


def test_the_inventory_patterns_are_read_with_a_quick_test() -> None:
    assert len(PATTERNS) >= 10
    quick = [p for p in PATTERNS if Caseless(p).words is not None]
    assert len(quick) >= len(PATTERNS) // 2


def test_looks_into_groups_of_alternatives() -> None:
    pattern = re.compile(r"\b(majority|controlling) (owner|stake)|@|[\[(]\s*at\s*[\])]", re.I)
    assert required_any(pattern) == ("majority", "controlling", "@", "[", "(")
    assert required_any(re.compile(r"\b\w+\b|\bno\b")) is None  # nothing required is known


def test_alternatives_splits_only_the_top_level_of_one_group() -> None:
    assert alternatives(r"\b(ab|c(d|e)|[|x]|f\|g)\b") == ["ab", "c(d|e)", "[|x]", "f\\|g"]
    assert alternatives(r"\b(a)|(b)\b") is None  # two groups, not one
    assert alternatives(r"(a|b)") is None  # no word boundaries


def test_long_alternations_read_alternative_by_alternative_answer_as_the_whole() -> None:
    """The patterns long enough to be searched one alternative at a time (`Caseless.parts`)
    give the whole pattern's answer on every sentence of one written policy in three."""
    from policy.classify.inventory import sentences

    split = [Caseless(p) for p in PATTERNS if Caseless(p).parts is not None]
    assert len(split) >= 2
    texts = [p.read_text(encoding="utf-8") for p in sorted(WRITTEN.glob("*.md"))[::3]]
    checked = 0
    for text in texts:
        for _, sentence in sentences(text):
            lower = lowered(sentence)
            if lower is None:
                continue
            for pattern in split:
                assert pattern.search(sentence, lower) == bool(pattern.pattern.search(sentence))
                checked += 1
    assert checked > 5_000


def test_every_match_in_the_corpora_contains_a_required_string() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPORA.glob("**/*.md"))]
    assert texts
    checked = 0
    for pattern in PATTERNS:
        words = required_any(pattern)
        if words is None:
            continue
        for text in texts:
            lower = lowered(text)
            if lower is None:
                continue
            for match in pattern.finditer(text):
                found = lower[match.start() : match.end()]
                assert any(w in found for w in words), (pattern.pattern, match.group(0))
                checked += 1
    assert checked > 100


WORDS = st.sampled_from(
    ["we", "share", "sold", "acquired by", "Acme", "@", "(at)", "[dot]", "never", "not", "if",
     "you", "consent", "risk", "is", "rated", "high", "controlling", "stake", "Ltd", ",", ".",
     "was", "transferred to", "Beta", "Limited", "wound up", "spun off", "merged with",
     "account", "takeover", "passed to", "hosted", "by"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=14), st.sampled_from(range(len(PATTERNS))))
def test_the_quick_test_gives_the_patterns_answer(words: list[str], index: int) -> None:
    text = " ".join(words)
    pattern = PATTERNS[index]
    assert Caseless(pattern).search(text, lowered(text)) == bool(pattern.search(text))

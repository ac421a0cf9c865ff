"""Detectors compiled from the default vocabulary and the `[classify.*]` tables of policy.toml.

Compiled once per run: each list becomes one case-insensitive alternation on word boundaries, so
a release with hundreds of changes costs one regular-expression pass per list and change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from typing import TYPE_CHECKING

from policy.classify.vocabulary import (
    CONTACT_URL,
    VOCABULARY,
)
from policy.settings.categories import CATEGORY_IDS, DEFAULT_CATEGORIES

if TYPE_CHECKING:
    from policy.settings.schema import Settings

LISTS = ("headings", "terms", "section_terms")


def alternation(patterns: tuple[str, ...] | list[str], flags: int = re.IGNORECASE) -> re.Pattern:
    """One regex matching any of `patterns` as whole words (never matches when empty)."""
    from policy.classify.caseless import alternation as split_alternation

    return split_alternation(patterns, flags)


@dataclass(frozen=True)
class CategoryRules:
    id: str
    title: str
    headings: re.Pattern
    terms: re.Pattern
    section_terms: re.Pattern


@dataclass(frozen=True)
class Rules:
    categories: dict[str, CategoryRules]
    extra_items: dict[str, tuple[str, ...]]
    contact_url: re.Pattern

    @cached_property
    def terms(self) -> tuple[re.Pattern, ...]:
        """Every category's `terms`, in order: the engine reads them together."""
        return tuple(category.terms for category in self.categories.values())

    def extractor(self):
        """The inventory's item extractors for these rules (built per classification, so its
        cache of items per block lives as long as one comparison)."""
        return _extractor(
            tuple((cid, c.headings) for cid, c in self.categories.items()),
            tuple(self.extra_items.items()),
        ).fresh()


@cache
def _extractor(headings: tuple, extra: tuple):
    """Compiling the vocabularies' alternations costs more than a classification: once per
    process and settings."""
    from policy.classify.inventory import Extractor

    return Extractor(dict(headings), dict(extra))


def compile_rules(settings: Settings | None = None) -> Rules:
    """The detectors for one repository: defaults extended by its policy.toml (compiled once
    per process and settings, not once per classification)."""
    extra = getattr(settings, "classify", None) or {}
    key = tuple(
        (
            settings.categories[cid].title if settings else DEFAULT_CATEGORIES[cid][0],
            *(tuple(getattr(extra.get(cid), name, ()) or ()) for name in (*LISTS, "items")),
        )
        for cid in CATEGORY_IDS
    )
    return _compiled(key)


@lru_cache(maxsize=16)
def _compiled(key: tuple) -> Rules:
    categories, items = {}, {}
    for cid, (title, *added) in zip(CATEGORY_IDS, key, strict=True):
        lists = {
            name: tuple(VOCABULARY[cid][name]) + more
            for name, more in zip(LISTS, added, strict=False)
        }
        categories[cid] = CategoryRules(
            cid,
            title,
            alternation(lists["headings"]),
            alternation(lists["terms"]),
            alternation(lists["section_terms"]),
        )
        items[cid] = added[-1]
    return Rules(categories, items, re.compile(CONTACT_URL, re.IGNORECASE))

"""The values a parsed policy is made of. Immutable, so diffs and renderers can share them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Block:
    """One unit of text a reader sees as a whole: a paragraph, a list item or a table row.

    `text` is what the words are (markup, list numbers, line wrapping and odd spaces removed), so
    two blocks with equal text say the same thing; `source` is how it was written, so a change in
    `source` alone is a formatting change.
    """

    kind: str
    """paragraph, item, row, quote, code, html or comment."""
    text: str
    """Normalised plain text: NFC, every run of whitespace (incl. no-break spaces) one space."""
    source: str
    """The Markdown lines of this block as written (LF line ends), for formatting comparisons."""
    line: int
    """1-based line of the block's first line in the file, front matter included."""
    depth: int = 0
    """List nesting depth: 0 outside lists, 1 for a top-level item, 2 for a nested one."""
    marker: str = ""
    """List marker as written (`-`, `*`, `1.`), empty outside lists."""
    links: tuple[str, ...] = ()
    """Link targets in the block, in order."""


@dataclass(frozen=True)
class Section:
    """A heading and what stands under it until the next heading of the same or a higher level."""

    title: str
    """Normalised heading text ("" for the preamble before the first heading)."""
    level: int
    """Heading level 1-6 as written; 0 for the preamble."""
    path: tuple[str, ...]
    """Titles from the outermost heading down to this one."""
    anchor: str
    """GitHub-style id of the heading (`1-how-we-collect`), made unique within the document."""
    line: int
    """1-based line of the heading (of the first body line for the preamble)."""
    blocks: tuple[Block, ...] = ()
    children: tuple[Section, ...] = ()
    source: str = ""
    """The heading line as written."""

    def walk(self) -> Iterator[Section]:
        """This section, then every section below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Problem:
    """Something wrong in a policy file, with the line it is on (for `policy check`)."""

    line: int
    message: str


@dataclass(frozen=True)
class Document:
    """A parsed policy: front matter, and the section tree of its body."""

    root: Section
    """Level-0 section: blocks before the first heading, and the top headings as children."""
    meta: dict[str, Any] = field(default_factory=dict)
    """Front matter as YAML (or TOML) loaded it; empty when there is none or it is broken."""
    front_matter: str = ""
    """The front matter text as written, without its fences."""
    body_line: int = 1
    """1-based line where the Markdown body starts."""
    problems: tuple[Problem, ...] = ()
    """What the parser noticed but did not stop for (broken front matter, ...)."""

    def sections(self) -> Iterator[Section]:
        """Every section with a heading, in document order (the preamble is not included)."""
        for child in self.root.children:
            yield from child.walk()

    def all_sections(self) -> Iterator[Section]:
        """The preamble, then every section, in document order."""
        yield from self.root.walk()

    @property
    def title(self) -> str:
        value = self.meta.get("title")
        if isinstance(value, str) and value.strip():
            return value.strip()
        first = next(self.sections(), None)
        return first.title if first else ""

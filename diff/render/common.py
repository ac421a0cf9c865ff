"""What every format says the same way: where a change is, what it is, its unchanged neighbours.

Steps, in order: `group_by_section` orders the changes into section groups (labelled by
`section_label`); `describe` and `moved_from` name each change; `Neighbours` finds the
unchanged blocks around a block change in the document it belongs to; `summary` is the one
sentence that opens every output. Nothing here knows about a format's markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from policy.diff.model import Change, DocumentDiff, Side, Span
    from policy.document.model import Block, Document

FRONT_MATTER = "(front matter)"
PREAMBLE = "(before the first heading)"
FILE = "(file)"

_BLOCK_NOUNS = {
    "paragraph": "paragraph",
    "item": "list item",
    "row": "table row",
    "quote": "quote",
    "code": "code block",
    "html": "HTML block",
    "comment": "comment",
    "heading": "heading",
}


def path_label(path: tuple[str, ...]) -> str:
    """A heading path as people write it: `1. Data › 1.2 Use`; the preamble has its own name."""
    return " › ".join(path) if path else PREAMBLE


def section_label(change: Change) -> str:
    """Where a change is: its heading path, or `(front matter)`, `(file)`, the preamble."""
    if change.target == "metadata":
        return FRONT_MATTER
    if change.target == "file":
        return FILE
    return path_label(change.section)


def group_by_section(changes: tuple[Change, ...] | list[Change]) -> list[tuple[str, list[Change]]]:
    """Changes grouped by `section_label`, groups in order of their first change, order kept."""
    groups: dict[str, list[Change]] = {}
    for change in changes:
        groups.setdefault(section_label(change), []).append(change)
    return list(groups.items())


def noun(change: Change) -> str:
    """What kind of thing changed: `section`, `list item`, `title` (a front-matter key), ..."""
    if change.target == "metadata":
        return change.detail or "front matter"
    if change.target == "file":
        return "file"
    if change.target == "section" and change.kind != "formatting":
        return "section"
    return _BLOCK_NOUNS.get(change.block_kind, change.block_kind or "block")


def describe(change: Change) -> str:
    """A short phrase for a change: `changed paragraph`, `added section`, `formatting only`."""
    if change.kind == "formatting":
        return "formatting only"
    return f"{change.kind} {noun(change)}"


def where(change: Change) -> str:
    """The file line a reader looks at: `line 12` in the new version, `old line 9` for removals."""
    if change.new_lines:
        return f"line {change.new_lines[0]}"
    if change.old_lines:
        return f"old line {change.old_lines[0]}"
    return ""


def moved_from(change: Change) -> str:
    """Where a moved block or section was: `from "3. Sharing" (old line 40)` or `from old line 40`.

    A move inside one section (or of a section under the same parent) has no other path to name,
    so only the old line says where it was.
    """
    line = f"old line {change.old_lines[0]}" if change.old_lines else ""
    if change.old_section and change.old_section != change.section:
        origin = f'from "{path_label(change.old_section)}"'
        return f"{origin} ({line})" if line else origin
    return f"from {line}" if line else "from elsewhere"


def side_label(side: Side) -> str:
    """`v2.0.0 (effective 2024-05-01)`, or just the label when there is no effective date."""
    if side.effective_date:
        return f"{side.label} (effective {side.effective_date})"
    return side.label


def excerpt(text: str | None, limit: int = 60) -> str:
    """The start of a text on one line, cut at a word boundary with `…` when longer than limit."""
    flat = " ".join((text or "").split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


Marks = tuple[str, str, str, str]
"""How a format marks words: opening and closing of a deletion, then of an insertion."""
TEXT_MARKS: Marks = ("[-", "-]", "{+", "+}")
MARKDOWN_MARKS: Marks = ("~~", "~~", "**", "**")
HTML_MARKS: Marks = ("<del>", "</del>", "<ins>", "</ins>")


def marked_excerpt(
    spans: Sequence[Span],
    marks: Marks = TEXT_MARKS,
    escape: Callable[[str], str] | None = None,
    context_words: int = 8,
) -> str:
    """A changed text in place: deleted and inserted words marked, `context_words` unchanged
    words kept on each side of a change (runs between two changes longer than twice that are
    cut to `… `), every piece of text through `escape`. Spaces stay outside the marks: Markdown
    ignores `**word **` as emphasis."""
    delete_open, delete_close, insert_open, insert_close = marks
    escape = escape or (lambda text: text)
    parts: list[str] = []
    for i, span in enumerate(spans):
        text = re.sub(r"\s+", " ", span.text)
        if span.op in ("delete", "insert") and text.strip():
            opening, closing = (
                (delete_open, delete_close) if span.op == "delete" else (insert_open, insert_close)
            )
            lead = " " if text.startswith(" ") else ""
            trail = " " if text.endswith(" ") else ""
            parts.append(f"{lead}{opening}{escape(text.strip())}{closing}{trail}")
        else:
            words = text.strip().split(" ")
            if len(words) > 2 * context_words + 1:
                head = words[:context_words] if i > 0 else []
                tail = words[-context_words:] if i < len(spans) - 1 else []
                lead = " " if text.startswith(" ") and head else ""
                trail = " " if text.endswith(" ") and tail else ""
                text = lead + " ".join([*head, "…", *tail]) + trail
            parts.append(escape(text))
    return "".join(parts).strip()


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary(diff: DocumentDiff) -> str:
    """One sentence: `3 changes in wording, 2 formatting only.` or `No differences.`"""
    wording, formatting = len(diff.wording_changes), len(diff.formatting_changes)
    if not wording and not formatting:
        return "No differences."
    if not formatting:
        return f"{_plural(wording, 'change')} in wording."
    if not wording:
        return f"{_plural(formatting, 'change')}, formatting only (no change in wording)."
    return f"{_plural(wording, 'change')} in wording, {formatting} formatting only."


# -- unsafe characters -------------------------------------------------------------------------

_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Control characters (ESC, ...) and bidi overrides shown as `\\x1b`, `\\u202e`.

    Policy text must not be able to move a terminal's cursor, colour it, or reorder what a
    reviewer sees in a redline; newlines and tabs are kept.
    """
    return _INVISIBLE.sub(_notation, text)


def _notation(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# -- context -----------------------------------------------------------------------------------


class Context(NamedTuple):
    """Unchanged blocks next to a block change, in document order, nearest last/first."""

    before: tuple[Block, ...]
    """Up to n blocks just before the change (its section only)."""
    after: tuple[Block, ...]
    """Up to n blocks just after it."""
    side: str
    """`new` when they come from the new document, `old` (removals) from the old one."""


NO_CONTEXT = Context((), (), "new")


class _Index(NamedTuple):
    blocks: dict[int, tuple[tuple[Block, ...], int]]
    """Block line -> (the blocks of its section, its position there)."""
    changed: frozenset[int]
    """Lines of the blocks a change (other than a formatting one) touches on this side."""


class Neighbours:
    """The unchanged blocks around each block change of one diff.

    A renderer builds one per output, so each side's block index is built once, however many
    changes ask for their context.
    """

    def __init__(self, diff: DocumentDiff) -> None:
        self.diff = diff
        self._indexes: dict[str, _Index] = {}

    def _index(self, document: Document, side: str) -> _Index:
        if side not in self._indexes:
            blocks: dict[int, tuple[tuple[Block, ...], int]] = {}
            for section in document.all_sections():
                for position, block in enumerate(section.blocks):
                    blocks[block.line] = (section.blocks, position)
            changed: set[int] = set()
            for change in self.diff.changes:
                if change.kind != "formatting":
                    changed.update(change.new_lines if side == "new" else change.old_lines)
            self._indexes[side] = _Index(blocks, frozenset(changed))
        return self._indexes[side]

    def around(self, change: Change, n: int) -> Context:
        """Up to n unchanged blocks before and after a block change, from the same section.

        The block is found by its first line: in the new document, or in the old one for
        removals. Neighbours are taken outward until n are found, the section ends or a block
        that another change touches is reached (it is shown as that change). Blocks that changed
        only in formatting count as unchanged: their words are the same. Section, front-matter
        and file changes, formatting changes, and diffs without their documents have no context.
        """
        diff = self.diff
        if n <= 0 or change.target != "block" or change.kind == "formatting":
            return NO_CONTEXT
        if change.new_lines and diff.new_document is not None:
            side, document, line = "new", diff.new_document, change.new_lines[0]
        elif change.old_lines and diff.old_document is not None:
            side, document, line = "old", diff.old_document, change.old_lines[0]
        else:
            return NO_CONTEXT
        index = self._index(document, side)
        found = index.blocks.get(line)
        if found is None:
            return NO_CONTEXT
        blocks, position = found
        before: list[Block] = []
        for block in reversed(blocks[max(0, position - n) : position]):
            if block.line in index.changed:
                break
            before.append(block)
        after: list[Block] = []
        for block in blocks[position + 1 : position + 1 + n]:
            if block.line in index.changed:
                break
            after.append(block)
        return Context(tuple(reversed(before)), tuple(after), side)


def context_blocks(diff: DocumentDiff, change: Change, n: int) -> Context:
    """`Neighbours(diff).around(change, n)`, for a single change."""
    return Neighbours(diff).around(change, n)

"""The diff for a terminal: grouped by section, words marked like `git diff --word-diff`.

Steps, in order: two header lines name the versions (`--- old`, `+++ new`) and the summary
sentence follows; then one group per section, its heading path on a line of its own; in each
group the wording changes in reading order, each a header line (`changed paragraph, line 12:`)
and its text, prefixed `~ ` (changed, deleted words `[-old-]`, inserted `{+new+}`), `+ `/`- `
(added, removed), `> ` (moved), with up to `context` unchanged neighbouring blocks around block
changes; then the group's formatting-only changes, one line each. With `color`, words and lines
are coloured like git (red deleted, green inserted, neighbours dimmed), and deleted words are
also struck through and inserted ones underlined, so that a reader who cannot tell red from
green still can. Spaces stay outside the marks, as with `git diff --word-diff=plain`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policy.diff.render.common import (
    Neighbours,
    describe,
    excerpt,
    group_by_section,
    moved_from,
    noun,
    side_label,
    summary,
    visible,
    where,
)

if TYPE_CHECKING:
    from policy.diff.model import Change, DocumentDiff, Span
    from policy.diff.render import RenderOptions
    from policy.document.model import Block

RED, GREEN, CYAN, BOLD, DIM, RESET = (
    "\x1b[31m",
    "\x1b[32m",
    "\x1b[36m",
    "\x1b[1m",
    "\x1b[2m",
    "\x1b[m",
)
DELETED, INSERTED = "\x1b[31;9m", "\x1b[32;4m"
"""Red struck through, green underlined: the change reads without colour vision too."""
INDENT = "    "


class _Paint:
    """ANSI colours when asked for, nothing otherwise."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, code: str, text: str) -> str:
        if not self.color or not code or not text:
            return text
        return "\n".join(f"{code}{line}{RESET}" if line else "" for line in text.split("\n"))


def render(diff: DocumentDiff, options: RenderOptions) -> str:
    paint = _Paint(options.color)
    neighbours = Neighbours(diff)
    lines = [
        paint(BOLD, f"--- {visible(side_label(diff.old))}"),
        paint(BOLD, f"+++ {visible(side_label(diff.new))}"),
        summary(diff),
    ]
    for label, changes in group_by_section(diff.changes):
        lines.append("")
        lines.append(paint(BOLD, visible(label)))
        shown: set[str] = set()
        for change in changes:
            if change.kind != "formatting":
                lines += _change(neighbours, change, options.context, paint, shown)
        for change in changes:
            if change.kind == "formatting":
                lines.append(paint(CYAN, f"  {_formatting(change)}"))
    return "\n".join(lines) + "\n"


def _change(
    neighbours: Neighbours, change: Change, context: int, paint: _Paint, shown: set[str]
) -> list[str]:
    body = _body(change, paint)
    header = f"  {describe(change)}"
    if change.target == "file":
        header += f': from "{change.before}" to "{change.after}"'
    elif change.kind == "moved":
        header += f" to {where(change)}, {moved_from(change)}"
    elif change.target != "metadata":
        header += f", {where(change)}"
    if change.kind == "renamed" and change.target == "section":
        header += f': from "{change.before}" to "{change.after}"'
    out = [paint(CYAN, visible(header) + (":" if body else ""))]

    around = neighbours.around(change, context)
    out += _context(around.before, shown, paint)
    out += body
    out += _context(around.after, shown, paint)
    return out


def _context(blocks: tuple[Block, ...], shown: set[str], paint: _Paint) -> list[str]:
    """Unchanged neighbours, dimmed; one already shown in this section group is not repeated."""
    out = []
    for block in blocks:
        if block.text not in shown:
            shown.add(block.text)
            out += _prefixed("  ", block.text, DIM, paint)
    return out


def _body(change: Change, paint: _Paint) -> list[str]:
    if change.target == "file" or (change.target == "section" and change.kind == "moved"):
        return []
    if change.spans:
        marker = "> " if change.kind == "moved" else "~ "
        return [f"{INDENT}{marker}{line}" for line in _words(change.spans, paint).split("\n")]
    if change.kind == "added":
        return _prefixed("+ ", change.after or "", GREEN, paint)
    if change.kind == "removed":
        return _prefixed("- ", change.before or "", RED, paint)
    return _prefixed("> " if change.kind == "moved" else "  ", change.after or "", "", paint)


def _prefixed(marker: str, text: str, code: str, paint: _Paint) -> list[str]:
    """Each line of `text` indented, with the marker (`+ `, `~ `, ...) before it."""
    return [paint(code, f"{INDENT}{marker}{visible(line)}") for line in text.split("\n")]


def _words(spans: tuple[Span, ...], paint: _Paint) -> str:
    """Word-level changes: `[-deleted-] {+inserted+}`, or coloured and struck through /
    underlined; the spaces around a changed run stay outside its marks."""
    parts = []
    for span in spans:
        text = visible(span.text)
        core = text.strip()
        if span.op == "equal" or not core:
            parts.append(text)
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        if paint.color:
            marked = paint(DELETED if span.op == "delete" else INSERTED, core)
        elif span.op == "delete":
            marked = f"[-{core}-]"
        else:
            marked = f"{{+{core}+}}"
        parts.append(f"{lead}{marked}{trail}")
    return "".join(parts)


def _formatting(change: Change) -> str:
    """`formatting only, line 37: list item "Your Account…" (whitespace)` on one line."""
    text = f'{describe(change)}, {where(change)}: {noun(change)} "{excerpt(change.after)}"'
    if change.detail:
        text += f" ({change.detail})"
    return visible(text)

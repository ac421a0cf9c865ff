"""The diff as a GitHub pull-request comment: a summary table, then each change as a redline.

Steps, in order: a heading names the versions, the summary sentence follows; every change is
turned into a table row (`| Section | Change |`) and a body (its words with ~~deleted~~ and
**inserted** runs of whole words, so the markers always parse); the longest run of changes
(wording first, then formatting) whose rows and bodies fit in `MAX_CHARS` is kept; the table,
the bodies grouped by section and a short "Formatting only" list are assembled, with a note
saying how many changes were left out when some were.

All policy text and labels pass through `escape`, so a policy cannot inject Markdown or HTML
into the comment (`<script>`, `**`, `[link](...)`, a line starting with `#` or `1.`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from policy.diff.model import Span
from policy.diff.render.common import (
    describe,
    excerpt,
    group_by_section,
    moved_from,
    noun,
    section_label,
    side_label,
    summary,
    visible,
    where,
)

if TYPE_CHECKING:
    from policy.diff.model import Change, DocumentDiff
    from policy.diff.render import RenderOptions

MAX_CHARS = 60_000
"""The whole comment stays under this (GitHub refuses comments over 65,536 characters)."""
MAX_CHANGE_CHARS = 4_000
"""Policy text shown for one change; a longer one (a whole new section) is cut with a note."""
FORMATTING_HEADING = "### Formatting only (no change in wording)"

_SPECIAL = re.compile(r"([\\`*_~\[\]<>#|&])")
_LINE_START = re.compile(r"^([-+=]|\d+(?=[.)]))")


def escape(text: str) -> str:
    r"""Text that renders literally in GitHub Markdown: `\ ` * _ ~ [ ] < > # | &` backslashed.

    Newlines are kept (the caller decides what a line is); see `_escape_line_start` for the
    markers that only matter at the start of a line.
    """
    return _SPECIAL.sub(r"\\\1", visible(text))


def _escape_line_start(line: str) -> str:
    """No list item, setext underline or indented code from a policy line: `\\- `, `1\\. `."""
    line = line.lstrip()
    match = _LINE_START.match(line)
    if match is None:
        return line
    if match.group(1)[0].isdigit():
        end = match.end()
        return f"{line[:end]}\\{line[end:]}"
    return f"\\{line}"


def render(diff: DocumentDiff, options: RenderOptions) -> str:
    # No colour, and the comment has no room for context: only the length limit matters.
    limit = options.max_chars or MAX_CHARS
    head = _head(diff)
    if not diff.changes:
        return head + "\n"
    ordered = list(diff.wording_changes) + list(diff.formatting_changes)
    rows = {id(c): _row(c) for c in ordered}
    bodies = {id(c): _body(c) if c.kind != "formatting" else _formatting_item(c) for c in ordered}

    fixed = len(head) + len(_TABLE_HEAD) + len(FORMATTING_HEADING) + 16
    budget = limit - 1 - fixed - len(_note(len(ordered), limit))
    shown: set[int] = set()
    groups: set[str] = set()
    for change in ordered:
        cost = len(rows[id(change)]) + len(bodies[id(change)]) + 4
        label = section_label(change)
        if change.kind != "formatting" and label not in groups:
            cost += len(_group_heading(label)) + 2
        if cost > budget:
            break
        budget -= cost
        shown.add(id(change))
        if change.kind != "formatting":
            groups.add(label)

    while True:
        text = _assemble(diff, head, shown, rows, bodies, limit)
        if len(text) < limit or not shown:  # the costs above over-count: only a guard
            return text
        last = next(c for c in reversed(ordered) if id(c) in shown)
        shown.discard(id(last))


_TABLE_HEAD = "| Section | Change |\n| --- | --- |"


def _assemble(
    diff: DocumentDiff,
    head: str,
    shown: set[int],
    rows: dict[int, str],
    bodies: dict[int, str],
    limit: int,
) -> str:
    kept = [c for c in diff.changes if id(c) in shown]
    parts = [head]
    if kept:
        parts.append("\n".join([_TABLE_HEAD] + [rows[id(c)] for c in kept]))
    wording = [c for c in kept if c.kind != "formatting"]
    for label, changes in group_by_section(wording):
        parts.append(_group_heading(label))
        parts += [bodies[id(c)] for c in changes]
    formatting = [c for c in kept if c.kind == "formatting"]
    if formatting:
        parts.append(FORMATTING_HEADING)
        parts.append("\n".join(bodies[id(c)] for c in formatting))
    missing = len(diff.changes) - len(kept)
    if missing:
        parts.append(_note(missing, limit))
    return "\n\n".join(parts) + "\n"


def _note(missing: int, limit: int) -> str:
    what = "change" if missing == 1 else "changes"
    return (
        f"… {missing} more {what} not shown (the comment is limited to {limit:,} "
        "characters); run `policy diff --format html` for the full redline."
    )


def _head(diff: DocumentDiff) -> str:
    title = diff.new.title or diff.old.title
    heading = f"## Changes to {escape(title)}" if title else "## Policy changes"
    return "\n".join(
        [
            heading,
            "",
            f"**Old:** {escape(side_label(diff.old))} → **New:** {escape(side_label(diff.new))}",
            "",
            summary(diff),
        ]
    )


def _group_heading(label: str) -> str:
    return f"### {escape(label)}"


def _cell(text: str) -> str:
    return " ".join(escape(text).split())


def _what(change: Change) -> str:
    """The Change cell: `changed paragraph (line 12)`, `moved list item from "2. Use" (old …)`."""
    text = describe(change)
    if change.kind == "formatting":
        return f"{text}: {change.detail}" if change.detail else text
    if change.target == "file":
        return f"{text}: {change.before} → {change.after}"
    if change.kind == "moved":
        return f"{text} {moved_from(change)}"
    place = where(change)
    return f"{text} ({place})" if place else text


def _row(change: Change) -> str:
    return f"| {_cell(section_label(change))} | {_cell(_what(change))} |"


def _body(change: Change) -> str:
    title = f"**{escape(_what(change)[:1].upper() + _what(change)[1:])}**"
    if change.target == "file" or (change.target == "section" and change.kind == "moved"):
        return title
    if change.spans and change.before is not None and change.after is not None:
        spans = word_runs(change.before, change.after)
    elif change.kind == "removed":
        spans = [Span("delete", change.before or "")]
    elif change.kind == "added":
        spans = [Span("insert", change.after or "")]
    else:
        spans = [Span("equal", change.after or "")]
    return f"{title}\n\n{_redline(spans)}"


def _formatting_item(change: Change) -> str:
    """`- 1.1 Data — list item "Your Account…" (line 37): whitespace`."""
    what = f'{noun(change)} "{excerpt(change.after)}" ({where(change)})'
    text = f"{section_label(change)} — {what}"
    if change.detail:
        text += f": {change.detail}"
    return f"- {_cell(text)}"


# -- words -------------------------------------------------------------------------------------


def word_runs(before: str, after: str) -> list[Span]:
    """Word-level changes over whole whitespace-separated words (`3.1`, `Soocas,`, `(NDAs)`).

    The engine's spans split punctuation from words (`3.~~2~~**1**`); in a comment whole words
    read better, and `~~`/`**` then always stand next to a space or a line end, where Markdown
    takes them as markup. Spaces alone between two edits are folded into them.
    """
    import difflib

    a, b = _WORDS.findall(before), _WORDS.findall(after)
    runs: list[tuple[bool, str, str]] = []  # (equal, old text, new text)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        runs.append((op == "equal", "".join(a[i1:i2]), "".join(b[j1:j2])))
    merged: list[tuple[bool, str, str]] = []
    for index, (equal, old, new) in enumerate(runs):
        if equal and not old.strip() and 0 < index < len(runs) - 1:
            equal = False  # a lone space between two edits
        if merged and not equal and not merged[-1][0]:
            _, old_before, new_before = merged.pop()
            old, new = old_before + old, new_before + new
        merged.append((equal, old, new))
    spans: list[Span] = []
    for equal, old, new in merged:
        if equal:
            spans.append(Span("equal", new))
            continue
        if old:
            spans.append(Span("delete", old))
        if new:
            spans.append(Span("insert", new))
    return spans


_WORDS = re.compile(r"\s+|\S+")


def _redline(spans: list[Span], limit: int = MAX_CHANGE_CHARS) -> str:
    """Paragraphs of escaped text with ~~deleted~~ and **inserted** runs, cut at `limit`."""
    pieces: list[str] = []
    used = 0
    cut = False
    previous = ""
    for span in spans:
        text = span.text
        if used + len(text) > limit:
            cut, text = True, text[: limit - used]
        used += len(text)
        if span.op == "insert" and previous == "delete":
            pieces.append(" ")
        pieces.append(_mark(text, span.op))
        previous = span.op
        if cut:
            break
    lines = (_escape_line_start(line) for line in "".join(pieces).split("\n"))
    paragraphs = [line for line in lines if line.strip()]
    if cut:
        paragraphs.append("*(… the rest of this change is not shown here; see the HTML redline.)*")
    return "\n\n".join(paragraphs)


def _mark(text: str, op: str) -> str:
    """Escaped text; an edit wrapped in `~~`/`**` line by line, its outer spaces left outside."""
    if op == "equal":
        return escape(text)
    marker = "~~" if op == "delete" else "**"
    out = []
    for line in text.split("\n"):
        core = line.strip()
        if not core:
            out.append(line if op == "insert" else "")
            continue
        start = line.index(core)
        out.append(f"{line[:start]}{marker}{escape(core)}{marker}{line[start + len(core) :]}")
    return "\n".join(out)

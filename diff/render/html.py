"""The diff as a standalone HTML redline: one file, inline CSS, no scripts, no external resources.

Steps, in order: the head (charset, viewport, title, the style sheet); a header naming the two
versions with their effective dates and the summary sentence; a navigation list of the changed
sections, linking to ids `s1`, `s2`, ...; one `<section>` per changed section, each change in
track-changes style (`<del>`/`<ins>` for words, a whole `<ins>`/`<del>` for an added or removed
section, class `moved` and a "moved from ..." note for moves) with up to `context` unchanged
neighbouring blocks dimmed around block changes; last, the formatting-only changes, listed apart
and marked as such. Every piece of policy text and every label goes through `_e` (html.escape).
`parts` returns the same pieces without the page around them, for the website (`publish`).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from policy.diff.render.common import (
    Neighbours,
    describe,
    excerpt,
    group_by_section,
    moved_from,
    noun,
    section_label,
    summary,
    visible,
    where,
)

if TYPE_CHECKING:
    from policy.diff.model import Change, DocumentDiff, Side, Span
    from policy.diff.render import RenderOptions
    from policy.document.model import Block

FORMATTING_TITLE = "Formatting only (no change in wording)"

REDLINE_STYLE = """
.count { color: var(--muted); font-size: .9em; }
.change { margin: 1rem 0; padding: .5rem .9rem; border-left: 4px solid var(--rule); }
.change.added { border-color: var(--ins-ink); }
.change.removed { border-color: var(--del-ink); }
.change.changed, .change.renamed { border-color: #b45309; }
.change.moved { border-color: var(--moved); background: #f3f7fd; }
.what { margin: 0 0 .4rem; font-size: .85rem; color: var(--muted); }
.what strong { color: var(--ink); }
.note { color: var(--moved); font-style: italic; }
.change .text { margin: .4rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.context { margin: .4rem 0; color: var(--muted); white-space: pre-wrap; }
ins { background: var(--ins); color: var(--ins-ink); text-decoration: underline; }
del { background: var(--del); color: var(--del-ink); text-decoration: line-through; }
ins.block, del.block { display: block; padding: .1rem .5rem; }
ins.block p, del.block p { margin: .3rem 0; }
.heading { font-weight: 700; }
.formatting { border: 1px dashed var(--muted); padding: 0 1rem 1rem; margin-top: 2.5rem; }
.formatting h2 { border: 0; margin-top: 1rem; }
""".strip()
"""How changes are marked, the same on this standalone page and on the website's redlines
(publish/templates/style.css includes it); each page defines the colours it uses (`--ink`,
`--muted`, `--rule`, `--ins`, `--ins-ink`, `--del`, `--del-ink`, `--moved`)."""

STYLE = (
    """
:root { color-scheme: light; --ink: #111827; --ins: #d7f5dd; --ins-ink: #0b5d1e; --del: #fde2e1;
  --del-ink: #8f1d18; --moved: #1f5fa8; --muted: #6b7280; --rule: #e5e7eb; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 52rem; padding: 1.5rem 1rem 4rem; color: var(--ink);
  font: 16px/1.6 Georgia, "Times New Roman", serif; background: #fff; }
h1, h2, nav, .what, .versions, .summary, .formatting li { font-family: system-ui, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 2.5rem 0 .75rem; padding-bottom: .25rem;
  border-bottom: 1px solid var(--rule); }
.versions { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: 0; }
.versions dt { font-weight: 600; }
.versions dd { margin: 0; }
.summary { font-weight: 600; }
nav ol { padding-left: 1.25rem; }
.badge { display: inline-block; font: 600 .75rem system-ui, sans-serif; padding: 0 .4rem;
  border: 1px solid var(--muted); border-radius: .25rem; color: var(--muted); }
@media print { nav { display: none; } .change { break-inside: avoid; } }
""".strip()
    + "\n"
    + REDLINE_STYLE
)


def _e(text: str | None) -> str:
    """Policy text or a label as HTML text: escaped, control and bidi characters made visible."""
    return escape(visible(text or ""), quote=True)


@dataclass(frozen=True)
class RedlineParts:
    """The pieces of a redline page, so that a website can wrap them in its own layout."""

    title: str
    """The policy's title (plain text, not escaped)."""
    versions: str
    """`<dl class="versions">`: the two versions compared, with their effective dates."""
    summary: str
    """`<p class="summary">`: the one-sentence count of changes."""
    navigation: str
    """`<nav>` listing the changed sections ("" when nothing changed)."""
    body: str
    """One `<section>` per changed section, then the formatting-only changes."""


def parts(diff: DocumentDiff, options: RenderOptions) -> RedlineParts:
    """The redline's escaped HTML pieces; `render` puts them in a standalone page."""
    groups = group_by_section(diff.wording_changes)
    formatting = diff.formatting_changes
    neighbours = Neighbours(diff)
    versions = [
        '<dl class="versions">',
        f"<dt>Old</dt><dd>{_side(diff.old)}</dd>",
        f"<dt>New</dt><dd>{_side(diff.new)}</dd>",
        "</dl>",
    ]
    body: list[str] = []
    for number, (label, changes) in enumerate(groups, start=1):
        body.append(f'<section id="s{number}">')
        body.append(f"<h2>{_e(label)}</h2>")
        shown: set[str] = set()
        for change in changes:
            body += _change(neighbours, change, options.context, shown)
        body.append("</section>")
    if formatting:
        body += _formatting(formatting)
    return RedlineParts(
        title=diff.new.title or diff.old.title or "Policy changes",
        versions="\n".join(versions),
        summary=f'<p class="summary">{_e(summary(diff))}</p>',
        navigation="\n".join(_navigation(groups, formatting)) if groups or formatting else "",
        body="\n".join(body),
    )


def render(diff: DocumentDiff, options: RenderOptions) -> str:
    page = parts(diff, options)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Redline: {_e(page.title)} ({_e(diff.old.label)} → {_e(diff.new.label)})</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(page.title)}</h1>",
        page.versions,
        page.summary,
        "</header>",
    ]
    if page.navigation:
        out.append(page.navigation)
    out.append("<main>")
    if page.body:
        out.append(page.body)
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _side(side: Side) -> str:
    text = _e(side.label)
    if side.title:
        text += f" · {_e(side.title)}"
    if side.effective_date:
        text += f" · effective {_e(side.effective_date)}"
    return text


def _navigation(
    groups: list[tuple[str, list[Change]]], formatting: tuple[Change, ...]
) -> list[str]:
    out = ['<nav aria-labelledby="nav-title">', '<h2 id="nav-title">Changed sections</h2>', "<ol>"]
    for number, (label, changes) in enumerate(groups, start=1):
        out.append(f'<li><a href="#s{number}">{_e(label)}</a> {_count(len(changes))}</li>')
    if formatting:
        link = f'<a href="#formatting">{FORMATTING_TITLE}</a>'
        out.append(f"<li>{link} {_count(len(formatting))}</li>")
    out += ["</ol>", "</nav>"]
    return out


def _count(number: int) -> str:
    return f'<span class="count">({number} change{"" if number == 1 else "s"})</span>'


def _change(neighbours: Neighbours, change: Change, context: int, shown: set[str]) -> list[str]:
    what = describe(change)
    what = what[:1].upper() + what[1:]
    details = []
    if change.target == "file":
        details.append(f"from “{_e(change.before)}” to “{_e(change.after)}”")
    elif change.target != "metadata" and where(change):
        details.append(_e(where(change)))
    head = " · ".join([f"<strong>{_e(what)}</strong>", *details])
    out = [f'<article class="change {change.kind}">', f'<p class="what">{head}</p>']
    if change.kind == "moved":
        out.append(f'<p class="note">Moved {_e(moved_from(change))}.</p>')
    if change.kind == "renamed" and change.target == "section":
        renamed = f"Renamed from “{_e(change.before)}” to “{_e(change.after)}”."
        out.append(f'<p class="note">{renamed}</p>')

    around = neighbours.around(change, context)
    out += _context(around.before, shown)
    out += _body(change)
    out += _context(around.after, shown)
    out.append("</article>")
    return out


def _context(blocks: tuple[Block, ...], shown: set[str]) -> list[str]:
    out = []
    for block in blocks:
        if block.text not in shown:
            shown.add(block.text)
            out.append(f'<p class="context">{_e(block.text)}</p>')
    return out


def _body(change: Change) -> list[str]:
    if change.target == "file":
        return []
    heading = change.target == "section"
    cls = "text heading" if heading else "text"
    if change.kind in ("added", "removed") and change.target == "section":
        tag = "ins" if change.kind == "added" else "del"
        text = change.after if change.kind == "added" else change.before
        lines = (text or "").split("\n")
        paragraphs = [f'<p class="heading">{_e(lines[0])}</p>']
        paragraphs += [f"<p>{_e(line)}</p>" for line in lines[1:]]
        return [f'<{tag} class="block">', *paragraphs, f"</{tag}>"]
    if change.spans:
        return [f'<p class="{cls}">{_words(change.spans)}</p>']
    if change.kind == "added":
        return [f'<p class="{cls}"><ins>{_e(change.after)}</ins></p>']
    if change.kind == "removed":
        return [f'<p class="{cls}"><del>{_e(change.before)}</del></p>']
    return [f'<p class="{cls}">{_e(change.after)}</p>']


def _words(spans: tuple[Span, ...]) -> str:
    parts = []
    for span in spans:
        if span.op == "equal":
            parts.append(_e(span.text))
        elif span.op == "delete":
            parts.append(f"<del>{_e(span.text)}</del>")
        else:
            parts.append(f"<ins>{_e(span.text)}</ins>")
    return "".join(parts)


def _formatting(changes: tuple[Change, ...]) -> list[str]:
    out = [
        '<section id="formatting" class="formatting">',
        f'<h2><span class="badge">formatting only</span> {FORMATTING_TITLE}</h2>',
        "<p>The way these passages are written changed (spacing, line breaks, list markers, "
        "emphasis, links, heading levels); their words did not.</p>",
        "<ul>",
    ]
    for change in changes:
        item = f"{noun(change)} “{excerpt(change.after)}” ({where(change)})"
        detail = f": {_e(change.detail)}" if change.detail else ""
        out.append(f"<li><strong>{_e(section_label(change))}</strong> — {_e(item)}{detail}</li>")
    out += ["</ul>", "</section>"]
    return out

"""A policy's Markdown as safe HTML, with heading anchors and a table of contents.

Steps, in order: the front matter is split off; markdown-it-py (CommonMark plus GFM tables, the
parser `document` uses) tokenises the body; each top-level heading gets the id that `document`
gives its section (GitHub-style, unique), so links from the diff, the classifier's evidence and
GitHub all land on it; the tokens become HTML; nh3 sanitises it with an allow-list (structure,
emphasis, links to http(s)/mailto/tel and relative addresses, `id` on headings and nothing else),
so raw `<script>`, event handlers, `style`, `javascript:` or `data:` URLs and SVG never reach a
page; last, each heading with an id gets a visible `#` link to itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.token import Token

    from policy.document.model import Document
    from policy.versions.repository import PolicyVersion

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
ALLOWED_TAGS = {
    *HEADINGS,
    *("p", "br", "hr", "blockquote", "pre", "code", "em", "strong", "del", "s", "sub", "sup"),
    *("ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td"),
}
ALLOWED_ATTRIBUTES = {
    **{tag: {"id"} for tag in HEADINGS},
    "a": {"href", "title"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
TOC_LEVELS = (2, 3)
"""Heading levels listed in the table of contents (the h1 is the page's title)."""


@dataclass(frozen=True)
class Heading:
    """One entry of the table of contents."""

    level: int
    anchor: str
    text: str
    """Plain text of the heading, as `document` normalises it (to be escaped by the template)."""


@dataclass(frozen=True)
class RenderedPolicy:
    title: str
    html: str
    """Sanitised HTML of the body; safe to insert in a page as it is."""
    toc: tuple[Heading, ...]
    heading: str
    """The text's opening `<h1>` (sanitised), split off so the page can put the version
    details under it; "" when the text does not open with one (the page then adds a title)."""


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    # The same configuration as `document.parser`, so headings are the same tokens there.
    return MarkdownIt("commonmark").enable("table")


def render_policy(text: str) -> RenderedPolicy:
    """The policy file's text (front matter included) as a sanitised HTML fragment."""
    from policy.document.parser import parse_with_tokens

    document, tokens = parse_with_tokens(text)
    return render_parsed(text, document, tokens)


def render_version(version: PolicyVersion) -> RenderedPolicy:
    """As `render_policy`, from a version the repository has already parsed (the website
    parses each version once, for its page and for its redlines)."""
    return render_parsed(version.text, version.document, version.tokens)


def render_parsed(text: str, document: Document, tokens: list[Token] | None) -> RenderedPolicy:
    """As `render_policy`, from what `document.parser.parse_with_tokens` made of `text`."""
    import nh3

    if tokens is None:  # too deeply nested to tokenise: show the text, not the structure
        from html import escape

        from policy.document.text import normalize_newlines

        lines = normalize_newlines(text).removeprefix("\ufeff").split("\n")
        body = "\n".join(lines[document.body_line - 1 :])
        tokens, raw = [], f"<pre>{escape(body)}</pre>"
    else:
        raw = ""
    sections = iter(document.sections())
    toc: list[Heading] = []
    has_h1 = False
    for token in tokens:
        # `document` opens a section for each heading outside lists and quotes, in this order.
        if token.type != "heading_open" or token.level != 0:
            continue
        section = next(sections, None)
        if section is None:
            break
        token.attrSet("id", section.anchor)
        level = int(token.tag[1])
        has_h1 = has_h1 or level == 1
        if level in TOC_LEVELS:
            toc.append(Heading(level, section.anchor, section.title))
    md = _markdown()
    raw = raw or md.renderer.render(tokens, md.options, {})
    clean = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    clean = _self_links(clean).strip()
    heading = ""
    if has_h1 and (opening := _OPENING_H1.match(clean)):
        heading, clean = opening.group(0), clean[opening.end() :].lstrip()
    return RenderedPolicy(document.title, clean + "\n" if clean else "", tuple(toc), heading)


_OPENING_H1 = re.compile(r"<h1[ >].*?</h1>", re.S)
_HEADING = re.compile(r'<(h[1-6]) id="([^"<>]+)">(.*?)</\1>', re.S)


def _self_links(html: str) -> str:
    """`<h2 id="x">Title <a class="anchor" href="#x">#</a></h2>`: a link a reader can copy."""

    def link(match: re.Match[str]) -> str:
        tag, anchor, inner = match.groups()
        return (
            f'<{tag} id="{anchor}">{inner} <a class="anchor" href="#{anchor}" '
            f'aria-label="Link to this section">#</a></{tag}>'
        )

    return _HEADING.sub(link, html)

"""Markdown text -> `Document`: front matter, then a section tree of normalised blocks.

Steps, in order: newlines are normalised; front matter is split off and loaded; markdown-it-py
(CommonMark plus GFM tables) tokenises the body's blocks, and their inline markup only where
there is markup (plain words are taken as they are); one pass over the tokens builds blocks
(paragraphs, list items, table rows, quotes, code, HTML) and opens a section at each heading;
sections are nested by heading level, so a heading that skips levels nests under the nearest
shallower one. `parse_document` accepts any string and never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from policy.document.frontmatter import split_front_matter
from policy.document.model import Block, Document, Section
from policy.document.text import normalize, normalize_newlines, slugify


@lru_cache(maxsize=1)
def _markdown():
    """CommonMark plus tables, its inline pass left to `_Inline`: most of a long policy's
    paragraphs are plain words, whose text the builder takes without running it."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])


# The characters at which one of markdown-it's enabled inline rules can start (escape, code
# span, emphasis, link, image, autolink, inline HTML, entity; the line break aside): inline
# content without any of them is words and line breaks only, one text run per line, and its
# text is the content with each break read as a space. tests/test_document.py checks the rule
# list and compares both ways on generated text.
INLINE_RULES = (
    *("text", "newline", "escape", "backticks", "emphasis"),
    *("link", "image", "autolink", "html_inline", "entity"),
)
_INLINE_MARKUP = re.compile(r"[\\`*_\[!<&]")


class _Inline:
    """markdown-it's core inline pass (inline rules, then joining text tokens), run on demand
    for the inline tokens whose text holds markup, and for all of them when the tokens are
    given to a renderer: the tokens are then what markdown-it's own pass gives."""

    def __init__(self, env: dict) -> None:
        self.env = env
        self.done: set[int] = set()

    def children(self, token) -> list:
        if id(token) not in self.done:
            from markdown_it.rules_core.state_core import StateCore
            from markdown_it.rules_core.text_join import text_join

            self.done.add(id(token))
            md = _markdown()
            token.children = []
            md.inline.parse(token.content, md, self.env, token.children)
            text_join(StateCore(token.content, md, self.env, [token]))
        return token.children

    def text(self, token) -> tuple[str, tuple[str, ...]]:
        if id(token) not in self.done and not _INLINE_MARKUP.search(token.content):
            return token.content.replace("\n", " "), ()
        return _inline_text(self.children(token))

    def complete(self, tokens: list) -> None:
        for token in tokens:
            if token.type == "inline":
                self.children(token)


def parse_document(text: str) -> Document:
    """Parse a policy's text. Any string is accepted; oddities become `Document.problems`."""
    return _parse(text, with_tokens=False)[0]


def parse_with_tokens(text: str) -> tuple[Document, list | None]:
    """The document and markdown-it's tokens of its body (None when the body was too deeply
    nested to tokenise), for a caller that renders the same text as HTML (the website)."""
    return _parse(text, with_tokens=True)


def _parse(text: str, *, with_tokens: bool) -> tuple[Document, list | None]:
    text = normalize_newlines(text).removeprefix("\ufeff")
    fm = split_front_matter(text)
    # Trailing spaces are invisible to the people who edit policies, but CommonMark gives them
    # meaning after a backslash and inside code spans; the parser gets the lines without them,
    # and block sources keep the lines as written.
    stripped = "\n".join(line.rstrip(" \t") for line in fm.body.split("\n"))
    try:
        env: dict = {}
        tokens = _markdown().parse(stripped, env)
        inline = _Inline(env)
        root = _Builder(fm.body.split("\n"), fm.body_line, inline).build(tokens)
        if with_tokens:
            inline.complete(tokens)
    except RecursionError:  # pathological nesting: keep the text, lose the structure
        builder = _Builder(fm.body.split("\n"), fm.body_line, _Inline({}))
        builder.add_block("paragraph", fm.body, 0, len(fm.body.split("\n")))
        root = builder.finish()
        tokens = None
    document = Document(
        root=root,
        meta=fm.meta,
        front_matter=fm.text,
        body_line=fm.body_line,
        problems=fm.problems,
    )
    return document, tokens


@dataclass
class _OpenSection:
    title: str
    level: int
    line: int
    source: str
    anchor: str = ""
    path: tuple[str, ...] = ()
    blocks: list[Block] = field(default_factory=list)
    children: list[_OpenSection] = field(default_factory=list)

    def freeze(self) -> Section:
        return Section(
            title=self.title,
            level=self.level,
            path=self.path,
            anchor=self.anchor,
            line=self.line,
            blocks=tuple(self.blocks),
            children=tuple(child.freeze() for child in self.children),
            source=self.source,
        )


@dataclass
class _OpenItem:
    depth: int
    marker: str
    start: int  # 0-based body line
    end: int
    parts: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    emitted: bool = False


class _Builder:
    def __init__(self, lines: list[str], first_line: int, inline: _Inline) -> None:
        self.lines = lines
        self.inline = inline
        self.offset = first_line  # 1-based file line of body line 0
        self.root = _OpenSection("", 0, first_line, "")
        self.stack: list[_OpenSection] = [self.root]
        self.anchors: set[str] = set()
        self.items: list[_OpenItem] = []
        self.quote_depth = 0
        self.list_markers: list[str] = []

    # -- blocks -------------------------------------------------------------------------------

    def add_block(
        self,
        kind: str,
        text: str,
        start: int,
        end: int,
        *,
        depth: int = 0,
        marker: str = "",
        links: tuple[str, ...] = (),
    ) -> None:
        source = "\n".join(self.lines[start:end]).rstrip("\n")
        self.stack[-1].blocks.append(
            Block(kind, normalize(text), source, start + self.offset, depth, marker, links)
        )

    def _emit_item(self, item: _OpenItem, end: int) -> None:
        if item.emitted:
            return
        item.emitted = True
        self.add_block(
            "item",
            "\n\n".join(item.parts),
            item.start,
            max(end, item.start + 1),
            depth=item.depth,
            marker=item.marker,
            links=tuple(item.links),
        )

    # -- sections -----------------------------------------------------------------------------

    def open_section(self, title: str, level: int, line: int) -> None:
        title = normalize(title)  # as documented: no tabs, no-break spaces or space runs
        while len(self.stack) > 1 and self.stack[-1].level >= level:
            self.stack.pop()
        parent = self.stack[-1]
        base = slugify(title)
        anchor, number = base, 0
        while anchor in self.anchors:
            number += 1
            anchor = f"{base}-{number}"
        self.anchors.add(anchor)
        section = _OpenSection(
            title,
            level,
            line + self.offset,
            self.lines[line],
            anchor=anchor,
            path=(*parent.path, title),
        )
        parent.children.append(section)
        self.stack.append(section)

    # -- the token walk -----------------------------------------------------------------------

    def build(self, tokens) -> Section:
        index = 0
        row: list[str] | None = None
        row_links: list[str] = []
        row_map: list[int] = [0, 1]
        while index < len(tokens):
            tok = tokens[index]
            kind = tok.type
            if kind == "heading_open":
                inline = tokens[index + 1]
                title, _ = self.inline.text(inline)
                start = tok.map[0] if tok.map else 0
                if self.items or self.quote_depth:
                    self._paragraph(title, start, tok.map[1] if tok.map else start + 1, ())
                else:
                    self.open_section(title, int(tok.tag[1]), start)
                index += 3
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                if self.items:
                    parent = self.items[-1]
                    self._emit_item(parent, tok.map[0] if tok.map else parent.end)
                self.list_markers.append(tok.markup)
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.list_markers.pop()
            elif kind == "list_item_open":
                start, end = tok.map or (0, 1)
                marker = f"{tok.info}{tok.markup}" if tok.info else tok.markup
                self.items.append(_OpenItem(len(self.items) + 1, marker, start, end))
            elif kind == "list_item_close":
                item = self.items.pop()
                self._emit_item(item, item.end)
            elif kind == "blockquote_open":
                self.quote_depth += 1
            elif kind == "blockquote_close":
                self.quote_depth -= 1
            elif kind == "paragraph_open":
                inline = tokens[index + 1]
                text, links = self.inline.text(inline)
                start, end = tok.map or (0, 1)
                self._paragraph(text, start, end, links)
                index += 3
                continue
            elif kind == "tr_open":
                row, row_links, row_map = [], [], list(tok.map or row_map)
            elif kind in ("th_open", "td_open") and row is not None:
                text, links = self.inline.text(tokens[index + 1])
                row.append(text)
                row_links.extend(links)
            elif kind == "tr_close" and row is not None:
                cells = _all_cells(
                    row, self.lines[row_map[0]] if row_map[0] < len(self.lines) else ""
                )
                self.add_block(
                    "row",
                    " | ".join(cells),
                    row_map[0],
                    row_map[1],
                    depth=len(self.items),
                    links=tuple(row_links),
                )
                row = None
            elif kind in ("fence", "code_block"):
                start, end = tok.map or (0, 1)
                code = "\n".join(line.rstrip() for line in tok.content.split("\n"))
                self._container_flush(start)
                self.add_block("code", code, start, end, depth=len(self.items))
            elif kind == "html_block":
                start, end = tok.map or (0, 1)
                content = tok.content.strip()
                self._container_flush(start)
                self.add_block(
                    "comment" if content.startswith("<!--") else "html",
                    content,
                    start,
                    end,
                    depth=len(self.items),
                )
            index += 1
        return self.finish()

    def _container_flush(self, start: int) -> None:
        """A non-paragraph block inside an item ends the item's own text."""
        if self.items:
            self._emit_item(self.items[-1], start)

    def _paragraph(self, text: str, start: int, end: int, links: tuple[str, ...]) -> None:
        if self.items and not self.items[-1].emitted:
            item = self.items[-1]
            item.parts.append(text)
            item.links.extend(links)
            item.end = end
            return
        kind = "quote" if self.quote_depth else "paragraph"
        self.add_block(kind, text, start, end, depth=len(self.items), links=links)

    def finish(self) -> Section:
        return self.root.freeze()


def _inline_text(children: list) -> tuple[str, tuple[str, ...]]:
    """Plain text of inline tokens (emphasis and link markup dropped) and their link targets."""
    parts: list[str] = []
    links: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "link_open":
            href = child.attrs.get("href")
            if isinstance(href, str):
                links.append(href)
        elif kind == "image":
            parts.append(child.content)
        elif kind == "html_inline" and re.match(r"<br\s*/?>", child.content, re.I):
            parts.append(" ")
    return "".join(parts), tuple(links)


def _split_cells(row: str) -> list[str]:
    """Cells of a table row as written: split at every `|` but `\\|`, as the GFM table grammar
    of markdown-it does (a `|` inside a code span splits too), so the counts agree."""
    cells: list[str] = []
    current: list[str] = []
    escaped = False
    for char in row:
        if char == "|" and not escaped:
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(char)
        escaped = char == "\\"
    cells.append("".join(current).strip())
    return cells


def _all_cells(parsed: list[str], source_line: str) -> list[str]:
    """Parsed cells plus any the table grammar dropped (a row with more cells than the header)."""
    raw = source_line.strip()
    if raw.startswith("|"):
        raw = raw[1:]
    if raw.endswith("|") and not raw.endswith("\\|"):
        raw = raw[:-1]
    written = _split_cells(raw)
    if len(written) > len(parsed):
        return parsed + [normalize(cell.replace("`", "")) for cell in written[len(parsed) :]]
    return parsed

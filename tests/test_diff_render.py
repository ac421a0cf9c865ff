"""The diff renderers: exact output on small pairs, snapshots of corpus redlines, the comment
size cap, escaping of hostile policy text, the JSON schema, colour on and off.

Snapshots live in tests/snapshots/; after a deliberate change in output, regenerate them with
`UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_diff_render.py` and review the diff in git.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

from policy.diff.engine import compare
from policy.diff.model import KINDS, TARGETS, Change, DocumentDiff, Side, Span
from policy.diff.render import FORMATS, RenderOptions, render
from policy.diff.render import json as json_format
from policy.diff.render.common import context_blocks, section_label, summary
from policy.diff.render.markdown import MAX_CHARS, escape, word_runs
from policy.document import parse_document

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
CORPUS = ROOT / "tests" / "corpora" / "corpus"


def diff_of(old: str, new: str) -> DocumentDiff:
    return compare(
        parse_document(old),
        parse_document(new),
        Side("v1.0.0", title="Cookie policy", effective_date="2024-01-01"),
        Side("v2.0.0", title="Cookie policy", effective_date="2025-03-01"),
    )


@lru_cache
def corpus_diff(case: str) -> DocumentDiff:
    folder = CORPUS / ("real" if case.startswith("real") else "synthetic") / case
    return compare(
        parse_document((folder / "before.md").read_text(encoding="utf-8")),
        parse_document((folder / "after.md").read_text(encoding="utf-8")),
        Side(f"{case} before", title="Privacy Policy", effective_date="2024-01-01"),
        Side(f"{case} after", title="Privacy Policy", effective_date="2025-01-01"),
    )


def check_snapshot(name: str, text: str) -> None:
    """Compare with tests/snapshots/<name>; write it instead when UPDATE_SNAPSHOTS=1."""
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        return
    assert path.exists(), f"no snapshot {name}: run with UPDATE_SNAPSHOTS=1 and review it"
    expected = path.read_bytes().decode("utf-8")
    assert text == expected, f"{name} differs from its snapshot (UPDATE_SNAPSHOTS=1 to accept)"


OLD = """---
title: Cookie policy
effective_date: 2024-01-01
---
# Cookie policy

We use cookies.

## 1. Cookies

Cookies are small files.

We keep them for a year.

They help us remember you.

- essential
- analytics

## 2. Old section

This section goes away.
"""

NEW = """---
title: Cookie policy
effective_date: 2025-03-01
---
# Cookie policy

We use cookies.

## 1. Cookies

Cookies are small files.

We keep them for six months.

They help us remember you.

* essential
* analytics
- advertising
"""


@pytest.fixture(scope="module")
def small() -> DocumentDiff:
    return diff_of(OLD, NEW)


HOSTILE_OLD = """---
title: "Policy <script>alert(1)</script> \\"onload=x"
effective_date: 2024-01-01
---
# Policy &lt;script&gt;alert(1)&lt;/script&gt; "onload=x

Intro.

## Data &lt;script&gt;alert(1)&lt;/script&gt; "onload=x

We collect your name and address for deliveries.

1\\. This numbered line is a paragraph.

\\- This dashed line is a paragraph.
"""

HOSTILE_NEW = """---
title: "Policy <script>alert(2)</script> \\"onload=y"
effective_date: 2025-03-01
---
# Policy &lt;script&gt;alert(1)&lt;/script&gt; "onload=x

Intro.

## Data &lt;script&gt;alert(1)&lt;/script&gt; "onload=x

We collect your name, &lt;script&gt;alert(1)&lt;/script&gt; and address for deliveries.

\\*\\*not bold\\*\\* \\[a link\\](https://example.com) \\| \\~~gone\\~~ \\_under\\_ \\`tick\\`

1\\. not a list

\\# not a heading

1\\. This numbered line is a paragraph, still.

\\- This dashed line is a paragraph, still.
"""


@pytest.fixture(scope="module")
def hostile() -> DocumentDiff:
    return compare(
        parse_document(HOSTILE_OLD),
        parse_document(HOSTILE_NEW),
        Side("v1 <b>", title='T <img src=x onerror="alert(1)">'),
        Side('"onload=', title='T <img src=x onerror="alert(1)">'),
    )


# -- the registry --------------------------------------------------------------------------------


def test_formats_are_the_four_of_the_command_line():
    assert list(FORMATS) == ["text", "markdown", "html", "json"]


def test_every_format_is_a_renderer_ending_with_a_newline(small):
    for name, renderer in FORMATS.items():
        out = renderer(small, RenderOptions(context=3, color=False))
        assert out.endswith("\n") and not out.endswith("\n\n"), name


def test_render_passes_context_and_colour(small):
    assert render(small, "text", context=0) != render(small, "text", context=1)
    assert "\x1b[" in render(small, "text", color=True)


def test_unknown_format_and_negative_context_are_value_errors(small):
    with pytest.raises(ValueError, match="unknown diff format 'pdf'"):
        render(small, "pdf")
    with pytest.raises(ValueError, match="context"):
        render(small, "text", context=-1)


def test_render_options_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        RenderOptions(3, False).context = 1  # type: ignore[misc]


def test_importing_the_registry_imports_no_renderer_and_nothing_heavy():
    heavy = (
        "policy.diff.render.text",
        "policy.diff.render.markdown",
        "policy.diff.render.html",
        "policy.diff.render.json",
        "policy.diff.engine",
        "deepdiff",
        "markdown_it",
        "difflib",
        "json",
    )
    code = f"import sys, policy.diff.render; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# -- shared helpers ------------------------------------------------------------------------------


def test_section_labels(small):
    metadata, changed, *_, removed = small.changes
    assert section_label(metadata) == "(front matter)"
    assert section_label(changed) == "Cookie policy › 1. Cookies"
    assert section_label(removed) == "Cookie policy › 2. Old section"
    preamble = diff_of("Intro text.\n\n# A\n", "Intro words.\n\n# A\n").changes[0]
    assert section_label(preamble) == "(before the first heading)"
    file = Change("renamed", "file", (), "", "a.md", "b.md", detail="path")
    assert section_label(file) == "(file)"


def test_summary_sentences(small):
    assert summary(small) == "4 changes in wording, 2 formatting only."
    assert summary(diff_of(OLD, OLD)) == "No differences."
    one = diff_of("# A\n\nWe sell your data.\n", "# A\n\nWe never sell your data.\n")
    assert summary(one) == "1 change in wording."
    only_format = diff_of("# A\n\n- x\n- y\n", "# A\n\n* x\n* y\n")
    assert summary(only_format) == "2 changes, formatting only (no change in wording)."


PARAGRAPHS = "# A\n\n" + "\n\n".join(f"Paragraph {n} is here." for n in range(1, 8)) + "\n"


def test_context_blocks_are_unchanged_neighbours_in_the_section():
    new = PARAGRAPHS.replace("Paragraph 4 is here.", "Paragraph 4 is there now.")
    result = diff_of(PARAGRAPHS, new)
    (change,) = result.changes
    around = context_blocks(result, change, 2)
    assert [b.text for b in around.before] == ["Paragraph 2 is here.", "Paragraph 3 is here."]
    assert [b.text for b in around.after] == ["Paragraph 5 is here.", "Paragraph 6 is here."]
    assert around.side == "new"
    assert context_blocks(result, change, 0) == ((), (), "new")
    assert context_blocks(result, change, 9).before[0].text == "Paragraph 1 is here."


def test_context_stops_at_a_neighbour_that_changed():
    new = PARAGRAPHS.replace("4 is here", "4 is there now").replace("5 is here", "5 is there now")
    result = diff_of(PARAGRAPHS, new)
    first, second = result.changes
    assert [b.text for b in context_blocks(result, first, 3).after] == []
    assert [b.text for b in context_blocks(result, second, 3).before] == []
    assert len(context_blocks(result, second, 3).after) == 2


def test_context_of_a_removal_comes_from_the_old_document():
    new = PARAGRAPHS.replace("Paragraph 4 is here.\n\n", "")
    result = diff_of(PARAGRAPHS, new)
    (change,) = result.changes
    assert change.kind == "removed"
    around = context_blocks(result, change, 1)
    assert around.side == "old"
    assert [b.text for b in around.before + around.after] == [
        "Paragraph 3 is here.",
        "Paragraph 5 is here.",
    ]


# -- text ----------------------------------------------------------------------------------------

SMALL_TEXT = """\
--- v1.0.0 (effective 2024-01-01)
+++ v2.0.0 (effective 2025-03-01)
4 changes in wording, 2 formatting only.

(front matter)
  changed effective_date:
    ~ effective_date: [-2024-]{+2025-03+}-01[--01-]

Cookie policy › 1. Cookies
  changed paragraph, line 13:
      Cookies are small files.
    ~ We keep them for [-a year-]{+six months+}.
      They help us remember you.
  added list item, line 19:
      analytics
    + advertising
  formatting only, line 17: list item "essential" (list marker)
  formatting only, line 18: list item "analytics" (list marker)

Cookie policy › 2. Old section
  removed section, old line 20:
    - 2. Old section
    - This section goes away.
"""


def test_text_exact(small):
    assert render(small, "text", context=1) == SMALL_TEXT


def test_text_context_zero_shows_only_the_changes(small):
    out = render(small, "text", context=0)
    assert "Cookies are small files." not in out
    assert "    ~ We keep them for [-a year-]{+six months+}." in out


def test_text_identical_inputs():
    assert render(diff_of(OLD, OLD), "text") == (
        "--- v1.0.0 (effective 2024-01-01)\n+++ v2.0.0 (effective 2025-03-01)\nNo differences.\n"
    )


def test_text_colour_marks_words_like_git_and_without_colour_vision_too(small):
    out = render(small, "text", context=1, color=True)
    # Red and struck through, green and underlined: the style tells them apart, not the hue.
    assert "We keep them for \x1b[31;9ma year\x1b[m\x1b[32;4msix months\x1b[m." in out
    assert "\x1b[32m    + advertising\x1b[m" in out
    assert "\x1b[31m    - This section goes away.\x1b[m" in out
    assert "\x1b[2m      Cookies are small files.\x1b[m" in out  # context dimmed
    assert "[-" not in out and "{+" not in out
    plain = render(small, "text", context=1, color=False)
    assert "\x1b" not in plain


def test_text_moves_and_renames_say_from_where_to_where():
    old = (
        "# P\n\n## 1. Use\n\nWe use data to ship orders to you.\n\nWe keep it safe.\n\n"
        "## 2. Sharing\n\nWe share nothing with anyone.\n"
    )
    new = (
        "# P\n\n## 1. Use of data\n\nWe keep it safe.\n\n"
        "## 2. Sharing\n\nWe share nothing with anyone.\n\nWe use data to ship orders to you.\n"
    )
    out = render(diff_of(old, new), "text", context=0)
    assert (
        '\nP › 1. Use of data\n  renamed section, line 3: from "1. Use" to "1. Use of data":\n'
        in out
    )
    assert "\n    ~ 1. " in out and "of data+}" in out
    assert out.endswith(
        "\nP › 2. Sharing\n"
        '  moved paragraph to line 11, from "P › 1. Use" (old line 5):\n'
        "    > We use data to ship orders to you.\n"
    )


def test_text_neutralises_terminal_escapes_in_policy_text():
    result = diff_of("# A\n\nHello.\n", "# A\n\nHello.\n\nClear \x1b[2J screen \u202e txet.\n")
    out = render(result, "text")
    assert "\x1b" not in out and "\u202e" not in out
    assert "+ Clear \\x1b[2J screen \\u202e txet." in out


def test_text_section_move_in_corpus():
    out = render(corpus_diff("syn-037"), "text")
    assert out.endswith(
        "Privacy Policy › 6. Links to Third-Party Websites, Products, and Services\n"
        "  moved section to line 185, from old line 149\n"
    )


# -- markdown ------------------------------------------------------------------------------------

SMALL_MARKDOWN = """\
## Changes to Cookie policy

**Old:** v1.0.0 (effective 2024-01-01) → **New:** v2.0.0 (effective 2025-03-01)

4 changes in wording, 2 formatting only.

| Section | Change |
| --- | --- |
| (front matter) | changed effective\\_date |
| Cookie policy › 1. Cookies | changed paragraph (line 13) |
| Cookie policy › 1. Cookies | formatting only: list marker |
| Cookie policy › 1. Cookies | formatting only: list marker |
| Cookie policy › 1. Cookies | added list item (line 19) |
| Cookie policy › 2. Old section | removed section (old line 20) |

### (front matter)

**Changed effective\\_date**

effective\\_date: ~~2024-01-01~~ **2025-03-01**

### Cookie policy › 1. Cookies

**Changed paragraph (line 13)**

We keep them for ~~a year.~~ **six months.**

**Added list item (line 19)**

**advertising**

### Cookie policy › 2. Old section

**Removed section (old line 20)**

~~2. Old section~~

~~This section goes away.~~

### Formatting only (no change in wording)

- Cookie policy › 1. Cookies — list item "essential" (line 17): list marker
- Cookie policy › 1. Cookies — list item "analytics" (line 18): list marker
"""


def test_markdown_exact(small):
    assert render(small, "markdown") == SMALL_MARKDOWN


def test_markdown_identical_inputs():
    out = render(diff_of(OLD, OLD), "markdown")
    assert out.endswith("\n\nNo differences.\n")
    assert "|" not in out


def test_markdown_word_runs_are_whole_words_and_rebuild_both_texts():
    pairs = [
        ("3.2 Sharing with", "3.1 Sharing with"),
        ("data.", "data. New sentence."),
        ("a foo b", "a b"),
        ("In scenarios 3.1 to 3.3, we", "In scenarios 3.1 and 3.2, we"),
        ("line one\nline two", "line one\nline 2"),
    ]
    for before, after in pairs:
        runs = word_runs(before, after)
        assert "".join(s.text for s in runs if s.op != "insert") == before
        assert "".join(s.text for s in runs if s.op != "delete") == after
    assert word_runs("3.2 Sharing", "3.1 Sharing") == [
        Span("delete", "3.2"),
        Span("insert", "3.1"),
        Span("equal", " Sharing"),
    ]


def _markdown_to_html(text: str) -> str:
    """What GitHub would show, near enough: CommonMark with tables and strikethrough."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


def test_markdown_policy_text_cannot_inject_markup(hostile):
    out = render(hostile, "markdown")
    shown = _markdown_to_html(out)
    assert "<script" not in shown and "<img" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "**not bold** [a link](https://example.com) | ~~gone~~ _under_ `tick`" in shown.replace(
        "&quot;", '"'
    )
    assert "<a href" not in shown and "<code>" not in shown and "<em>" not in shown
    assert "<p>1. not a list</p>" in shown.replace("<strong>", "").replace("</strong>", "")
    assert "<ol" not in shown and "<ul" not in shown
    assert "<p>1. This numbered line is a <s>" in shown
    assert "<p>- This dashed line is a <s>" in shown
    assert "<h1" not in shown  # `# not a heading` stays text
    # our own markup still works
    assert "<s>" in shown and "<strong>" in shown and "<table>" in shown


def test_markdown_escape():
    assert escape("<b>**x**</b> | [a](b) `c` ~d~ _e_ #f &amp; \\") == (
        "\\<b\\>\\*\\*x\\*\\*\\</b\\> \\| \\[a\\](b) \\`c\\` \\~d\\~ \\_e\\_ \\#f \\&amp; \\\\"
    )


def _many_changes(count: int) -> DocumentDiff:
    changes = []
    for n in range(count):
        section = ("Terms", f"{n // 10}. Part | {n // 10}")
        if n % 7 == 6:
            changes.append(
                Change(
                    "formatting",
                    "block",
                    section,
                    "",
                    "Same.",
                    "Same.",
                    (),
                    "item",
                    (),
                    (n,),
                    (n,),
                    "whitespace",
                )
            )
            continue
        before, after = f"Clause {n} says alpha.", f"Clause {n} says beta."
        spans = (
            Span("equal", f"Clause {n} says "),
            Span("delete", "alpha"),
            Span("insert", "beta"),
            Span("equal", "."),
        )
        changes.append(
            Change(
                "changed", "block", section, "", before, after, spans, "paragraph", (), (n,), (n,)
            )
        )
    return DocumentDiff(Side("v1"), Side("v2"), tuple(changes))


def test_markdown_stays_under_the_comment_limit_and_says_what_it_left_out():
    result = _many_changes(5000)
    out = render(result, "markdown")
    assert len(out) < MAX_CHARS
    rows = [line for line in out.splitlines() if line.startswith("| Terms")]
    note = re.search(
        r"\n… (\d+) more changes not shown \(the comment is limited to 60,000 "
        r"characters\); run `policy diff --format html` for the full redline\.\n$",
        out,
    )
    assert note is not None
    assert len(rows) + int(note.group(1)) == 5000
    assert len(rows) > 100  # it does fill the space
    # wording changes come first: none of the formatting ones fit here
    assert "### Formatting only" not in out and "whitespace" not in out


def test_markdown_small_diff_has_no_note(small):
    assert "not shown" not in render(small, "markdown")


def test_markdown_cuts_one_huge_change_and_still_shows_the_rest():
    huge = "# A\n\n## B\n\n" + "\n\n".join(f"Para {n} " + "word " * 50 for n in range(500))
    result = diff_of("# A\n\nWe keep it.\n", "# A\n\nWe kept it.\n\n" + huge[4:])
    out = render(result, "markdown")
    assert len(out) < MAX_CHARS
    assert "the rest of this change is not shown here" in out
    assert "We ~~keep~~ **kept** it." in out


def test_markdown_of_a_large_real_rewrite_fits(tmp_path):
    out = render(corpus_diff("real-011"), "markdown")
    assert len(out) < MAX_CHARS
    assert "| (front matter) | changed title |" in out


@pytest.mark.parametrize("case", ["syn-013", "syn-023", "syn-035"])
def test_markdown_snapshots(case):
    check_snapshot(f"{case}.md", render(corpus_diff(case), "markdown"))


# -- html ----------------------------------------------------------------------------------------

VOID = {"meta", "link", "br", "hr", "img", "input", "wbr"}


class _Checker(HTMLParser):
    """Fails on unbalanced or misnested tags; collects ids, hrefs and tags seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.append(attributes["id"])
        if attributes.get("href"):
            self.hrefs.append(attributes["href"])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()


def check_html(text: str) -> _Checker:
    checker = _Checker()
    checker.feed(text)
    checker.close()
    assert checker.doctype == "DOCTYPE html"
    assert checker.stack == []
    assert checker.tags[0] == ("html", {"lang": "en"})
    assert ("meta", {"charset": "utf-8"}) in checker.tags
    viewport = {"name": "viewport", "content": "width=device-width, initial-scale=1"}
    assert ("meta", viewport) in checker.tags
    assert len(checker.ids) == len(set(checker.ids)), "duplicate ids"
    for href in checker.hrefs:
        assert href.startswith("#") and href[1:] in checker.ids, href
    names = {tag for tag, _ in checker.tags}
    assert not names & {"script", "link", "img", "iframe", "object"}
    assert not any(key.startswith("on") for _, attrs in checker.tags for key in attrs)
    return checker


def test_html_is_well_formed_and_standalone(small):
    out = render(small, "html")
    checker = check_html(out)
    assert checker.ids == ["nav-title", "s1", "s2", "s3", "formatting"]
    assert "http" not in out and "<title>Redline: Cookie policy (v1.0.0 → v2.0.0)</title>" in out


def test_html_shows_versions_changes_and_formatting_apart(small):
    out = render(small, "html", context=1)
    assert "<dt>Old</dt><dd>v1.0.0 · Cookie policy · effective 2024-01-01</dd>" in out
    assert "<dt>New</dt><dd>v2.0.0 · Cookie policy · effective 2025-03-01</dd>" in out
    assert '<p class="text">We keep them for <del>a year</del><ins>six months</ins>.</p>' in out
    assert '<p class="context">Cookies are small files.</p>' in out
    assert (
        '<del class="block">\n<p class="heading">2. Old section</p>\n'
        "<p>This section goes away.</p>\n</del>" in out
    )
    formatting = out[out.index('<section id="formatting"') :]
    assert '<span class="badge">formatting only</span>' in formatting
    assert "list item “essential” (line 17): list marker" in formatting
    assert "essential" not in out[: out.index('<section id="formatting"')].split("<main>")[1]


def test_html_identical_inputs():
    out = render(diff_of(OLD, OLD), "html")
    check_html(out)
    assert '<p class="summary">No differences.</p>' in out
    assert "<nav" not in out and "<section" not in out


def test_html_escapes_every_piece_of_policy_text(hostile):
    out = render(hostile, "html")
    check_html(out)
    assert "<script" not in out and "<img" not in out
    assert '"onload' not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;onload=x" in out  # heading
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</ins> and address for deliveries." in out
    assert "title: Policy &lt;script&gt;alert(" in out  # front matter
    assert "&quot;onload=" in out and "T &lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in out


def test_html_marks_moves():
    out = render(corpus_diff("syn-042"), "html")
    check_html(out)
    assert out.count('<article class="change moved">') == len(corpus_diff("syn-042").changes)
    assert '<p class="note">Moved from old line 91.</p>' in out
    moved_in = render(corpus_diff("syn-023"), "html")
    assert (
        '<p class="note">Moved from &quot;Privacy Policy › 9. Contact us&quot; (old line 187).</p>'
        in moved_in
    )
    assert '<ins class="block">\n<p class="heading">9.1 Our representative' in moved_in


@pytest.mark.parametrize("case", ["syn-013", "syn-023", "syn-035"])
def test_html_snapshots(case):
    out = render(corpus_diff(case), "html")
    check_html(out)
    check_snapshot(f"{case}.html", out)


def test_html_of_a_large_real_rewrite_is_well_formed():
    check_html(render(corpus_diff("real-011"), "html"))


# -- json ----------------------------------------------------------------------------------------

CHANGE_KEYS = {
    "kind",
    "target",
    "section",
    "anchor",
    "old_section",
    "block_kind",
    "before",
    "after",
    "spans",
    "detail",
    "old_lines",
    "new_lines",
}
SIDE_KEYS = {"label", "path", "commit", "version", "title", "effective_date"}


def test_json_round_trip_and_schema(small):
    out = render(small, "json")
    assert out.endswith("}\n")
    data = json.loads(out)
    assert data == small.to_json()
    assert set(data) == {"old", "new", "changes"}
    assert set(data["old"]) == set(data["new"]) == SIDE_KEYS
    assert data["old"]["effective_date"] == "2024-01-01"
    for change in data["changes"]:
        assert set(change) == CHANGE_KEYS
        assert change["kind"] in KINDS and change["target"] in TARGETS
        for span in change["spans"]:
            assert set(span) == {"op", "text"} and span["op"] in ("equal", "delete", "insert")
    assert [c["kind"] for c in data["changes"]] == [
        "changed",
        "changed",
        "formatting",
        "formatting",
        "added",
        "removed",
    ]


def test_json_is_indented_and_keeps_unicode(small):
    out = render(small, "json")
    assert '\n  "changes": [\n' in out
    assert '"Cookie policy",\n' in out and "›" not in out  # no path label, only lists
    unicode = render(diff_of("# Café\n\nUn.\n", "# Café\n\nDeux.\n"), "json")
    assert '"Café"' in unicode and "\\u00e9" not in unicode


def test_json_identical_inputs_have_no_changes():
    assert json.loads(render(diff_of(OLD, OLD), "json"))["changes"] == []


def test_json_schema_documents_every_field_and_value():
    doc = json_format.__doc__ or ""
    for key in CHANGE_KEYS | SIDE_KEYS | {"op", "text"}:
        assert re.search(rf"^\s+{key}\s", doc, re.MULTILINE), key
    for value in (*KINDS, *TARGETS):
        assert f'"{value}"' in doc, value

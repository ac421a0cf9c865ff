"""The document model: front matter, the section tree and its normalised blocks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from policy.document import parse_document
from policy.document.frontmatter import check_front_matter
from policy.document.model import Block, Problem

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "policies" / "privacy-policy.md"
# Every policy text of the three corpora in tests/corpora: real and synthetic, many styles.
CORPUS_DIR = ROOT / "tests" / "corpora"
CORPUS = sorted(p for p in CORPUS_DIR.glob("**/*.md") if p.name != "README.md")


def signature(document):
    """What a reader sees: every section's place and anchor, every block's kind, words, depth."""
    return [
        (section.path, section.anchor, [(b.kind, b.text, b.depth) for b in section.blocks])
        for section in document.all_sections()
    ]


def blocks(text):
    """(kind, line, depth, marker, text) of every block, in document order."""
    return [
        (b.kind, b.line, b.depth, b.marker, b.text)
        for section in parse_document(text).all_sections()
        for b in section.blocks
    ]


# -- the bundled policy -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled():
    return parse_document(BUNDLED.read_text(encoding="utf-8"))


def test_bundled_front_matter(bundled):
    assert bundled.meta == {
        "title": "Privacy Policy",
        "slug": "privacy-policy",
        "effective_date": dt.date(2026, 1, 1),
    }
    assert bundled.front_matter == (
        "title: Privacy Policy\nslug: privacy-policy\neffective_date: 2026-01-01"
    )
    assert bundled.body_line == 6
    assert bundled.problems == ()
    assert bundled.title == "Privacy Policy"


def test_bundled_top_of_the_tree(bundled):
    assert bundled.root.level == 0
    assert bundled.root.blocks == ()
    (top,) = bundled.root.children
    assert (top.title, top.level, top.line, top.anchor) == (
        "Privacy Policy",
        1,
        7,
        "privacy-policy",
    )
    assert [(s.title, s.level, s.line) for s in top.children] == [
        ("1. How We Collect & Use Your Personal Data", 2, 26),
        ("2. Cookies & Similar Technologies", 2, 81),
        ("3. How we share, transfer, and publicly disclose your personal information", 2, 117),
        ("4. How we store and protect your personal information", 2, 131),
        ("5. How You Can Manage Your Personal Data", 2, 137),
        ("6. Links to Third-Party Websites, Products, and Services", 2, 149),
        ("7. How is your personal information stored?", 2, 153),
        ("8. How we update this Privacy Policy", 2, 166),
        ("9. Contact us", 2, 181),
    ]
    assert len(list(bundled.sections())) == 22


def test_bundled_anchors_and_paths(bundled):
    by_anchor = {s.anchor: s for s in bundled.sections()}
    assert list(by_anchor)[:4] == [
        "privacy-policy",
        "1-how-we-collect--use-your-personal-data",
        "11-what-information-is-collected-by-us",
        "111-information-you-provide-to-us",
    ]
    deep = by_anchor["113-information-from-third-party-sources"]
    assert deep.level == 4
    assert deep.line == 55
    assert deep.source == "#### 1.1.3 Information from third-party sources"
    assert deep.path == (
        "Privacy Policy",
        "1. How We Collect & Use Your Personal Data",
        "1.1 What information is collected by us",
        "1.1.3 Information from third-party sources",
    )
    assert [(b.kind, b.line) for b in deep.blocks] == [
        ("paragraph", 57),
        ("item", 59),
        ("item", 60),
        ("item", 61),
        ("item", 62),
    ]


def test_bundled_contents_list(bundled):
    (top,) = bundled.root.children
    assert [(b.kind, b.line, b.marker) for b in top.blocks[:5]] == [
        ("paragraph", 9, ""),
        ("paragraph", 11, ""),
        ("paragraph", 13, ""),
        ("item", 15, "1."),
        ("item", 16, "2."),
    ]
    assert top.blocks[-1] == Block("item", "Contact Us", "10. Contact Us", 24, 1, "10.")


def test_bundled_item_keeps_its_continuation_paragraphs(bundled):
    section = next(s for s in bundled.sections() if s.anchor == "111-information-you-provide-to-us")
    item = section.blocks[1]
    assert (item.kind, item.line, item.depth, item.marker) == ("item", 37, 1, "-")
    assert item.text.startswith("Order-related Information: you provide your name")
    assert item.text.endswith(
        "You may learn more from Paypal’s privacy policy: We do not store your credit card "
        "information and do not control and are not responsible for Paypal or its collection "
        "or use of your information. You may learn more about how Paypal stores and uses your "
        "credit card information by accessing Paypal’s privacy policy."
    )
    assert item.source.split("\n")[2] == "  You may learn more from Paypal’s privacy policy:"
    assert len(item.source.split("\n")) == 5  # lines 37 to 41


def test_bundled_section_7_nested_list_and_continuation(bundled):
    section = next(s for s in bundled.sections() if s.title.startswith("7. "))
    assert section.anchor == "7-how-is-your-personal-information-stored"
    assert [(b.kind, b.line, b.depth, b.marker, b.text[:40]) for b in section.blocks] == [
        ("item", 155, 1, "1.", "Personal Information collected and gener"),
        ("item", 157, 1, "2.", "We provide products and services based o"),
        ("item", 159, 1, "3.", "In case your personal data is transferre"),
        ("item", 161, 2, "-", "(1) the recipient may have adhered to bi"),
        ("item", 162, 2, "-", "(3) the recipient has signed a non-discl"),
        ("paragraph", 164, 1, "", "In the absence of the above appropriate "),
    ]
    assert section.blocks[2].text.endswith("appropriate safeguards are taken, such as:")


def test_bundled_section_8_lists_six_categories(bundled):
    section = next(s for s in bundled.sections() if s.title.startswith("8. "))
    items = [b for b in section.blocks if b.kind == "item"]
    assert [b.marker for b in items] == ["1.", "2.", "3.", "4.", "5.", "6."]
    assert items[5].text == (
        "High risks identified in personal data security impact assessment reports."
    )


# -- the corpus of real and synthetic policies ------------------------------------------------


def test_corpus_is_there():
    assert len(CORPUS) >= 300


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_file_parses_with_lines_inside_the_file(path):
    text = path.read_bytes().decode("utf-8", errors="replace")
    document = parse_document(text)
    last = text.replace("\r\n", "\n").count("\n") + 1
    for section in document.all_sections():
        assert 1 <= section.line <= last
        for block in section.blocks:
            assert 1 <= block.line <= last, (section.title, block)


# -- blocks -----------------------------------------------------------------------------------


def test_table_rows_keep_an_extra_cell():
    text = "| Data | Purpose |\n|------|---------|\n| email | login |\n| name | orders | extra |\n"
    assert blocks(text) == [
        ("row", 1, 0, "", "Data | Purpose"),
        ("row", 3, 0, "", "email | login"),
        ("row", 4, 0, "", "name | orders | extra"),
    ]


def test_table_row_links_and_escaped_pipe():
    document = parse_document("| a | b |\n|---|---|\n| [x](#one) | y \\| z |\n")
    rows = document.root.blocks
    assert [(b.text, b.links) for b in rows] == [("a | b", ()), ("x | y | z", ("#one",))]


def test_table_pipe_inside_code_span_keeps_every_word():
    # GFM splits cells at a `|` even inside backticks; the cell past the header is kept.
    assert blocks("| a | b |\n|---|---|\n| `x|y` | z |\n") == [
        ("row", 1, 0, "", "a | b"),
        ("row", 3, 0, "", "`x | y` | z"),
    ]


def test_liquid_tags_and_html_comments_are_kept_as_blocks():
    text = "{% include notice.html %}\n\n<!-- legal: check -->\n\n<div>Hi</div>\n\nText.\n"
    assert blocks(text) == [
        ("paragraph", 1, 0, "", "{% include notice.html %}"),
        ("comment", 3, 0, "", "<!-- legal: check -->"),
        ("html", 5, 0, "", "<div>Hi</div>"),
        ("paragraph", 7, 0, "", "Text."),
    ]


def test_no_break_and_odd_spaces_are_normalised():
    text = "# Our\u00a0 rights\t\n\nWe\u00a0keep\u202fyour\u200b data,\nwrapped  here.\n"
    document = parse_document(text)
    (section,) = document.sections()
    assert section.title == "Our rights"
    assert section.anchor == "our-rights"
    (block,) = section.blocks
    assert block.text == "We keep your data, wrapped here."
    assert block.source == "We\u00a0keep\u202fyour\u200b data,\nwrapped  here."


def test_setext_heading_title_is_normalised():
    (section,) = parse_document("Our\t\nrights\n---\n").sections()
    assert (section.title, section.level, section.anchor) == ("Our rights", 2, "our-rights")


def test_links_are_collected_in_order():
    (block,) = parse_document("See [a](#one), [b](https://x.org/) and [c](#two).\n").root.blocks
    assert block.links == ("#one", "https://x.org/", "#two")
    assert block.text == "See a, b and c."


def test_badly_numbered_list_keeps_markers_as_written():
    assert blocks("3. one\n3. two\n7) three\n") == [
        ("item", 1, 1, "3.", "one"),
        ("item", 2, 1, "3.", "two"),
        ("item", 3, 1, "7)", "three"),
    ]


# -- sections ---------------------------------------------------------------------------------


def test_headings_that_skip_levels_nest_under_the_nearest_shallower_one():
    text = "# A\n\n### B\n\nb\n\n## C\n\n#### D\n\n# E\n"
    document = parse_document(text)
    assert [(s.title, s.level, s.path, s.line) for s in document.sections()] == [
        ("A", 1, ("A",), 1),
        ("B", 3, ("A", "B"), 3),
        ("C", 2, ("A", "C"), 7),
        ("D", 4, ("A", "C", "D"), 9),
        ("E", 1, ("E",), 11),
    ]
    (a, e) = document.root.children
    assert [c.title for c in a.children] == ["B", "C"]
    assert e.children == ()


def test_headings_inside_lists_and_quotes_do_not_open_sections():
    text = "Intro\n\n- # Not a section\n\n> ## Quoted\n\n# Real\n\ntext\n"
    document = parse_document(text)
    assert [s.title for s in document.sections()] == ["Real"]
    assert [(b.kind, b.line, b.depth, b.text) for b in document.root.blocks] == [
        ("paragraph", 1, 0, "Intro"),
        ("item", 3, 1, "Not a section"),
        ("quote", 5, 0, "Quoted"),
    ]


def test_duplicate_headings_get_unique_anchors():
    document = parse_document("# Scope\n\nx\n\n# Scope\n\ny\n\n# Scope-1\n\nz\n")
    assert [s.anchor for s in document.sections()] == ["scope", "scope-1", "scope-1-1"]


def test_preamble_and_empty_document():
    document = parse_document("")
    assert document.root.blocks == ()
    assert list(document.sections()) == []
    assert document.title == ""
    assert parse_document("Only text.\n").root.blocks[0].text == "Only text."


# -- front matter -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "meta", "body_line", "problems"),
    [
        ("---\ntitle: A\n---\n# H\n", {"title": "A"}, 4, ()),
        ("---\ntitle: A\n...\n# H\n", {"title": "A"}, 4, ()),
        ("+++\ntitle = 'A'\nslug = 'a'\n+++\n# H\n", {"title": "A", "slug": "a"}, 5, ()),
        ("\ufeff---\ntitle: A\n---\n# H\n", {"title": "A"}, 4, ()),
        ("---\r\ntitle: A\r\n---\r\n# H\r\n", {"title": "A"}, 4, ()),
        ("---  \ntitle: A\n---\t\n# H\n", {"title": "A"}, 4, ()),
        ("---\n---\n# H\n", {}, 3, ()),
        ("# H\n---\ntitle: A\n---\n", {}, 1, ()),
        (
            "---\ntitle: A\n# H\n",
            {},
            1,
            (Problem(1, "front matter opened with `---` is never closed (add a `---` line)"),),
        ),
        (
            "---\ntitle: A\nslug: [a\n---\n# H\n",
            {},
            5,
            (
                Problem(
                    3,
                    "front matter is not valid YAML: `slug: [a`: a value starting with `[` "
                    'means something else to YAML; put the value in quotes: `slug: "[a"`',
                ),
            ),
        ),
        (
            "---\n- title\n- slug\n---\n",
            {},
            5,
            (Problem(2, "front matter must be `key: value` lines, not a list or a text"),),
        ),
        (
            "+++\ntitle = \n+++\n",
            {},
            4,
            (Problem(2, "front matter is not valid TOML: Invalid value (at end of document)"),),
        ),
        (
            "---\neffective_date: 2026-02-30\n---\n",
            {},
            4,
            (
                Problem(
                    2,
                    "front matter `effective_date: 2026-02-30` is not a date that exists; "
                    "check the day and the month (YYYY-MM-DD)",
                ),
            ),
        ),
    ],
    ids=[
        "yaml",
        "yaml-dots",
        "toml",
        "bom",
        "crlf",
        "fences-with-spaces",
        "empty",
        "not-at-top",
        "unclosed",
        "invalid-yaml",
        "list",
        "invalid-toml",
        "impossible-date",
    ],
)
def test_front_matter_variants(text, meta, body_line, problems):
    document = parse_document(text)
    assert document.meta == meta
    assert document.body_line == body_line
    assert document.problems == problems


def test_front_matter_deeply_nested_is_a_problem_not_a_crash():
    document = parse_document("---\nx: " + "[" * 2000 + "\n---\n# H\n")
    assert document.problems == (Problem(2, "front matter is not valid YAML: nested too deeply"),)
    assert [s.title for s in document.sections()] == ["H"]


def test_unclosed_front_matter_keeps_the_body():
    document = parse_document("---\ntitle: A\n# H\n")
    assert blocks("---\ntitle: A\n# H\n") == [("paragraph", 2, 0, "", "title: A")]
    assert [(s.title, s.line) for s in document.sections()] == [("H", 3)]


def test_yaml_floats_are_found_with_the_value_as_written():
    text = (
        "---\ntitle: Privacy Policy\nslug: privacy-policy\nversion: 2.10\n"
        "effective_date: 2026-01-01\n---\n"
    )
    document = parse_document(text)
    assert document.meta["version"] == 2.1
    assert document.meta["effective_date"] == dt.date(2026, 1, 1)
    assert check_front_matter(
        document.meta, document.front_matter, expected_slug="privacy-policy"
    ) == [
        Problem(
            4,
            'front matter `version: 2.10` is read as the number 2.1; put it in quotes ("2.10") '
            "to keep it as written",
        )
    ]


@pytest.mark.parametrize("written", ["2026-01-01", "'2026-01-01'", "2026-01-01 09:30:00"])
def test_effective_date_that_is_a_date(written):
    document = parse_document(f"---\ntitle: T\nslug: t\neffective_date: {written}\n---\n")
    assert check_front_matter(document.meta, document.front_matter, expected_slug="t") == []


@pytest.mark.parametrize("written", ["01/02/2026", "20260101", "'2026-02-30'", "soon"])
def test_effective_date_that_is_not_a_date(written):
    document = parse_document(f"---\ntitle: T\nslug: t\neffective_date: {written}\n---\n")
    message = f"front matter `effective_date: {written}` is not a date; write it as YYYY-MM-DD"
    assert check_front_matter(document.meta, document.front_matter, expected_slug="t") == [
        Problem(4, message)
    ]


def test_toml_front_matter_gets_the_same_checks():
    text = '+++\ntitle = "T"\nslug = "T"\neffective_date = 2026-01-01\nversion = 2.10\n+++\n'
    document = parse_document(text)
    assert document.meta["effective_date"] == dt.date(2026, 1, 1)
    assert check_front_matter(document.meta, document.front_matter, expected_slug="t") == [
        Problem(
            3, "front matter `slug: T` is not allowed: use lower-case letters, digits and hyphens"
        ),
        Problem(
            5,
            'front matter `version: 2.10` is read as the number 2.1; put it in quotes ("2.10") '
            "to keep it as written",
        ),
    ]


# -- properties -------------------------------------------------------------------------------

FRAGMENTS = [
    "#",
    "## ",
    "- ",
    "* ",
    "1. ",
    "|",
    "| a |",
    "|---|",
    "---",
    "+++",
    "...",
    "> ",
    "```",
    "    ",
    "\t",
    "\n",
    "\r\n",
    "\u00a0",
    "{% x %}",
    "<!-- c -->",
    "<div>",
    "[l](#x)",
    "title: x",
    "word",
]
markdownish = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.text() | markdownish)
@example("---\nx: " + "[" * 3000 + "\n---\n")
@example("+++\nx = " + "[" * 3000 + "\n+++\n")
@example("> " * 200 + "x")
@example("- " * 200 + "x")
def test_parse_never_raises(text):
    document = parse_document(text)
    last = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for section in document.all_sections():
        for block in section.blocks:
            assert 1 <= block.line <= last


def _lf(text: str) -> str:
    return text.replace("\r", "")


# Both properties below are derandomised: they run the same examples on every run. Trailing
# whitespace is meaningful to CommonMark after a backslash and inside a code span that spans
# lines; the parser strips it before tokenising, and the cases that showed it are kept below.
@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text() | markdownish)
def test_parse_is_the_same_with_crlf_and_lf(text):
    lf = _lf(text)
    assert signature(parse_document(lf.replace("\n", "\r\n"))) == signature(parse_document(lf))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text() | markdownish, st.data())
def test_parse_is_the_same_with_trailing_whitespace(text, data):
    lines = _lf(text).split("\n")
    padding = data.draw(
        st.lists(
            st.sampled_from(["", " ", "  ", "\t", " \t "]),
            min_size=len(lines),
            max_size=len(lines),
        )
    )
    padded = "\n".join(line + pad for line, pad in zip(lines, padding, strict=True))
    assert signature(parse_document(padded)) == signature(parse_document("\n".join(lines)))


@pytest.mark.parametrize(
    ("lf", "padded"),
    [
        ("We keep\\\nyour data.", "We keep\\ \nyour data."),  # hard break vs literal backslash
        ("- [x]: /u\\", "- [x]: /u\\ "),  # a link definition markdown-it no longer sees
        ("See `\na `.", "See `\t\na `."),  # code span: one edge space no longer stripped
    ],
    ids=["backslash-break", "link-definition", "code-span"],
)
def test_known_trailing_whitespace_counterexamples(lf, padded):
    assert signature(parse_document(padded)) == signature(parse_document(lf))


@settings(max_examples=300)
@given(
    st.text(
        st.one_of(
            st.characters(),
            st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x85\u00a0\u1680\u2007\u200b\u2028\u3000")),
            st.sampled_from(["\u0301", "\u212b", "\ufeff", "\u2060", "\u202f", "e"]),
        )
    )
)
def test_normalize_collapses_exactly_the_whitespace_a_regular_expression_would(text):
    import re
    import unicodedata

    from policy.document.text import _ODD_SPACES, normalize

    expected = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).translate(_ODD_SPACES))
    assert normalize(text) == expected.strip()


def test_the_plain_text_shortcut_knows_every_inline_rule_markdown_it_runs():
    # The shortcut is exact only while these rules (and the characters they start at) are the
    # ones enabled: a rule added by a markdown-it upgrade must be looked at first.
    from policy.document.parser import INLINE_RULES, _markdown

    assert tuple(_markdown().inline.ruler.get_active_rules()) == INLINE_RULES


PLAIN_OR_NOT = st.text(
    alphabet=st.sampled_from(list("ab é1.,;|#-+>:=~^@$%{}()\"'!&*<>[]\\`_\n\t\u00a0\u0301\u2028")),
    max_size=120,
)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(PLAIN_OR_NOT | markdownish)
def test_text_taken_without_the_inline_pass_is_what_the_inline_pass_gives(text):
    from policy.document.parser import _Builder, _Inline, _markdown

    def build(run_everything: bool):
        env: dict = {}
        tokens = _markdown().parse(text, env)
        inline = _Inline(env)
        if run_everything:
            inline.complete(tokens)  # every text through markdown-it's inline rules
        return _Builder(text.split("\n"), 1, inline).build(tokens)

    assert build(run_everything=False) == build(run_everything=True)

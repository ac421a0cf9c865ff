"""Policy Markdown as website HTML: anchors as `document` makes them, and nothing unsafe."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy.document import parse_document
from policy.publish.markdown import ALLOWED_TAGS, render_policy

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="java&#x09;script:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![x](data:image/svg+xml,<svg onload=alert(1)>)",
    "![x](https://tracker.example/pixel.gif)",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example"><input name=p><button>Go</button></form>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<style>body { display: none }</style>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<div onclick="alert(1)" onmouseover="alert(1)">hover</div>',
    '<h2 id="x" onclick="alert(1)" class="anchor" style="color:red">Heading</h2>',
    '<a href="https://example.com" target="_blank" onfocus="alert(1)" autofocus>ok</a>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<!-- <script>alert(1)</script> -->",
    '<details open ontoggle="alert(1)"><summary>s</summary></details>',
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<table background="javascript:alert(1)"><tr><td>c</td></tr></table>',
]
SCHEMES = ("http", "https", "mailto", "tel")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "background", "xlink:href", "data"}


class Collector(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs))


def unsafe(html: str) -> list[str]:
    """What in `html` could run code, load something or restyle the page; [] when safe."""
    collector = Collector()
    collector.feed(html)
    problems = []
    for tag, attrs in collector.elements:
        if tag not in ALLOWED_TAGS:
            problems.append(f"element <{tag}>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") or name in ("style", "src", "srcdoc", "target"):
                problems.append(f"attribute {name} on <{tag}>")
            if name == "class" and not (tag == "a" and value == "anchor"):
                problems.append(f"class {value!r} on <{tag}>")
            if name == "id" and tag not in ("h1", "h2", "h3", "h4", "h5", "h6"):
                problems.append(f"id on <{tag}>")
            scheme = value.split("/")[0]
            if name in URL_ATTRIBUTES and ":" in scheme and scheme.split(":")[0] not in SCHEMES:
                problems.append(f"{name}={value!r} on <{tag}>")
    return problems


def page(body: str) -> str:
    return f"---\ntitle: T\nslug: t\neffective_date: 2026-01-01\n---\n\n# Title\n\n{body}\n"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_payload_reaches_the_html(payload):
    for body in (payload, f"Some text {payload} inline.", f"- item {payload}", f"> {payload}"):
        html = render_policy(page(body)).html
        assert unsafe(html) == [], (payload, html)


def test_the_checker_itself_catches_unsafe_html():
    assert unsafe('<p onclick="x">a</p><img src="x"><a href="javascript:y">z</a>') == [
        "attribute onclick on <p>",
        "element <img>",
        "attribute src on <img>",
        "href='javascript:y' on <a>",
    ]


def test_safe_markup_is_kept():
    text = page(
        "Read **this** and *that*, `code`, ~~old~~.\n\n"
        "1. one\n2. two\n\n| A | B |\n| - | - |\n| 1 | 2 |\n\n"
        "[site](https://example.com) [mail](mailto:dpo@example.com) [here](#title)\n"
    )
    html = render_policy(text).html
    for fragment in (
        "<strong>this</strong>",
        "<em>that</em>",
        "<code>code</code>",
        "<ol>\n<li>one</li>",
        "<th>A</th>",
        "<td>2</td>",
        '<a href="https://example.com" rel="noopener noreferrer">site</a>',
        '<a href="mailto:dpo@example.com" rel="noopener noreferrer">mail</a>',
        '<a href="#title" rel="noopener noreferrer">here</a>',
    ):
        assert fragment in html


def test_heading_ids_are_the_anchors_of_the_document_model():
    text = page(
        "## 1. Who & why\n\nA.\n\n## 1. Who & why\n\nB.\n\n"
        "### 1.1 Détails\n\nC.\n\n- ## not a section\n"
    )
    rendered = render_policy(text)
    assert rendered.heading.startswith('<h1 id="title">Title <a class="anchor" href="#title"')
    anchors = [s.anchor for s in parse_document(text).sections()]
    assert anchors == ["title", "1-who--why", "1-who--why-1", "11-détails"]
    assert [(h.level, h.anchor, h.text) for h in rendered.toc] == [
        (2, "1-who--why", "1. Who & why"),
        (2, "1-who--why-1", "1. Who & why"),
        (3, "11-détails", "1.1 Détails"),
    ]
    for anchor in anchors[1:]:
        assert f'id="{anchor}"' in rendered.html
    assert "<h2>not a section</h2>" in rendered.html


def test_a_text_without_a_title_heading_leaves_the_title_to_the_page():
    rendered = render_policy("---\ntitle: Terms\n---\n\nJust text.\n")
    assert (rendered.title, rendered.heading, rendered.html) == ("Terms", "", "<p>Just text.</p>\n")


FRAGMENTS = st.sampled_from(
    [*PAYLOADS, "# ", "## ", "- ", "> ", "`", "*", "[", "](", ")", "<", ">", "\"", "'", "=",
     "\n", "\n\n", " ", "javascript:", "on", "a", "https://x.example", "|", "&", "#"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(FRAGMENTS, max_size=30).map("".join))
def test_any_mix_of_markup_and_payloads_renders_safe_html(body):
    assert unsafe(render_policy(page(body)).html) == []

"""Control characters in titles and tag summaries: `check` rejects them in front matter, and the
site (pages, feed.xml, versions.json) and the emails never carry one; feed.xml stays XML."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from gitrepo import make_repo, tag_plain, tag_release, write_and_commit
from hypothesis import given
from hypothesis import strategies as st
from notifyrepo import standin_env, write_csv
from sendgrid_standin import SendGridStandIn

from policy.cli import main
from policy.document.text import printable

SLUG = "privacy-policy"
PATH = f"policies/{SLUG}.md"
BODY = "# Privacy\n\n## Sharing\n\nWe share payment data with PayPal.\n"
# XML 1.0's Char production: what a feed may hold.
XML_CHAR = re.compile("^[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*$")
ANY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
KEY = "SG.control-test-key-42"


def text(title: str, date: str = "2026-01-01", body: str = BODY) -> str:
    return f'---\ntitle: "{title}"\nslug: {SLUG}\neffective_date: {date}\n---\n\n{body}'


def run(repo, *args: str, env: dict[str, str] | None = None):
    return CliRunner(env=env).invoke(main, ["--repo", repo.working_tree_dir, *args])


def two_releases(path, title: str = "Privacy\\vPolicy"):
    """1.0.0 with `title` (by default a vertical tab in it, written as YAML's \\v escape);
    2.0.0 (major) tagged by hand, its summary holding \\x01 and an escape sequence."""
    repo = make_repo(path)
    write_and_commit(repo, ".gitignore", "/site/\n/.policy/\n", "Ignore")
    write_and_commit(repo, PATH, text(title), "First")
    tag_release(repo, SLUG, "1.0.0", "none", "2026-01-01", "First release.")
    changed = BODY.replace("PayPal", "Stripe")
    # In 2099: a major release already in effect and never announced would not be emailed.
    write_and_commit(repo, PATH, text(title, "2099-03-01", changed), "Stripe")
    message = (
        f"{SLUG} 2.0.0\n\nStripe\x01replaces \x1b[31mPayPal\x1b[0m.\n\n"
        "Level: major\nCategories: sharing\nEffective-Date: 2099-03-01\n"
    )
    tag_plain(repo, f"{SLUG}/v2.0.0", message)
    return repo


@pytest.fixture
def repo(tmp_path):
    repo = two_releases(tmp_path / "repo")
    yield repo
    repo.close()


# -- check --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front_matter", "line", "key", "code"),
    [
        ('title: "Privacy\\vPolicy"\nslug: p\neffective_date: 2026-01-01', 2, "title", "000B"),
        ("title: Privacy\nslug: p\neffective_date: 2026-01-01\nowner: \"Le\\x85gal\"", 5, "owner",
         "0085"),
        ('title: Privacy\nslug: p\neffective_date: 2026-01-01\ntags: ["a", "b\\u0000"]', 5, "tags",
         "0000"),
    ],
    ids=["title", "c1-control", "inside-a-list"],
)  # fmt: skip
def test_check_rejects_a_control_character_in_front_matter(tmp_path, front_matter, line, key, code):
    repo = make_repo(tmp_path / "repo")
    write_and_commit(repo, "policies/p.md", f"---\n{front_matter}\n---\n\n# P\n\nText.\n", "P")
    result = run(repo, "check")
    assert result.exit_code == 1
    assert result.stdout == (
        f"policies/p.md:{line}: front matter `{key}` holds the invisible control character "
        f"U+{code}; remove it (it would break the feed and the pages)\n"
    )


def test_check_rejects_it_in_toml_front_matter_too(tmp_path):
    repo = make_repo(tmp_path / "repo")
    content = (
        '+++\ntitle = "P\\u001b"\nslug = "p"\neffective_date = "2026-01-01"\n+++\n\n# P\n\nT.\n'
    )
    write_and_commit(repo, "policies/p.md", content, "P")
    result = run(repo, "check")
    assert (result.exit_code, result.stdout) == (
        1,
        "policies/p.md:2: front matter `title` holds the invisible control character U+001B; "
        "remove it (it would break the feed and the pages)\n",
    )


# -- the site -----------------------------------------------------------------------------------


def test_publish_refuses_a_release_whose_front_matter_holds_one(repo, tmp_path):
    """`policy check` rejects the title at 1.0.0's commit: nothing goes online."""
    out = tmp_path / "site"
    result = run(repo, "publish", "--out", str(out), "--as-of", "2026-02-01")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: privacy-policy 1.0.0 (tag privacy-policy/v1.0.0) fails `policy check` at its "
        "commit, so nothing was published: policies/privacy-policy.md:2: front matter `title` "
        "holds the invisible control character U+000B;"
    )
    assert not (out / SLUG).exists()


def test_the_feed_is_valid_xml_and_no_page_holds_a_control_character(tmp_path):
    """The tag's summary (which no check reads) holds control characters; no page does."""
    repo = two_releases(tmp_path / "repo", title="Privacy Policy")
    out = tmp_path / "site"
    result = run(repo, "publish", "--out", str(out), "--as-of", "2026-02-01")
    assert result.exit_code == 0, result.output
    feed = ET.parse(out / SLUG / "feed.xml").getroot()  # expat refuses any control character
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.findtext(f"{atom}title") == "Privacy Policy: new versions"
    summaries = [e.findtext(f"{atom}summary") for e in feed.findall(f"{atom}entry")]
    assert "Stripe replaces [31mPayPal [0m." in summaries[0]
    rendered = [p for p in out.rglob("*") if p.suffix in (".html", ".xml", ".json")]
    assert len(rendered) >= 8
    for page in rendered:
        assert not ANY_CONTROL.search(page.read_text(encoding="utf-8")), page
    versions = json.loads((out / SLUG / "versions.json").read_text(encoding="utf-8"))
    assert versions["title"] == "Privacy Policy"
    assert versions["releases"][1]["summary"] == "Stripe replaces [31mPayPal [0m."
    page = (out / SLUG / "v2.0.0" / "index.html").read_text(encoding="utf-8")
    assert "<title>Privacy Policy, version 2.0.0 · " in page


def test_versions_lists_the_summary_without_control_characters(repo):
    result = run(repo, "versions", "--as-of", "2026-02-01")
    assert result.exit_code == 0
    assert "Stripe replaces [31mPayPal [0m." in result.stdout
    assert not ANY_CONTROL.search(result.stdout)


# -- the email ----------------------------------------------------------------------------------


def test_the_email_holds_no_control_character(repo, tmp_path):
    source = write_csv(tmp_path / "r.csv", ["ann@example.com"])
    with SendGridStandIn(api_key=KEY) as standin:
        env = standin_env(standin.url, KEY)
        result = run(repo, "notify", SLUG, "2.0.0", "--recipients", str(source), env=env)
        assert result.exit_code == 0, result.output
        (mail,) = standin.accepted
    assert "Privacy Policy" in mail.subject
    for part in (mail.subject, mail.body, mail.html):
        assert part and not ANY_CONTROL.search(part)
    assert "Soocas is changing its Privacy Policy. The new version (2.0.0)" in mail.body
    assert "In short: Stripe replaces [31mPayPal [0m." in mail.body


# -- the function -------------------------------------------------------------------------------


@given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_printable_text_is_always_xml(value):
    cleaned = printable(value)
    assert XML_CHAR.match(cleaned)
    assert len(cleaned) == len(value)  # replaced by spaces: positions and words stay

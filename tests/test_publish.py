"""`policy publish`: the pages, their links, versions.json, the feed, determinism, increments."""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from gitrepo import policy_text, tag_release, write_and_commit
from publishing import BODY_3, PATH, SLUG, TODAY, three_releases

from policy.cli import main
from policy.publish.site import publish
from policy.settings.runtime import Runtime
from policy.versions.repository import PolicyRepository

ATOM = "{http://www.w3.org/2005/Atom}"
PAGES = [
    "404.html",
    "favicon.svg",
    "index.html",
    f"{SLUG}/changes.html",
    f"{SLUG}/feed.xml",
    f"{SLUG}/index.html",
    *[
        f"{SLUG}/v{v}/{name}"
        for v in ("1.0.0", "1.1.0", "2.0.0")
        for name in ("changes.html", "index.html", f"{SLUG}.md")
    ],
    f"{SLUG}/versions.json",
    "style.css",
]


@pytest.fixture
def repo(tmp_path):
    repo = three_releases(tmp_path / "repo")
    yield repo
    repo.close()


def build(repo, out: Path, today=TODAY, base_url=None):
    repository = PolicyRepository.open(repo.working_tree_dir)
    runtime = Runtime.resolve(repository.root, repository.settings, base_url=base_url)
    try:
        return publish(repository, out, today, runtime.base_url)
    finally:
        repository.close()


def site_files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.relative_to(out).as_posix().startswith(".policy-publish/")
    }


def page(out: Path, name: str) -> str:
    return (out / name).read_text(encoding="utf-8")


def test_the_site_has_every_page_and_nothing_else(repo, tmp_path):
    result = build(repo, tmp_path / "site")
    assert sorted(site_files(tmp_path / "site")) == sorted(PAGES)
    assert (result.policies, result.releases, result.up_to_date) == (1, 3, False)
    assert sorted(result.written) == sorted(PAGES)


def test_the_page_in_effect_shows_the_current_version_and_announces_the_upcoming_one(
    repo, tmp_path
):
    build(repo, tmp_path / "site")
    html = page(tmp_path / "site", f"{SLUG}/index.html")
    assert '<html lang="en">' in html
    assert "Version 1.1.0, in effect since " in html
    assert '<time datetime="2026-02-01">1 February 2026</time>' in html
    banner = re.search(r'<aside class="notice upcoming".*?</aside>', html, re.S).group(0)
    assert "<strong>Version 2.0.0</strong> of this policy takes effect on" in banner
    assert '<time datetime="2099-03-01">1 March 2099</time>' in banner
    assert 'href="../privacy-policy/v2.0.0/index.html">Read version 2.0.0</a>' in banner
    assert 'href="../privacy-policy/v2.0.0/changes.html">See what changes</a>' in banner
    assert "Until then, version 1.1.0 applies." in banner
    # The text in effect is 1.1.0's, with heading anchors and a table of contents.
    assert "<li>Your orders and returns.</li>" in html
    assert "Paypal" in html and "Stripe" not in html
    assert '<h2 id="2-who-we-share-it-with">2. Who we share it with <a class="anchor"' in html
    assert '<a href="#2-who-we-share-it-with">2. Who we share it with</a>' in html
    assert "<script" not in html


def test_release_pages_say_whether_they_apply_and_link_their_neighbours(repo, tmp_path):
    out = tmp_path / "site"
    build(repo, out)
    old = page(out, f"{SLUG}/v1.0.0/index.html")
    assert "This version is no longer in effect." in old
    assert (
        'It was replaced by <a href="../../privacy-policy/v1.1.0/index.html">version 1.1.0</a>'
        in old
    )
    assert 'rel="prev"' not in old
    assert 'rel="next" href="../../privacy-policy/v1.1.0/index.html"' in old
    assert (
        '<link rel="canonical" href="https://www.soocas.com/policies/privacy-policy/v1.0.0/index.html">'
        in old
    )
    middle = page(out, f"{SLUG}/v1.1.0/index.html")
    assert "This version is in effect since" in middle
    assert 'rel="prev" href="../../privacy-policy/v1.0.0/index.html"' in middle
    assert 'rel="next" href="../../privacy-policy/v2.0.0/index.html"' in middle
    new = page(out, f"{SLUG}/v2.0.0/index.html")
    assert "This version takes effect on" in new
    assert (
        'Until then, <a href="../../privacy-policy/v1.1.0/index.html">version 1.1.0</a> applies.'
        in new
    )
    assert "<dt>Change</dt><dd>Major change: Recipients of sharing, transfer or disclosure; " in new


def test_the_redline_shows_the_words_changed_and_the_categories_with_evidence(repo, tmp_path):
    out = tmp_path / "site"
    build(repo, out)
    html = page(out, f"{SLUG}/v2.0.0/changes.html")
    assert "<h1>What changed in version 2.0.0</h1>" in html
    assert re.search(
        r"<del>Paypal</del>\s*<ins>Stripe</ins>|<del>Paypal</del><ins>Stripe</ins>", html
    )
    assert "<strong>Recipients of sharing, transfer or disclosure</strong>" in html
    assert "<strong>Responsible departments, contacts and complaint channels</strong>" in html
    # Evidence links to the section in the version that has it.
    assert (
        'href="../../privacy-policy/v2.0.0/index.html#3-contact-us">'
        "Privacy Policy › 3. Contact us</a>" in html
    )
    assert "(rule " not in html and "[rule" not in html
    first = page(out, f"{SLUG}/v1.0.0/changes.html")
    assert "This is the first published version of the policy" in first


def test_the_history_lists_every_release_newest_first(repo, tmp_path):
    out = tmp_path / "site"
    build(repo, out)
    html = page(out, f"{SLUG}/changes.html")
    versions = re.findall(r'<li class="entry ([a-z-]+)" id="v([\d.]+)">', html)
    assert versions == [("upcoming", "2.0.0"), ("in-effect", "1.1.0"), ("past", "1.0.0")]
    assert '<dt>Effective</dt><dd><time datetime="2099-03-01">1 March 2099</time></dd>' in html
    assert '<dt>Published</dt><dd><time datetime="2026-05-20">20 May 2026</time></dd>' in html
    assert "<dt>Change</dt><dd>Minor change</dd>" in html
    assert "<dt>Summary</dt><dd>Returns are data too.</dd>" in html
    assert 'href="v1.1.0/changes.html">What changed from version 1.0.0</a>' in html


def test_versions_json_describes_each_release_with_the_hash_of_its_markdown(repo, tmp_path):
    out = tmp_path / "site"
    build(repo, out)
    data = json.loads(page(out, f"{SLUG}/versions.json"))
    assert (data["slug"], data["title"], data["in_effect"]) == (SLUG, "Privacy Policy", "1.1.0")
    last = data["releases"][-1]
    commit = repo.git.rev_parse(f"{SLUG}/v2.0.0^{{commit}}")
    markdown = repo.git.show(f"{commit}:{PATH}").encode() + b"\n"
    assert last == {
        "slug": SLUG,
        "version": "2.0.0",
        "tag": f"{SLUG}/v2.0.0",
        "commit": commit,
        "released": "2026-05-20T10:00:00+00:00",
        "effective_date": "2099-03-01",
        "level": "major",
        "categories": ["sharing", "contacts"],
        "summary": "A new payment processor and a data protection officer.",
        "override": None,
        "short_notice_reason": None,
        "problems": [],
        "status": "upcoming",
        "sha256": hashlib.sha256(markdown).hexdigest(),
        "tagged_sha256": hashlib.sha256(markdown).hexdigest(),  # its file states 2099-03-01
        "url": "https://www.soocas.com/policies/privacy-policy/v2.0.0/index.html",
        "changes_url": "https://www.soocas.com/policies/privacy-policy/v2.0.0/changes.html",
        "markdown_url": "https://www.soocas.com/policies/privacy-policy/v2.0.0/privacy-policy.md",
    }
    assert (out / f"{SLUG}/v2.0.0/{SLUG}.md").read_bytes() == markdown
    assert [r["status"] for r in data["releases"]] == ["past", "in effect", "upcoming"]


def test_the_atom_feed_is_valid_and_links_each_release_to_its_redline(repo, tmp_path):
    out = tmp_path / "site"
    build(repo, out, base_url="https://example.org/legal")
    feed = ET.fromstring((out / f"{SLUG}/feed.xml").read_bytes())
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id") == "https://example.org/legal/privacy-policy/feed.xml"
    assert feed.findtext(f"{ATOM}updated") == "2026-05-20T10:00:00+00:00"
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Soocas policies"
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == "https://example.org/legal/privacy-policy/feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [
        f"https://example.org/legal/privacy-policy/v{v}/index.html"
        for v in ("2.0.0", "1.1.0", "1.0.0")
    ]
    newest = entries[0]
    assert newest.findtext(f"{ATOM}title") == "Privacy Policy version 2.0.0, effective 1 March 2099"
    assert newest.findtext(f"{ATOM}updated") == "2026-05-20T10:00:00+00:00"
    link = newest.find(f"{ATOM}link[@rel='alternate']")
    assert link.get("href") == "https://example.org/legal/privacy-policy/v2.0.0/changes.html"
    assert newest.findtext(f"{ATOM}summary").startswith("Major change (Recipients of sharing")
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{required}")


def test_same_releases_give_byte_identical_sites(repo, tmp_path):
    build(repo, tmp_path / "one")
    build(repo, tmp_path / "two")
    assert site_files(tmp_path / "one") == site_files(tmp_path / "two")


def test_a_rerun_with_nothing_changed_writes_nothing(repo, tmp_path):
    out = tmp_path / "site"
    build(repo, out)
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    result = build(repo, out)
    assert (result.up_to_date, result.written, result.unchanged) == (True, (), len(PAGES))
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps


def test_a_damaged_page_is_rewritten_and_only_it(repo, tmp_path):
    out = tmp_path / "site"
    build(repo, out)
    (out / "style.css").write_text("body { color: red }")
    result = build(repo, out)
    assert (result.up_to_date, result.written, result.unchanged) == (
        False,
        ("style.css",),
        len(PAGES) - 1,
    )
    assert site_files(out)["style.css"].startswith(b"/* The policy website")


def test_a_new_release_rewrites_the_pages_it_changes_and_keeps_the_others(repo, tmp_path):
    out = tmp_path / "site"
    build(repo, out)
    text = policy_text(SLUG, "2099-06-01", BODY_3.replace("your data", "your personal data"))
    write_and_commit(repo, PATH, text, "Wording", "2026-05-25 10:00:00 +0000")
    tag_release(
        repo, SLUG, "2.0.1", "editorial", "2099-06-01", "Wording.", date="2026-05-25 10:00:00 +0000"
    )
    result = build(repo, out)
    assert sorted(result.written) == [
        "index.html",
        f"{SLUG}/changes.html",
        f"{SLUG}/feed.xml",
        f"{SLUG}/index.html",
        f"{SLUG}/v1.1.0/index.html",  # in effect: its banner names every upcoming version
        f"{SLUG}/v2.0.0/index.html",  # its "next" link
        f"{SLUG}/v2.0.1/changes.html",
        f"{SLUG}/v2.0.1/index.html",
        f"{SLUG}/v2.0.1/{SLUG}.md",
        f"{SLUG}/versions.json",
    ]


def test_the_day_a_release_takes_effect_the_pages_follow(repo, tmp_path):
    out = tmp_path / "site"
    build(repo, out)
    result = build(repo, out, today=__import__("datetime").date(2099, 3, 1))
    assert f"{SLUG}/index.html" in result.written
    html = page(out, f"{SLUG}/index.html")
    assert "Version 2.0.0, in effect since " in html
    assert "Upcoming change" not in html


def test_pages_of_a_deleted_release_are_removed_but_other_files_are_kept(repo, tmp_path):
    out = tmp_path / "site"
    build(repo, out)
    (out / "CNAME").write_text("policies.example.com\n")
    repo.git.tag("-d", f"{SLUG}/v2.0.0")
    result = build(repo, out)
    assert sorted(result.removed) == [
        f"{SLUG}/v2.0.0/{name}" for name in ("changes.html", "index.html", f"{SLUG}.md")
    ]
    assert not (out / f"{SLUG}/v2.0.0").exists()
    assert (out / "CNAME").read_text() == "policies.example.com\n"


def test_a_policy_without_releases_is_not_published(tmp_path):
    from gitrepo import make_repo

    repo = make_repo(tmp_path / "repo")
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-01", "# P\n\nText.\n"), "Draft")
    result = build(repo, tmp_path / "site")
    repo.close()
    assert (result.policies, result.releases) == (0, 0)
    assert "<p>No policy has been published yet.</p>" in page(tmp_path / "site", "index.html")


# -- command line ---------------------------------------------------------------------------


def run(repo, *args):
    return CliRunner().invoke(main, ["--repo", repo.working_tree_dir, *args])


def test_cli_publishes_into_the_configured_folder_then_reports_up_to_date(repo):
    site = Path(repo.working_tree_dir) / "site"
    first = run(repo, "publish", "--as-of", TODAY.isoformat())
    assert first.exit_code == 0, first.output
    assert (
        first.output
        == f"{site}: 1 policy, 3 release(s); {len(PAGES)} file(s) written, 0 unchanged.\n"
    )
    second = run(repo, "publish", "--as-of", TODAY.isoformat())
    assert second.output == f"{site}: 1 policy, 3 release(s); up to date, nothing written.\n"
    assert repo.git.status("--porcelain") == ""  # the site is git-ignored; nothing else written


def test_cli_out_and_base_url(repo, tmp_path):
    out = tmp_path / "elsewhere"
    result = run(repo, "publish", "--out", str(out), "--base-url", "http://localhost:9/p")
    assert result.exit_code == 0, result.output
    assert '"url": "http://localhost:9/p/privacy-policy/v1.0.0/index.html"' in page(
        out, f"{SLUG}/versions.json"
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["--base-url", "ftp://x"],
            2,
            "Error: --base-url 'ftp://x' is not a web address; give one such as "
            "https://www.example.com/policies/\n",
        ),
        (["--as-of", "June"], 2, None),
    ],
)
def test_cli_rejects_bad_options(repo, tmp_path, args, code, message):
    result = run(repo, "publish", "--out", str(tmp_path / "s"), *args)
    assert result.exit_code == code
    if message:
        assert result.output == message
    else:
        assert "Invalid value for '--as-of': 'June' is not a date; use YYYY-MM-DD" in result.output
    assert not (tmp_path / "s").exists()


def test_cli_refuses_to_write_into_a_file_or_the_repository(repo, tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    result = run(repo, "publish", "--out", str(target))
    assert result.exit_code == 2
    assert result.output.endswith(
        f"Error: Invalid value for '--out': Directory '{target}' is a file.\n"
    )
    result = run(repo, "publish", "--out", repo.working_tree_dir)
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {Path(repo.working_tree_dir).resolve()}: is a git working tree; give --out a "
        "folder of its own, such as site\n",
    )


def test_hostile_text_and_tag_messages_reach_no_page_as_markup(tmp_path):
    from gitrepo import make_repo
    from test_publish_markdown import PAYLOADS, Collector

    repo = make_repo(tmp_path / "repo")
    hostile = "\n\n".join(PAYLOADS)
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-01", "# P\n\nText.\n"), "One")
    tag_release(repo, SLUG, "1.0.0", "major", "2026-01-01", "<script>alert(1)</script>")
    text = policy_text(SLUG, "2026-02-01", f"# P <img src=x onerror=alert(1)>\n\n{hostile}\n")
    write_and_commit(repo, PATH, text, "Two")
    tag_release(repo, SLUG, "1.1.0", "minor", "2026-02-01", '<a href="javascript:alert(1)">x</a>')
    out = tmp_path / "site"
    build(repo, out)
    repo.close()
    for name, data in site_files(out).items():
        if not name.endswith((".html", ".xml")):
            continue
        collector = Collector()
        collector.feed(data.decode())
        for tag, attrs in collector.elements:
            assert tag not in (
                "script",
                "img",
                "svg",
                "iframe",
                "object",
                "embed",
                "form",
                "style",
                "base",
                "meta",
            ) or (
                tag == "meta"
                and attrs
                in (
                    [("charset", "utf-8")],
                    [("name", "viewport"), ("content", "width=device-width, initial-scale=1")],
                )
            ), (name, tag, attrs)
            for attr, value in attrs:
                assert not attr.startswith("on"), (name, tag, attr)
                assert attr != "style", (name, tag)
                assert (
                    not (value or "")
                    .lower()
                    .lstrip()
                    .startswith(("javascript:", "data:", "vbscript:"))
                ), (name, tag, value)
    summary = page(out, f"{SLUG}/changes.html")
    assert "<dd>&lt;script&gt;alert(1)&lt;/script&gt;</dd>" in summary


def test_an_override_and_a_short_notice_are_shown_with_the_change(tmp_path):
    import datetime as dt

    from gitrepo import make_repo, tag_plain

    from policy.versions.levels import Level, Version
    from policy.versions.releases import Override, format_tag_message

    repo = make_repo(tmp_path / "repo")
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-01", "# P\n\nWe keep data.\n"), "One")
    tag_release(repo, SLUG, "1.0.0", "major", "2026-01-01", "First.")
    text = policy_text(SLUG, "2026-01-10", "# P\n\nWe keep data for a year.\n")
    write_and_commit(repo, PATH, text, "Two")
    override = Override(
        level=Level.MAJOR,
        categories=("purposes",),
        source="policy release --level",
        by="Jane Doe <jane@example.com>",
        reason="Retention is a purpose here.",
        classified_level=Level.MINOR,
        classified_categories=(),
    )
    message = format_tag_message(
        SLUG,
        Version(2, 0, 0),
        Level.MAJOR,
        dt.date(2026, 1, 10),
        "Data kept for a year.",
        categories=("purposes",),
        override=override,
        short_notice_reason="Required by a court order.",
    )
    tag_plain(repo, f"{SLUG}/v2.0.0", message)
    out = tmp_path / "site"
    build(repo, out)
    repo.close()
    html = page(out, f"{SLUG}/v2.0.0/changes.html")
    assert (
        '<p class="override">The level was set by a person: Jane Doe &lt;jane@example.com&gt; '
        "(policy release --level): “Retention is a purpose here.”. The automatic check said: "
        "minor.</p>"
    ) in html
    assert '<p class="override">Shorter notice than usual: Required by a court order.</p>' in html
    assert "<strong>Purposes, data types and ways of use</strong>" in html


def test_a_tag_made_by_hand_is_published_with_its_front_matter_date(tmp_path):
    from gitrepo import lightweight_tag, make_repo

    repo = make_repo(tmp_path / "repo")
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-01", "# P\n\nText.\n"), "One")
    lightweight_tag(repo, f"{SLUG}/v1.0.0")
    out = tmp_path / "site"
    build(repo, out)
    repo.close()
    html = page(out, f"{SLUG}/v1.0.0/index.html")
    assert "<dt>Change</dt><dd>Level not recorded</dd>" in html
    assert 'This version is in effect since <time datetime="2026-01-01">' in html
    data = json.loads(page(out, f"{SLUG}/versions.json"))
    assert (data["releases"][0]["level"], data["releases"][0]["effective_date"]) == (
        None,
        "2026-01-01",
    )


def test_site_title_and_language_come_from_policy_toml(repo, tmp_path):
    config = '[site]\ntitle = "Example legal"\nlanguage = "fr"\n'
    Path(repo.working_tree_dir, "policy.toml").write_text(config)
    build(repo, tmp_path / "site")
    html = page(tmp_path / "site", f"{SLUG}/index.html")
    assert '<html lang="fr">' in html
    assert "<title>Privacy Policy · Example legal</title>" in html


def test_a_bad_language_is_reported_with_its_key(repo, tmp_path):
    Path(repo.working_tree_dir, "policy.toml").write_text('[site]\nlanguage = "<en>"\n')
    result = run(repo, "publish", "--out", str(tmp_path / "site"))
    assert result.exit_code == 1
    assert result.output.startswith("Error: policy.toml: `site.language` = '<en>' is not allowed")
    assert not (tmp_path / "site").exists()


def test_a_release_whose_name_cannot_be_an_address_is_reported(repo, tmp_path):
    repo.git.tag("-a", "Legal Terms/v1.0.0".replace(" ", "_"), "-m", "x")
    result = run(repo, "publish", "--out", str(tmp_path / "site"))
    assert (result.exit_code, result.output) == (
        1,
        "Error: policy `Legal_Terms` has releases but its name cannot be a web address; use "
        "lower-case letters, digits and hyphens in policy file names\n",
    )
    assert not (tmp_path / "site").exists()


def test_a_policy_deleted_since_its_releases_keeps_its_pages(repo, tmp_path):
    repo.git.rm("-q", PATH)
    repo.git.commit("-m", "Retire the policy")
    out = tmp_path / "site"
    result = build(repo, out)
    assert (result.policies, result.releases) == (1, 3)
    assert "<li>Your orders and returns.</li>" in page(out, f"{SLUG}/index.html")


def test_the_site_marks_changes_with_the_same_rules_as_the_standalone_redline(repo, tmp_path):
    from policy.diff.render.html import REDLINE_STYLE, STYLE

    build(repo, tmp_path / "site")
    css = page(tmp_path / "site", "style.css")
    assert REDLINE_STYLE in css and REDLINE_STYLE in STYLE
    assert css.count(".change {") == 1  # written once, not copied beside it
    for variable in re.findall(r"var\((--[a-z-]+)\)", REDLINE_STYLE):
        assert f"{variable}:" in css and f"{variable}:" in STYLE, variable

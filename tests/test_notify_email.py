"""The email itself: what each person reads, in their language, greeted by name, from the
company named in policy.toml. Both renderings of each bundled language are reviewed snapshot
files (`UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_notify_email.py` rewrites them; review
the diff in git); the end-to-end tests read what the SendGrid stand-in accepted, with the
substitutions applied the way SendGrid applies them."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from gitrepo import write, write_and_commit
from notifyrepo import SLUG, addresses, release_repo, standin_env
from sendgrid_standin import SendGridStandIn

from policy.cli import main
from policy.errors import ConfigError
from policy.notifier.message import Renderings, pick_locale, render_all
from policy.notifier.notice import build_notice, pick_release
from policy.versions.repository import PolicyRepository

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
# Dates and French punctuation hold no-break spaces (U+00A0), so no line breaks inside them.
KEY = "SG.email-test-key-0123456789"


def check_snapshot(name: str, text: str) -> None:
    """Compare with tests/snapshots/<name>; write it instead when UPDATE_SNAPSHOTS=1."""
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {name}: run with UPDATE_SNAPSHOTS=1 and review it"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from its snapshot (UPDATE_SNAPSHOTS=1 to accept)"


def renderings(root: Path, templates_dir: str = "") -> Renderings:
    repository = PolicyRepository.open(root)
    try:
        notice = build_notice(repository, pick_release(repository, SLUG, "2.0.0"))
        return render_all(notice, repository.root, templates_dir)
    finally:
        repository.close()


@pytest.mark.parametrize(("locale", "name"), [("en", "Ann Example"), ("fr", "")])
def test_each_language_matches_its_reviewed_snapshots(tmp_path, locale, name):
    release_repo(tmp_path / "repo")
    email = renderings(tmp_path / "repo").by_locale[locale].personalized(name)
    check_snapshot(f"notice-2.0.0.{locale}.txt", f"Subject: {email.subject}\n\n{email.text}")
    check_snapshot(f"notice-2.0.0.{locale}.html", email.html)


def test_the_email_says_what_changed_and_who_writes(tmp_path):
    release_repo(tmp_path / "repo")
    text = renderings(tmp_path / "repo").by_locale["en"].personalized("Ann").text
    assert text.startswith("Hello Ann,\n\nSoocas is changing its Privacy Policy.")
    assert "In short: New payment processor.\n" in text  # the release summary
    assert (
        "- Recipients of sharing, transfer or disclosure: Changes in the main objects of "
        "personal data sharing, transfer, or disclosure.\n  Changed section: “Sharing”.\n"
    ) in text
    assert text.count("Soocas") == 2  # the opening sentence and the signature


def test_the_company_comes_from_policy_toml_and_must_be_one_line(tmp_path):
    repo = release_repo(tmp_path / "repo")
    write_and_commit(repo, "policy.toml", '[notify]\ncompany_name = "Acme Ltd"\n', "name")
    email = renderings(tmp_path / "repo").by_locale["fr"].personalized("")
    assert email.text.startswith(
        "Bonjour,\n\nAcme Ltd modifie sa politique «\u00a0Privacy Policy\u00a0»."
    )
    assert ">Acme Ltd</td>" in email.html
    write(repo, "policy.toml", '[notify]\ncompany_name = "Acme\\nBcc: x@evil.example"\n')
    with pytest.raises(ConfigError) as caught:
        renderings(tmp_path / "repo")
    assert caught.value.message == (
        "policy.toml: `notify.company_name` = 'Acme\\nBcc: x@evil.example' is not allowed: "
        "must be one line of text"
    )


def test_a_reworded_category_keeps_policy_tomls_words_in_french(tmp_path):
    repo = release_repo(tmp_path / "repo")
    write_and_commit(
        repo,
        "policy.toml",
        '[categories.sharing]\ntitle = "Who we share with"\nwording = "New recipients"\n',
        "reword",
    )
    fr = renderings(tmp_path / "repo").by_locale["fr"].text
    assert "- Who we share with\u00a0: New recipients.\n" in fr  # not a translation of others


@pytest.mark.parametrize(
    ("locale", "chosen"),
    [
        ("fr", "fr"),
        ("FR", "fr"),
        ("fr_CA", "fr"),
        ("fr-BE", "fr"),
        ("en-GB", "en"),
        ("de", "en"),
        ("", "en"),
    ],
)
def test_the_language_falls_back_from_region_to_language_to_the_policys(locale, chosen):
    assert pick_locale(locale, ("en", "fr"), "en") == chosen


def test_a_repository_language_folder_adds_a_language(tmp_path):
    repo = release_repo(tmp_path / "repo")
    for name, content in {
        "subject.txt.j2": "Wichtige Änderungen: {{ policy_title }}\n",
        "body.txt.j2": "{{ greeting }}\n\n{{ company_name }} ändert {{ policy_title }}.\n",
        "body.html.j2": "<p>{{ greeting_html }}</p>\n",
        "greeting.txt.j2": "{% if name %}Hallo {{ name }},{% else %}Hallo,{% endif %}\n",
    }.items():
        write(repo, f"email/de/{name}", content)
    write(repo, "email/es/subject.txt.j2", "incomplete: no body\n")
    found = renderings(tmp_path / "repo", "email")
    assert sorted(found.by_locale) == ["de", "en", "fr"]  # es lacks files: not offered
    email = found["de-AT"].personalized("Jörg")
    assert (email.subject, email.text) == (
        "Wichtige Änderungen: Privacy Policy",
        "Hallo Jörg,\n\nSoocas ändert Privacy Policy.\n",
    )
    assert found["es"].locale == "en"


# -- end to end, through the stand-in ---------------------------------------------------------


@pytest.fixture
def standin(monkeypatch):
    with SendGridStandIn(api_key=KEY) as server:
        for name, value in standin_env(server.url, KEY).items():
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("POLICY_LEDGER_URL", raising=False)
        yield server


def test_each_person_is_greeted_by_name_in_their_language(tmp_path, standin):
    repo = release_repo(tmp_path / "repo")
    source = tmp_path / "r.csv"
    rows = [
        "email,name,locale",
        "ann@example.com,Ann,en",
        "zoe@example.com,Zoé <b>,fr_FR",  # a name with < > is dropped, not the person
        "bob@example.com,,fr",
        "eve@example.com,Eve & Co,de",
        "max@example.com,Max,",
        "lea@example.com,Léa,fr-CA",
    ]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    args = ["--repo", repo.working_tree_dir, "notify", SLUG, "2.0.0", "--recipients", str(source)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "  emails by language: en 3, fr 3" in result.output
    got = {a.email: a for a in standin.accepted}
    assert got["ann@example.com"].body.startswith("Hello Ann,\n\nSoocas is changing")
    assert got["max@example.com"].body.startswith("Hello Max,\n")
    assert got["eve@example.com"].body.startswith("Hello Eve & Co,\n")
    assert '<p style="margin:0 0 16px 0;">Hello Eve &amp; Co,</p>' in got["eve@example.com"].html
    assert got["zoe@example.com"].body.startswith("Bonjour,\n\nSoocas modifie sa politique")
    assert got["bob@example.com"].body.startswith("Bonjour,\n")
    assert got["lea@example.com"].body.startswith("Bonjour Léa,\n")
    assert got["lea@example.com"].subject == (
        "Modifications importantes de notre politique « Privacy Policy », en vigueur le "
        "1er mars 2099"
    )
    assert got["ann@example.com"].subject == (
        "Important changes to our Privacy Policy, effective 1 March 2099"
    )
    for accepted in standin.accepted:
        assert "%policy_greeting" not in accepted.body + accepted.html + accepted.subject
    # One request per language, each its own batch: a claim never mixes two renderings.
    sends = [r.json for r in standin.requests if r.path == "/v3/mail/send"]
    assert sorted(len(b["personalizations"]) for b in sends) == [3, 3]
    assert len({b["batch_id"] for b in sends}) == 2
    assert {b["subject"][:9] for b in sends} == {"Important", "Modificat"}


def test_many_recipients_of_two_languages_each_once(tmp_path, standin):
    repo = release_repo(tmp_path / "repo")
    emails = addresses(2400)
    source = tmp_path / "r.csv"
    lines = ["email,name,locale"]
    lines += [f"{e},P{i},{'fr' if i % 3 == 0 else 'en'}" for i, e in enumerate(emails)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ["--repo", repo.working_tree_dir, "notify", SLUG, "2.0.0", "--recipients", str(source)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert standin.deliveries() == {email: 1 for email in emails}
    french = {a.email for a in standin.accepted if a.body.startswith("Bonjour")}
    assert french == {e for i, e in enumerate(emails) if i % 3 == 0}
    sends = [r.json for r in standin.requests if r.path == "/v3/mail/send"]
    for body in sends:  # every request is one language
        greetings = {
            p["substitutions"]["%policy_greeting%"].split()[0] for p in body["personalizations"]
        }
        assert len(greetings) == 1


# -- the HTML part is built for mail clients ----------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_the_html_is_what_mail_clients_render(tmp_path, locale):
    release_repo(tmp_path / "repo")
    html = renderings(tmp_path / "repo").by_locale[locale].personalized("Ann").html
    parser = _Tags()
    parser.feed(html)
    tags = parser.tags
    names = [tag for tag, _ in tags]
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in tags
    assert ("html", {"lang": locale, "dir": "ltr"}) in tags
    assert "style" not in names and "script" not in names and "link" not in names
    assert "div" not in names[names.index("table") :]  # layout is tables, not divs
    assert all(a.get("role") == "presentation" for tag, a in tags if tag == "table")
    styled = [tag for tag, a in tags if tag in ("td", "a", "h1", "h2", "p") and a.get("style")]
    bare = [tag for tag, a in tags if tag in ("td", "a", "h1", "h2") and not a.get("style")]
    assert styled and bare == []  # inline CSS on every cell, link and heading
    assert re.search(r"max-width:600px", html)
    links = [a["href"] for tag, a in tags if tag == "a"]
    assert links == [
        "https://www.soocas.com/policies/privacy-policy/v2.0.0/",
        "https://www.soocas.com/policies/privacy-policy/v2.0.0/changes.html",
        "mailto:privacy@soocas.com",
        "https://www.soocas.com/account/",
    ]

"""One classification per release: `policy release` records it in a git note on the tag, and
`policy publish` and `policy notify` show what it says without classifying again; a release
made by hand (no note) is classified once and the result kept in `.policy/`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from gitrepo import make_repo, policy_text, tag_release, write_and_commit
from publishing import BODY_1, BODY_3, PATH, SLUG, three_releases

from policy.cli import main
from policy.notifier.notice import build_notice, pick_release
from policy.publish.site import publish
from policy.release.recorded import Recorded
from policy.versions.repository import PolicyRepository

TODAY = "2026-06-01"
CACHE = Path(".policy") / "classifications"


def release(repo, *args: str) -> None:
    result = CliRunner().invoke(
        main, ["--repo", repo.working_tree_dir, "release", SLUG, "--as-of", TODAY, *args]
    )
    assert result.exit_code == 0, result.stderr


def note(repo, tag: str) -> dict:
    return json.loads(repo.git.notes("--ref", "policy", "show", f"{tag}^{{tag}}"))


@pytest.fixture
def released(tmp_path):
    """1.0.0, then 2.0.0 (major: a new processor and a new contact), both by `policy release`."""
    repo = make_repo(tmp_path / "repo")
    write_and_commit(repo, ".gitignore", "/site/\n", "Ignore the site")
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-01", BODY_1), "In force")
    release(repo)
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-01", BODY_3), "Stripe, DPO")
    release(repo, "-m", "A new payment processor.")
    yield repo
    repo.close()


def test_release_records_its_classification_in_a_note_on_the_tag(released):
    record = note(released, f"{SLUG}/v2.0.0")
    assert (record["format"], record["slug"], record["version"]) == (1, SLUG, "2.0.0")
    assert record["commit"] == released.git.rev_parse("HEAD")
    assert record["previous"] == {
        "tag": f"{SLUG}/v1.0.0",
        "commit": released.git.rev_parse("HEAD~1"),
    }
    classification = record["classification"]
    assert classification["level"] == "major"
    assert [c["id"] for c in classification["categories"]] == ["sharing", "contacts"]
    evidence = classification["categories"][0]["evidence"]  # Stripe added, Paypal removed
    assert {e["item"] for e in evidence} == {"Stripe", "Paypal"}
    for sharing in evidence:  # one change, so one section and the same spans
        assert sharing["section"] == ["Privacy Policy", "2. Who we share it with"]
        assert {"op": "delete", "text": "Paypal"} in sharing["spans"]
    # A first release compares nothing: no note.
    assert released.git.notes("--ref", "policy", "list").count("\n") == 0


def test_publish_and_notify_show_what_the_note_says_without_classifying_again(released, tmp_path):
    """The note is edited to say something the classifier would never find: that is what the
    site and the email show, and nothing is computed or cached."""
    tag = f"{SLUG}/v2.0.0"
    record = note(released, tag)
    for evidence in record["classification"]["categories"][0]["evidence"]:
        evidence["section"] = ["Privacy Policy", "Recorded section"]
        evidence["spans"] = [
            {"op": "equal", "text": "payments through "},
            {"op": "delete", "text": "the-old-one"},
            {"op": "insert", "text": "the-recorded-one"},
        ]
    written = tmp_path / "note.json"
    written.write_text(json.dumps(record), encoding="utf-8")
    released.git.notes("--ref", "policy", "add", "-f", "-F", str(written), f"{tag}^{{tag}}")

    root = Path(released.working_tree_dir)
    repository = PolicyRepository.open(root)
    try:
        base_url = repository.settings.site.base_url
        publish(repository, tmp_path / "site", dt.date(2026, 6, 1), base_url)
        notice = build_notice(repository, pick_release(repository, SLUG, "2.0.0"))
    finally:
        repository.close()
    html = (tmp_path / "site" / SLUG / "v2.0.0" / "changes.html").read_text(encoding="utf-8")
    assert "Privacy Policy › Recorded section</a> (changed): " in html
    assert "<del>the-old-one</del><ins>the-recorded-one</ins>" in html
    sections = {c.id: c.sections for c in notice.categories}
    assert sections["sharing"] == ("Recorded section",)
    assert not (root / CACHE).exists()


def test_a_release_made_by_hand_is_classified_once_and_cached(tmp_path):
    repo = three_releases(tmp_path / "repo")  # tags made with git, no notes
    root = Path(repo.working_tree_dir)
    repository = PolicyRepository.open(root)
    try:
        releases = repository.releases(SLUG)
        first = Recorded(repository).classification(releases[2], releases[1])
        assert first is not None and first.category_ids == ("sharing", "contacts")
        assert Recorded(repository).classification(releases[0], None) is None
    finally:
        repository.close()
    [cached] = (root / CACHE).iterdir()
    entry = json.loads(cached.read_text(encoding="utf-8"))
    # The next run reads the cache: what it holds is what is shown.
    entry["classification"]["categories"][0]["evidence"][0]["section"] = ["From the cache"]
    cached.write_text(json.dumps(entry), encoding="utf-8")
    repository = PolicyRepository.open(root)
    try:
        releases = repository.releases(SLUG)
        again = Recorded(repository).classification(releases[2], releases[1])
    finally:
        repository.close()
    assert again is not None
    assert again.categories[0].evidence[0].section == ("From the cache",)
    assert not repo.git.status("--porcelain", "--untracked-files=all")  # .policy/ is ignored
    repo.close()


def test_a_note_for_other_commits_is_not_believed(released, tmp_path):
    """A tag moved by hand onto another commit keeps its note; the note speaks of the old
    commits, so the release is classified again instead."""
    tag = f"{SLUG}/v2.0.0"
    record = note(released, tag)
    record["commit"] = "0" * 40
    written = tmp_path / "note.json"
    written.write_text(json.dumps(record), encoding="utf-8")
    released.git.notes("--ref", "policy", "add", "-f", "-F", str(written), f"{tag}^{{tag}}")
    root = Path(released.working_tree_dir)
    repository = PolicyRepository.open(root)
    try:
        releases = repository.releases(SLUG)
        result = Recorded(repository).classification(releases[1], releases[0])
    finally:
        repository.close()
    assert result is not None and result.category_ids == ("sharing", "contacts")
    assert len(list((root / CACHE).iterdir())) == 1


def test_a_hand_made_release_still_publishes_and_notifies(tmp_path):
    repo = make_repo(tmp_path / "repo")
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-01", BODY_1), "In force")
    tag_release(repo, SLUG, "1.0.0", "none", "2026-01-01", "First.")
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-01", BODY_3), "Stripe, DPO")
    tag_release(repo, SLUG, "2.0.0", "major", "2099-01-01", "By hand.", categories=("sharing",))
    result = CliRunner().invoke(
        main, ["--repo", str(tmp_path / "repo"), "publish", "--out", str(tmp_path / "site")]
    )
    assert result.exit_code == 0, result.stderr
    html = (tmp_path / "site" / SLUG / "v2.0.0" / "changes.html").read_text(encoding="utf-8")
    assert "<del>Paypal</del><ins>Stripe</ins>" in html
    repository = PolicyRepository.open(tmp_path / "repo")
    try:
        notice = build_notice(repository, pick_release(repository, SLUG, "2.0.0"))
    finally:
        repository.close()
    assert {c.id: c.sections for c in notice.categories} == {
        "sharing": ("2. Who we share it with",)
    }
    repo.close()

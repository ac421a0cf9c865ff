"""Levels, version numbers, release tags, and reading policies from real git repositories."""

from __future__ import annotations

import datetime as dt

import git
import pytest
from gitrepo import (
    commit,
    lightweight_tag,
    make_repo,
    policy_text,
    sha,
    snapshot,
    tag_plain,
    tag_release,
    write,
    write_and_commit,
)

from policy.errors import DocumentError, ExitCode, RepositoryError, UsageProblem
from policy.versions import FIRST_VERSION, Level, Release, Version, in_effect
from policy.versions.releases import (
    Override,
    TagMessage,
    TrailerProblem,
    format_tag_message,
    parse_tag_message,
    parse_tag_name,
    tag_name,
)
from policy.versions.repository import PolicyRepository, in_effect_revision

SLUG = "privacy-policy"
LEVELS = "none, editorial, minor, major"
NOT_A_DATE = "is not a date (write YYYY-MM-DD)"
PATH = "policies/privacy-policy.md"


# -- levels and versions ----------------------------------------------------------------------


def test_levels_are_ordered():
    assert Level.NONE < Level.EDITORIAL < Level.MINOR < Level.MAJOR
    assert max([Level.EDITORIAL, Level.MAJOR, Level.MINOR]) is Level.MAJOR
    assert max([], default=Level.NONE) is Level.NONE
    assert [level.label for level in Level] == ["none", "editorial", "minor", "major"]


@pytest.mark.parametrize(
    ("text", "level"),
    [("major", Level.MAJOR), (" Minor ", Level.MINOR), ("EDITORIAL", Level.EDITORIAL)],
)
def test_level_parse(text, level):
    assert Level.parse(text) is level


def test_level_parse_unknown():
    with pytest.raises(ValueError) as caught:
        Level.parse("huge")
    assert str(caught.value) == "unknown level 'huge'; allowed: editorial, minor, major"


@pytest.mark.parametrize(
    ("text", "version"),
    [
        ("2.0.0", Version(2, 0, 0)),
        ("v2.10.3", Version(2, 10, 3)),
        (" 1.0.0\n", Version(1, 0, 0)),
        ("0.0.0", Version(0, 0, 0)),
        ("2.0", None),
        ("02.0.0", None),
        ("V2.0.0", None),
        ("2.0.0-rc1", None),
        ("vv2.0.0", None),
        ("", None),
    ],
)
def test_version_parse(text, version):
    assert Version.parse(text) == version


def test_version_str_order_and_bump():
    assert str(Version(2, 10, 3)) == "2.10.3"
    assert Version(1, 0, 0) == FIRST_VERSION
    assert Version(1, 10, 0) > Version(1, 9, 9)
    assert Version(2, 3, 4).bump(Level.MAJOR) == Version(3, 0, 0)
    assert Version(2, 3, 4).bump(Level.MINOR) == Version(2, 4, 0)
    assert Version(2, 3, 4).bump(Level.EDITORIAL) == Version(2, 3, 5)
    assert Version(2, 3, 4).bump(Level.NONE) == Version(2, 3, 4)


# -- release tags -----------------------------------------------------------------------------


def test_tag_message_round_trip():
    message = format_tag_message(
        SLUG, Version(2, 0, 0), Level.MAJOR, dt.date(2026, 3, 1), "  New payment processor.\n"
    )
    assert message == (
        "privacy-policy 2.0.0\n\nNew payment processor.\n\n"
        "Level: major\nEffective-Date: 2026-03-01\n"
    )
    assert parse_tag_message(message) == TagMessage(
        Level.MAJOR, dt.date(2026, 3, 1), "New payment processor."
    )


def test_tag_message_without_summary():
    message = format_tag_message(SLUG, Version(1, 0, 0), Level.MINOR, dt.date(2026, 1, 1), " ")
    assert parse_tag_message(message) == TagMessage(
        Level.MINOR, dt.date(2026, 1, 1), "(no summary)"
    )


def test_tag_message_with_categories_override_and_short_notice():
    override = Override(
        level=Level.MAJOR,
        categories=("sharing",),
        source="commit 1a2b3c4",
        by="Jane Doe <jane@example.com>",
        reason="New payment\nprocessor.",
        classified_level=Level.MINOR,
        classified_categories=(),
    )
    message = format_tag_message(
        SLUG,
        Version(2, 0, 0),
        Level.MAJOR,
        dt.date(2026, 3, 1),
        "Stripe replaces PayPal.",
        categories=("sharing", "rights"),
        override=override,
        short_notice_reason="Regulator's order",
    )
    assert message == (
        "privacy-policy 2.0.0\n\nStripe replaces PayPal.\n\n"
        "Level: major\nCategories: sharing, rights\nEffective-Date: 2026-03-01\n"
        "Classified-Level: minor\nClassified-Categories:\nOverride-Source: commit 1a2b3c4\n"
        "Override-By: Jane Doe <jane@example.com>\nOverride-Reason: New payment processor.\n"
        "Short-Notice-Reason: Regulator's order\n"
    )
    parsed = parse_tag_message(message)
    assert parsed.categories == ("sharing", "rights")
    assert parsed.short_notice_reason == "Regulator's order"
    assert parsed.override == Override(
        Level.MAJOR,
        ("sharing", "rights"),
        "commit 1a2b3c4",
        "Jane Doe <jane@example.com>",
        "New payment processor.",
        Level.MINOR,
        (),
    )


def test_summary_that_looks_like_a_trailer_is_not_read_back_as_one():
    message = format_tag_message(
        SLUG, Version(1, 1, 0), Level.MINOR, dt.date(2026, 1, 1), "Level: major\nshorter"
    )
    parsed = parse_tag_message(message)
    assert (parsed.level, parsed.summary) == (Level.MINOR, "Level - major shorter")


@pytest.mark.parametrize(
    ("message", "parsed"),
    [
        ("Hand-made release", TagMessage(None, None, "Hand-made release")),
        ("", TagMessage(None, None, "")),
        (
            "privacy-policy 2.0.0\n\nFirst paragraph.\n\nSecond\nparagraph.\n\n"
            "level:  Minor \neffective-date: 2026-05-01\n",
            TagMessage(Level.MINOR, dt.date(2026, 5, 1), "First paragraph. Second paragraph."),
        ),
        (
            "Summary line\nLevel: huge\nEffective-Date: 2026-02-30\n",
            TagMessage(
                None,
                None,
                "Summary line",
                problems=(
                    TrailerProblem(
                        "Level", "huge", "is not a level (none, editorial, minor, major)"
                    ),
                    TrailerProblem(
                        "Effective-Date", "2026-02-30", "is not a date (write YYYY-MM-DD)"
                    ),
                ),
            ),
        ),
        (
            "Effective-Date: 2026-04-01\nNo subject line here",
            TagMessage(None, dt.date(2026, 4, 1), "No subject line here"),
        ),
    ],
    ids=["plain", "empty", "lower-case-trailers", "bad-trailers", "trailer-first"],
)
def test_parse_hand_written_tag_messages(message, parsed):
    assert parse_tag_message(message) == parsed


@pytest.mark.parametrize(
    ("name", "parsed"),
    [
        ("privacy-policy/v2.0.0", ("privacy-policy", Version(2, 0, 0))),
        ("legal/terms/v1.2.3", ("legal/terms", Version(1, 2, 3))),
        ("privacy-policy/2.0.0", None),
        ("privacy-policy/v2", None),
        ("privacy-policy/latest", None),
        ("v2.0.0", None),
        ("/v2.0.0", None),
    ],
)
def test_parse_tag_name(name, parsed):
    assert parse_tag_name(name) == parsed


def test_tag_name():
    assert tag_name(SLUG, Version(2, 1, 0)) == "privacy-policy/v2.1.0"


def _release(version: str, effective: str | None) -> Release:
    parsed = Version.parse(version)
    assert parsed is not None
    return Release(
        slug=SLUG,
        version=parsed,
        tag=f"{SLUG}/v{version}",
        commit="0" * 40,
        date=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        effective_date=dt.date.fromisoformat(effective) if effective else None,
        level=None,
        summary="",
    )


def test_in_effect_is_the_newest_version_whose_date_has_come():
    releases = [
        _release("1.0.0", "2026-01-01"),
        _release("1.1.0", None),
        _release("2.0.0", "2026-03-01"),
        _release("1.2.0", "2026-02-01"),  # a late fix of 1.x published after 2.0.0 was tagged
    ]
    assert in_effect(releases, dt.date(2025, 12, 31)) is None
    assert in_effect(releases, dt.date(2026, 1, 1)) is releases[0]
    assert in_effect(releases, dt.date(2026, 2, 15)) is releases[3]
    assert in_effect(releases, dt.date(2026, 3, 1)) is releases[2]
    assert in_effect([], dt.date(2026, 3, 1)) is None


def test_release_to_json():
    release = _release("1.0.0", "2026-01-01")
    assert release.to_json() == {
        "slug": "privacy-policy",
        "version": "1.0.0",
        "tag": "privacy-policy/v1.0.0",
        "commit": "0" * 40,
        "released": "2026-01-01T00:00:00+00:00",
        "effective_date": "2026-01-01",
        "level": None,
        "categories": [],
        "summary": "",
        "override": None,
        "short_notice_reason": None,
        "problems": [],
    }


# -- repositories -----------------------------------------------------------------------------


def _history(tmp_path):
    """Three commits: v1.0.0 (annotated, trailers), v1.1.0 (annotated, no trailers), then a
    lightweight v1.1.1, plus tags that are not releases of the policy."""
    repo = make_repo(tmp_path / "repo")
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-01", "# P\n\nOne.\n"), "One")
    tag_release(repo, SLUG, "1.0.0", "major", "2026-01-01", "First release", date=_d(12, 2))
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-03-01", "# P\n\nTwo.\n"), "Two")
    tag_plain(repo, f"{SLUG}/v1.1.0", "Hand-made tag", date=_d(1, 11))
    write_and_commit(
        repo, PATH, policy_text(SLUG, "2026-04-01", "# P\n\nThree.\n"), "Three", date=_d(2, 10)
    )
    lightweight_tag(repo, f"{SLUG}/v1.1.1")
    lightweight_tag(repo, f"{SLUG}/latest")
    lightweight_tag(repo, f"{SLUG}/v2")
    lightweight_tag(repo, f"{SLUG}/sub/v3.0.0")
    lightweight_tag(repo, "terms/v9.0.0")
    lightweight_tag(repo, "privacy/v8.0.0")
    return repo


def _d(month: int, day: int) -> str:
    year = 2025 if month == 12 else 2026
    return f"{year}-{month:02d}-{day:02d} 10:00:00 +0000"


@pytest.fixture
def open_repository():
    """`PolicyRepository.open`, closing the repository's git processes when the test ends."""
    opened: list[PolicyRepository] = []

    def open_(path) -> PolicyRepository:
        repository = PolicyRepository.open(path)
        opened.append(repository)
        return repository

    yield open_
    for repository in opened:
        repository.close()


def test_open_from_a_subfolder(tmp_path, open_repository):
    repo = _history(tmp_path)
    repository = open_repository(tmp_path / "repo" / "policies")
    assert repository.root == tmp_path / "repo"
    assert repository.repo.git_dir == repo.git_dir
    assert repository.slugs() == [SLUG]
    assert repository.worktree_path(SLUG) == PATH


def test_open_a_folder_that_is_not_a_repository(tmp_path):
    with pytest.raises(RepositoryError) as caught:
        PolicyRepository.open(tmp_path)
    assert caught.value.message == (
        f"{tmp_path}: is not inside a git repository; run the command in your policy "
        "repository or pass --repo PATH"
    )
    assert caught.value.exit_code == ExitCode.FAILURE


def test_open_a_missing_folder(tmp_path):
    with pytest.raises(UsageProblem) as caught:
        PolicyRepository.open(tmp_path / "nowhere")
    assert caught.value.message == (
        f"{tmp_path}/nowhere: no such folder; give --repo the path of a git repository"
    )
    assert caught.value.exit_code == ExitCode.USAGE


def test_open_a_bare_repository(tmp_path):
    git.Repo.init(tmp_path / "bare.git", bare=True)
    with pytest.raises(RepositoryError) as caught:
        PolicyRepository.open(tmp_path / "bare.git")
    assert caught.value.message == (
        f"{tmp_path}/bare.git: is a bare git repository; use a checkout with a working tree"
    )


def test_slugs_are_the_markdown_files_of_the_policies_folder(tmp_path, open_repository):
    repo = make_repo(tmp_path)
    write(repo, "policies/terms.md", "# Terms\n")
    write(repo, "policies/legal/cookies.md", "# Cookies\n")
    write(repo, "policies/notes.txt", "not a policy\n")
    write(repo, "README.md", "# Not a policy\n")
    repository = open_repository(tmp_path)
    assert repository.slugs() == ["cookies", "terms"]
    assert repository.worktree_path("cookies") == "policies/legal/cookies.md"
    with pytest.raises(UsageProblem) as caught:
        repository.worktree_path("privacy")
    assert caught.value.message == (
        "unknown policy `privacy`; policies in policies/: cookies, terms (a policy's slug is "
        "its file name without .md)"
    )


def test_no_policies_folder(tmp_path, open_repository):
    make_repo(tmp_path)
    repository = open_repository(tmp_path)
    assert repository.slugs() == []
    with pytest.raises(UsageProblem) as caught:
        repository.require(SLUG)
    assert caught.value.message == (
        "unknown policy `privacy-policy`; policies in policies/: none (a policy's slug is its "
        "file name without .md)"
    )
    with pytest.raises(RepositoryError) as caught:
        repository.default_slug()
    assert caught.value.message == "no policies found: add Markdown files under policies/"


def test_default_slug(tmp_path, open_repository):
    repo = make_repo(tmp_path)
    write(repo, PATH, "# P\n")
    assert open_repository(tmp_path).default_slug() == SLUG
    write(repo, "policies/terms.md", "# T\n")
    with pytest.raises(UsageProblem) as caught:
        open_repository(tmp_path).default_slug()
    assert caught.value.message == "several policies (privacy-policy, terms); name the one you mean"


def test_releases(tmp_path, open_repository):
    repo = _history(tmp_path)
    releases = open_repository(repo.working_tree_dir).releases(SLUG)
    assert releases == [
        Release(
            slug=SLUG,
            version=Version(1, 0, 0),
            tag="privacy-policy/v1.0.0",
            commit=sha(repo, "HEAD~2"),
            date=dt.datetime(2025, 12, 2, 10, 0, tzinfo=dt.UTC),
            effective_date=dt.date(2026, 1, 1),
            level=Level.MAJOR,
            summary="First release",
        ),
        Release(
            slug=SLUG,
            version=Version(1, 1, 0),
            tag="privacy-policy/v1.1.0",
            commit=sha(repo, "HEAD~1"),
            date=dt.datetime(2026, 1, 11, 10, 0, tzinfo=dt.UTC),
            effective_date=dt.date(2026, 3, 1),  # from the front matter at that commit
            level=None,
            summary="Hand-made tag",
        ),
        Release(
            slug=SLUG,
            version=Version(1, 1, 1),
            tag="privacy-policy/v1.1.1",
            commit=sha(repo, "HEAD"),
            date=dt.datetime(2026, 2, 10, 10, 0, tzinfo=dt.UTC),  # the commit's date
            effective_date=dt.date(2026, 4, 1),
            level=None,
            summary="",
        ),
    ]


def test_releases_are_sorted_by_version_not_by_tag_name(tmp_path, open_repository):
    repo = make_repo(tmp_path)
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-01", "# P\n\nText.\n"), "One")
    for version in ("1.10.0", "1.9.0", "1.2.0"):
        tag_release(repo, SLUG, version, "minor", "2026-01-01", "")
    releases = open_repository(tmp_path).releases(SLUG)
    assert [str(r.version) for r in releases] == ["1.2.0", "1.9.0", "1.10.0"]


def test_tag_without_trailers_and_without_a_date_in_the_file(tmp_path, open_repository):
    repo = make_repo(tmp_path)
    write_and_commit(repo, PATH, "# P\n\nNo front matter.\n", "One")
    tag_plain(repo, f"{SLUG}/v1.0.0", "Hand-made")
    (release,) = open_repository(tmp_path).releases(SLUG)
    assert (release.effective_date, release.level, release.summary) == (None, None, "Hand-made")


def test_releases_of_another_policy_are_not_mixed_in(tmp_path, open_repository):
    repo = _history(tmp_path)
    repository = open_repository(repo.working_tree_dir)
    assert repository.releases("privacy") == [
        Release(
            slug="privacy",
            version=Version(8, 0, 0),
            tag="privacy/v8.0.0",
            commit=sha(repo, "HEAD"),
            date=dt.datetime(2026, 2, 10, 10, 0, tzinfo=dt.UTC),
            effective_date=None,  # there is no policies/privacy.md to read a date from
            level=None,
            summary="",
        )
    ]
    assert repository.releases("nothing") == []


def test_require(tmp_path, open_repository):
    repo = _history(tmp_path)
    repository = open_repository(repo.working_tree_dir)
    assert repository.require(SLUG) == SLUG
    assert repository.require("terms") == "terms"  # released, even if not in the working tree
    with pytest.raises(UsageProblem) as caught:
        repository.require("cookies")
    assert caught.value.message == (
        "unknown policy `cookies`; policies in policies/: privacy-policy (a policy's slug is "
        "its file name without .md)"
    )


@pytest.mark.parametrize(
    ("ref", "label", "rev", "version", "words"),
    [
        ("1.0.0", "v1.0.0", "HEAD~2", "1.0.0", "One."),
        ("v1.1.0", "v1.1.0", "HEAD~1", "1.1.0", "Two."),
        ("privacy-policy/v1.0.0", "v1.0.0", "HEAD~2", "1.0.0", "One."),
        ("main", "v1.1.1", "HEAD", "1.1.1", "Three."),
        ("HEAD~1", "v1.1.0", "HEAD~1", "1.1.0", "Two."),
        ("feature", "feature", "feature", None, "Four."),
    ],
)
def test_resolve_and_read(tmp_path, ref, label, rev, version, words, open_repository):
    repo = _history(tmp_path)
    repo.git.checkout("-q", "-b", "feature")
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-05-01", "# P\n\nFour.\n"), "Four")
    repo.git.checkout("-q", "main")
    repository = open_repository(repo.working_tree_dir)
    revision = repository.resolve(SLUG, ref)
    assert revision.label == label
    assert revision.commit == sha(repo, rev)
    assert (str(revision.release.version) if revision.release else None) == version
    text = repository.read(SLUG, revision)
    assert (text.slug, text.path, text.revision) == (SLUG, PATH, revision)
    assert text.text.endswith(f"\n# P\n\n{words}\n")


def test_resolve_a_short_sha(tmp_path, open_repository):
    repo = _history(tmp_path)
    full = sha(repo, "HEAD~2")
    revision = open_repository(repo.working_tree_dir).resolve(SLUG, full[:7])
    assert (revision.label, revision.commit) == ("v1.0.0", full)


def test_resolve_and_read_the_working_tree(tmp_path, open_repository):
    repo = _history(tmp_path)
    write(repo, PATH, "---\ntitle: Draft\n---\n\nNot committed.\n")
    repository = open_repository(repo.working_tree_dir)
    for ref in ("WORKTREE", "worktree"):
        revision = repository.resolve(SLUG, ref)
        assert (revision.label, revision.commit, revision.is_worktree) == (
            "working tree",
            None,
            True,
        )
        assert repository.read(SLUG, revision).text == "---\ntitle: Draft\n---\n\nNot committed.\n"


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        (
            "9.9.9",
            "privacy-policy has no release 9.9.9 (releases: 1.0.0, 1.1.0, 1.1.1); see "
            "`policy versions privacy-policy`",
        ),
        (
            "v2.0.0",
            "privacy-policy has no release 2.0.0 (releases: 1.0.0, 1.1.0, 1.1.1); see "
            "`policy versions privacy-policy`",
        ),
        (
            "nope",
            "`nope` is not a version, tag or git revision of this repository; use e.g. 2.0.0, "
            "a branch, a commit or WORKTREE",
        ),
        (
            "HEAD~10",
            "`HEAD~10` is not a version, tag or git revision of this repository; use e.g. 2.0.0, "
            "a branch, a commit or WORKTREE",
        ),
        (
            "main:policies",
            "`main:policies` is not a version, tag or git revision of this repository; use e.g. "
            "2.0.0, a branch, a commit or WORKTREE",
        ),
        ("-x", "`-x` is not a version, tag or git revision"),
        ("--output=/tmp/x", "`--output=/tmp/x` is not a version, tag or git revision"),
        (" ", "` ` is not a version, tag or git revision"),
    ],
)
def test_resolve_errors(tmp_path, ref, message, open_repository):
    repo = _history(tmp_path)
    repository = open_repository(repo.working_tree_dir)
    with pytest.raises(UsageProblem) as caught:
        repository.resolve(SLUG, ref)
    assert caught.value.message == message
    assert caught.value.exit_code == ExitCode.USAGE


def test_resolve_a_version_when_there_are_no_releases(tmp_path, open_repository):
    repo = make_repo(tmp_path)
    write_and_commit(repo, PATH, "# P\n", "One")
    with pytest.raises(UsageProblem) as caught:
        open_repository(tmp_path).resolve(SLUG, "1.0.0")
    assert caught.value.message == (
        "privacy-policy has no release 1.0.0 (releases: none yet); see "
        "`policy versions privacy-policy`"
    )


def test_read_before_the_file_existed(tmp_path, open_repository):
    repo = make_repo(tmp_path)
    write_and_commit(repo, "README.md", "# Repo\n", "Start")
    write_and_commit(repo, PATH, "# P\n", "Policy")
    repository = open_repository(tmp_path)
    with pytest.raises(UsageProblem) as caught:
        repository.read(SLUG, repository.resolve(SLUG, "HEAD~1"))
    assert caught.value.message == (
        "privacy-policy does not exist at HEAD~1 (no file for it in that commit); pick a "
        "later revision"
    )


def test_read_after_a_move_into_a_subfolder(tmp_path, open_repository):
    repo = make_repo(tmp_path)
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-01", "# P\n\nOne.\n"), "One")
    tag_release(repo, SLUG, "1.0.0", "major", "2026-01-01", "First")
    (tmp_path / "policies" / "legal").mkdir()
    repo.git.mv(PATH, "policies/legal/privacy-policy.md")
    commit(repo, "Move into legal/")
    repository = open_repository(tmp_path)
    assert repository.worktree_path(SLUG) == "policies/legal/privacy-policy.md"
    old = repository.read(SLUG, repository.resolve(SLUG, "1.0.0"))
    assert (old.path, old.text.endswith("One.\n")) == (PATH, True)
    assert repository.read(SLUG, repository.resolve(SLUG, "HEAD")).path == (
        "policies/legal/privacy-policy.md"
    )


def test_read_after_a_move_out_of_a_subfolder(tmp_path, open_repository):
    repo = make_repo(tmp_path)
    old_path = "policies/legal/privacy-policy.md"
    write_and_commit(repo, old_path, policy_text(SLUG, "2026-01-01", "# P\n\nOne.\n"), "One")
    tag_release(repo, SLUG, "1.0.0", "major", "2026-01-01", "First")
    repo.git.mv(old_path, PATH)
    commit(repo, "Move up")
    repository = open_repository(tmp_path)
    text = repository.read(SLUG, repository.resolve(SLUG, "1.0.0"))
    assert (text.path, text.text.endswith("One.\n")) == (old_path, True)


def test_read_after_the_folder_was_renamed(tmp_path, open_repository):
    repo = make_repo(tmp_path)
    write(repo, "policy.toml", 'policies_dir = "legal"\n')
    write_and_commit(repo, "Drafts/privacy-policy.md", policy_text(SLUG, "2026-01-01", "One."), "1")
    tag_release(repo, SLUG, "1.0.0", "major", "2026-01-01", "First")
    repo.git.mv("Drafts", "legal")
    commit(repo, "Rename the folder")
    write_and_commit(repo, "legal/privacy-policy.md", policy_text(SLUG, "2026-02-01", "Two."), "2")
    repository = open_repository(tmp_path)
    assert repository.slugs() == [SLUG]
    text = repository.read(SLUG, repository.resolve(SLUG, "1.0.0"))
    assert (text.path, text.text.endswith("One.")) == ("Drafts/privacy-policy.md", True)
    assert repository.read(SLUG, repository.resolve(SLUG, "HEAD")).text.endswith("Two.")


def test_read_a_policy_deleted_from_the_working_tree(tmp_path, open_repository):
    repo = make_repo(tmp_path)
    write_and_commit(repo, "policies/old/privacy-policy.md", "# P\n\nOne.\n", "One")
    (tmp_path / "policies" / "old" / "privacy-policy.md").unlink()
    repository = open_repository(tmp_path)
    assert repository.slugs() == []
    text = repository.read(SLUG, repository.resolve(SLUG, "HEAD"))
    assert (text.path, text.text) == ("policies/old/privacy-policy.md", "# P\n\nOne.\n")


def test_read_a_non_utf8_file_at_a_release(tmp_path, open_repository):
    repo = make_repo(tmp_path)
    data = policy_text(SLUG, "2026-01-01", "# P\n\nCaf\xe9.\n").encode("latin-1")
    write_and_commit(repo, PATH, data, "Latin-1")
    tag_release(repo, SLUG, "1.0.0", "major", "2026-01-01", "First")
    write_and_commit(repo, PATH, "# P\n", "UTF-8 again")
    repository = open_repository(tmp_path)
    with pytest.raises(DocumentError) as caught:
        repository.read(SLUG, repository.resolve(SLUG, "1.0.0"))
    assert caught.value.message == (
        "policies/privacy-policy.md at v1.0.0: line 9: is not UTF-8 text; save the file with "
        "UTF-8 encoding"
    )
    assert caught.value.exit_code == ExitCode.FAILURE


def test_read_a_binary_file_at_a_commit(tmp_path, open_repository):
    repo = make_repo(tmp_path)
    write_and_commit(repo, PATH, b"\x89PNG\r\n\x1a\n\x00\x00", "Oops")
    write_and_commit(repo, PATH, "# P\n", "Fixed")
    repository = open_repository(tmp_path)
    with pytest.raises(DocumentError) as caught:
        repository.read(SLUG, repository.resolve(SLUG, "HEAD~1"))
    assert caught.value.message == (
        "policies/privacy-policy.md at HEAD~1: is a binary file, not Markdown text; keep only "
        ".md text files in the policies folder"
    )


@pytest.mark.parametrize(
    ("day", "version"),
    [
        ("2026-01-01", "1.0.0"),
        ("2026-02-28", "1.0.0"),
        ("2026-03-01", "1.1.0"),
        ("2027-01-01", "1.1.1"),
    ],
)
def test_in_effect_revision(tmp_path, day, version, open_repository):
    repo = _history(tmp_path)
    repository = open_repository(repo.working_tree_dir)
    revision = in_effect_revision(repository, SLUG, dt.date.fromisoformat(day))
    assert revision.label == f"v{version}"
    assert revision.release is not None and str(revision.release.version) == version


def test_in_effect_revision_before_the_first_release(tmp_path, open_repository):
    repo = _history(tmp_path)
    repository = open_repository(repo.working_tree_dir)
    with pytest.raises(UsageProblem) as caught:
        in_effect_revision(repository, SLUG, dt.date(2025, 12, 31))
    assert caught.value.message == (
        "no release of privacy-policy is in effect on 2025-12-31 (the first, 1.0.0, takes "
        "effect 2026-01-01); name a version or use --as-of"
    )


def test_in_effect_revision_without_releases(tmp_path, open_repository):
    repo = make_repo(tmp_path)
    write_and_commit(repo, PATH, "# P\n", "One")
    with pytest.raises(UsageProblem) as caught:
        in_effect_revision(open_repository(tmp_path), SLUG, dt.date(2026, 1, 1))
    assert caught.value.message == (
        "privacy-policy has no release yet; name a revision to show, e.g. WORKTREE or HEAD"
    )


def test_in_effect_revision_when_no_release_has_a_date(tmp_path, open_repository):
    repo = make_repo(tmp_path)
    write_and_commit(repo, PATH, "# P\n", "One")
    lightweight_tag(repo, f"{SLUG}/v1.0.0")
    with pytest.raises(UsageProblem) as caught:
        in_effect_revision(open_repository(tmp_path), SLUG, dt.date(2026, 1, 1))
    assert caught.value.message == (
        "no release of privacy-policy is in effect on 2026-01-01 (no release records an "
        "effective date); name a version or use --as-of"
    )


def test_reading_changes_nothing_in_the_repository(tmp_path, open_repository):
    repo = _history(tmp_path)
    write(repo, PATH, "# Work in progress\n")
    write(repo, "notes.txt", "untracked\n")
    before = snapshot(repo)
    repository = open_repository(repo.working_tree_dir)
    repository.slugs()
    for release in repository.releases(SLUG):
        repository.read(SLUG, repository.resolve(SLUG, str(release.version)))
    repository.read(SLUG, repository.resolve(SLUG, "WORKTREE"))
    repository.read(SLUG, repository.resolve(SLUG, "HEAD~1"))
    in_effect_revision(repository, SLUG, dt.date(2026, 3, 1))
    with pytest.raises(UsageProblem):
        repository.resolve(SLUG, "-x")
    assert snapshot(repo) == before
    assert before[0] == " M policies/privacy-policy.md\n?? notes.txt"


# -- a policy version ---------------------------------------------------------------------------


def test_a_version_is_read_and_parsed_once_per_commit(tmp_path, open_repository):
    _history(tmp_path)
    repository = open_repository(tmp_path / "repo")
    by_version = repository.read(SLUG, repository.resolve(SLUG, "1.0.0"))
    by_commit = repository.read(SLUG, repository.resolve(SLUG, by_version.revision.commit))
    assert (by_version.revision.label, by_commit.revision.label) == ("v1.0.0", "v1.0.0")
    assert by_commit.document is by_version.document  # one parse, whoever asks
    assert by_version.document.title == "Privacy Policy"
    assert [s.title for s in by_version.document.sections()] == ["P"]
    assert by_version.front_matter["slug"] == SLUG


def test_a_version_shows_the_date_its_release_recorded_else_its_front_matter(
    tmp_path, open_repository
):
    repo = make_repo(tmp_path)
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-01", "# P\n\nOne.\n"), "One")
    tag_release(repo, SLUG, "1.0.0", "minor", "2026-02-15", "Recorded later than the file says")
    repository = open_repository(tmp_path)
    released = repository.read(SLUG, repository.resolve(SLUG, "1.0.0"))
    assert (released.effective_date, released.front_matter_date) == (
        dt.date(2026, 2, 15),
        dt.date(2026, 1, 1),
    )
    worktree = repository.read(SLUG, repository.resolve(SLUG, "WORKTREE"))
    assert worktree.effective_date == dt.date(2026, 1, 1)


def test_a_version_without_a_title_is_named_by_its_slug(tmp_path, open_repository):
    repo = make_repo(tmp_path)
    write_and_commit(repo, PATH, "No heading, no front matter.\n", "Untitled")
    repository = open_repository(tmp_path)
    version = repository.read(SLUG, repository.resolve(SLUG, "HEAD"))
    assert (version.title, version.effective_date) == (SLUG, None)
    write_and_commit(repo, PATH, "# Our privacy policy\n\nText.\n", "Titled")
    titled = open_repository(tmp_path).read(SLUG, repository.resolve(SLUG, "HEAD"))
    assert titled.title == "Our privacy policy"

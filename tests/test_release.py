"""`policy release`: exact output, tag messages and refusals, in real temporary repositories."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from gitrepo import make_repo, policy_text, sha, snapshot, tag_release, write, write_and_commit
from releasing import run_release as run
from releasing import tag_message

from policy.cli import main
from policy.release.plan import TagExists, plan_release
from policy.release.tagging import create_tag
from policy.versions.repository import PolicyRepository

SLUG = "privacy-policy"
PATH = "policies/privacy-policy.md"
TODAY = "2026-02-01"
V1 = policy_text(SLUG, "2026-01-01", "# Privacy\n\nWe keep your data.\n")


def tags(repo) -> list[str]:
    return repo.git.tag("--list").split()


@pytest.fixture
def committed(tmp_path):
    """privacy-policy committed once, never released."""
    repo = make_repo(tmp_path / "repo")
    write_and_commit(repo, PATH, V1, "First version")
    return repo


# -- first release --------------------------------------------------------------------------


def test_first_release_records_level_none_and_the_front_matter_date(committed):
    head = sha(committed, "HEAD")[:7]
    result = run(committed, SLUG, "--as-of", TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"Created tag privacy-policy/v1.0.0 on commit {head}.\n"
        "  Version:    1.0.0 (first release)\n"
        "  Level:      none\n"
        "  Effective:  2026-01-01 (31 days ago)\n"
        "\n"
        "Tag message:\n"
        "    privacy-policy 1.0.0\n"
        "\n"
        "    First release.\n"
        "\n"
        "    Level: none\n"
        "    Effective-Date: 2026-01-01\n"
    )
    assert tags(committed) == ["privacy-policy/v1.0.0"]
    assert tag_message(committed, "privacy-policy/v1.0.0") == (
        "privacy-policy 1.0.0\n\nFirst release.\n\nLevel: none\nEffective-Date: 2026-01-01\n"
    )
    assert committed.git.rev_parse("privacy-policy/v1.0.0^{commit}") == sha(committed, "HEAD")
    assert committed.git.cat_file("-t", "privacy-policy/v1.0.0") == "tag"  # annotated


def test_first_release_with_summary_and_a_past_effective_date(committed):
    result = run(committed, SLUG, "-m", "The policy  as\npublished in 2025.", "--effective",
                 "2025-06-01", "--as-of", TODAY)  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert "  Effective:  2025-06-01 (245 days ago)\n" in result.stdout
    assert tag_message(committed, "privacy-policy/v1.0.0") == (
        "privacy-policy 1.0.0\n\nThe policy as published in 2025.\n\n"
        "Level: none\nEffective-Date: 2025-06-01\n"
    )


def test_first_release_without_front_matter_is_refused_as_check_refuses_it(committed):
    write_and_commit(committed, PATH, "# Privacy\n\nNo front matter.\n", "Drop front matter")
    before = snapshot(committed)
    result = run(committed, SLUG, "--as-of", TODAY)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "policies/privacy-policy.md:1: no front matter; start the file with `---`, `title:`, "
        "`slug:`, `effective_date:` and `---` lines\n"
        "Error: privacy-policy not released: `policy check` finds a problem (above); fix it, "
        "commit, and release again (nothing was tagged)\n"
    )
    assert snapshot(committed) == before


def test_a_summary_line_that_starts_with_a_hash_is_kept(committed):
    result = run(committed, SLUG, "-m", "#1 in a series", "--as-of", TODAY)
    assert result.exit_code == 0
    assert tag_message(committed, "privacy-policy/v1.0.0").startswith(
        "privacy-policy 1.0.0\n\n#1 in a series\n\n"
    )


def test_first_release_with_level_records_the_override(committed):
    head = sha(committed, "HEAD")[:7]
    result = run(committed, SLUG, "--level", "minor", "--reason", "Legal review  of v1",
                 "--as-of", TODAY)  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"Created tag privacy-policy/v1.0.0 on commit {head}.\n"
        "  Version:    1.0.0 (first release)\n"
        "  Level:      minor\n"
        "  Override:   minor, not the first release's usual none; by Test Author "
        "<author@example.com> (policy release --level): Legal review of v1\n"
        "  Effective:  2026-01-01 (31 days ago)\n"
        "\n"
        "Tag message:\n"
        "    privacy-policy 1.0.0\n"
        "\n"
        "    First release.\n"
        "\n"
        "    Level: minor\n"
        "    Effective-Date: 2026-01-01\n"
        "    Classified-Level: none\n"
        "    Classified-Categories:\n"
        "    Override-Source: policy release --level\n"
        "    Override-By: Test Author <author@example.com>\n"
        "    Override-Reason: Legal review of v1\n"
    )


def test_first_release_overridden_to_major_needs_the_notice_period(committed):
    args = ("--level", "major", "--reason", "R", "--categories", "sharing, contacts",
            "--effective", "2026-01-01")  # fmt: skip
    result = run(committed, SLUG, *args, "--as-of", TODAY)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: a major change needs 30 days' notice, and 2026-01-01 is 31 days ago; give "
        '--effective 2026-03-03 or later, or --short-notice-reason "..." to record why users '
        "are told later\n"
    )
    result = run(committed, SLUG, *args, "--short-notice-reason", "In force already",
                 "--as-of", TODAY)  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert "  Categories: sharing, contacts\n" in result.stdout
    assert "  Short notice: In force already\n" in result.stdout
    assert tag_message(committed, "privacy-policy/v1.0.0") == (
        "privacy-policy 1.0.0\n\nFirst release.\n\n"
        "Level: major\n"
        "Categories: sharing, contacts\n"
        "Effective-Date: 2026-01-01\n"
        "Classified-Level: none\n"
        "Classified-Categories:\n"
        "Override-Source: policy release --level\n"
        "Override-By: Test Author <author@example.com>\n"
        "Override-Reason: R\n"
        "Short-Notice-Reason: In force already\n"
    )


def test_first_major_release_defaults_to_the_notice_period_from_policy_toml(committed):
    write_and_commit(committed, "policy.toml", "notice_days = 45\n", "Longer notice")
    result = run(committed, SLUG, "--level", "major", "--reason", "R", "--categories",
                 "rights", "--as-of", TODAY)  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert "  Effective:  2026-03-18 (in 45 days; notice period 45 days)\n" in result.stdout


# -- dry run --------------------------------------------------------------------------------


def test_dry_run_prints_the_plan_and_writes_nothing(committed, tmp_path):
    before = snapshot(committed)
    output = tmp_path / "github-output"
    result = run(committed, SLUG, "--dry-run", "--as-of", TODAY,
                 env={"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(output)})  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"Would create tag privacy-policy/v1.0.0 on commit {sha(committed, 'HEAD')[:7]} "
        "(dry run: nothing written).\n"
        "  Version:    1.0.0 (first release)\n"
        "  Level:      none\n"
        "  Effective:  2026-01-01 (31 days ago)\n"
        "\n"
        "Tag message:\n"
        "    privacy-policy 1.0.0\n"
        "\n"
        "    First release.\n"
        "\n"
        "    Level: none\n"
        "    Effective-Date: 2026-01-01\n"
    )
    assert snapshot(committed) == before
    assert not output.exists()


# -- refusals -------------------------------------------------------------------------------


def refused(repo, args, code, message):
    before = snapshot(repo)
    result = run(repo, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (code, "", f"Error: {message}\n")
    assert snapshot(repo) == before


def test_refuses_an_unknown_slug(committed):
    refused(committed, ["terms"], 2, "unknown policy `terms`; policies in policies/: "
            "privacy-policy (a policy's slug is its file name without .md)")  # fmt: skip


def test_refuses_a_repository_without_commits(tmp_path):
    repo = make_repo(tmp_path)
    write(repo, PATH, V1)
    result = run(repo, SLUG)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "Error: HEAD has no commit yet; commit the policy, then release it\n"
    assert repo.git.for_each_ref() == ""


@pytest.mark.parametrize("stage", [False, True])
def test_refuses_a_policy_that_was_never_committed(committed, stage):
    write(committed, "policies/terms.md", policy_text("terms", "2026-01-01", "# Terms\n"))
    if stage:
        committed.git.add("policies/terms.md")
    refused(committed, ["terms"], 1,
            "policies/terms.md is not committed yet; commit it, then release it")  # fmt: skip


@pytest.mark.parametrize("stage", [False, True])
def test_refuses_uncommitted_changes_to_the_policy(committed, stage):
    write(committed, PATH, V1 + "\nDraft.\n")
    if stage:
        committed.git.add(PATH)
    refused(committed, [SLUG], 1, "policies/privacy-policy.md has uncommitted changes; commit "
            "them (or stash them), then release what is committed")  # fmt: skip


def test_uncommitted_changes_elsewhere_do_not_matter(committed):
    write(committed, "policies/terms.md", "# Terms (draft)\n")
    write(committed, "notes.txt", "todo\n")
    result = run(committed, SLUG, "--as-of", TODAY)
    assert (result.exit_code, result.stderr) == (0, "")


def test_refuses_a_release_when_nothing_changed(committed):
    tag_release(committed, SLUG, "1.0.0", "none", "2026-01-01", "First release.")
    message = (
        "nothing changed in privacy-policy since 1.0.0 (tag privacy-policy/v1.0.0); commit a "
        "change to the policy before releasing it"
    )
    refused(committed, [SLUG], 1, message)


def test_refuses_a_tag_that_appeared_after_the_plan(committed):
    """Git never replaces a tag: one made between the checks and the write is reported."""
    repository = PolicyRepository.open(committed.working_tree_dir)
    try:
        plan = plan_release(repository, SLUG, dt.date(2026, 2, 1))
        committed.git.tag("privacy-policy/v1.0.0")
        before = snapshot(committed)
        with pytest.raises(TagExists) as caught:
            create_tag(repository, plan)
    finally:
        repository.close()
    assert caught.value.message == (
        "tag privacy-policy/v1.0.0 already exists; release tags are never moved: see `policy "
        "versions` and delete the tag with git only if it was made by mistake"
    )
    assert snapshot(committed) == before


def test_refuses_a_slug_that_cannot_be_a_tag_name(committed):
    write_and_commit(committed, "policies/bad..name.md", V1, "Odd name")
    refused(committed, ["bad..name"], 2, "`bad..name/v1.0.0` is not a valid git tag name; "
            "rename the policy file to lower-case letters, digits and hyphens")  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--level", "minor"], "--level needs --reason: an override records who decided and "
         'why (e.g. --reason "Legal review: the new processor is a new recipient")'),
        (["--level", "minor", "--reason", "R", "--categories", "sharing"],
         "--categories is only for --level major (a minor release has none)"),
        (["--level", "major", "--reason", "R", "--categories", "sharing,cookies"],
         "unknown category `cookies` in --categories; allowed: purposes, ownership, sharing, "
         "rights, contacts, high_risk"),
        (["--level", "major", "--reason", "R"],
         "--level major needs --categories: say which major-change categories apply "
         "(purposes, ownership, sharing, rights, contacts, high_risk), e.g. --categories "
         "sharing,contacts"),
        (["--short-notice-reason", "Urgent"],
         "--short-notice-reason is only for a major release that takes effect sooner than 30 "
         "days from today; this none release takes effect on 2026-01-01"),
    ],
)  # fmt: skip
def test_refuses_options_that_do_not_fit(committed, args, message):
    refused(committed, [SLUG, *args, "--as-of", TODAY], 2, message)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "name the policy to release (SLUG), or give --all"),
        ([SLUG, "--all"], "--all takes no SLUG and none of the options for one release"),
        (["--all", "--level", "minor"], "--all takes no SLUG and none of the options for one "
         "release"),
        ([SLUG, "--reason", "R"], "--reason and --categories go with --level"),
        ([SLUG, "--effective", "1 March"], "Invalid value for '--effective': '1 March' is not a "
         "date; use YYYY-MM-DD"),
        ([SLUG, "--level", "none", "--reason", "R"], "Invalid value for '--level': 'none' is "
         "not one of 'editorial', 'minor', 'major'."),
    ],
)  # fmt: skip
def test_usage_errors(committed, args, message):
    before = snapshot(committed)
    result = run(committed, *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Usage: policy release [OPTIONS] [SLUG]\n")
    assert result.stderr.endswith(f"\nError: {message}\n")
    assert snapshot(committed) == before


# -- --all ----------------------------------------------------------------------------------


def test_all_releases_changed_policies_and_is_idempotent(committed, tmp_path):
    write_and_commit(committed, "policies/terms.md",
                     policy_text("terms", "2026-01-15", "# Terms\n\nBe nice.\n", "Terms"),
                     "Terms")  # fmt: skip
    tag_release(committed, "terms", "1.0.0", "none", "2026-01-15", "First release.")
    write(committed, "policies/cookies.md", policy_text("cookies", "2026-01-01", "# C\n\nX.\n"))
    head = sha(committed, "HEAD")[:7]
    output = tmp_path / "github-output"
    output.write_text("earlier=1\n")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(output)}
    result = run(committed, "--all", "--as-of", TODAY, env=env)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "cookies: not committed yet; skipped.\n"
        "terms: nothing changed since 1.0.0; skipped.\n"
        "\n"
        f"Created tag privacy-policy/v1.0.0 on commit {head}.\n"
        "  Version:    1.0.0 (first release)\n"
        "  Level:      none\n"
        "  Effective:  2026-01-01 (31 days ago)\n"
        "\n"
        "Tag message:\n"
        "    privacy-policy 1.0.0\n"
        "\n"
        "    First release.\n"
        "\n"
        "    Level: none\n"
        "    Effective-Date: 2026-01-01\n"
        "\n"
        "Released 1 policy.\n"
    )
    assert tags(committed) == ["privacy-policy/v1.0.0", "terms/v1.0.0"]
    assert output.read_text() == "earlier=1\nreleased=privacy-policy/v1.0.0\nmajor=\n"

    before = snapshot(committed)
    again = run(committed, "--all", "--as-of", TODAY, env=env)
    assert (again.exit_code, again.stderr) == (0, "")
    assert again.stdout == (
        "cookies: not committed yet; skipped.\n"
        "privacy-policy: nothing changed since 1.0.0; skipped.\n"
        "terms: nothing changed since 1.0.0; skipped.\n"
        "\n"
        "Nothing to release.\n"
    )
    assert snapshot(committed) == before
    assert output.read_text().endswith(
        "released=privacy-policy/v1.0.0\nmajor=\nreleased=\nmajor=\n"
    )


def test_all_dry_run_writes_nothing(committed):
    write_and_commit(committed, "policies/terms.md",
                     policy_text("terms", "2026-01-15", "# Terms\n\nBe nice.\n"), "T")  # fmt: skip
    before = snapshot(committed)
    result = run(committed, "--all", "--dry-run", "--as-of", TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.count("Would create tag ") == 2
    assert result.stdout.endswith("\nWould release 2 policies (dry run: nothing written).\n")
    assert snapshot(committed) == before


def test_all_stops_before_writing_when_one_policy_is_refused(committed):
    write_and_commit(committed, "policies/terms.md",
                     policy_text("terms", "2026-01-15", "# Terms\n\nBe nice.\n"), "T")  # fmt: skip
    write(committed, "policies/terms.md", "# Terms, edited\n")
    refused(committed, ["--all", "--as-of", TODAY], 1, "policies/terms.md has uncommitted "
            "changes; commit them (or stash them), then release what is committed")  # fmt: skip


def test_all_in_a_repository_without_policies(tmp_path):
    repo = make_repo(tmp_path)
    write_and_commit(repo, "README.md", "Nothing yet.\n", "Start")
    result = run(repo, "--all")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "Nothing to release.\n", "")


# -- versions after a release ---------------------------------------------------------------


def test_versions_lists_the_release_just_made(committed):
    run(committed, SLUG, "--level", "major", "--reason", "R", "--categories", "sharing,rights",
        "--effective", "2026-03-10", "--as-of", TODAY)  # fmt: skip
    result = CliRunner().invoke(
        main, ["--repo", committed.working_tree_dir, "versions", "--as-of", TODAY]
    )
    assert result.exit_code == 0
    line = result.stdout.splitlines()[2]
    assert line.split()[:5] == ["1.0.0", "upcoming", "2026-03-10", "major", "sharing,rights"]
    assert line.endswith("  privacy-policy/v1.0.0  First release.")


def test_refuses_to_tag_when_git_does_not_know_the_tagger(committed):
    with committed.config_writer() as config:
        config.remove_section("user")
        config.set_value("user", "useConfigOnly", "true")
    refused(committed, [SLUG, "--as-of", TODAY], 1, "git does not know who you are, and a "
            'release tag records who made it; run git config user.name "Your Name" and git '
            "config user.email you@example.com")  # fmt: skip
    dry = run(committed, SLUG, "--dry-run", "--as-of", TODAY)
    assert (dry.exit_code, dry.stderr) == (0, "")


def test_options_that_do_not_fit_are_refused_by_the_library_before_anything_is_read():
    from policy.errors import OptionMisuse
    from policy.release.request import ReleaseRequest

    with pytest.raises(OptionMisuse) as caught:
        ReleaseRequest(SLUG, all=True)
    assert caught.value.message == "--all takes no SLUG and none of the options for one release"
    with pytest.raises(OptionMisuse):
        ReleaseRequest(SLUG, reason="Why")
    assert ReleaseRequest(all=True, dry_run=True).all

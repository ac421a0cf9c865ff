"""`policy release` after the first release: the classifier's level bumps the version, sets the
default effective date and is recorded with its categories; overrides from `--level` and from
`Policy-Change:` commit trailers are recorded beside the automatic verdict."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from gitrepo import make_repo, policy_text, sha, snapshot, tag_release, write_and_commit
from releasing import run_release as run
from releasing import tag_message

from policy.cli import main

SLUG = "privacy-policy"
PATH = "policies/privacy-policy.md"
TODAY = "2026-02-01"
BODY = (
    "# Privacy Policy\n\n"
    "## About this policy\n\n"
    "This policy explains how we handle information.\n\n"
    "## Contact us\n\n"
    "Write to privacy@example.com with any questoin.\n"
)
CHANGES = {
    "editorial": BODY.replace("questoin", "question"),  # a typo fixed
    "minor": BODY.replace("handle information", "handle information, in plain words"),
    "major": BODY.replace("privacy@example.com", "dpo@example.com"),  # contacts
}
CONTACTS = "Responsible departments, contacts and complaint channels"


@pytest.fixture
def released(tmp_path):
    """privacy-policy 1.2.3, in effect since 2026-01-01 (with a typo in its contact line)."""
    repo = make_repo(tmp_path / "repo")
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-01", BODY), "First version")
    tag_release(repo, SLUG, "1.2.3", "minor", "2026-01-01", "Earlier release.")
    return repo


def change(repo, level: str, message: str = "Edit the policy") -> str:
    return write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-01", CHANGES[level]), message)


def refused(repo, args, code, message):
    before = snapshot(repo)
    result = run(repo, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (code, "", f"Error: {message}\n")
    assert snapshot(repo) == before


@pytest.mark.parametrize(
    ("level", "version", "summary"),
    [
        ("editorial", "1.2.4", "Editorial change: no change in meaning."),
        ("minor", "1.3.0", "Minor change: wording changed outside the major-change categories."),
    ],
)
def test_editorial_bumps_patch_and_minor_bumps_minor_effective_today(
    released, level, version, summary
):
    head = change(released, level)[:7]
    result = run(released, SLUG, "--as-of", TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"Created tag privacy-policy/v{version} on commit {head}.\n"
        f"  Version:    {version} (after 1.2.3)\n"
        f"  Level:      {level}\n"
        "  Effective:  2026-02-01 (today)\n"
        "\n"
        "Tag message:\n"
        f"    privacy-policy {version}\n"
        "\n"
        f"    {summary}\n"
        "\n"
        f"    Level: {level}\n"
        "    Effective-Date: 2026-02-01\n"
    )
    assert tag_message(released, f"privacy-policy/v{version}") == (
        f"privacy-policy {version}\n\n{summary}\n\nLevel: {level}\nEffective-Date: 2026-02-01\n"
    )


def test_major_bumps_major_records_categories_and_gives_notice(released, tmp_path):
    head = change(released, "major")[:7]
    output = tmp_path / "github-output"
    result = run(
        released,
        SLUG,
        "--as-of",
        TODAY,
        env={"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(output)},
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"Created tag privacy-policy/v2.0.0 on commit {head}.\n"
        "  Version:    2.0.0 (after 1.2.3)\n"
        "  Level:      major\n"
        "  Categories: contacts\n"
        "  Effective:  2026-03-03 (in 30 days; notice period 30 days)\n"
        "\n"
        "Tag message:\n"
        "    privacy-policy 2.0.0\n"
        "\n"
        f"    Major change: {CONTACTS}.\n"
        "\n"
        "    Level: major\n"
        "    Categories: contacts\n"
        "    Effective-Date: 2026-03-03\n"
    )
    assert tag_message(released, "privacy-policy/v2.0.0") == (
        f"privacy-policy 2.0.0\n\nMajor change: {CONTACTS}.\n\n"
        "Level: major\nCategories: contacts\nEffective-Date: 2026-03-03\n"
    )
    assert output.read_text() == "released=privacy-policy/v2.0.0\nmajor=privacy-policy/v2.0.0\n"


def test_dry_run_of_a_later_release_names_the_classify_command(released):
    head = change(released, "major")[:7]
    before = snapshot(released)
    result = run(released, SLUG, "--dry-run", "-m", "A new address for the DPO.",
                 "--as-of", TODAY)  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"Would create tag privacy-policy/v2.0.0 on commit {head} (dry run: nothing written).\n"
        "  Version:    2.0.0 (after 1.2.3)\n"
        "  Level:      major\n"
        "  Categories: contacts\n"
        "  Effective:  2026-03-03 (in 30 days; notice period 30 days)\n"
        "\n"
        "Tag message:\n"
        "    privacy-policy 2.0.0\n"
        "\n"
        "    A new address for the DPO.\n"
        "\n"
        "    Level: major\n"
        "    Categories: contacts\n"
        "    Effective-Date: 2026-03-03\n"
        "\n"
        f"Why: policy classify privacy-policy 1.2.3 {head}\n"
    )
    assert snapshot(released) == before


def test_a_major_change_with_short_notice_needs_a_reason(released):
    change(released, "major")
    refused(released, [SLUG, "--effective", "2026-02-10", "--as-of", TODAY], 2,
            "a major change needs 30 days' notice, and 2026-02-10 is 9 days away; give "
            '--effective 2026-03-03 or later, or --short-notice-reason "..." to record why '
            "users are told later")  # fmt: skip
    result = run(released, SLUG, "--effective", "2026-02-10", "--short-notice-reason",
                 "The old mailbox closes on 2026-02-09.", "--as-of", TODAY)  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert "  Effective:  2026-02-10 (in 9 days; notice period 30 days)\n" in result.stdout
    assert "  Short notice: The old mailbox closes on 2026-02-09.\n" in result.stdout
    assert tag_message(released, "privacy-policy/v2.0.0").endswith(
        "Effective-Date: 2026-02-10\nShort-Notice-Reason: The old mailbox closes on 2026-02-09.\n"
    )


def test_a_major_change_with_exactly_the_notice_period_needs_no_reason(released):
    change(released, "major")
    result = run(released, SLUG, "--effective", "2026-03-03", "--as-of", TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    assert tag_message(released, "privacy-policy/v2.0.0").endswith("Effective-Date: 2026-03-03\n")


def test_a_later_release_cannot_take_effect_in_the_past(released):
    change(released, "minor")
    refused(released, [SLUG, "--effective", "2026-01-31", "--as-of", TODAY], 2,
            "--effective 2026-01-31 is in the past; only a first release may take effect "
            "before today (2026-02-01); give --effective 2026-02-01 or later")  # fmt: skip


def test_a_later_release_never_takes_effect_before_the_previous_one(released):
    change(released, "major")
    assert run(released, SLUG, "--as-of", TODAY).exit_code == 0  # 2.0.0 from 2026-03-03
    fixed = CHANGES["major"].replace("questoin", "question")
    head = write_and_commit(released, PATH, policy_text(SLUG, "2026-01-01", fixed), "Typo")[:7]
    refused(released, [SLUG, "--effective", "2026-02-15", "--as-of", TODAY], 2,
            "--effective 2026-02-15 is before 2026-03-03, when the previous release 2.0.0 "
            "takes effect; give --effective 2026-03-03 or later")  # fmt: skip
    result = run(released, SLUG, "--as-of", TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith(
        f"Created tag privacy-policy/v2.0.1 on commit {head}.\n"
        "  Version:    2.0.1 (after 2.0.0)\n"
        "  Level:      editorial\n"
        "  Effective:  2026-03-03 (in 30 days; the day 2.0.0 takes effect)\n"
    )


def test_commits_that_do_not_touch_the_policy_release_nothing(released):
    write_and_commit(released, "README.md", "Notes.\n", "Notes")
    refused(released, [SLUG, "--as-of", TODAY], 1, "nothing changed in privacy-policy since "
            "1.2.3 (tag privacy-policy/v1.2.3); commit a change to the policy before releasing "
            "it")  # fmt: skip


# -- overrides ------------------------------------------------------------------------------


def test_override_from_commit_trailers(released):
    head = change(released, "minor", "Name the new processor\n\nPolicy-Change: major\n"
                  "Policy-Categories: sharing\n"
                  "Policy-Change-Reason: A new processor receives the data")[:7]  # fmt: skip
    result = run(released, SLUG, "--effective", "2026-03-03", "--as-of", TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"Created tag privacy-policy/v2.0.0 on commit {head}.\n"
        "  Version:    2.0.0 (after 1.2.3)\n"
        "  Level:      major\n"
        "  Override:   major, not the classifier's minor; by Test Author <author@example.com> "
        f"(commit {head}): A new processor receives the data\n"
        "  Categories: sharing\n"
        "  Effective:  2026-03-03 (in 30 days; notice period 30 days)\n"
        "\n"
        "Tag message:\n"
        "    privacy-policy 2.0.0\n"
        "\n"
        "    Major change: Recipients of sharing, transfer or disclosure.\n"
        "\n"
        "    Level: major\n"
        "    Categories: sharing\n"
        "    Effective-Date: 2026-03-03\n"
        "    Classified-Level: minor\n"
        "    Classified-Categories:\n"
        f"    Override-Source: commit {head}\n"
        "    Override-By: Test Author <author@example.com>\n"
        "    Override-Reason: A new processor receives the data\n"
    )
    versions = CliRunner().invoke(
        main, ["--repo", released.working_tree_dir, "versions", "--format", "json"]
    )
    assert '"classified_level": "minor"' in versions.stdout
    assert f'"source": "commit {head}"' in versions.stdout


def test_override_with_level_option_keeps_the_classifier_verdict_beside_it(released):
    head = change(released, "major")[:7]
    result = run(released, SLUG, "--level", "minor", "--reason",
                 "Same mailbox, new alias: legal review 2026-02-01", "--as-of", TODAY)  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith(
        f"Created tag privacy-policy/v1.3.0 on commit {head}.\n"
        "  Version:    1.3.0 (after 1.2.3)\n"
        "  Level:      minor\n"
        "  Override:   minor, not the classifier's major; by Test Author <author@example.com> "
        "(policy release --level): Same mailbox, new alias: legal review 2026-02-01\n"
        "  Effective:  2026-02-01 (today)\n"
    )
    assert tag_message(released, "privacy-policy/v1.3.0") == (
        "privacy-policy 1.3.0\n\n"
        "Minor change: wording changed outside the major-change categories.\n\n"
        "Level: minor\n"
        "Effective-Date: 2026-02-01\n"
        "Classified-Level: major\n"
        "Classified-Categories: contacts\n"
        "Override-Source: policy release --level\n"
        "Override-By: Test Author <author@example.com>\n"
        "Override-Reason: Same mailbox, new alias: legal review 2026-02-01\n"
    )


def test_level_major_keeps_found_categories_or_takes_the_given_ones(released):
    change(released, "major")
    result = run(released, SLUG, "--level", "major", "--reason", "Confirmed", "--dry-run",
                 "--as-of", TODAY)  # fmt: skip
    assert "\n    Categories: contacts\n" in result.stdout
    result = run(released, SLUG, "--level", "major", "--reason", "Also a new recipient",
                 "--categories", "sharing,contacts", "--dry-run", "--as-of", TODAY)  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert "\n    Categories: sharing, contacts\n    Effective-Date: 2026-03-03\n" in result.stdout


def test_level_major_over_a_change_without_categories_needs_them(released):
    change(released, "minor")
    refused(released, [SLUG, "--level", "major", "--reason", "R", "--as-of", TODAY], 2,
            "--level major needs --categories: say which major-change categories apply "
            "(purposes, ownership, sharing, rights, contacts, high_risk), e.g. --categories "
            "sharing,contacts")  # fmt: skip


# -- --all ----------------------------------------------------------------------------------


def test_all_after_a_merge_then_again(released, tmp_path):
    write_and_commit(released, "policies/terms.md",
                     policy_text("terms", "2026-01-15", "# Terms\n\nBe nice.\n", "Terms"),
                     "Terms")  # fmt: skip
    change(released, "major")
    output = tmp_path / "github-output"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(output)}
    result = run(released, "--all", "--as-of", TODAY, env=env)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.count("Created tag ") == 2
    assert result.stdout.endswith("\nReleased 2 policies.\n")
    assert output.read_text() == (
        "released=privacy-policy/v2.0.0 terms/v1.0.0\nmajor=privacy-policy/v2.0.0\n"
    )
    again = run(released, "--all", "--as-of", TODAY, env=env)
    assert (again.exit_code, again.stderr) == (0, "")
    assert again.stdout == (
        "privacy-policy: nothing changed since 2.0.0; skipped.\n"
        "terms: nothing changed since 1.0.0; skipped.\n"
        "\n"
        "Nothing to release.\n"
    )
    assert released.git.rev_parse("privacy-policy/v2.0.0^{commit}") == sha(released, "HEAD")


def test_level_option_wins_over_commit_trailers(released):
    head = change(released, "minor", "Name the processor\n\nPolicy-Change: major\n"
                  "Policy-Categories: sharing\nPolicy-Change-Reason: A new processor")  # fmt: skip
    result = run(released, SLUG, "--level", "editorial", "--reason", "Checked: same processor",
                 "--as-of", TODAY)  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert tag_message(released, "privacy-policy/v1.2.4").endswith(
        "Level: editorial\n"
        "Effective-Date: 2026-02-01\n"
        "Classified-Level: minor\n"
        "Classified-Categories:\n"
        "Override-Source: policy release --level\n"
        "Override-By: Test Author <author@example.com>\n"
        f"Override-Reason: Checked: same processor (replaces major from commit {head[:7]} by "
        "Test Author <author@example.com>)\n"
    )


def test_a_bare_trailer_is_refused_and_names_the_commit(released):
    head = change(released, "minor", "Name the processor\n\nPolicy-Change: major\n"
                  "Policy-Categories: sharing")[:7]  # fmt: skip
    refused(released, [SLUG, "--as-of", TODAY], 1,
            f"commit {head} sets `Policy-Change: major` without a reason; add a "
            "`Policy-Change-Reason: <why>` trailer next to it (git commit --amend), or decide "
            'with `policy release --level LEVEL --reason "..."`')  # fmt: skip


def test_level_option_decides_over_a_bare_trailer_already_merged(released):
    """A merged commit cannot be amended: `--level` with its reason decides, and the tag names
    the bare trailer it set aside."""
    head = change(released, "minor", "Name the processor\n\nPolicy-Change: major")[:7]
    result = run(released, SLUG, "--level", "minor", "--reason", "Checked: same processor",
                 "--as-of", TODAY)  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert tag_message(released, "privacy-policy/v1.3.0").endswith(
        "Override-Reason: Checked: same processor (sets aside `Policy-Change: major` from "
        f"commit {head}, which gave no reason)\n"
    )


def test_refuses_a_head_that_does_not_include_the_latest_release(released):
    first = sha(released, "HEAD")
    change(released, "major")
    assert run(released, SLUG, "--as-of", TODAY).exit_code == 0
    released.git.checkout("-q", "-b", "old", first)
    write_and_commit(released, "README.md", "Notes.\n", "Notes on an old branch")
    refused(released, [SLUG, "--as-of", TODAY], 1, "HEAD does not include privacy-policy 2.0.0 "
            f"(tag privacy-policy/v2.0.0, commit {sha(released, 'main')[:7]}); release from a "
            "branch that contains it")  # fmt: skip


def test_a_github_output_that_cannot_be_written(released, tmp_path):
    change(released, "minor")
    result = run(
        released,
        SLUG,
        "--as-of",
        TODAY,
        env={"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(tmp_path)},
    )
    assert result.exit_code == 1
    assert result.stdout.startswith("Created tag privacy-policy/v1.3.0 on commit ")
    assert result.stderr == (
        f"Error: $GITHUB_OUTPUT ({tmp_path}) cannot be written (Is a directory); this file is "
        "provided by the GitHub Actions runner; the tags were created: privacy-policy/v1.3.0\n"
    )
    assert released.git.tag("--list") == "privacy-policy/v1.2.3\nprivacy-policy/v1.3.0"

"""`policy diff` end to end: real temporary git repositories, CliRunner, exact exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from gitrepo import make_repo, policy_text, snapshot, tag_release, write, write_and_commit

from policy.cli import main

V1 = policy_text(
    "privacy-policy", "2026-01-01", "# Privacy\n\n## Sharing\n\nWe share with Paypal.\n"
)
V2 = V1.replace("Paypal", "Stripe")
V3 = V2 + "\n## Rights\n\nYou may object.\n"


@pytest.fixture
def repo(tmp_path: Path):
    repo = make_repo(tmp_path / "repo")
    write_and_commit(repo, "policies/privacy-policy.md", V1, "v1")
    tag_release(repo, "privacy-policy", "1.0.0", "major", "2026-01-01", "First release")
    write_and_commit(repo, "policies/privacy-policy.md", V2, "processor")
    tag_release(repo, "privacy-policy", "2.0.0", "major", "2026-02-01", "New processor")
    write(repo, "policies/privacy-policy.md", V3)  # uncommitted work in progress
    return repo


def run(repo, *args: str):
    return CliRunner().invoke(main, ["--repo", repo.working_tree_dir, "diff", *args])


def changes(result) -> list[tuple[str, str]]:
    assert result.exit_code == 0, result.stderr
    return [(c["kind"], c["after"] or c["before"]) for c in json.loads(result.stdout)["changes"]]


def test_default_compares_latest_release_with_working_tree(repo):
    result = run(repo, "--format", "json")
    assert changes(result) == [("added", "Rights\nYou may object.")]
    payload = json.loads(result.stdout)
    assert payload["old"]["label"] == "v2.0.0"
    assert payload["old"]["version"] == "2.0.0"
    assert payload["new"]["label"] == "working tree"


def test_a_release_shows_the_effective_date_it_recorded(repo):
    """2.0.0's file still says 2026-01-01; its tag records 2026-02-01, the date users see. The
    working tree kept the file's date: it has none of its own yet (its release will choose)."""
    payload = json.loads(run(repo, "--format", "json").stdout)
    assert (payload["old"]["effective_date"], payload["new"]["effective_date"]) == (
        "2026-02-01",
        None,
    )
    assert run(repo).stdout.splitlines()[:2] == [
        "--- v2.0.0 (effective 2026-02-01)",
        "+++ working tree",
    ]


def test_two_releases_show_their_recorded_dates_and_no_stale_date_change(repo):
    """Neither file changed its `effective_date`; the headers give each release's own date."""
    result = run(repo, "1.0.0", "2.0.0")
    assert result.stdout.splitlines()[:2] == [
        "--- v1.0.0 (effective 2026-01-01)",
        "+++ v2.0.0 (effective 2026-02-01)",
    ]
    assert "effective_date" not in result.stdout


def test_a_date_changed_in_the_file_is_shown_from_the_release_date(repo):
    """The working tree asks for 2026-03-01: the change reads from the date 2.0.0 recorded
    (2026-02-01), not from the stale 2026-01-01 left in 2.0.0's file."""
    write(repo, "policies/privacy-policy.md", V3.replace("2026-01-01", "2026-03-01"))
    payload = json.loads(run(repo, "--format", "json").stdout)
    assert payload["new"]["effective_date"] == "2026-03-01"
    dated = [c for c in payload["changes"] if c["detail"] == "effective_date"]
    assert [(c["before"], c["after"]) for c in dated] == [
        ("effective_date: 2026-02-01", "effective_date: 2026-03-01")
    ]


@pytest.mark.parametrize("old", ["1.0.0", "v1.0.0", "privacy-policy/v1.0.0", "HEAD~1"])
def test_old_and_new_as_versions_tags_and_revisions(repo, old):
    result = run(repo, "privacy-policy", old, "2.0.0", "--format", "json")
    assert changes(result) == [("changed", "We share with Stripe.")]


def test_slug_may_be_left_out_when_there_is_one_policy(repo):
    assert changes(run(repo, "1.0.0", "v2.0.0", "--format", "json")) == [
        ("changed", "We share with Stripe.")
    ]


def test_identical_versions_give_no_changes_and_exit_code_stays_zero(repo):
    result = run(repo, "2.0.0", "HEAD", "--format", "json")
    assert json.loads(result.stdout)["changes"] == []
    assert result.exit_code == 0
    assert run(repo, "2.0.0", "HEAD", "--exit-code").exit_code == 0


def test_exit_code_flag_reports_differences(repo):
    assert run(repo, "--exit-code").exit_code == 1
    assert run(repo).exit_code == 0


def test_pull_request_compares_base_branch_with_head(repo, monkeypatch):
    repo.git.checkout("-b", "proposal")
    repo.git.add("-A")
    repo.git.commit("-m", "add rights")
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    result = run(repo, "--format", "json")
    assert changes(result) == [("added", "Rights\nYou may object.")]
    assert json.loads(result.stdout)["old"]["label"].startswith("main (")


def test_policy_added_in_a_pull_request_is_all_added(repo, monkeypatch):
    repo.git.checkout("-b", "cookies")
    text = policy_text("cookies", "2026-03-01", "# Cookies\n\nWe use two cookies.\n")
    write_and_commit(repo, "policies/cookies.md", text, "add the cookie policy")
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    result = run(repo, "cookies", "--format", "json")
    assert changes(result)[-1] == ("added", "Cookies\nWe use two cookies.")
    assert json.loads(result.stdout)["old"]["path"] is None
    assert "no such policy yet" in json.loads(result.stdout)["old"]["label"]


def test_policy_missing_on_both_sides_is_an_error(repo):
    text = policy_text("cookies", "2026-03-01", "# Cookies\n")
    write(repo, "policies/cookies.md", text)  # in the working tree only
    result = run(repo, "cookies", "HEAD~1", "HEAD")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: cookies does not exist at HEAD (no file for it in that commit); "
        "pick a later revision\n"
    )


def test_pull_request_base_missing_is_a_clear_error(repo, monkeypatch):
    monkeypatch.setenv("GITHUB_BASE_REF", "release-branch")
    result = run(repo)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: the pull request's base branch `release-branch` is not in this clone; fetch it "
        "(actions/checkout with fetch-depth: 0) or name OLD explicitly\n"
    )


def test_unknown_version_is_a_usage_error(repo):
    result = run(repo, "9.9.9")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: privacy-policy has no release 9.9.9 (releases: 1.0.0, 2.0.0); "
        "see `policy versions privacy-policy`\n"
    )


def test_diff_is_read_only(repo):
    before = snapshot(repo)
    for fmt in ("text", "markdown", "html", "json"):
        assert run(repo, "1.0.0", "--format", fmt).exit_code == 0
    assert snapshot(repo) == before


def test_moved_file_is_reported(repo):
    repo.git.add("-A")
    repo.git.commit("-m", "wip")
    (Path(repo.working_tree_dir) / "policies" / "legal").mkdir()
    repo.git.mv("policies/privacy-policy.md", "policies/legal/privacy-policy.md")
    repo.git.commit("-m", "move into legal/")
    result = run(repo, "privacy-policy", "2.0.0", "HEAD", "--format", "json")
    assert changes(result) == [
        ("renamed", "policies/legal/privacy-policy.md"),
        ("added", "Rights\nYou may object."),
    ]


def test_files_outside_git(tmp_path):
    old, new = tmp_path / "a.md", tmp_path / "b.md"
    old.write_text(V1, encoding="utf-8")
    new.write_text(V2, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["diff", "--old-file", str(old), "--new-file", str(new), "--format", "json"]
    )
    assert changes(result) == [("changed", "We share with Stripe.")]
    payload = json.loads(result.stdout)
    assert (payload["old"]["path"], payload["new"]["path"]) == (str(old), str(new))


def test_text_format_is_plain_when_piped(tmp_path):
    old, new = tmp_path / "a.md", tmp_path / "b.md"
    old.write_text(V1, encoding="utf-8")
    new.write_text(V2, encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", "--old-file", str(old), "--new-file", str(new)])
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    assert "~ We share with [-Paypal-]{+Stripe+}." in result.stdout
    coloured = CliRunner().invoke(
        main, ["diff", "--old-file", str(old), "--new-file", str(new), "--color", "always"]
    )
    assert "\x1b[" in coloured.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--old-file", "a.md"], "Error: --old-file and --new-file go together; give both"),
        (
            ["--old-file", "missing.md", "--new-file", "missing.md"],
            "Error: missing.md: no such file; check the path",
        ),
    ],
)
def test_file_mode_errors(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["diff", *args])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == message


def test_non_utf8_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"# Title\n\ncaf\xe9\n")
    result = CliRunner().invoke(main, ["diff", "--old-file", str(bad), "--new-file", str(bad)])
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"Error: {bad}: line 3: is not UTF-8 text; save the file with UTF-8 encoding\n"
    )

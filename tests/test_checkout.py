"""Shallow and tagless clones: the commands that read releases or history refuse them with one
line saying how to fetch what is missing; `check` and `--old-file/--new-file` work anywhere.

Every clone here is a real `git clone` over a `file://` URL, as a CI runner makes them.
"""

from __future__ import annotations

import json

import git
import pytest
from click.testing import CliRunner
from gitrepo import make_repo, policy_text, tag_release, write, write_and_commit

from policy.cli import main

SLUG = "privacy-policy"
OLD_PATH = f"policies/legal/{SLUG}.md"
NEW_PATH = f"policies/privacy/{SLUG}.md"
BODY = (
    "# Privacy\n\n## Sharing\n\nWe share payment data with PayPal.\n\n## Contact\n\nWrite to us.\n"
)
SHALLOW = (
    "Error: this clone is shallow (only the latest commits were fetched), so releases and the "
    "history behind them are missing and every answer would be wrong; fetch them with "
    "`git fetch --unshallow --tags` (in GitHub Actions: actions/checkout with `fetch-depth: 0`)\n"
)
NO_TAGS = (
    "Error: this clone does not fetch tags (remote `origin` has tagOpt --no-tags), and releases "
    "are tags, so they may be missing; fetch them with `git config --unset remote.origin.tagOpt "
    "&& git fetch --tags origin` (in GitHub Actions: actions/checkout with `fetch-depth: 0`)\n"
)
FILE_ONLY_COMMANDS = {"check", "webhook", "init", "demo"}
"""The commands that read no release and no history, and so work in any clone (`init` writes
files, `demo` makes its own scratch repository)."""
# Every command that reads releases or history, with arguments that work in a full clone.
HISTORY_COMMANDS = [
    ["versions"],
    ["versions", SLUG],
    ["changelog"],
    ["show", SLUG, "1.0.0"],
    ["diff"],
    ["diff", SLUG, "1.0.0", "HEAD"],
    ["classify"],
    ["review"],
    ["release", "--all", "--dry-run"],
    ["release", SLUG, "--dry-run"],
    ["publish"],
    ["serve", "--port", "0"],
    ["notify", SLUG, "--dry-run", "--recipients", "nobody.csv"],
    ["audit", SLUG, "1.0.0"],
]


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    """Two releases; between them the policy's folder moved (legal/ -> privacy/)."""
    repo = make_repo(tmp_path_factory.mktemp("origin") / "origin")
    write_and_commit(repo, ".gitignore", "/site/\n/.policy/\n", "Ignore the site")
    write_and_commit(repo, OLD_PATH, policy_text(SLUG, "2026-01-01", BODY), "First version")
    tag_release(repo, SLUG, "1.0.0", "none", "2026-01-01", "First release.")
    repo.git.rm("--quiet", OLD_PATH)
    write_and_commit(repo, NEW_PATH, policy_text(SLUG, "2026-01-01", BODY), "Move the folder")
    write_and_commit(
        repo, NEW_PATH, policy_text(SLUG, "2026-01-01", BODY.replace("to us", "to us today")), "Fix"
    )
    tag_release(repo, SLUG, "1.0.1", "editorial", "2026-02-01", "Wording.")
    yield f"file://{repo.working_tree_dir}"
    repo.close()


def clone(origin: str, where, *options: str) -> git.Repo:
    repo = git.Repo.clone_from(origin, where, multi_options=list(options))
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test Author")
        config.set_value("user", "email", "author@example.com")
    return repo


def run(repo: git.Repo, *args: str):
    return CliRunner().invoke(main, ["--repo", repo.working_tree_dir, *args])


def test_every_command_is_either_file_only_or_refuses_incomplete_clones():
    """A new command must take a side: listed here as reading history, or as file-only."""
    from policy.cli import main

    assert set(main.commands) == {args[0] for args in HISTORY_COMMANDS} | FILE_ONLY_COMMANDS


def test_the_fixture_clones_are_what_ci_runners_make(origin, tmp_path):
    shallow = clone(origin, tmp_path / "a", "--depth=1", "--no-tags")
    assert shallow.git.rev_parse("--is-shallow-repository") == "true"
    assert shallow.git.tag("--list") == ""
    tagless = clone(origin, tmp_path / "b", "--no-tags")
    assert tagless.git.rev_parse("--is-shallow-repository") == "false"
    assert tagless.git.tag("--list") == ""


@pytest.mark.parametrize("args", HISTORY_COMMANDS, ids=" ".join)
def test_a_depth_1_clone_without_tags_is_refused(origin, tmp_path, args):
    repo = clone(origin, tmp_path / "clone", "--depth=1", "--no-tags")
    result = run(repo, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", SHALLOW)


@pytest.mark.parametrize("args", HISTORY_COMMANDS, ids=" ".join)
def test_a_full_clone_without_tags_is_refused(origin, tmp_path, args):
    repo = clone(origin, tmp_path / "clone", "--no-tags")
    result = run(repo, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", NO_TAGS)


def test_tags_fetched_but_shallow_history_is_refused_not_classified_as_major(origin, tmp_path):
    """Every tag is there, but not the history: the move of the policy's folder cannot be
    followed, and the text of 1.0.0 would be read as "no such policy yet"."""
    repo = clone(origin, tmp_path / "clone", "--depth=1")
    repo.git.fetch("--depth=1", "origin", "+refs/tags/*:refs/tags/*")
    assert repo.git.tag("--list").split() == [f"{SLUG}/v1.0.0", f"{SLUG}/v1.0.1"]
    result = run(repo, "classify", SLUG, "1.0.0", "HEAD")
    assert (result.exit_code, result.stderr) == (1, SHALLOW)
    # The fix the message gives works, and then the verdict is right: a change of wording,
    # not a new policy (which would be MAJOR for the sharing with PayPal).
    repo.git.fetch("--unshallow", "--tags")
    result = run(repo, "classify", SLUG, "1.0.0", "HEAD", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["level"] == "minor"
    assert json.loads(result.stdout)["categories"] == []


def test_the_fix_for_a_tagless_clone_works(origin, tmp_path):
    repo = clone(origin, tmp_path / "clone", "--no-tags")
    repo.git.config("--unset", "remote.origin.tagOpt")
    repo.git.fetch("--tags", "origin")
    result = run(repo, "versions")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{SLUG}: 2 releases\n")


def test_release_all_does_not_tag_1_0_0_again_in_a_shallow_clone(origin, tmp_path):
    repo = clone(origin, tmp_path / "clone", "--depth=1", "--no-tags")
    result = run(repo, "release", "--all")
    assert (result.exit_code, result.stderr) == (1, SHALLOW)
    assert repo.git.tag("--list") == ""


def test_publish_from_a_shallow_clone_leaves_an_existing_site_alone(origin, tmp_path):
    full = clone(origin, tmp_path / "full")
    site = tmp_path / "site"
    assert run(full, "publish", "--out", str(site)).exit_code == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert any(p.name == f"{SLUG}.md" for p in before)
    shallow = clone(origin, tmp_path / "shallow", "--depth=1", "--no-tags")
    result = run(shallow, "publish", "--out", str(site))
    assert (result.exit_code, result.stderr) == (1, SHALLOW)
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("options", [["--depth=1", "--no-tags"], ["--no-tags"]], ids=" ".join)
def test_commands_that_read_files_only_work_in_any_clone(origin, tmp_path, options):
    repo = clone(origin, tmp_path / "clone", *options)
    result = run(repo, "check")
    assert (result.exit_code, result.stderr) == (0, "1 policy checked: no problems found.\n")
    old = write(repo, "old.md", policy_text(SLUG, "2026-01-01", BODY))
    new = write(repo, "new.md", policy_text(SLUG, "2026-01-01", BODY.replace("PayPal", "Adyen")))
    for command in ("diff", "classify"):
        result = run(repo, command, "--old-file", str(old), "--new-file", str(new))
        assert result.exit_code == 0, result.output
        assert "Adyen" in result.stdout


def test_a_local_repository_without_a_remote_is_complete(tmp_path):
    """No remote, no tags, full history: a repository whose policies are not released yet."""
    repo = make_repo(tmp_path / "repo")
    write_and_commit(repo, NEW_PATH, policy_text(SLUG, "2026-01-01", BODY), "First")
    result = run(repo, "versions")
    assert (result.exit_code, result.stdout) == (0, f"{SLUG}: no releases yet\n")

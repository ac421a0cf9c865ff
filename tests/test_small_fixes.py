"""Small things a new user met: a misspelt slug in `policy diff`, a wrong `policies_dir` in
`policy check`, YAML's parser jargon and its wrong line, "a editorial release", the feed saying
"Editorial change" twice, and a first release reading "Change: No change". Real repositories,
real commands."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from gitrepo import make_repo, policy_text, write, write_and_commit
from hypothesis import given
from hypothesis import strategies as st
from releasing import run_release

from policy.cli import main
from policy.document.frontmatter import split_front_matter

SLUG = "privacy-policy"
PATH = "policies/privacy-policy.md"
BODY = "# Privacy\n\n## Sharing\n\nWe share your data with PayPal to take payments.\n"


def run(repo, *args: str):
    return CliRunner().invoke(main, ["--repo", repo.working_tree_dir, "--no-pager", *args])


@pytest.fixture
def released(tmp_path):
    repo = make_repo(tmp_path / "repo")
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-01", BODY), "First")
    assert run_release(repo, SLUG, "--as-of", "2026-02-01").exit_code == 0
    return repo


# -- a misspelt slug ----------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["diff", "classify"])
def test_a_misspelt_slug_is_an_unknown_policy_with_a_suggestion(released, command):
    result = run(released, command, "privacy-polcy")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: unknown policy `privacy-polcy` (did you mean `privacy-policy`?); policies in "
        "policies/: privacy-policy (a policy's slug is its file name without .md)\n"
    )


def test_other_commands_suggest_too_and_revisions_still_work(released):
    shown = run(released, "show", "privacy-polciy")
    assert shown.exit_code == 2 and "(did you mean `privacy-policy`?)" in shown.stderr
    assert run(released, "diff", "HEAD").exit_code == 0  # a revision is still a revision
    assert run(released, "diff", "1.0.0").exit_code == 0
    far = run(released, "diff", "zzz")  # neither a revision nor close to a policy
    assert far.exit_code == 2
    assert "`zzz` is not a version, tag or git revision" in far.stderr


# -- check with a wrong policies_dir ------------------------------------------------------------


@pytest.mark.parametrize(
    ("folder", "what"), [("polcies", "does not exist"), ("docs", "holds no .md file")]
)
def test_check_without_any_policy_names_the_folder_and_fails(tmp_path, folder, what):
    repo = make_repo(tmp_path / "repo")
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-01", BODY), "First")
    write(repo, "docs/readme.txt", "not a policy\n")
    write_and_commit(repo, "policy.toml", f'policies_dir = "{folder}"\n', "Settings")
    result = run(repo, "check")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: no policies found: the folder {folder}/ (policies_dir) {what}; put the "
        "policies there, or set policies_dir in policy.toml to the folder that holds them\n"
    )


# -- YAML in plain words, on the right line -----------------------------------------------------


@pytest.mark.parametrize(
    ("front_matter", "line", "message"),
    [
        (
            "title: Privacy: our policy\nslug: privacy-policy\neffective_date: 2026-01-01",
            2,
            "`title: Privacy: our policy` has a second `:` in its value; put the value in "
            'quotes: `title: "Privacy: our policy"`',
        ),
        (
            "title: Privacy\nslug privacy-policy\neffective_date: 2026-01-01",
            3,  # YAML stops on line 4; the line without `:` is line 3
            "`slug privacy-policy` has no `:`; write it as `key: value`",
        ),
        (
            'title: "Privacy\nslug: privacy-policy\neffective_date: 2026-01-01',
            2,  # YAML stops at the end; the quote opens on line 2
            '`title: "Privacy` opens a quote that is never closed; close it on the same line',
        ),
        (
            "title: Privacy\n  slug: privacy-policy\neffective_date: 2026-01-01",
            3,
            "`slug: privacy-policy` is indented, so YAML reads it as part of the line above; "
            "remove the spaces at the start of the line",
        ),
        (
            "title: *Privacy*\nslug: privacy-policy\neffective_date: 2026-01-01",
            2,
            "`title: *Privacy*`: a value starting with `*` means something else to YAML; put "
            'the value in quotes: `title: "*Privacy*"`',
        ),
    ],
    ids=["colon-in-value", "no-colon", "open-quote", "indented", "star"],
)
def test_check_says_what_to_do_with_yaml_on_the_line_at_fault(
    tmp_path, front_matter, line, message
):
    repo = make_repo(tmp_path / "repo")
    write_and_commit(repo, PATH, f"---\n{front_matter}\n---\n\n{BODY}", "First")
    result = run(repo, "check")
    assert result.exit_code == 1
    assert result.stdout == f"{PATH}:{line}: front matter is not valid YAML: {message}\n"


@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=30), max_size=6))
def test_any_broken_front_matter_is_reported_on_one_of_its_lines(lines):
    text = "---\n" + "\n".join(line.replace("\n", " ") for line in lines) + "\n---\nBody\n"
    front = split_front_matter(text)  # never raises
    for problem in front.problems:
        assert 1 <= problem.line <= 2 + max(len(lines) - 1, 0)
        assert "\n" not in problem.message


# -- wording -------------------------------------------------------------------------------------


def test_an_editorial_release_is_written_with_an(released):
    write_and_commit(released, PATH, policy_text(SLUG, "2026-01-01", BODY + "\nThanks.\n"), "E")
    result = run_release(released, SLUG, "--level", "editorial", "--reason", "typo",
                         "--categories", "sharing", "--as-of", "2026-02-01")  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --categories is only for --level major (an editorial release has none)\n"
    )


def test_the_feed_and_pages_say_each_thing_once(released, tmp_path):
    write_and_commit(released, PATH, policy_text(SLUG, "2026-01-01", BODY.replace(
        "## Sharing", "## Sharing ")), "Space")  # fmt: skip
    text = policy_text(SLUG, "2026-01-01", BODY.replace("payments.", "payments!"))
    write_and_commit(released, PATH, text, "Punctuation")
    assert run_release(released, SLUG, "--as-of", "2026-02-01").exit_code == 0
    out = tmp_path / "site"
    assert run(released, "publish", "--out", str(out), "--as-of", "2026-02-01").exit_code == 0
    feed = (out / SLUG / "feed.xml").read_text()
    summaries = re.findall(r"<summary>(.*?)</summary>", feed)
    assert summaries == [
        "Editorial change: no change in meaning. Takes effect on 1 February 2026.",
        "First published version. Takes effect on 1 January 2026.",
    ]
    first = (out / SLUG / "v1.0.0" / "index.html").read_text()
    assert "<dt>Change</dt><dd>First published version</dd>" in first
    assert "No change" not in first and "First release." not in first
    history = (out / SLUG / "changes.html").read_text()
    assert "<dt>Change</dt><dd>No change</dd>" not in history

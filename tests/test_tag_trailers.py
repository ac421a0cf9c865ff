"""Release tags made by hand with trailers that cannot be read (`Level: catastrophic`,
`Categories: nonsense, sharing`, `Effective-Date: 2026-13-45`): reported by `versions` and
`check`, never guessed, and neither published nor announced."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from click.testing import CliRunner
from gitrepo import make_repo, policy_text, sha, tag_plain, tag_release, write_and_commit
from hypothesis import given
from hypothesis import strategies as st
from notifyrepo import standin_env, write_csv
from sendgrid_standin import SendGridStandIn

from policy.cli import main
from policy.versions.levels import Level
from policy.versions.releases import TrailerProblem, parse_tag_message

SLUG = "privacy-policy"
PATH = f"policies/{SLUG}.md"
BODY = "# Privacy\n\n## Sharing\n\nWe share payment data with PayPal.\n"
HAND_MADE = (
    "privacy-policy 2.0.0\n\nStripe replaces PayPal.\n\n"
    "Level: catastrophic\nCategories: nonsense, sharing\nEffective-Date: 2026-13-45\n"
)
LEVEL = "`Level: catastrophic` is not a level (none, editorial, minor, major)"
CATEGORIES = (
    "`Categories: nonsense, sharing` names an unknown category `nonsense` "
    "(allowed: purposes, ownership, sharing, rights, contacts, high_risk)"
)
DATE = "`Effective-Date: 2026-13-45` is not a date (write YYYY-MM-DD)"
KEY = "SG.test-secret-key-0123456789"


def hand_made(path, message: str = HAND_MADE):
    """1.0.0 by `policy release`; 2.0.0 tagged by hand with `message`. The front matter of
    2.0.0 says 2026-01-15, which a bad `Effective-Date` must not fall back to."""
    repo = make_repo(path)
    write_and_commit(repo, ".gitignore", "/site/\n/.policy/\n", "Ignore")
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-01", BODY), "First")
    tag_release(repo, SLUG, "1.0.0", "none", "2026-01-01", "First release.")
    changed = BODY.replace("PayPal", "Stripe")
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-15", changed), "Stripe")
    tag_plain(repo, f"{SLUG}/v2.0.0", message)
    return repo


def hint(repo) -> str:
    return (
        f"replace the tag with a corrected message (git tag --force --annotate "
        f"{SLUG}/v2.0.0 {sha(repo, 'HEAD')[:7]}, then git push --force origin {SLUG}/v2.0.0)"
    )


def run(repo, *args: str, env: dict[str, str] | None = None):
    return CliRunner(env=env).invoke(main, ["--repo", repo.working_tree_dir, *args])


@pytest.fixture
def repo(tmp_path):
    repo = hand_made(tmp_path / "repo")
    yield repo
    repo.close()


# -- reading the message ------------------------------------------------------------------------


def test_each_unreadable_trailer_is_a_problem_and_its_value_unknown():
    parsed = parse_tag_message(HAND_MADE)
    assert parsed.problems == (
        TrailerProblem("Level", "catastrophic", "is not a level (none, editorial, minor, major)"),
        TrailerProblem(
            "Categories",
            "nonsense, sharing",
            "names an unknown category `nonsense` "
            "(allowed: purposes, ownership, sharing, rights, contacts, high_risk)",
        ),
        TrailerProblem("Effective-Date", "2026-13-45", "is not a date (write YYYY-MM-DD)"),
    )
    assert (parsed.level, parsed.effective_date, parsed.categories) == (None, None, ("sharing",))
    assert not parsed.date_from_front_matter


NOT_A_LEVEL = "is not a level (none, editorial, minor, major)"
NOT_A_DATE = "is not a date (write YYYY-MM-DD)"


@pytest.mark.parametrize(
    ("trailers", "problem"),
    [
        (
            "Level: major\nLevel: minor\n",
            ("Level", "minor", "is given twice with different values"),
        ),
        ("Level:\n", ("Level", "", NOT_A_LEVEL)),
        ("Effective-Date: 20260301\n", ("Effective-Date", "20260301", NOT_A_DATE)),
        ("Effective-Date: 2026-W09-1\n", ("Effective-Date", "2026-W09-1", NOT_A_DATE)),
    ],
    ids=["repeated", "empty-level", "basic-format-date", "week-date"],
)
def test_ambiguous_or_odd_trailers_are_problems_too(trailers, problem):
    parsed = parse_tag_message(f"p 2.0.0\n\nSummary.\n\n{trailers}")
    assert parsed.problems == (TrailerProblem(*problem),)
    assert (parsed.level, parsed.effective_date) == (None, None)


def test_a_tag_without_trailers_has_no_problem_and_takes_the_front_matter_date():
    parsed = parse_tag_message("Hand-made release")
    assert parsed.problems == ()
    assert parsed.date_from_front_matter


VALUE = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Zs")), min_size=1, max_size=20
)


@given(level=VALUE, date=VALUE)
def test_a_trailer_value_is_read_exactly_or_reported_never_guessed(level, date):
    parsed = parse_tag_message(f"p 1.0.0\n\nS.\n\nLevel: {level}\nEffective-Date: {date}\n")
    problems = {p.trailer: p.value for p in parsed.problems}
    try:
        expected_level: Level | None = Level.parse(level)
    except ValueError:
        expected_level = None
    assert parsed.level == expected_level
    assert (problems.get("Level") == level) is (expected_level is None)
    try:
        expected_date: dt.date | None = dt.date.fromisoformat(date)
    except ValueError:
        expected_date = None
    if not re.fullmatch("[0-9]{4}-[0-9]{2}-[0-9]{2}", date):
        expected_date = None  # only YYYY-MM-DD in ASCII digits, the form the tool writes
    assert parsed.effective_date == expected_date
    assert (problems.get("Effective-Date") == date) is (expected_date is None)


# -- reported -----------------------------------------------------------------------------------


def test_versions_shows_invalid_and_says_which_trailers_and_what_to_do(repo):
    result = run(repo, "versions", "--as-of", "2026-02-01")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{SLUG}: 2 releases"
    assert lines[3].split()[:5] == ["2.0.0", "unknown", "invalid", "invalid", "sharing"]
    assert lines[4] == (
        f"  Problem: release tag {SLUG}/v2.0.0 cannot be read: "
        f"{LEVEL}; {CATEGORIES}; {DATE}; {hint(repo)}"
    )
    assert len(lines) == 5


def test_versions_json_lists_the_problems(repo):
    result = run(repo, "versions", SLUG, "--format", "json", "--as-of", "2026-02-01")
    releases = json.loads(result.stdout)["policies"][0]["releases"]
    assert releases[0]["problems"] == []
    assert releases[1]["effective_date"] is None  # not the front matter's 2026-01-15
    assert (releases[1]["level"], releases[1]["status"]) == (None, "unknown")
    assert [p["trailer"] for p in releases[1]["problems"]] == [
        "Level",
        "Categories",
        "Effective-Date",
    ]
    assert releases[1]["problems"][2] == {
        "trailer": "Effective-Date",
        "value": "2026-13-45",
        "reason": "is not a date (write YYYY-MM-DD)",
    }


def test_an_unreadable_date_is_never_in_effect(repo):
    """Before, the front matter's 2026-01-15 stood in and 2.0.0 was shown as in effect."""
    result = run(repo, "show", SLUG, "--as-of", "2026-02-01")
    assert result.exit_code == 0, result.output
    assert "PayPal" in result.stdout


def test_check_reports_the_tag_on_the_policy_file(repo):
    result = run(repo, "check")
    assert result.exit_code == 1
    assert result.stdout == (
        f"{PATH}:1: release tag {SLUG}/v2.0.0 cannot be read: "
        f"{LEVEL}; {CATEGORIES}; {DATE}; {hint(repo)}\n"
    )
    assert result.stderr == "1 problem(s) in 1 policy.\n"


# -- refused ------------------------------------------------------------------------------------


def test_publish_refuses_and_writes_nothing(repo, tmp_path):
    out = tmp_path / "site"
    result = run(repo, "publish", "--out", str(out), "--as-of", "2026-02-01")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: release tag {SLUG}/v2.0.0 cannot be published: "
        f"{LEVEL}; {CATEGORIES}; {DATE}; {hint(repo)}\n"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        # An unreadable level would have counted as "not major": nothing sent, exit 0.
        (HAND_MADE.replace("Effective-Date: 2026-13-45", "Effective-Date: 2026-03-01"), None),
        # A major release with an unreadable date would have told users "a date still to be
        # announced" (or, before, the front matter's date).
        ("p 2.0.0\n\nS.\n\nLevel: major\nCategories: sharing\nEffective-Date: 2026-13-45\n", DATE),
    ],
    ids=["level", "date"],
)
def test_notify_refuses_and_sends_nothing(tmp_path, message, problem):
    repo = hand_made(tmp_path / "repo", message)
    source = write_csv(tmp_path / "r.csv", ["ann@example.com"])
    with SendGridStandIn(api_key=KEY) as standin:
        env = standin_env(standin.url, KEY)
        result = run(repo, "notify", SLUG, "2.0.0", "--recipients", str(source), env=env)
        assert result.exit_code == 1, result.output
        found = problem or f"{LEVEL}; {CATEGORIES}"
        assert result.stderr == (
            f"Error: release tag {SLUG}/v2.0.0 cannot be announced: {found}; {hint(repo)}\n"
        )
        assert standin.requests == []
    assert not (tmp_path / "repo" / ".policy").exists()  # no ledger either

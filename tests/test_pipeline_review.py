"""`policy review`: the sticky pull-request comment and its label, in real temporary repositories.

Snapshots live in tests/snapshots/; after a deliberate change in output, regenerate them with
`UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_pipeline_review.py` and review the diff in git.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from gitrepo import commit, make_repo, policy_text, snapshot, write, write_and_commit
from hypothesis import given
from hypothesis import strategies as st
from test_pipeline_github import parse_outputs

from policy.cli import main
from policy.pipeline.review import MARKER, MAX_CHARS, _shares

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
PRIVACY = "policies/privacy-policy.md"
TERMS = "policies/terms.md"
BODY = (
    "# Privacy Policy\n\nWe keep your data.\n\n## Sharing\n\n"
    "We share your data with PayPal to take payments.\n\n## Contact\n\nWrite to us.\n"
)


def check_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"no snapshot {name}: run with UPDATE_SNAPSHOTS=1 and review it"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from its snapshot (UPDATE_SNAPSHOTS=1 to accept)"


def run(repo, *args: str, env: dict[str, str | None] | None = None):
    base = {"GITHUB_BASE_REF": "main"}
    return CliRunner(env={**base, **(env or {})}).invoke(
        main, ["--repo", repo.working_tree_dir, "review", *args]
    )


@pytest.fixture
def pull_request(tmp_path):
    """main with two policies; branch `edit` changes the privacy policy's sharing sentence."""
    repo = make_repo(tmp_path / "repo")
    write_and_commit(repo, PRIVACY, policy_text("privacy-policy", "2026-01-01", BODY), "Privacy")
    terms = policy_text("terms", "2026-01-01", "# Terms\n\nBe nice.\n", title="Terms")
    write_and_commit(repo, TERMS, terms, "Terms")
    repo.git.checkout("-b", "edit")
    edited = BODY.replace("with PayPal", "with PayPal and Stripe")
    write_and_commit(repo, PRIVACY, policy_text("privacy-policy", "2026-01-01", edited), "Stripe")
    return repo


def test_review_body_for_a_pull_request(pull_request):
    before = snapshot(pull_request)
    result = run(pull_request)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith(MARKER + "\n")
    check_snapshot("review-one-policy.md", result.stdout)
    assert snapshot(pull_request) == before


def test_review_json_has_body_label_and_labels_to_remove(pull_request):
    result = run(pull_request, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["body"] == run(pull_request).stdout
    assert {k: v for k, v in data.items() if k != "body"} == {
        "marker": "<!-- policy-review -->",
        "level": "major",
        "label": "policy: major",
        "labels_to_remove": ["policy: minor", "policy: editorial", "policy: needs decision"],
        "needs_decision": False,
        "decision_label": None,
        "policies": [
            {
                "slug": "privacy-policy",
                "title": "Privacy Policy",
                "level": "major",
                "summary": "Major change: Recipients of sharing, transfer or disclosure.",
                "changes": 1,
                "needs_decision": False,
                "override": None,
                "date_warning": None,
            }
        ],
    }


def test_review_in_actions_sets_outputs_and_the_job_summary(pull_request, tmp_path):
    output, summary = tmp_path / "output", tmp_path / "summary.md"
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    result = run(pull_request, env=env)
    assert result.exit_code == 0
    outputs = parse_outputs(output.read_text(encoding="utf-8"))
    assert outputs == {
        "body": result.stdout,
        "label": "policy: major",
        "labels_to_remove": "policy: minor\npolicy: editorial\npolicy: needs decision",
        "level": "major",
        "decision_label": "",
        "needs_decision": "false",
    }
    text = summary.read_text(encoding="utf-8")
    assert text == result.stdout.removeprefix(MARKER + "\n") + "\n"
    assert MARKER not in text


@pytest.mark.parametrize(
    ("privacy", "terms", "level", "verdicts"),
    [
        ("We sell your data to Acme Corp.", "Be kind.", "major", ["major", "minor"]),
        ("We keep your data.", "Be kind.", "minor", ["minor"]),
        ("We keep  your\ndata.", "Be *nice*.", "editorial", ["editorial", "editorial"]),
        ("We keep your data.", "Be nice.", None, []),
    ],
)
def test_the_label_is_the_highest_verdict(tmp_path, privacy, terms, level, verdicts):
    repo = make_repo(tmp_path / "repo")
    old_privacy, old_terms = "# Privacy\n\nWe keep your data.\n", "# Terms\n\nBe nice.\n"
    write(repo, PRIVACY, policy_text("privacy-policy", "2026-01-01", old_privacy))
    write(repo, TERMS, policy_text("terms", "2026-01-01", old_terms, title="Terms"))
    repo.git.add("-A")
    commit(repo, "Two policies")
    repo.git.checkout("-b", "edit")
    new_privacy = old_privacy.replace("We keep your data.", privacy)
    write(repo, PRIVACY, policy_text("privacy-policy", "2026-01-01", new_privacy))
    new_terms = old_terms.replace("Be nice.", terms)
    write(repo, TERMS, policy_text("terms", "2026-01-01", new_terms, title="Terms"))
    repo.git.add("-A")
    repo.git.commit("--allow-empty", "-m", "Edit")
    data = json.loads(run(repo, "--format", "json").stdout)
    label = f"policy: {level}" if level else None
    assert (data["level"], data["label"]) == (level or "none", label)
    assert data["labels_to_remove"] == [
        name for name in ("policy: major", "policy: minor", "policy: editorial") if name != label
    ] + ["policy: needs decision"]  # nothing undecided: the decision label comes off too
    assert [p["level"] for p in data["policies"]] == verdicts


def test_a_policy_change_trailer_sets_the_label_and_is_shown(pull_request):
    message = (
        "Name Stripe\n\nPolicy-Change: minor\n"
        "Policy-Change-Reason: Stripe already processed our payments\n"
    )
    pull_request.git.commit("--amend", "-m", message)  # trailers count on commits of the policy
    result = run(pull_request, "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert (data["level"], data["label"]) == ("minor", "policy: minor")
    assert data["labels_to_remove"] == [
        "policy: major",
        "policy: editorial",
        "policy: needs decision",
    ]
    assert data["policies"][0]["override"] == (
        "Set by Test Author <author@example.com> (commit "
        f"{pull_request.head.commit.hexsha[:7]}): Stripe already processed our payments"
    )
    assert "> Set by a person: Test Author \\<author@example.com\\> (commit " in data["body"]
    assert "> **Level set by a person** (privacy-policy): Set by Test Author" in data["body"]


def test_a_bare_policy_change_trailer_is_refused(pull_request):
    """A verdict without its reason is no decision: the review says which commit to amend."""
    pull_request.git.commit("--amend", "-m", "Name Stripe\n\nPolicy-Change: minor\n")
    head = pull_request.head.commit.hexsha[:7]
    result = run(pull_request, "--format", "json")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: commit {head} sets `Policy-Change: minor` without a reason; add a "
        "`Policy-Change-Reason: <why>` trailer next to it (git commit --amend), or decide with "
        '`policy release --level LEVEL --reason "..."`\n'
    )


def test_review_of_an_unchanged_branch(pull_request):
    pull_request.git.checkout("main")
    result = run(pull_request)
    assert result.exit_code == 0
    assert result.stdout == (
        "<!-- policy-review -->\n## Policy review\n\nNo policy text changed in this pull request.\n"
    )
    data = json.loads(run(pull_request, "--format", "json").stdout)
    assert (data["level"], data["label"], data["policies"]) == ("none", None, [])


def test_review_of_named_policies_only(pull_request):
    result = run(pull_request, "terms")
    assert result.exit_code == 0
    assert "No policy text changed" in result.stdout


def test_review_of_an_unknown_policy(pull_request):
    result = run(pull_request, "nope")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: unknown policy `nope`; policies in policies/: privacy-policy, terms "
        "(a policy's slug is its file name without .md)\n"
    )


def test_review_without_the_base_branch_in_the_clone(pull_request):
    result = run(pull_request, env={"GITHUB_BASE_REF": "release"})
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: the pull request's base branch `release` is not in this clone; fetch it "
        "(actions/checkout with fetch-depth: 0) or name OLD explicitly\n"
    )


def test_two_long_redlines_share_one_comment(tmp_path):
    """Both policies rewritten paragraph by paragraph: each redline alone nearly fills a comment;
    together they are shortened to fit, each with its note, both policies still shown."""
    repo = make_repo(tmp_path / "repo")
    # English words: a policy of words in no language would be asked about as not English.
    words = [
        "we",
        "keep",
        "the",
        "notes",
        "of",
        "our",
        "members",
        "and",
        "send",
        "them",
        "with",
        "care",
    ]

    def text(slug: str, variant: int) -> str:
        paragraphs = [
            " ".join(f"{words[(i + j) % len(words)]}{variant if j % 5 == 0 else ''}"
                     for j in range(60))
            for i in range(150)
        ]  # fmt: skip
        body = f"# {slug}\n\n" + "\n\n".join(paragraphs) + "\n"
        return policy_text(slug, "2026-01-01", body, title=slug.title())

    for slug in ("privacy-policy", "terms"):
        write_and_commit(repo, f"policies/{slug}.md", text(slug, 1), slug)
    repo.git.checkout("-b", "rewrite")
    for slug in ("privacy-policy", "terms"):
        write_and_commit(repo, f"policies/{slug}.md", text(slug, 2), slug)
    result = run(repo)
    assert result.exit_code == 0
    body = result.stdout
    assert len(body) < MAX_CHARS
    assert body.count("<details open>") == 2
    assert body.count("</details>") == 2
    assert "\n## Privacy-Policy (privacy-policy)\n" in body
    assert "\n## Terms (terms)\n" in body
    assert body.count("more changes not shown (the comment is limited to ") == 2
    single = run(repo, "terms").stdout
    assert len(single) < MAX_CHARS
    assert len(single) > len(body) / 2  # one policy alone gets (nearly) the whole room


@given(st.lists(st.integers(min_value=0, max_value=100_000), max_size=8), st.integers(-5, 200_000))
def test_shares_fit_the_budget_and_never_grow_a_redline(lengths, budget):
    shares = _shares(lengths, budget)
    assert len(shares) == len(lengths)
    assert all(0 <= s <= n for s, n in zip(shares, lengths, strict=True))
    assert sum(shares) <= max(budget, 0)
    if sum(lengths) <= budget:
        assert shares == lengths
    else:  # the room is used: whatever is cut, the shares fill the budget (up to rounding)
        assert sum(shares) >= max(budget, 0) - len(lengths)

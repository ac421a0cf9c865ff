"""`policy classify` end to end in real temporary repositories, with commit-trailer overrides,
and the classifier's accuracy on the corpus (tests/corpora), scored by the corpus's own score.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from gitrepo import make_repo, policy_text, snapshot, tag_release, write, write_and_commit

from policy.classify.engine import classify_diff
from policy.cli import main
from policy.diff.sources import diff_files

PATH = "policies/privacy-policy.md"
V1 = policy_text(
    "privacy-policy",
    "2026-01-01",
    "# Privacy\n\n## Sharing\n\nWe use a payment processor (currently PayPal).\n\n"
    "## Contact\n\nEmail: info@example.com\n",
)
V2 = V1.replace("PayPal", "Stripe")

CORPUS = Path(__file__).resolve().parent / "corpora" / "corpus"
CASES = sorted(p.parent for p in CORPUS.glob("*/*/label.json"))


@pytest.fixture
def repo(tmp_path: Path):
    repo = make_repo(tmp_path / "repo")
    write_and_commit(repo, PATH, V1, "First version")
    tag_release(repo, "privacy-policy", "1.0.0", "none", "2026-01-01", "First release")
    return repo


def run(repo, *args: str):
    return CliRunner().invoke(main, ["--repo", repo.working_tree_dir, "classify", *args])


def test_text_leads_with_the_verdict_and_shows_the_evidence(repo):
    write_and_commit(repo, PATH, V2, "New processor")
    before = snapshot(repo)
    result = run(repo, "privacy-policy", "1.0.0", "HEAD")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "v1.0.0 (effective 2026-01-01) → HEAD\n"
        "MAJOR change: users must be told before it takes effect (section 8 of the policy).\n"
        "Major-change categories: Recipients of sharing, transfer or disclosure (sharing).\n"
        "\n"
        "Recipients of sharing, transfer or disclosure (sharing)\n"
        "  1. Privacy › Sharing (changed)\n"
        "     We use a payment processor (currently [-PayPal-]{+Stripe+}).\n"
        "     Why: Adds the recipient “Stripe”, which the old version did not state "
        "(rule sharing.organisation).\n"
        "     Why: Removes the recipient “PayPal”, which the new version no longer states "
        "(rule sharing.organisation).\n"
    )
    assert snapshot(repo) == before  # classify writes nothing


def test_json_contract(repo):
    write(repo, PATH, V2.replace("info@example.com", "privacy@example.com"))
    result = run(repo, "--format", "json")  # latest release → working tree
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert list(payload) == [
        "level",
        "categories",
        "changes",
        "override",
        "needs_decision",
        "questions",
        "automatic_level",
        "automatic_categories",
        "minor_evidence",
        "editorial_evidence",
    ]
    assert (payload["needs_decision"], payload["questions"]) == (False, [])
    assert payload["level"] == "major"
    assert [c["id"] for c in payload["categories"]] == ["sharing", "contacts"]
    evidence = payload["categories"][1]["evidence"][0]
    assert list(evidence) == [
        "section", "anchor", "kind", "before", "after", "reason", "rule", "spans",
        "category", "item", "item_kind", "change", "quote_before", "quote_after",
    ]  # fmt: skip
    assert {k: evidence[k] for k in ("rule", "category", "item", "item_kind", "change")} == {
        "rule": "contacts.e-mail",
        "category": "contacts",
        "item": "privacy@example.com",
        "item_kind": "e-mail",
        "change": "added",
    }
    assert evidence["quote_after"] == "Email: privacy@example.com"
    assert (evidence["section"], evidence["anchor"], evidence["kind"]) == (
        ["Privacy", "Contact"],
        "contact",
        "changed",
    )
    assert (evidence["before"], evidence["after"]) == (
        "Email: info@example.com",
        "Email: privacy@example.com",
    )
    assert evidence["spans"] == [
        {"op": "equal", "text": "Email: "},
        {"op": "delete", "text": "info"},
        {"op": "insert", "text": "privacy"},
        {"op": "equal", "text": "@example.com"},
    ]
    assert payload["changes"] == 2
    assert payload["override"] is None
    assert (payload["automatic_level"], payload["automatic_categories"]) == (
        "major",
        payload["categories"],
    )


def test_markdown_for_a_pull_request_comment(repo):
    write_and_commit(repo, PATH, V2, "New processor")
    result = run(repo, "--format", "markdown", "1.0.0", "HEAD")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("### Verdict: **major** change\n")
    assert "| Recipients of sharing, transfer or disclosure (`sharing`) | 2 |" in result.stdout
    assert "(currently ~~PayPal~~**Stripe**)" in result.stdout


def test_trailers_override_and_are_shown_beside_the_automatic_verdict(repo):
    write_and_commit(
        repo,
        PATH,
        V2,
        "Rename the processor\n\nPolicy-Change: editorial\n"
        "Policy-Change-Reason: Same processor, new trading name\n",
    )
    result = run(repo, "1.0.0", "HEAD")
    assert result.exit_code == 0, result.stderr
    sha = repo.git.rev_parse("--short=7", "HEAD")
    assert result.stdout.splitlines()[1:4] == [
        "EDITORIAL change: no change in meaning.",
        f"Set by a person: Test Author <author@example.com> (commit {sha}): "
        "“Same processor, new trading name”.",
        "The classifier's own verdict: major (sharing).",
    ]
    payload = json.loads(run(repo, "1.0.0", "HEAD", "--format", "json").stdout)
    assert payload["override"] == {
        "level": "editorial",
        "categories": [],
        "source": f"commit {sha}",
        "by": "Test Author <author@example.com>",
        "reason": "Same processor, new trading name",
        "classified_level": "major",
        "classified_categories": ["sharing"],
    }


def test_categories_trailer_alone_means_major(repo):
    write_and_commit(
        repo,
        PATH,
        V1 + "\nA new sentence.\n",
        "Add\n\nPolicy-Categories: rights\nPolicy-Change-Reason: A new right, in other words\n",
    )
    payload = json.loads(run(repo, "1.0.0", "HEAD", "--format", "json").stdout)
    assert payload["level"] == "major"
    assert [c["id"] for c in payload["categories"]] == ["rights"]
    assert payload["categories"][0]["evidence"] == []


def test_newest_trailer_wins_and_other_files_do_not_count(repo):
    why = "\nPolicy-Change-Reason: "
    write_and_commit(repo, PATH, V2, f"One\n\nPolicy-Change: minor{why}One\n")
    write_and_commit(repo, PATH, V2 + "\nMore.\n", f"Two\n\nPolicy-Change: major{why}Two\n")
    write_and_commit(repo, "README.md", "x", f"Three\n\nPolicy-Change: editorial{why}Three\n")
    payload = json.loads(run(repo, "1.0.0", "HEAD", "--format", "json").stdout)
    assert (payload["level"], payload["override"]["reason"]) == ("major", "Two")


def test_a_bare_policy_change_trailer_is_refused_with_the_fix(repo):
    write_and_commit(repo, PATH, V2, "Swap\n\nPolicy-Change: minor\n")
    sha = repo.git.rev_parse("--short=7", "HEAD")
    result = run(repo, "1.0.0", "HEAD")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: commit {sha} sets `Policy-Change: minor` without a reason; add a "
        "`Policy-Change-Reason: <why>` trailer next to it (git commit --amend), or decide with "
        '`policy release --level LEVEL --reason "..."`\n'
    )


@pytest.mark.parametrize(
    ("trailer", "message"),
    [
        ("Policy-Change: huge", "(Policy-Change): `huge` is not a level; use major, minor or "
         "editorial"),
        ("Policy-Categories: sharing, money", "(Policy-Categories): unknown category `money`; "
         "use purposes, ownership, sharing, rights, contacts, high_risk"),
    ],
    ids=["level", "category"],
)  # fmt: skip
def test_bad_trailer_is_one_clear_error(repo, trailer, message):
    write_and_commit(repo, PATH, V2, f"Edit\n\n{trailer}\nPolicy-Change-Reason: why\n")
    result = run(repo, "1.0.0", "HEAD")
    sha = repo.git.rev_parse("--short=7", "HEAD")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: commit {sha} {message}\n"


def test_old_file_and_new_file(tmp_path):
    old, new = tmp_path / "a.md", tmp_path / "b.md"
    old.write_text(V1, encoding="utf-8")
    new.write_text(V1.replace("(currently PayPal)", "(currently Paypal)"), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["--repo", str(tmp_path), "classify", "--old-file", str(old), "--new-file", str(new)]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "EDITORIAL change: no change in meaning.",
        "",
        "Also: 1 editorial change (typos, formatting, moves, headings, dates).",
    ]
    only_one = CliRunner().invoke(main, ["classify", "--old-file", str(old)])
    assert only_one.exit_code == 2
    assert "--old-file and --new-file go together; give both" in only_one.stderr


def test_policy_toml_extends_the_vocabulary(tmp_path):
    repo = make_repo(tmp_path / "repo")
    body = "# Policy\n\n## Misc\n\nWe keep things simple.\n"
    write_and_commit(repo, PATH, policy_text("privacy-policy", "2026-01-01", body), "v1")
    write(repo, PATH, policy_text("privacy-policy", "2026-01-01", body + "\nWe now use Zorblat.\n"))
    assert json.loads(run(repo, "--format", "json").stdout)["level"] == "minor"
    write(repo, "policy.toml", '[classify.sharing]\nterms = ["zorblat"]\n')
    payload = json.loads(run(repo, "--format", "json").stdout)
    assert (payload["level"], [c["id"] for c in payload["categories"]]) == ("major", ["sharing"])
    assert "(rule sharing.terms)" in payload["categories"][0]["evidence"][0]["reason"]
    write(repo, "policy.toml", '[classify.sharing]\nterms = ["(unclosed"]\n')
    result = run(repo)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: policy.toml: `classify.sharing.terms` = ['(unclosed'] is not allowed: "
        "'(unclosed' is not a regular expression"
    )


# -- accuracy on the corpus --------------------------------------------------------------------


CORPORA = Path(__file__).resolve().parent / "corpora"
SET_ASIDE = {("corpus-real2", "fortrabbit"), ("corpus-real2", "travis"),
             ("corpus-synthetic2", "cestaria")}  # fmt: skip
"""Set aside before the rules were reworked and scored blind once; its misses were read since,
so its figures are after looking (docs/accuracy.md)."""
THRESHOLDS = {
    # set: (major recall, major recall with flags, precision, category micro-F1), each a
    # little under what the classifier reaches (docs/accuracy.md), so a regression fails.
    "corpus": (0.95, 0.95, 0.95, 0.95),
    "development": (0.93, 0.97, 0.95, 0.92),
    "set-aside": (0.90, 0.97, 0.85, 0.78),
}
MAX_FLAGGED = 0.20
"""At most this share of non-major changes may be flagged for a lawyer's decision."""


def _group(label_path: Path) -> tuple[str, str]:
    corpus = label_path.relative_to(CORPORA).parts[0]
    if corpus == "corpus":
        return corpus, label_path.parent.parent.name
    if corpus == "corpus-real2":
        return corpus, label_path.parent.name.split("-", 2)[2]
    return corpus, json.loads(label_path.read_text(encoding="utf-8"))["policy"]


@pytest.fixture(scope="module")
def scored():
    """Every case of the three corpora classified once; scored per set by score.py."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("score", CORPUS / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    cases = []
    for label_path in sorted(CORPORA.glob("**/label.json")):
        label = json.loads(label_path.read_text(encoding="utf-8"))
        case = label_path.parent
        result = classify_diff(diff_files(case / "before.md", case / "after.md"))
        cases.append((_group(label_path), label, result))

    def score(name: str) -> dict:
        chosen = [
            (label, result)
            for group, label, result in cases
            if (name == "corpus" and group[0] == "corpus")
            or (name == "set-aside" and group in SET_ASIDE)
            or (name == "development" and group not in SET_ASIDE)
        ]
        gold = {
            label["id"]: {
                "level": label["level"],
                "major": label["level"] == "major",
                "categories": set(label["categories"]),
                "where": label["id"],
            }
            for label, _ in chosen
        }
        preds = {
            label["id"]: {
                "level": result.level.label,
                "major": result.level.label == "major",
                "categories": set(result.category_ids),
            }
            for label, result in chosen
        }
        metrics = scorer.score(gold, preds)
        majors = [r for label, r in chosen if label["level"] == "major"]
        others = [r for label, r in chosen if label["level"] != "major"]
        metrics["recall_flag"] = sum(
            r.level.label == "major" or r.needs_decision for r in majors
        ) / len(majors)
        metrics["flagged"] = sum(r.needs_decision for r in others) / len(others)
        return metrics

    return score


@pytest.mark.parametrize("name", list(THRESHOLDS))
def test_accuracy_on_the_corpora_meets_the_thresholds(scored, name):
    """Major recall, recall counting flagged cases, precision and category micro-F1 per set
    (the bundled corpus, the development group, the set-aside group; README: Accuracy)."""
    metrics = scored(name)
    recall, recall_flag, precision, f1 = THRESHOLDS[name]
    misses = [m["id"] for m in metrics["misses"]]
    assert metrics["major_vs_not"]["recall"] >= recall, misses
    assert metrics["recall_flag"] >= recall_flag, misses
    assert metrics["major_vs_not"]["precision"] >= precision, misses
    assert metrics["categories_micro"]["f1"] >= f1, misses
    assert metrics["flagged"] <= MAX_FLAGGED


def test_markdown_marks_hold_no_edge_spaces(repo):
    write_and_commit(
        repo, PATH, V1.replace("(currently PayPal)", "(currently PayPal and Stripe)"), "x"
    )
    result = run(repo, "--format", "markdown", "1.0.0", "HEAD")
    assert "(currently PayPal **and Stripe**)" in result.stdout

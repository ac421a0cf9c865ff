"""What the policy states, compared item by item, and a person's decision where the classifier
cannot tell: each rule on sentences written for this test (never a corpus sentence), then the
decision gating of `policy classify`, `policy review` and `policy release` end to end in real
temporary repositories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from gitrepo import make_repo, policy_text, tag_release, write_and_commit
from releasing import run_release
from test_pipeline_github import parse_outputs

from policy.classify.engine import classify_diff
from policy.classify.inventory import deobfuscate, polarity
from policy.cli import main
from policy.diff.engine import compare
from policy.document import parse_document
from policy.versions.levels import Level

PATH = "policies/privacy-policy.md"


def classify(old_body: str, new_body: str):
    old = parse_document(policy_text("privacy-policy", "2026-01-01", old_body))
    new = parse_document(policy_text("privacy-policy", "2026-01-01", new_body))
    return classify_diff(compare(old, new))


def policy(sharing: str = "", rights: str = "", contact: str = "", use: str = "") -> str:
    return (
        "# Acme Privacy Notice\n\n"
        f"## How we use information\n\nWe use your email address to send receipts.\n\n{use}\n\n"
        f"## Who we share data with\n\nWe share data with the processors below.\n\n{sharing}\n\n"
        f"## Your rights\n\nYou can ask for a copy of your data.\n\n{rights}\n\n"
        "## Contact us\n\nWrite to our privacy team at privacy@acme.example with any question "
        f"about this notice.\n\n{contact}\n"
    )


TABLE = (
    "| Processor | Service | Location |\n| --- | --- | --- |\n"
    "| Nimbus Cloud Ltd | Hosting | Ireland |\n| Parcelwise GmbH | Delivery | Germany |\n"
)


# -- the inventory's rules, each on its own sentences --------------------------------------------


def test_anti_spam_spellings_are_the_same_address():
    """Phenomenon: an address rewritten as `name [at] domain [dot] tld` is not a new contact."""
    assert deobfuscate("privacy [at] acme [dot] example") == "privacy@acme.example"
    assert deobfuscate("privacy (at) acme (dot) example") == "privacy@acme.example"
    result = classify(
        policy(), policy().replace("privacy@acme.example", "privacy [at] acme [dot] example")
    )
    assert result.level is not Level.MAJOR
    assert result.questions == ()


def test_a_new_row_of_a_recipients_table_is_a_new_recipient():
    """Phenomenon: tables are records; a row added to a processors table names a recipient."""
    new_table = TABLE + "| Querylane Inc. | Support chat | United States |\n"
    result = classify(policy(sharing=TABLE), policy(sharing=new_table))
    assert result.category_ids == ("sharing",)
    evidence = result.categories[0].evidence[0]
    assert (evidence.item, evidence.change, evidence.rule) == (
        "Querylane Inc.",
        "added",
        "sharing.organisation",
    )
    removed = classify(policy(sharing=new_table), policy(sharing=TABLE))
    assert removed.category_ids == ("sharing",)
    assert removed.categories[0].evidence[0].change == "removed"


def test_a_new_named_officer_and_a_new_authority_are_contacts():
    """Phenomena: the person named as data protection officer changes; a complaint
    authority is added."""
    old = policy(contact="Our Data Protection Officer is Marta Quillon.")
    new = policy(contact="Our Data Protection Officer is Oskar Brennvik.")
    result = classify(old, new)
    assert result.category_ids == ("contacts",)
    assert {e.item for e in result.categories[0].evidence} == {"Marta Quillon", "Oskar Brennvik"}
    authority = classify(
        policy(), policy(contact="You may also complain to the Information Commissioner's Office.")
    )
    assert "contacts" in authority.category_ids


def test_a_new_step_on_exercising_rights_is_a_rights_change():
    """Phenomenon: a verification step (or an appeal) is a new condition on how rights are
    exercised."""
    new = policy(rights="Before we act, we send a verification code to confirm the request.")
    result = classify(policy(), new)
    assert result.category_ids == ("rights",)
    assert result.categories[0].evidence[0].item_kind == "route"


def test_a_reversed_practice_is_major_and_a_new_condition_is_a_question():
    """Phenomena: "never" becoming allowed reverses a practice (major); "may" becoming "only
    with your consent" changes a condition (a lawyer decides)."""
    assert polarity("We never use your order history for marketing.") == "never"
    assert polarity("We do not use it for marketing without your consent.") == "with consent"
    never = policy(use="We never use your order history for marketing.")
    consent = policy(use="We do not use your order history for marketing without your consent.")
    reversed_ = classify(never, consent)
    assert reversed_.category_ids == ("purposes",)
    assert reversed_.categories[0].evidence[0].change == "flipped"
    may = policy(use="We may use your order history for marketing.")
    only = policy(use="We use your order history for marketing only with your consent.")
    asked = classify(may, only)
    assert (asked.level, asked.needs_decision) == (Level.MINOR, True)
    question = asked.questions[0]
    assert question.category == "purposes"
    assert "new condition on an existing practice" in question.question


def test_a_renamed_company_is_not_a_new_controller_or_recipient():
    """Phenomenon: the same legal entity under a new name (said so, or replaced throughout)."""
    old = (
        "# Notice\n\nBrightfold Ltd is the controller of your data. Brightfold Ltd runs the app.\n"
    )
    new = (
        "# Notice\n\nLumenway Ltd (formerly Brightfold Ltd) is the controller of your data. "
        "Lumenway Ltd runs the app.\n"
    )
    result = classify(old, new)
    assert "ownership" not in result.category_ids
    assert "sharing" not in result.category_ids


def test_an_ownership_event_is_ownership():
    """Phenomenon: insolvency, administration or acquisition of the company."""
    new = policy(contact="Acme Widgets Ltd entered administration on 3 March.")
    assert classify(policy(), new).category_ids == ("ownership",)


def test_minor_verdicts_carry_evidence_saying_why():
    result = classify(policy(), policy(use="We keep receipts for six years."))
    assert result.level is Level.MINOR
    assert [e.rule for e in result.minor_evidence] == ["minor"]
    assert "adds, removes or reverses no item" in result.minor_evidence[0].reason


# -- gating, end to end --------------------------------------------------------------------------

MAY = policy(use="We may use your order history for marketing.")
ONLY = policy(use="We use your order history for marketing only with your consent.")


@pytest.fixture
def released(tmp_path: Path):
    repo = make_repo(tmp_path / "repo")
    write_and_commit(repo, PATH, policy_text("privacy-policy", "2026-01-01", MAY), "v1")
    tag_release(repo, "privacy-policy", "1.0.0", "none", "2026-01-01", "First release")
    return repo


def test_classify_leads_with_the_decision_needed(released):
    write_and_commit(released, PATH, policy_text("privacy-policy", "2026-01-01", ONLY), "Consent")
    result = CliRunner().invoke(
        main, ["--repo", released.working_tree_dir, "classify", "1.0.0", "HEAD"]
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1].startswith("Needs a lawyer's decision: 1 change the classifier could not")
    assert lines[2] == "MINOR change: a change in wording outside the major-change list."
    assert "Questions for a lawyer" in lines
    excerpt = lines[lines.index("Questions for a lawyer") + 2].strip()
    assert "[-may-]" in excerpt and "{+only with your consent+}" in excerpt, excerpt
    payload = json.loads(
        CliRunner()
        .invoke(main, ["--repo", released.working_tree_dir, "classify", "--format", "json"])
        .stdout
    )
    assert payload["needs_decision"] is True
    assert list(payload["questions"][0]) == ["category", "section", "before", "after", "question"]
    assert payload["level"] == "minor"


def test_release_refuses_an_undecided_change_until_a_person_decides(released):
    write_and_commit(released, PATH, policy_text("privacy-policy", "2026-01-01", ONLY), "Consent")
    refused = run_release(released, "privacy-policy")
    assert refused.exit_code == 1
    assert refused.stderr.startswith(
        "Error: privacy-policy: the change needs a lawyer's decision (1 question, see "
        "`policy classify privacy-policy`)"
    )
    assert released.tags == [] or [t.name for t in released.tags] == ["privacy-policy/v1.0.0"]
    decided = run_release(
        released, "privacy-policy", "--level", "minor", "--reason", "Counsel: same use"
    )
    assert decided.exit_code == 0, decided.stderr
    assert "privacy-policy/v1.1.0" in [t.name for t in released.tags]


def test_release_accepts_a_trailer_with_its_reason(released):
    message = (
        "Consent\n\nPolicy-Change: major\nPolicy-Categories: purposes\n"
        "Policy-Change-Reason: Counsel: marketing now needs consent, tell users\n"
    )
    write_and_commit(released, PATH, policy_text("privacy-policy", "2026-01-01", ONLY), message)
    result = run_release(released, "privacy-policy")
    assert result.exit_code == 0, result.stderr
    assert "privacy-policy/v2.0.0" in [t.name for t in released.tags]


def test_release_refuses_a_bare_trailer(released):
    write_and_commit(
        released,
        PATH,
        policy_text("privacy-policy", "2026-01-01", ONLY),
        "Consent\n\nPolicy-Change: minor\n",
    )
    result = run_release(released, "privacy-policy")
    assert result.exit_code == 1
    assert "sets `Policy-Change: minor` without a reason; add a `Policy-Change-Reason:" in (
        result.stderr
    )


def review(repo, tmp_path: Path):
    tmp_path.mkdir()
    output = tmp_path / "output"
    env = {
        "GITHUB_BASE_REF": "main",
        "GITHUB_ACTIONS": "true",
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
    }
    result = CliRunner(env=env).invoke(main, ["--repo", repo.working_tree_dir, "review"])
    return result, parse_outputs(output.read_text(encoding="utf-8"))


def test_review_labels_and_fails_until_a_decision_is_recorded(tmp_path):
    repo = make_repo(tmp_path / "repo")
    write_and_commit(repo, PATH, policy_text("privacy-policy", "2026-01-01", MAY), "v1")
    repo.git.checkout("-b", "edit")
    write_and_commit(repo, PATH, policy_text("privacy-policy", "2026-01-01", ONLY), "Consent")
    result, outputs = review(repo, tmp_path / "one")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: privacy-policy: needs a lawyer's decision; add the commit trailers "
        "`Policy-Change: LEVEL` and `Policy-Change-Reason: WHY`\n"
    )
    assert (outputs["decision_label"], outputs["needs_decision"]) == (
        "policy: needs decision",
        "true",
    )
    assert "**Needs a lawyer's decision** (privacy-policy)" in outputs["body"]
    repo.git.commit(
        "--amend",
        "-m",
        "Consent\n\nPolicy-Change: minor\nPolicy-Change-Reason: Counsel: the same use\n",
    )
    result, outputs = review(repo, tmp_path / "two")
    assert result.exit_code == 0, result.stderr
    assert (outputs["decision_label"], outputs["label"]) == ("", "policy: minor")
    assert "policy: needs decision" in outputs["labels_to_remove"].splitlines()
    assert "**Level set by a person** (privacy-policy): Set by Test Author" in outputs["body"]
    assert "Counsel: the same use" in outputs["body"]


def test_questions_survive_the_recorded_json():
    """A release records its classification (`to_json`); reading it back (`from_json`) keeps
    the questions, so the record shows what a person was asked to decide."""
    from policy.classify.model import Classification

    asked = classify(MAY, ONLY)
    assert asked.questions
    back = Classification.from_json(json.loads(json.dumps(asked.to_json())))
    assert back.questions == tuple(
        type(q)(q.category, q.section, q.before, q.after, q.question) for q in asked.questions
    )
    assert back.needs_decision and back.to_json()["questions"] == asked.to_json()["questions"]

"""The docs' `policy release` examples are real output: rebuilt here, so they cannot drift.

The repository is rebuilt with fixed dates and identity, so its commits have the SHAs the docs
show. When this test fails after a deliberate change (wording, classifier), paste the new
output it prints into docs/commands/release.md or versions.md.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from click.testing import CliRunner
from gitrepo import commit, make_repo, write, write_and_commit

from policy.cli import main

ROOT = Path(__file__).resolve().parent.parent
DAY = "2026-11-25"  # the day the examples in the docs were made
DATE = "2026-11-20 10:00:00 +0000"


def test_readme_release_examples_are_real_output(tmp_path):
    repo = make_repo(tmp_path / "repo")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Jane Doe")
        config.set_value("user", "email", "jane@example.com")
    policy = (ROOT / "policies" / "privacy-policy.md").read_text(encoding="utf-8")
    write_and_commit(repo, "policies/privacy-policy.md", policy, "Privacy policy as published",
                     date=DATE)  # fmt: skip
    examples: list[str] = []

    def example(command: str, shown: bool = True) -> None:
        args = shlex.split(command)
        assert args[0] == "policy"
        if args[1] == "release":
            args.append("--as-of=" + DAY)  # the hidden testing hook: the day they were made
        result = CliRunner().invoke(
            main,
            ["--repo", repo.working_tree_dir, *args[1:]],
            prog_name="policy",
            env={"GIT_COMMITTER_DATE": f"{DAY} 09:00:00 +0000"},  # the tags' date
        )
        if shown:
            examples.append(f"$ {command}\n{result.stdout}{result.stderr}")

    example("policy release privacy-policy --dry-run")
    example("policy release privacy-policy", shown=False)
    write(repo, "policies/privacy-policy.md", policy.replace("Paypal", "Stripe"))
    repo.git.add("-A")
    commit(repo, "Replace the payment processor", date=DATE)
    example("policy release privacy-policy --effective 2026-12-01")
    example("policy release privacy-policy --level minor")
    example(
        'policy release privacy-policy --level minor --reason "Legal: same kind of processor, '
        'our contract is unchanged" --dry-run'
    )
    example('policy release privacy-policy -m "Stripe replaces PayPal as our payment processor."')
    example("policy release privacy-policy")
    example("policy versions --as-of 2026-12-01")
    write(repo, "policies/privacy-policy.md", policy + "\nDraft.\n")
    example("policy release privacy-policy")

    pages = ("docs/commands/release.md", "docs/commands/versions.md")
    readme = "\n".join((ROOT / page).read_text(encoding="utf-8") for page in pages)
    indented = ["\n".join(("  " + line).rstrip() for line in text.split("\n")) for text in examples]
    missing = [
        text
        for text, nested in zip(examples, indented, strict=True)
        if text not in readme and nested not in readme
    ]
    assert not missing, "docs/commands lack this real output:\n\n" + "\n".join(missing)

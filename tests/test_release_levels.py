"""`policy release` after the first release: the classifier's level bumps the version, sets the
default effective date and is recorded with its categories; overrides from `--level` and from
`Policy-Change:` commit trailers are recorded beside the automatic verdict."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from gitrepo import make_repo, policy_text, sha, tag_release, write_and_commit

from cli import main

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


def run(repo, *args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(
        main,
        ["--repo", repo.working_tree_dir, "release", *args],
        prog_name="policy",
        terminal_width=80,
        env=env,
    )


def tag_message(repo, tag: str) -> str:
    return repo.git.for_each_ref(f"refs/tags/{tag}", format="%(contents)")


@pytest.fixture
def released(tmp_path):
    """privacy-policy 1.2.3, in effect since 2026-01-01 (with a typo in its contact line)."""
    repo = make_repo(tmp_path / "repo")
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-01", BODY), "First version")
    tag_release(repo, SLUG, "1.2.3", "minor", "2026-01-01", "Earlier release.")
    return repo


def change(repo, body: str, message: str = "Edit the policy") -> str:
    return write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-01", body), message)


@pytest.mark.parametrize(
    ("level", "version", "effective"),
    [
        ("editorial", "1.2.4", "2026-02-01"),
        ("minor", "1.3.0", "2026-02-01"),
        ("major", "2.0.0", "2026-03-03"),
    ],
)
def test_the_classified_level_bumps_the_version(released, level, version, effective):
    change(released, CHANGES[level])
    result = run(released, SLUG, "--as-of", TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    tag = f"privacy-policy/v{version}"
    assert result.stdout.startswith(
        f"Created tag {tag} on commit {sha(released, 'HEAD')[:7]}.\n"
        f"  Version:    {version} (after 1.2.3)\n"
        f"  Level:      {level}\n"
    )
    message = tag_message(released, tag)
    assert message.startswith(f"privacy-policy {version}\n\n")
    assert f"\nLevel: {level}\n" in message
    assert message.endswith(f"\nEffective-Date: {effective}\n")
    assert ("\nCategories: " in message) == (level == "major")

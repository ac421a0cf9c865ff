"""A release is only made of a valid policy: `policy release` (and `--all`) runs `policy
check`'s checks on the policies it would release and refuses with their findings, tagging
nothing; `policy publish` refuses to put online a release that `check` rejects at its commit,
leaving the site as it was. Real repositories, real commands."""

from __future__ import annotations

from click.testing import CliRunner
from gitrepo import make_repo, policy_text, snapshot, tag_plain, write_and_commit
from releasing import run_release

from policy.cli import main

TODAY = "2026-02-01"
BODY = "# Privacy\n\n## Sharing\n\nWe share your data with PayPal to take payments.\n"
TERMS_BODY = "# Terms\n\n## Use\n\nBe nice.\n"


def run(repo, *args: str):
    return CliRunner().invoke(main, ["--repo", repo.working_tree_dir, *args])


def two_policies(path):
    """privacy-policy and terms, both released once (1.0.0)."""
    repo = make_repo(path)
    write_and_commit(
        repo, "policies/privacy-policy.md", policy_text("privacy-policy", "2026-01-01", BODY), "P"
    )
    write_and_commit(
        repo, "policies/terms.md", policy_text("terms", "2026-01-01", TERMS_BODY, "Terms"), "T"
    )
    result = run_release(repo, "--all", "--as-of", TODAY)
    assert result.exit_code == 0, result.output
    return repo


def break_date(repo, slug: str, body: str, title: str = "Privacy Policy") -> None:
    text = policy_text(slug, "2026-01-01", body, title).replace("2026-01-01", "1 March 2026")
    write_and_commit(repo, f"policies/{slug}.md", text, f"Break {slug}")


FINDING = (
    "policies/privacy-policy.md:4: front matter `effective_date: 1 March 2026` is not a date; "
    "write it as YYYY-MM-DD\n"
)


def test_release_refuses_a_policy_check_rejects_and_tags_nothing(tmp_path):
    repo = two_policies(tmp_path / "repo")
    break_date(repo, "privacy-policy", BODY.replace("PayPal", "Stripe"))
    before = snapshot(repo)
    for extra in ((), ("--dry-run",)):
        result = run_release(repo, "privacy-policy", "--as-of", TODAY, *extra)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == FINDING + (
            "Error: privacy-policy not released: `policy check` finds a problem (above); fix "
            "it, commit, and release again (nothing was tagged)\n"
        )
    assert snapshot(repo) == before
    assert run(repo, "check").stdout == FINDING  # the same finding, word for word


def test_release_all_refuses_every_policy_when_one_is_invalid(tmp_path):
    repo = two_policies(tmp_path / "repo")
    break_date(repo, "privacy-policy", BODY.replace("PayPal", "Stripe"))
    terms = policy_text("terms", "2026-01-01", TERMS_BODY + "\nBe kind.\n", "Terms")
    write_and_commit(repo, "policies/terms.md", terms, "Kinder terms")
    before = snapshot(repo)
    result = run_release(repo, "--all", "--as-of", TODAY)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "Error: privacy-policy not released: `policy check` finds a problem (above); fix it, "
        "commit, and release again (nothing was tagged)\n"
    )
    assert snapshot(repo) == before  # terms is not released either: all or nothing


def test_release_all_leaves_an_unchanged_invalid_policy_to_check(tmp_path):
    """Only the policies being released are checked: a broken file with nothing to release
    does not stop the others (`policy check` reports it)."""
    repo = make_repo(tmp_path / "repo")
    write_and_commit(
        repo, "policies/terms.md", policy_text("terms", "2026-01-01", TERMS_BODY, "Terms"), "T"
    )
    assert run_release(repo, "terms", "--as-of", TODAY).exit_code == 0
    write_and_commit(repo, "policies/old.md", "no front matter\n", "Old")
    tag_plain(
        repo, "old/v1.0.0", "old 1.0.0\n\nBy hand.\n\nLevel: none\nEffective-Date: 2026-01-01\n"
    )
    terms = policy_text("terms", "2026-01-01", TERMS_BODY + "\nBe kind.\n", "Terms")
    write_and_commit(repo, "policies/terms.md", terms, "Kinder terms")
    result = run_release(repo, "--all", "--as-of", TODAY)
    assert result.exit_code == 0, result.output
    assert "old: nothing changed since 1.0.0; skipped.\n" in result.stdout
    assert "terms/v1.1.0" in repo.git.tag("--list")


def test_publish_refuses_a_release_tagged_by_hand_on_an_invalid_commit(tmp_path):
    repo = two_policies(tmp_path / "repo")
    out = tmp_path / "site"
    assert run(repo, "publish", "--out", str(out), "--as-of", TODAY).exit_code == 0
    published = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    break_date(repo, "privacy-policy", BODY.replace("PayPal", "Stripe"))
    message = "privacy-policy 1.1.0\n\nBy hand.\n\nLevel: minor\nEffective-Date: 2026-02-01\n"
    tag_plain(repo, "privacy-policy/v1.1.0", message)
    result = run(repo, "publish", "--out", str(out), "--as-of", TODAY)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: privacy-policy 1.1.0 (tag privacy-policy/v1.1.0) fails `policy check` at its "
        "commit, so nothing was published: policies/privacy-policy.md:4: front matter "
        "`effective_date: 1 March 2026` is not a date; write it as YYYY-MM-DD; if the tag was "
        "made by mistake, delete it (git tag -d privacy-policy/v1.1.0; git push origin "
        ":refs/tags/privacy-policy/v1.1.0) and release the fixed policy\n"
    )
    now = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert {p: b for p, b in now.items() if ".policy-publish" not in p.parts} == {
        p: b for p, b in published.items() if ".policy-publish" not in p.parts
    }
    assert not (out / "privacy-policy" / "v1.1.0").exists()

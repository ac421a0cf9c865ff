"""`policy changelog`: the release history as Markdown, newest first, and one release's entry
for a GitHub Release."""

from __future__ import annotations

from click.testing import CliRunner
from gitrepo import make_repo, policy_text, tag_plain, write_and_commit
from publishing import SLUG, three_releases

from policy.cli import main

ENTRY_2 = (
    "## 2.0.0 (effective 2099-03-01)\n"
    "\n"
    "Major change: Recipients of sharing, transfer or disclosure; Responsible departments, "
    "contacts and complaint channels.\n"
    "\n"
    "A new payment processor and a data protection officer.\n"
    "\n"
    "Released 2026-05-20 · tag `privacy-policy/v2.0.0`{link}\n"
)


def changelog(repo, *args: str):
    return CliRunner().invoke(
        main, ["--repo", repo.working_tree_dir, "changelog", *args], prog_name="policy"
    )


def test_the_history_newest_first_without_links_when_the_site_is_not_configured(tmp_path):
    repo = three_releases(tmp_path / "repo")
    done = changelog(repo)
    assert (done.exit_code, done.stderr) == (0, "")
    assert done.stdout == (
        "# Privacy Policy: changelog\n\n"
        + ENTRY_2.format(link="")
        + "\n## 1.1.0 (effective 2026-02-01)\n\nMinor change.\n\nReturns are data too.\n\n"
        "Released 2026-01-20 · tag `privacy-policy/v1.1.0`\n"
        "\n## 1.0.0 (effective 2026-01-01)\n\nMajor change.\n\nFirst published version.\n\n"
        "Released 2026-01-05 · tag `privacy-policy/v1.0.0`\n"
    )


def test_links_to_each_redline_when_policy_toml_names_the_site(tmp_path):
    repo = three_releases(tmp_path / "repo")
    toml = '[site]\nbase_url = "https://legal.example.com/policies"\n'
    write_and_commit(repo, "policy.toml", toml, "The site's address")
    done = changelog(repo, SLUG)
    assert done.exit_code == 0
    page = "https://legal.example.com/policies/privacy-policy"
    assert f" · [what changed]({page}/v2.0.0/changes.html)\n" in done.stdout
    assert f" · [what changed]({page}/v1.1.0/changes.html)\n" in done.stdout
    assert f" · [read this version]({page}/v1.0.0/index.html)\n" in done.stdout  # no redline


def test_one_release_is_its_entry_alone_written_to_a_file(tmp_path):
    repo = three_releases(tmp_path / "repo")
    out = tmp_path / "notes" / "v2.md"
    done = changelog(repo, SLUG, "v2.0.0", "--base-url", "https://x.example/p", "--out", str(out))
    assert (done.exit_code, done.stdout, done.stderr) == (0, "", "")
    link = " · [what changed](https://x.example/p/privacy-policy/v2.0.0/changes.html)"
    assert out.read_text(encoding="utf-8") == ENTRY_2.format(link=link)


def test_an_unknown_version_is_a_usage_error(tmp_path):
    repo = three_releases(tmp_path / "repo")
    done = changelog(repo, SLUG, "3.0.0")
    assert (done.exit_code, done.stdout) == (2, "")
    assert done.stderr == (
        "Error: privacy-policy has no release 3.0.0 (releases: 1.0.0, 1.1.0, 2.0.0); "
        "see `policy versions privacy-policy`\n"
    )
    done = changelog(repo, SLUG, "latest")
    assert done.exit_code == 2
    assert done.stderr.endswith(
        "Error: Invalid value for VERSION: 'latest' is not a version; use e.g. 2.0.0\n"
    )


def test_a_policy_without_releases_and_a_tag_made_by_hand(tmp_path):
    repo = make_repo(tmp_path / "repo")
    text = policy_text("terms", "2026-01-01", "# T\n\nBe nice.\n", title="Terms")
    write_and_commit(repo, "policies/terms.md", text, "Terms")
    assert changelog(repo).stdout == (
        "# Terms: changelog\n\nNo releases yet. Release it with `policy release terms`.\n"
    )
    tag_plain(repo, "terms/v1.0.0", "Terms, as agreed with the board")
    assert changelog(repo, "terms").stdout == (
        "# Terms: changelog\n\n## 1.0.0 (effective 2026-01-01)\n\nFirst published version.\n\n"
        "Terms, as agreed with the board\n\nReleased 2026-01-05 · tag `terms/v1.0.0`\n"
    )


def test_an_unwritable_out_file_is_one_line(tmp_path):
    repo = three_releases(tmp_path / "repo")
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
    done = changelog(repo, "--out", str(tmp_path / "taken" / "CHANGELOG.md"))
    assert done.exit_code == 1
    assert done.stderr.startswith(
        f"Error: {tmp_path / 'taken' / 'CHANGELOG.md'}: cannot be written"
    )

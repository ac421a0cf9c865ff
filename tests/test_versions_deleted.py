"""`policy versions` without a slug lists every policy with releases, also one whose file was
deleted since (its releases stay on the website, so they stay in the listing)."""

from __future__ import annotations

import json

from click.testing import CliRunner
from gitrepo import commit, make_repo, policy_text, sha, tag_release, write_and_commit

from policy.cli import main


def test_a_released_policy_whose_file_was_deleted_is_listed(tmp_path):
    repo = make_repo(tmp_path / "repo")
    write_and_commit(
        repo, "policies/cookies.md", policy_text("cookies", "2026-01-01", "# C\n"), "C"
    )
    tag_release(repo, "cookies", "1.0.0", "none", "2026-01-01", "Cookies.")
    cookies = sha(repo, "HEAD")[:7]
    write_and_commit(repo, "policies/terms.md", policy_text("terms", "2026-01-01", "# T\n"), "T")
    repo.git.rm("--quiet", "policies/cookies.md")
    commit(repo, "We no longer use cookies")
    runner = CliRunner()
    result = runner.invoke(
        main, ["--repo", repo.working_tree_dir, "versions", "--as-of", "2026-02-01"]
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "cookies: 1 release\n"
        "  VERSION  STATUS     EFFECTIVE   LEVEL  CATEGORIES  TAGGED      COMMIT   "
        "TAG             SUMMARY\n"
        f"  1.0.0    in effect  2026-01-01  none   -           2026-01-05  {cookies}  "
        "cookies/v1.0.0  Cookies.\n"
        "\n"
        "terms: no releases yet\n"
    )
    result = runner.invoke(main, ["--repo", repo.working_tree_dir, "versions", "--format", "json"])
    slugs = [p["slug"] for p in json.loads(result.stdout)["policies"]]
    assert slugs == ["cookies", "terms"]

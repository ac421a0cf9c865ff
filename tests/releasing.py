"""Helpers shared by the `policy release` tests: run the command, read what it wrote."""

from __future__ import annotations

from click.testing import CliRunner

from policy.cli import main


def run_release(repo, *args: str, env: dict[str, str] | None = None):
    """`policy --repo REPO release ARGS...` through CliRunner, 80 columns wide."""
    return CliRunner().invoke(
        main,
        ["--repo", repo.working_tree_dir, "release", *args],
        prog_name="policy",
        terminal_width=80,
        env=env,
    )


def tag_message(repo, tag: str) -> str:
    """The message of an annotated tag, as git stored it."""
    return repo.git.for_each_ref(f"refs/tags/{tag}", format="%(contents)")

"""Small, explicit builders of real temporary git repositories for the tests.

Every commit and tag gets a fixed date, so SHAs and listings are the same on every run. The
helpers only run git commands, so they leave no git process behind.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import git

from policy.versions.levels import Level, Version
from policy.versions.releases import format_tag_message

DATE = "2026-01-05 12:00:00 +0000"


def make_repo(path: Path) -> git.Repo:
    """An empty repository on branch `main` with its own identity and no signing."""
    repo = git.Repo.init(path, initial_branch="main")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test Author")
        config.set_value("user", "email", "author@example.com")
        config.set_value("commit", "gpgsign", "false")
        config.set_value("tag", "gpgsign", "false")
    return repo


def open_repo(path: Path) -> git.Repo:
    """An existing repository, to add commits and tags to it (close it when done)."""
    return git.Repo(path)


def policy_text(slug: str, effective_date: str, body: str, title: str = "Privacy Policy") -> str:
    """A policy file: YAML front matter with the three required fields, then `body`."""
    return f"---\ntitle: {title}\nslug: {slug}\neffective_date: {effective_date}\n---\n\n{body}"


def write(repo: git.Repo, relpath: str, content: str | bytes) -> Path:
    """Write a file in the working tree (bytes as they are, text as UTF-8 with LF)."""
    path = Path(repo.working_tree_dir) / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="\n")
    return path


def commit(repo: git.Repo, message: str, date: str = DATE) -> str:
    """Commit everything staged; the full SHA of the new commit."""
    repo.git.commit("-m", message, env={"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date})
    return sha(repo, "HEAD")


def sha(repo: git.Repo, rev: str) -> str:
    """Full SHA of a commit, by `git rev-parse` (GitPython's object reads would leave a
    `git cat-file` process running until the repository is closed)."""
    return repo.git.rev_parse("--verify", "--end-of-options", f"{rev}^{{commit}}")


def write_and_commit(
    repo: git.Repo, relpath: str, content: str | bytes, message: str, date: str = DATE
) -> str:
    """Write one file, stage it and commit it; the full SHA of the new commit."""
    write(repo, relpath, content)
    repo.git.add("--", relpath)
    return commit(repo, message, date)


def tag_release(
    repo: git.Repo,
    slug: str,
    version: str,
    level: str,
    effective_date: str,
    summary: str,
    ref: str = "HEAD",
    date: str = DATE,
    categories: tuple[str, ...] = (),
) -> str:
    """An annotated release tag `SLUG/vX.Y.Z` with the message `policy release` writes."""
    parsed = Version.parse(version)
    assert parsed is not None, version
    message = format_tag_message(
        slug,
        parsed,
        Level.parse(level),
        dt.date.fromisoformat(effective_date),
        summary,
        categories=categories,
    )
    name = f"{slug}/v{parsed}"
    tag_plain(repo, name, message, ref, date)
    return name


def tag_plain(repo: git.Repo, name: str, message: str, ref: str = "HEAD", date: str = DATE) -> str:
    """An annotated tag with a hand-written message (no trailers unless `message` has them)."""
    repo.git.tag("-a", name, "-m", message, ref, env={"GIT_COMMITTER_DATE": date})
    return name


def lightweight_tag(repo: git.Repo, name: str, ref: str = "HEAD") -> str:
    repo.git.tag(name, ref)
    return name


def snapshot(repo: git.Repo) -> tuple[str, str, str]:
    """Working-tree status, every ref, and HEAD: equal before and after a read-only command."""
    return (
        repo.git.status("--porcelain", "--ignored", "--untracked-files=all"),
        repo.git.for_each_ref("--format=%(refname) %(objectname)"),
        repo.git.rev_parse("HEAD"),
    )

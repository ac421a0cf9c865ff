"""What the product writes to git besides release tags, and what it asks of a checkout that is
not a policy repository: a new repository and its commits (`policy demo`), the branch a
repository works on and where a copy of this tool was cloned from (`policy init`).

Here because `versions` is the one package that runs git. Every commit gets the date and
identity it is given, so a scripted history has the same commits on every run.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from policy.errors import RepositoryError

DEMO_IDENTITY = ("Demo Legal Team", "legal@example.com")


def _git(path: Path):
    import git

    return git.Repo(path)


def new_repository(path: Path, branch: str = "main") -> None:
    """An empty repository at `path` with its own identity and no signing: a scratch
    repository that the user's git configuration cannot change."""
    import git

    repo = git.Repo.init(path, initial_branch=branch)
    try:
        with repo.config_writer() as config:
            config.set_value("user", "name", DEMO_IDENTITY[0])
            config.set_value("user", "email", DEMO_IDENTITY[1])
            config.set_value("commit", "gpgsign", "false")
            config.set_value("tag", "gpgsign", "false")
    finally:
        repo.close()


def clock(moment: dt.datetime) -> dict[str, str]:
    """The environment that makes git date a commit or a tag at `moment`."""
    stamp = moment.isoformat()
    return {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}


def commit_all(path: Path, message: str, moment: dt.datetime) -> str:
    """Stage every file and commit at `moment`; the new commit's SHA."""
    repo = _git(path)
    try:
        repo.git.add("-A")
        repo.git.commit("-q", "-m", message, env={**os.environ, **clock(moment)})
        return repo.git.rev_parse("HEAD")
    finally:
        repo.close()


def current_branch(path: Path) -> str | None:
    """The branch checked out at `path` (even one without commits yet), or None."""
    import git

    try:
        repo = git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    try:
        return repo.git.symbolic_ref("--quiet", "--short", "HEAD") or None
    except git.GitCommandError:
        return None  # a detached HEAD
    finally:
        repo.close()


def repository_root(path: Path) -> Path:
    """The top of the git working tree containing `path`."""
    import git

    try:
        repo = git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise RepositoryError(
            f"{path}: is not inside a git repository; run `git init` first, or pass --repo PATH"
        ) from None
    try:
        if repo.bare or repo.working_tree_dir is None:
            raise RepositoryError(f"{path}: is a bare git repository; use a checkout")
        return Path(repo.working_tree_dir)
    finally:
        repo.close()


def cloned_from(path: Path) -> tuple[str, str] | None:
    """(remote URL as https, HEAD commit) of the checkout at `path`, when it has an `origin`
    remote on a host pip can install from; None otherwise."""
    import git

    try:
        repo = git.Repo(path)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    try:
        url = repo.git.config("--get", "remote.origin.url")
        head = repo.git.rev_parse("--verify", "HEAD")
    except git.GitCommandError:
        return None
    finally:
        repo.close()
    return (https_url(url), head) if https_url(url) else None


def https_url(url: str) -> str:
    """`git@github.com:o/r.git` or `https://github.com/o/r.git` as `https://github.com/o/r`;
    "" for a URL pip cannot fetch from (a local path)."""
    url = url.strip()
    if url.startswith("git@") and ":" in url:
        host, _, rest = url[4:].partition(":")
        url = f"https://{host}/{rest}"
    elif url.startswith("ssh://git@"):
        url = "https://" + url.removeprefix("ssh://git@")
    if not url.startswith("https://"):
        return ""
    return url.removesuffix("/").removesuffix(".git")

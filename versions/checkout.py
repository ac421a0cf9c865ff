"""Whether a checkout holds what the commands read: the whole history and the release tags.

Why: a CI runner's default checkout (GitHub's `actions/checkout`) is one commit without tags.
There, every answer would be wrong without a word: no releases, "no differences", a first
release tagged again, a website with every page removed, a moved policy compared with nothing.
So the commands that read releases or history refuse such a checkout with one line saying how to
fetch what is missing, and never guess. `policy check` and the `--old-file/--new-file` forms
read files only and work anywhere.

Two signs are read locally (no network): git's own `--is-shallow-repository` (a clone or fetch
with `--depth`), and a remote set to `tagOpt = --no-tags` (what `git clone --no-tags` leaves),
under which `git fetch` never brings the release tags.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policy.errors import RepositoryError

if TYPE_CHECKING:
    import git

CI_HINT = "in GitHub Actions: actions/checkout with `fetch-depth: 0`"


class IncompleteCheckout(RepositoryError):
    """The clone lacks history or tags that releases live in."""


def require_complete(repo: git.Repo) -> None:
    """Raise `IncompleteCheckout` when the clone is shallow or does not fetch tags."""
    if _is_shallow(repo):
        raise IncompleteCheckout(
            "this clone is shallow (only the latest commits were fetched), so releases and the "
            "history behind them are missing and every answer would be wrong; fetch them with "
            f"`git fetch --unshallow --tags` ({CI_HINT})"
        )
    remote = _remote_without_tags(repo)
    if remote is not None:
        raise IncompleteCheckout(
            f"this clone does not fetch tags (remote `{remote}` has tagOpt --no-tags), and "
            "releases are tags, so they may be missing; fetch them with "
            f"`git config --unset remote.{remote}.tagOpt && git fetch --tags {remote}` "
            f"({CI_HINT})"
        )


def _is_shallow(repo: git.Repo) -> bool:
    import git

    try:
        return repo.git.rev_parse("--is-shallow-repository").strip() == "true"
    except git.GitCommandError as exc:
        raise RepositoryError(f"git cannot inspect this clone: {exc.stderr.strip()}") from None


def _remote_without_tags(repo: git.Repo) -> str | None:
    """The first remote configured never to fetch tags, if any."""
    import git

    try:
        # Variable names come back lower-cased: remote.<name>.tagopt --no-tags
        out = repo.git.config("--get-regexp", r"^remote\..*\.tagopt$")
    except git.GitCommandError:  # exit 1: no such variable
        return None
    for line in out.splitlines():
        key, _, value = line.partition(" ")
        if value.strip() == "--no-tags":
            return key.removeprefix("remote.").removesuffix(".tagopt")
    return None

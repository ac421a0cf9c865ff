"""What a release writes into git: its annotated tag, the only write the tool makes to a
repository. `create_tag` makes the tag `SLUG/vX.Y.Z` with its message exactly as formatted
(`releases.format_tag_message`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policy.errors import PolicyError, RepositoryError

if TYPE_CHECKING:
    from policy.versions.repository import PolicyRepository


class TagExists(PolicyError):
    """The release tag is already there; tags are never moved or replaced."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"tag {name} already exists; release tags are never moved: see "
            "`policy versions` and delete the tag with git only if it was made by mistake"
        )


def create_tag(repository: PolicyRepository, name: str, commit: str, message: str) -> None:
    """`git tag --annotate` with `message`, exactly as formatted.

    `--cleanup=verbatim` keeps a summary line that starts with `#` (git would drop it as a
    comment). Git refuses to replace an existing tag, so a tag made since the plan was checked
    is reported, never overwritten.
    """
    import git

    try:
        repository.repo.git.tag("--annotate", "--cleanup=verbatim", "-m", message, name, commit)
    except git.GitCommandError as exc:
        stderr = (exc.stderr or "").strip()
        if "already exists" in stderr:
            raise TagExists(name) from None
        detail = " ".join(stderr.removeprefix("stderr:").strip(" '\n").split())
        raise RepositoryError(f"git could not create tag {name}: {detail}") from None

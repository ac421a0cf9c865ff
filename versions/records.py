"""What a release writes into git: its annotated tag, and a note on that tag holding the
classification it decided; then what `policy notify` writes: a note on that tag recording each
run's outcome. These are the only writes the tool makes to a repository.

Steps, in order: `create_tag` makes the annotated tag `SLUG/vX.Y.Z` with its message exactly as
formatted (`releases.format_tag_message`); `ReleaseNotes.put` attaches a text (the release's
JSON record) to that tag object under `NOTES_REF`; `ReleaseNotes.get` reads it back, listing
every note once per run; `NotifyRecords` appends and reads the outcome of each `policy notify`
run under `NOTIFY_NOTES_REF`. A note belongs to the tag object, not to the commit, because one
commit may carry the releases of several policies. Notes travel apart from tags:
`git push origin refs/notes/policy refs/notes/policy-notify` and
`git fetch origin 'refs/notes/*:refs/notes/*'`.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from typing import TYPE_CHECKING

from policy.errors import PolicyError, RepositoryError

if TYPE_CHECKING:
    from policy.versions.repository import PolicyRepository

NOTES_REF = "refs/notes/policy"
"""Where release notes live, apart from anyone's own `git notes` (refs/notes/commits)."""
NOTIFY_NOTES_REF = "refs/notes/policy-notify"
"""Where `policy notify` records each run's outcome, one line appended per run; apart from the
classifications, so that the release job and the notify job never write the same ref."""
FALLBACK_IDENTITY = ("policy", "policy@localhost.invalid")
"""Who a record's notes commit names when git knows nobody (a CI job without a git identity):
a record of emails already sent must never be lost for want of a name."""


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
        detail = _detail(exc)
        if "already exists" in detail:
            raise TagExists(name) from None
        raise RepositoryError(f"git could not create tag {name}: {detail}") from None


class ReleaseNotes:
    """The notes on release tags under `NOTES_REF`, listed once and read on demand."""

    def __init__(self, repository: PolicyRepository) -> None:
        self._repository = repository
        self._by_tag: dict[str, str] | None = None

    def state(self) -> str:
        """The notes ref's commit ("" when there are no notes): it changes with any note."""
        import git

        try:
            return self._repository.repo.git.rev_parse("--verify", "--quiet", NOTES_REF)
        except git.GitCommandError:
            return ""

    def get(self, tag: str) -> str | None:
        """The note on release tag `tag`, or None (no note, or a lightweight tag)."""
        blob = self._notes().get(tag)
        if blob is None:
            return None
        data = self._repository.repo.odb.stream(bytes.fromhex(blob)).read()
        return data.decode("utf-8", "replace")

    def put(self, tag: str, text: str) -> None:
        """Attach `text` to the tag object of `tag`, replacing any note it had. The notes ref
        gets a commit whose author is the tagger: a CI job often names only its committer."""
        import git

        name, _, email = self._repository.identity().rpartition(" <")
        author = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email.removesuffix(">")}
        fd, path = tempfile.mkstemp(prefix="policy-note-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            self._repository.repo.git.notes(
                "--ref",
                NOTES_REF,
                "add",
                "--force",
                "--file",
                path,
                f"refs/tags/{tag}^{{tag}}",
                env=author,
            )
        except git.GitCommandError as exc:
            raise RepositoryError(
                f"git could not record the classification of {tag} (a note under "
                f"{NOTES_REF}): {_detail(exc)}"
            ) from None
        finally:
            with contextlib.suppress(OSError):
                os.unlink(path)
        self._by_tag = None

    def _notes(self) -> dict[str, str]:
        """Tag name -> note blob, for the annotated tags that have a note."""
        if self._by_tag is None:
            git = self._repository.repo.git
            notes = {}
            if self.state():
                for line in git.notes("--ref", NOTES_REF, "list").splitlines():
                    blob, _, target = line.partition(" ")
                    notes[target] = blob
            self._by_tag = {}
            if notes:
                tags = git.for_each_ref(
                    "refs/tags/", format="%(objecttype) %(objectname) %(refname:strip=2)"
                )
                for line in tags.splitlines():
                    kind, target, name = line.split(" ", 2)
                    if kind == "tag" and target in notes:
                        self._by_tag[name] = notes[target]
        return self._by_tag


class NotifyRecords:
    """The records `policy notify` appends to a release tag under `NOTIFY_NOTES_REF`.

    An annotated tag's record is a note on the tag object (one commit may carry the releases of
    several policies); a lightweight tag's, on its commit. Each run appends one line; git
    separates appended texts with a blank line, and a notes merge (`git notes merge -s
    cat_sort_uniq`) keeps every line of both sides.
    """

    def __init__(self, repository: PolicyRepository) -> None:
        self._repository = repository

    def _target(self, tag: str) -> str:
        git = self._repository.repo.git
        kind = git.for_each_ref(f"refs/tags/{tag}", format="%(objecttype)").strip()
        return f"refs/tags/{tag}^{{tag}}" if kind == "tag" else f"refs/tags/{tag}^{{commit}}"

    def read(self, tag: str) -> str:
        """Every record on release tag `tag` ("" when there is none)."""
        import git

        try:
            return self._repository.repo.git.notes(
                "--ref", NOTIFY_NOTES_REF, "show", self._target(tag)
            )
        except git.GitCommandError:
            return ""

    def append(self, tag: str, line: str) -> None:
        """Add one record; the notes commit is authored by git's identity of the person (or
        job) running, or `FALLBACK_IDENTITY` when git has none."""
        import git

        try:
            identity = self._repository.identity()
            name, _, email = identity.rpartition(" <")
            email = email.removesuffix(">")
        except PolicyError:
            name, email = FALLBACK_IDENTITY
        env = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email}
        env |= {"GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}
        try:
            self._repository.repo.git.notes(
                "--ref", NOTIFY_NOTES_REF, "append", "-m", line, self._target(tag), env=env
            )
        except git.GitCommandError as exc:
            raise RepositoryError(
                f"git could not record the notice of {tag} (a note under {NOTIFY_NOTES_REF}): "
                f"{_detail(exc)}"
            ) from None


def _detail(exc: Exception) -> str:
    stderr = str(getattr(exc, "stderr", "") or "").strip()
    return " ".join(stderr.removeprefix("stderr:").strip(" '\n").split())

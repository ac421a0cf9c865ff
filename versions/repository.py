"""A git repository of policies, read through GitPython: files, revisions and releases.

Steps, in order: `PolicyRepository.open` finds the repository and its settings; `slugs` lists the
policies in the working tree; `resolve` turns what the user typed (a version, a tag, a git
revision or WORKTREE) into a `Revision`; `read` gives the policy's text there, following renames;
`releases` lists the release tags. Nothing here writes to the repository or the working tree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from policy.document.reading import read_text
from policy.errors import PolicyError, RepositoryError, UsageProblem
from policy.versions.levels import Version
from policy.versions.releases import Release, in_effect, parse_tag_message, parse_tag_name

if TYPE_CHECKING:
    import git

    from policy.settings.schema import Settings

WORKTREE = "WORKTREE"


class PolicyMissing(UsageProblem):
    """The policy has no file at that revision (it was added later or removed before)."""


@dataclass(frozen=True)
class Revision:
    """A place to read a policy from: a commit, or the working tree (`commit` None)."""

    label: str
    """How to name it to a person: `v2.0.0`, `main`, `a1b2c3d`, `working tree`."""
    commit: str | None
    release: Release | None = None

    @property
    def is_worktree(self) -> bool:
        return self.commit is None


@dataclass(frozen=True)
class PolicyText:
    slug: str
    path: str | None
    """Path of the file, relative to the repository root, at that revision; None only for
    the empty stand-in a diff uses where the policy did not exist."""
    revision: Revision
    text: str


class PolicyRepository:
    """Read-only access to the policies of one git repository."""

    def __init__(self, repo: git.Repo, settings: Settings) -> None:
        self.repo = repo
        self.settings = settings
        self.root = Path(repo.working_tree_dir or repo.git_dir)
        self._releases: dict[str, list[Release]] = {}
        self._rename_cache: dict[str, list[str]] = {}

    @classmethod
    def open(cls, path: str | Path | None = None) -> PolicyRepository:
        """The repository containing `path` (default: the current directory)."""
        import git

        from policy.settings import load_settings

        where = Path(path) if path is not None else Path.cwd()
        if not where.exists():
            raise UsageProblem(f"{where}: no such folder; give --repo the path of a git repository")
        try:
            repo = git.Repo(where, search_parent_directories=True)
        except git.InvalidGitRepositoryError:
            raise RepositoryError(
                f"{where}: is not inside a git repository; run the command in "
                "your policy repository or pass --repo PATH"
            ) from None
        except git.GitCommandNotFound:
            raise RepositoryError("git is not installed; install git and try again") from None
        if repo.bare or repo.working_tree_dir is None:
            raise RepositoryError(
                f"{where}: is a bare git repository; use a checkout with a working tree"
            )
        return cls(repo, load_settings(Path(repo.working_tree_dir)))

    # -- policies in the working tree ---------------------------------------------------------

    @property
    def policies_dir(self) -> str:
        return self.settings.policies_dir

    @cached_property
    def _worktree_paths(self) -> dict[str, str]:
        folder = self.root / self.policies_dir
        paths: dict[str, str] = {}
        if folder.is_dir():
            for file in sorted(folder.rglob("*.md")):
                if file.is_file():
                    paths.setdefault(file.stem, file.relative_to(self.root).as_posix())
        return paths

    def slugs(self) -> list[str]:
        """Slugs of the policies in the working tree, sorted."""
        return sorted(self._worktree_paths)

    def all_slugs(self) -> list[str]:
        """Policies in the working tree and those only release tags remember (a file deleted
        after its releases), sorted."""
        import git

        try:
            names = self.repo.git.for_each_ref("refs/tags/", format="%(refname:strip=2)")
        except git.GitCommandError as exc:
            raise RepositoryError(f"git cannot list tags: {exc.stderr.strip()}") from None
        tagged = {parsed[0] for name in names.split("\n") if (parsed := parse_tag_name(name))}
        return sorted(set(self.slugs()) | tagged)

    def worktree_path(self, slug: str) -> str:
        try:
            return self._worktree_paths[slug]
        except KeyError:
            raise UsageProblem(self._unknown_slug(slug)) from None

    def require(self, slug: str) -> str:
        """The slug back, if it names a policy in the working tree or one with releases."""
        if slug not in self._worktree_paths and not self.releases(slug):
            raise UsageProblem(self._unknown_slug(slug))
        return slug

    def _unknown_slug(self, slug: str) -> str:
        known = ", ".join(self.slugs()) or "none"
        return (
            f"unknown policy `{slug}`; policies in {self.policies_dir}/: {known} "
            "(a policy's slug is its file name without .md)"
        )

    def default_slug(self) -> str:
        """The only policy, when a command is given none and there is exactly one."""
        slugs = self.slugs()
        if len(slugs) == 1:
            return slugs[0]
        if not slugs:
            raise RepositoryError(
                f"no policies found: add Markdown files under {self.policies_dir}/"
            )
        raise UsageProblem(f"several policies ({', '.join(slugs)}); name the one you mean")

    # -- revisions ----------------------------------------------------------------------------

    def resolve(self, slug: str, ref: str) -> Revision:
        """A version (`2.0.0`, `v2.0.0`), a tag, a git revision or WORKTREE, as a `Revision`."""
        if ref.upper() == WORKTREE:
            return Revision("working tree", None)
        version = Version.parse(ref)
        if version is not None:
            for release in self.releases(slug):
                if release.version == version:
                    return Revision(f"v{version}", release.commit, release)
            known = ", ".join(str(r.version) for r in self.releases(slug)) or "none yet"
            raise UsageProblem(
                f"{slug} has no release {version} (releases: {known}); see `policy versions {slug}`"
            )
        for release in self.releases(slug):
            if ref == release.tag:
                return Revision(f"v{release.version}", release.commit, release)
        commit = self._commit(ref)
        release = next((r for r in self.releases(slug) if r.commit == commit), None)
        label = f"v{release.version}" if release else ref
        return Revision(label, commit, release)

    def _commit(self, ref: str) -> str:
        import gitdb.exc

        if ref.startswith("-") or not ref.strip():
            raise UsageProblem(f"`{ref}` is not a version, tag or git revision")
        try:
            return self.repo.commit(ref).hexsha
        except (gitdb.exc.BadName, gitdb.exc.BadObject, ValueError, IndexError, TypeError):
            raise UsageProblem(
                f"`{ref}` is not a version, tag or git revision of this "
                "repository; use e.g. 2.0.0, a branch, a commit or WORKTREE"
            ) from None

    # -- reading ------------------------------------------------------------------------------

    def read(self, slug: str, revision: Revision) -> PolicyText:
        """The policy's text at a revision, found under its current path or an earlier one."""
        if revision.is_worktree:
            path = self.worktree_path(slug)
            try:
                data = (self.root / path).read_bytes()
            except OSError as exc:
                raise RepositoryError(f"{path}: cannot be read ({exc.strerror})") from None
            return PolicyText(slug, path, revision, read_text(data, path))
        assert revision.commit is not None
        commit = self.repo.commit(revision.commit)
        path = self._path_at(slug, commit)
        if path is None:
            raise PolicyMissing(
                f"{slug} does not exist at {revision.label} (no file for it in that "
                "commit); pick a later revision"
            )
        data = (commit.tree / path).data_stream.read()
        return PolicyText(slug, path, revision, read_text(data, f"{path} at {revision.label}"))

    def paths(self, slug: str) -> list[str]:
        """Every path the policy has had, newest first (for `git log -- PATHS`)."""
        return list(self._candidate_paths(slug)) or [f"{self.policies_dir}/{slug}.md"]

    def _path_at(self, slug: str, commit: git.Commit) -> str | None:
        for path in self._candidate_paths(slug):
            try:
                blob = commit.tree / path
            except KeyError:
                continue
            if blob.type == "blob":
                return path
        return None

    def _candidate_paths(self, slug: str) -> Iterator[str]:
        """Paths the policy has had, newest first: its current path and its own name, then
        what `git log --follow` finds for it (renames and moves), asked only when needed."""
        current = self._worktree_paths.get(slug) or self._head_path(slug)
        direct = [p for p in (current, f"{self.policies_dir}/{slug}.md") if p]
        yield from dict.fromkeys(direct)
        if current:
            yield from (p for p in self._renames(current) if p not in direct)

    def _head_path(self, slug: str) -> str | None:
        """Path of the slug's file in HEAD, for a policy deleted from the working tree."""
        try:
            tree = self.repo.head.commit.tree
        except ValueError:  # no commits yet
            return None
        for item in tree.traverse():
            if item.type == "blob" and PurePosixPath(item.path).name == f"{slug}.md":
                return item.path
        return None

    def _renames(self, path: str) -> list[str]:
        if path not in self._rename_cache:
            import git

            try:
                out = self.repo.git.log("--follow", "--name-only", "--format=", "--", path)
            except git.GitCommandError:
                out = ""
            self._rename_cache[path] = list(dict.fromkeys(p for p in out.split("\n") if p))
        return self._rename_cache[path]

    # -- releases -----------------------------------------------------------------------------

    def releases(self, slug: str) -> list[Release]:
        """Release tags of a policy, oldest version first."""
        if slug not in self._releases:
            self._releases[slug] = sorted(self._load_releases(slug), key=lambda r: r.version)
        return self._releases[slug]

    def _load_releases(self, slug: str) -> list[Release]:
        import git

        fields = (
            "%(refname:strip=2)",
            "%(objecttype)",
            "%(objectname)",
            "%(*objectname)",
            "%(creatordate:iso-strict)",
            "%(contents)",
        )
        try:
            out = self.repo.git.for_each_ref(
                f"refs/tags/{slug}/", format="%00".join(fields) + "%1e"
            )
        except git.GitCommandError as exc:
            raise RepositoryError(f"git cannot list tags: {exc.stderr.strip()}") from None
        releases = []
        for record in out.split("\x1e"):
            parts = record.strip("\n").split("\x00")
            if len(parts) != len(fields):
                continue
            name, objtype, objname, peeled, date, contents = parts
            parsed = parse_tag_name(name)
            if parsed is None or parsed[0] != slug:
                continue
            commit = peeled if objtype == "tag" else objname
            message = parse_tag_message(contents) if objtype == "tag" else None
            effective = message.effective_date if message else None
            release = Release(
                slug=slug,
                version=parsed[1],
                tag=name,
                commit=commit,
                date=dt.datetime.fromisoformat(date),
                effective_date=effective,
                level=message.level if message else None,
                summary=message.summary if message else "",
                categories=message.categories if message else (),
                override=message.override if message else None,
                short_notice_reason=message.short_notice_reason if message else "",
                problems=message.problems if message else (),
            )
            if message is None or message.date_from_front_matter:
                release = self._with_front_matter_date(release)
            releases.append(release)
        return releases

    def _with_front_matter_date(self, release: Release) -> Release:
        """Effective date from the policy's front matter at the tag, for tags without trailer."""
        from dataclasses import replace

        from policy.document.frontmatter import parse_date, split_front_matter
        from policy.document.text import normalize_newlines

        try:
            text = self.read(release.slug, Revision(f"v{release.version}", release.commit)).text
        except PolicyError:  # a broken old file only means "date unknown"
            return release
        date = parse_date(split_front_matter(normalize_newlines(text)).meta.get("effective_date"))
        return replace(release, effective_date=date) if date else release


def in_effect_revision(repository: PolicyRepository, slug: str, today: dt.date) -> Revision:
    """The release of `slug` in effect on `today`, or a clear error saying why there is none."""
    releases = repository.releases(slug)
    current = in_effect(releases, today)
    if current is not None:
        return Revision(f"v{current.version}", current.commit, current)
    if not releases:
        raise UsageProblem(
            f"{slug} has no release yet; name a revision to show, e.g. WORKTREE or HEAD"
        )
    dated = [r for r in releases if r.effective_date is not None]
    first = min(dated, key=lambda r: r.effective_date, default=None)  # type: ignore[arg-type]
    when = (
        f"the first, {first.version}, takes effect {first.effective_date}"
        if first
        else "no release records an effective date"
    )
    raise UsageProblem(
        f"no release of {slug} is in effect on {today} ({when}); name a version or use --as-of"
    )

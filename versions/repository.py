"""A git repository of policies, read through GitPython: files, revisions and releases.

This is the one door to git: no other package imports GitPython or runs git; they ask a
`PolicyRepository` for facts (a commit, a file's state, trailers, a merge base) and values.

Steps, in order: `PolicyRepository.open` finds the repository and its settings; `slugs` lists the
policies in the working tree; `resolve` turns what the user typed (a version, a tag, a git
revision or WORKTREE) into a `Revision`; `read` gives the policy's text there, following renames;
`releases` lists the release tags; the facts a release and a review need (HEAD, a file's state,
who is releasing, tag names, ancestry, merge bases, commit trailers) follow. Nothing here
writes to the repository or the working tree (`versions.records` writes the release tags).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from policy.document.reading import read_text
from policy.errors import PolicyError, RepositoryError, UsageProblem
from policy.versions.levels import Version
from policy.versions.releases import Release, in_effect, parse_tag_message, parse_tag_name

if TYPE_CHECKING:
    import git
    from markdown_it.token import Token

    from policy.document.model import Document
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


class FileState(Enum):
    """A policy file's state against HEAD, as `policy release` must know it."""

    COMMITTED = "committed"
    NOT_COMMITTED = "not committed"
    """Untracked, ignored or only added to the index: HEAD does not have it."""
    CHANGED = "changed"
    """The working tree or the index differs from HEAD."""


@dataclass(frozen=True)
class CommitTrailers:
    """One commit of a range, with the values of the trailers asked for ("" when absent;
    several occurrences joined by commas)."""

    sha: str
    author: str
    """`Name <email>` of the commit's author."""
    subject: str
    values: dict[str, str]


class _Parsed:
    """A text's parse, made on first use and shared by every `PolicyVersion` of that text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._result: tuple[Document, list[Token] | None] | None = None

    def get(self) -> tuple[Document, list[Token] | None]:
        if self._result is None:
            from policy.document.parser import parse_with_tokens

            self._result = parse_with_tokens(self.text)
        return self._result


@dataclass(frozen=True)
class PolicyVersion:
    """A policy as it reads at one revision: what every later stage (diff, classify, release,
    publish, notify) takes. The repository reads and parses each committed version once."""

    slug: str
    path: str | None
    """Path of the file, relative to the repository root, at that revision; None only for
    the empty stand-in a diff uses where the policy did not exist."""
    revision: Revision
    text: str
    _parsed: _Parsed = field(compare=False, repr=False)

    @classmethod
    def of(cls, slug: str, path: str | None, revision: Revision, text: str) -> PolicyVersion:
        return cls(slug, path, revision, text, _Parsed(text))

    @property
    def document(self) -> Document:
        """The parsed text (front matter and sections), parsed on first use."""
        return self._parsed.get()[0]

    @property
    def tokens(self) -> list[Token] | None:
        """markdown-it's tokens of the body, for the website's HTML (None when the body was too
        deeply nested to tokenise); the same parse as `document`."""
        return self._parsed.get()[1]

    @property
    def front_matter(self) -> dict[str, Any]:
        return self.document.meta

    @property
    def release(self) -> Release | None:
        return self.revision.release

    @property
    def title(self) -> str:
        """The policy's name for people: its document's title, else its slug; control
        characters become spaces, so no page, feed or email carries one."""
        from policy.document.text import printable

        return " ".join(printable(self.document.title).split()) or self.slug

    @property
    def effective_date(self) -> dt.date | None:
        """The one date every output shows: at a release, the date the release recorded (its
        tag's `Effective-Date:`); elsewhere, the `effective_date` of the front matter."""
        release = self.revision.release
        if release is not None and release.effective_date is not None:
            return release.effective_date
        return self.front_matter_date

    @property
    def front_matter_date(self) -> dt.date | None:
        """The `effective_date` the file itself states (None when absent or not a date)."""
        from policy.document.frontmatter import parse_date

        return parse_date(self.front_matter.get("effective_date"))

    @property
    def presented_text(self) -> str:
        """The text as people read it: at a release, its front matter's `effective_date` is the
        date the release recorded (`effective_date`), so that `policy show` and the website's
        Markdown copy state the one date that binds; elsewhere, the text as written."""
        from policy.document.frontmatter import with_effective_date

        release = self.revision.release
        if release is None or release.effective_date is None:
            return self.text
        if self.front_matter_date == release.effective_date:
            return self.text
        return with_effective_date(self.text, release.effective_date)

    def at(self, revision: Revision) -> PolicyVersion:
        """The same text named differently (a release found for a commit), parse shared."""
        return replace(self, revision=revision)


class PolicyRepository:
    """Read-only access to the policies of one git repository."""

    def __init__(self, repo: git.Repo, settings: Settings) -> None:
        self.repo = repo
        self.settings = settings
        self.root = Path(repo.working_tree_dir or repo.git_dir)
        self._releases: dict[str, list[Release]] = {}
        self._rename_cache: dict[str, list[str]] = {}
        self._read_cache: dict[tuple[str, str], PolicyVersion] = {}

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

    def close(self) -> None:
        """End the `git cat-file` processes GitPython keeps open for this repository."""
        self.repo.close()

    def require_complete(self) -> None:
        """Refuse a shallow or tagless clone, where releases and history are missing and every
        answer about them would be wrong (`versions.checkout`)."""
        from policy.versions.checkout import require_complete

        require_complete(self.repo)

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
        return sorted(set(self.slugs()) | self.tagged_slugs())

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
        import difflib

        known = ", ".join(self.slugs()) or "none"
        close = difflib.get_close_matches(slug, self.all_slugs(), n=1, cutoff=0.6)
        guess = f" (did you mean `{close[0]}`?)" if close else ""
        return (
            f"unknown policy `{slug}`{guess}; policies in {self.policies_dir}/: {known} "
            "(a policy's slug is its file name without .md)"
        )

    def misspelt_slug(self, word: str) -> bool:
        """Whether `word`, given where a slug or a revision may stand, is no revision of this
        repository and looks like one of its policies misspelt: `policy diff privacy-polcy`
        must say "unknown policy", not "not a version, tag or git revision"."""
        import difflib

        if word in self._worktree_paths or word.upper() == WORKTREE:
            return False
        if Version.parse(word) is not None or self.has_tag(word):
            return False
        try:
            self._commit(word)
        except UsageProblem:
            return bool(difflib.get_close_matches(word, self.all_slugs(), n=1, cutoff=0.6))
        return False

    def require_policies(self) -> list[str]:
        """The slugs of the working tree; an error naming the folder when there is none (a
        wrong `policies_dir` must not read as "no problems found")."""
        slugs = self.slugs()
        if slugs:
            return slugs
        folder = self.root / self.policies_dir
        where = "does not exist" if not folder.is_dir() else "holds no .md file"
        raise RepositoryError(
            f"no policies found: the folder {self.policies_dir}/ (policies_dir) {where}; put "
            "the policies there, or set policies_dir in policy.toml to the folder that holds them"
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
        tagged = next((r for r in self.releases(slug) if r.commit == commit), None)
        label = f"v{tagged.version}" if tagged else ref
        return Revision(label, commit, tagged)

    def _commit(self, ref: str) -> str:
        import git

        if ref.startswith("-") or not ref.strip():
            raise UsageProblem(f"`{ref}` is not a version, tag or git revision")
        try:
            return self.repo.commit(ref).hexsha
        except (git.BadName, git.BadObject, ValueError, IndexError, TypeError):
            raise UsageProblem(
                f"`{ref}` is not a version, tag or git revision of this "
                "repository; use e.g. 2.0.0, a branch, a commit or WORKTREE"
            ) from None

    # -- reading ------------------------------------------------------------------------------

    def read(self, slug: str, revision: Revision) -> PolicyVersion:
        """The policy at a revision, found under its current path or an earlier one; a commit's
        version is read and parsed once, however many stages ask for it."""
        if revision.is_worktree:
            path = self.worktree_path(slug)
            try:
                data = (self.root / path).read_bytes()
            except OSError as exc:
                raise RepositoryError(f"{path}: cannot be read ({exc.strerror})") from None
            return PolicyVersion.of(slug, path, revision, read_text(data, path))
        assert revision.commit is not None
        key = (slug, revision.commit)
        cached = self._read_cache.get(key)
        if cached is not None:
            return cached.at(revision)
        commit = self.repo.commit(revision.commit)
        found = self._path_at(slug, commit)
        if found is None:
            raise PolicyMissing(
                f"{slug} does not exist at {revision.label} (no file for it in that "
                "commit); pick a later revision"
            )
        data = (commit.tree / found).data_stream.read()
        text = read_text(data, f"{found} at {revision.label}")
        self._read_cache[key] = version = PolicyVersion.of(slug, found, revision, text)
        return version

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
        import git

        for item in tree.traverse():
            if isinstance(item, git.Blob) and PurePosixPath(item.path).name == f"{slug}.md":
                return str(item.path)
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
        try:
            version = self.read(release.slug, Revision(f"v{release.version}", release.commit))
        except PolicyError:  # a broken old file only means "date unknown"
            return release
        date = version.front_matter_date
        return replace(release, effective_date=date) if date else release

    def tagged_slugs(self) -> set[str]:
        """Slugs that have release tags, whether or not their file is still in the working tree."""
        import git

        try:
            names = self.repo.git.for_each_ref("refs/tags/", format="%(refname:strip=2)")
        except git.GitCommandError as exc:
            raise RepositoryError(f"git cannot list tags: {exc.stderr.strip()}") from None
        return {parsed[0] for name in names.split("\n") if (parsed := parse_tag_name(name))}

    # -- facts for a release and a review ---------------------------------------------------------

    def head_commit(self) -> str:
        """Full SHA of HEAD's commit."""
        import git

        try:
            return self.repo.git.rev_parse("--verify", "--quiet", "HEAD^{commit}")
        except git.GitCommandError:
            raise RepositoryError(
                "HEAD has no commit yet; commit the policy, then release it"
            ) from None

    def file_state(self, path: str) -> FileState:
        """Whether the file in the working tree and in the index is the file in HEAD."""
        status = self.repo.git.status(
            "--porcelain=v1", "--ignored", "--untracked-files=all", "--", path
        )
        code = status[:2]
        if code in ("??", "!!") or code.startswith("A"):
            return FileState.NOT_COMMITTED
        return FileState.CHANGED if status else FileState.COMMITTED

    def identity(self) -> str:
        """`Name <email>` of the person running the command: git's committer (and tagger)."""
        import git

        try:
            ident = self.repo.git.var("GIT_COMMITTER_IDENT")
        except git.GitCommandError:
            raise RepositoryError(
                "git does not know who you are, and a release tag records who made it; run "
                'git config user.name "Your Name" and git config user.email you@example.com'
            ) from None
        return ident.rsplit(" ", 2)[0]  # drop the timestamp and time zone

    def valid_tag_name(self, name: str) -> bool:
        """Whether git accepts `name` as a tag name (`git check-ref-format`)."""
        import git

        if name.startswith("-"):
            return False
        try:
            self.repo.git.check_ref_format(f"refs/tags/{name}")
        except git.GitCommandError:
            return False
        return True

    def has_tag(self, name: str) -> bool:
        return bool(self.repo.git.for_each_ref(f"refs/tags/{name}", format="%(refname)"))

    def is_ancestor(self, ancestor: str, commit: str) -> bool:
        """Whether `commit` builds on `ancestor` (`git merge-base --is-ancestor`)."""
        import git

        try:
            self.repo.git.merge_base("--is-ancestor", ancestor, commit)
        except git.GitCommandError:
            return False
        return True

    def merge_base(self, ref: str, other: str = "HEAD") -> str | None:
        """Where `other` left `ref` (as `git diff ref...other` sees it); None when `ref` is not
        in this clone or the two share no history."""
        import git

        try:
            bases = self.repo.merge_base(ref, other)
        except git.GitCommandError:
            return None
        return bases[0].hexsha if bases and bases[0] is not None else None

    def commit_trailers(
        self, start: str | None, end: str, paths: list[str], keys: tuple[str, ...]
    ) -> list[CommitTrailers]:
        """The commits in `start..end` (all of `end`'s history when `start` is None) that
        changed `paths`, newest first, with the values of the trailers named by `keys`; an
        empty list when there is no commit to read them from."""
        import git

        fields = (
            "%H",
            "%an <%ae>",
            "%s",
            *(f"%(trailers:key={key},valueonly,separator=%x2c)" for key in keys),
        )
        try:
            out = self.repo.git.log(
                "--format=" + "%x1f".join(fields) + "%x1e",
                f"{start}..{end}" if start else end,
                "--",
                *paths,
            )
        except git.GitCommandError:
            return []  # no commit yet: nothing to read trailers from
        found = []
        for record in out.split("\x1e"):
            parts = record.strip("\n").split("\x1f")
            if len(parts) != len(fields):
                continue
            sha, author, subject, *values = parts
            found.append(CommitTrailers(sha, author, subject, dict(zip(keys, values, strict=True))))
        return found


def find_root(path: str | Path | None = None) -> Path | None:
    """The root of the working tree holding `path` (default: the current folder), or None
    outside any git checkout: commands on plain files read `policy.toml` from there."""
    where = Path(path) if path is not None else Path.cwd()
    if _no_checkout_around(where):
        return None
    import git

    try:
        repo = git.Repo(where, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, git.GitCommandNotFound):
        return None
    try:
        return Path(repo.working_tree_dir) if repo.working_tree_dir else None
    finally:
        repo.close()


def _no_checkout_around(folder: Path) -> bool:
    """True when neither `folder` nor any folder above it holds a `.git` or `HEAD` entry, so
    GitPython would find no repository either: commands on two plain files outside git then
    do without importing it (a tenth of a second, most of such a command's start-up). Paths
    GitPython would expand (`~`, `$VAR`) and missing ones are left to it."""
    text = os.fspath(folder)
    if "$" in text or text.startswith("~") or not os.path.isdir(text):
        return False
    current = os.path.abspath(text)
    while True:
        if os.path.lexists(os.path.join(current, ".git")) or os.path.lexists(
            os.path.join(current, "HEAD")
        ):
            return False
        parent = os.path.dirname(current)
        if parent == current:
            return True
        current = parent


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
    dated = [(r.effective_date, r.version) for r in releases if r.effective_date is not None]
    first = min(dated, default=None)
    when = (
        f"the first, {first[1]}, takes effect {first[0]}"
        if first
        else "no release records an effective date"
    )
    raise UsageProblem(
        f"no release of {slug} is in effect on {today} ({when}); name a version or use --as-of"
    )

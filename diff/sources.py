"""Where the two sides of a diff come from: two revisions of a policy in git, or two files.

Defaults follow what each user expects: a lawyer at a terminal compares the latest release
with the working tree; in a pull request (GitHub sets GITHUB_BASE_REF) the base branch is
compared with HEAD, like the "Files changed" tab.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path

from policy.diff.engine import compare
from policy.diff.model import Change, DocumentDiff, Side
from policy.document.model import Document
from policy.document.parser import parse_document
from policy.document.reading import read_text
from policy.errors import UsageProblem
from policy.versions.repository import PolicyMissing, PolicyRepository, PolicyVersion, Revision


def diff_files(old_path: Path, new_path: Path) -> DocumentDiff:
    """Compare two Markdown files outside git."""
    old_text, new_text = _read_file(old_path), _read_file(new_path)
    old_doc, new_doc = parse_document(old_text), parse_document(new_text)
    return compare(old_doc, new_doc, _file_side(old_path, old_doc), _file_side(new_path, new_doc))


def diff_revisions(
    repository: PolicyRepository, slug: str, old_ref: str | None = None, new_ref: str | None = None
) -> DocumentDiff:
    """Compare a policy at two revisions (defaults: see the module docstring)."""
    old_rev, new_rev = default_revisions(repository, slug, old_ref, new_ref)
    return diff_between(repository, slug, old_rev, new_rev)


def diff_between(
    repository: PolicyRepository, slug: str, old_rev: Revision | None, new_rev: Revision
) -> DocumentDiff:
    """Compare a policy at two resolved revisions; `old_rev` None means "before it existed"
    (a first release shows the whole policy as added)."""
    if old_rev is None:
        old = PolicyVersion.of(slug, None, Revision("(no earlier version)", None), "")
    else:
        old = _read_or_absent(repository, slug, old_rev)
    new = _read_or_absent(repository, slug, new_rev)
    if old.path is None and new.path is None:
        repository.read(slug, new_rev)  # raises the error that explains it
    return diff_versions(old, new)


def diff_versions(old: PolicyVersion, new: PolicyVersion) -> DocumentDiff:
    """Compare two versions already read (each parsed once, however many diffs use it).

    Dates follow the releases: a release's side is dated, in its header and in the front
    matter compared, by the date its tag recorded, not the one left in the file. When the file
    kept its `effective_date` between the two sides, no date change is shown, and a side that
    is not a release, compared with one that is, has no date in its header: its own release
    will choose it (`policy release`). A date the file changes is shown as a change.
    """
    old_doc, new_doc = old.document, new.document
    old_date, new_date = old.effective_date, new.effective_date
    if old.front_matter_date == new.front_matter_date:
        if old.release is None and new.release is not None and old.path is not None:
            old_date = None
        if new.release is None and old.release is not None and new.path is not None:
            new_date = None
    else:
        old_doc, new_doc = _dated(old), _dated(new)
    result = compare(old_doc, new_doc, _policy_side(old, old_date), _policy_side(new, new_date))
    if old.path and new.path and old.path != new.path:  # moved or renamed in between
        moved = Change("renamed", "file", (), "", old.path, new.path, detail="path")
        result = replace(result, changes=(moved, *result.changes))
    return result


def default_revisions(
    repository: PolicyRepository, slug: str, old_ref: str | None, new_ref: str | None
) -> tuple[Revision, Revision]:
    if old_ref is None and new_ref is None and (base := os.environ.get("GITHUB_BASE_REF")):
        return _pull_request_base(repository, slug, base), repository.resolve(slug, "HEAD")
    if old_ref is None:
        releases = repository.releases(slug)
        if releases:
            latest = releases[-1]
            old_rev = Revision(f"v{latest.version}", latest.commit, latest)
        else:
            old_rev = repository.resolve(slug, "HEAD")
            old_rev = Revision("HEAD (no release yet)", old_rev.commit)
    else:
        old_rev = repository.resolve(slug, old_ref)
    new_rev = repository.resolve(slug, new_ref or "WORKTREE")
    return old_rev, new_rev


def _pull_request_base(repository: PolicyRepository, slug: str, base: str) -> Revision:
    """Where the pull request's branch left the base branch (as `git diff base...HEAD`)."""
    for ref in (f"origin/{base}", base):
        merge_base = repository.merge_base(ref, "HEAD")
        if merge_base:
            revision = repository.resolve(slug, merge_base)
            return Revision(f"{base} ({merge_base[:7]})", revision.commit, revision.release)
    raise UsageProblem(
        f"the pull request's base branch `{base}` is not in this clone; fetch it "
        "(actions/checkout with fetch-depth: 0) or name OLD explicitly"
    )


def _read_or_absent(repository: PolicyRepository, slug: str, revision: Revision) -> PolicyVersion:
    """The policy at a revision, or an empty text when it did not exist there yet (or any more):
    a pull request that adds a policy shows all of it as added."""
    try:
        return repository.read(slug, revision)
    except PolicyMissing:
        label = f"{revision.label} (no such policy yet)"
        return PolicyVersion.of(slug, None, Revision(label, revision.commit, revision.release), "")


def _read_file(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UsageProblem(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise UsageProblem(f"{path}: is a folder; give a Markdown file") from None
    except OSError as exc:
        raise UsageProblem(f"{path}: cannot be read ({exc.strerror})") from None
    return read_text(data, str(path))


def _dated(version: PolicyVersion) -> Document:
    """The version's document, its front matter dated as its release recorded."""
    date = version.effective_date
    if version.release is None or date is None or date == version.front_matter_date:
        return version.document
    return replace(version.document, meta={**version.document.meta, "effective_date": date})


def _policy_side(version: PolicyVersion, date: dt.date | None) -> Side:
    revision = version.revision
    return Side(
        revision.label,
        version.path,
        revision.commit,
        str(revision.release.version) if revision.release else None,
        version.document.title,
        date.isoformat() if date else None,
    )


def _file_side(path: Path, document: Document) -> Side:
    from policy.document.frontmatter import parse_date

    date = parse_date(document.meta.get("effective_date"))
    return Side(
        str(path), str(path), None, None, document.title, date.isoformat() if date else None
    )

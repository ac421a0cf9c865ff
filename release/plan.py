"""What the next release of a policy would be, or why there must not be one.

A release records a verdict that users and lawyers rely on, so every doubt is a refusal with
one line saying what to do, decided before anything is written: an unknown slug, no commit,
uncommitted changes to the policy, nothing changed since the last release, a tag that already
exists, an effective date in the past or before the previous release's, and a major change
announced with less than the notice period without a recorded reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from policy.errors import PolicyError, RepositoryError, UsageProblem
from policy.release.dates import effective_date, front_matter_request
from policy.versions.levels import FIRST_VERSION, Level, Version
from policy.versions.records import TagExists
from policy.versions.releases import Override, Release, Verdict, format_tag_message, tag_name
from policy.versions.repository import FileState, PolicyRepository, Revision

if TYPE_CHECKING:
    from policy.classify.model import Classification

FIRST_SUMMARY = "First release."
LEVEL_OPTION_SOURCE = "policy release --level"


class NothingToRelease(PolicyError):
    """The policy is the same as at its latest release (not an error under `--all`)."""

    def __init__(self, slug: str, latest: Release) -> None:
        self.slug, self.latest = slug, latest
        super().__init__(
            f"nothing changed in {slug} since {latest.version} (tag {latest.tag}); "
            "commit a change to the policy before releasing it"
        )


class NotCommitted(PolicyError):
    """The policy file has never been committed (`--all` skips it)."""


class UncommittedChanges(PolicyError):
    """The working tree or the index differs from HEAD for the policy file."""


class NeedsDecision(PolicyError):
    """The classifier asked questions about the change and no person has answered them."""


@dataclass(frozen=True)
class ReleasePlan:
    """Everything the release tag will record, decided before it is written."""

    slug: str
    path: str
    """The policy file, relative to the repository root."""
    version: Version
    previous: Release | None
    """The latest release before this one; None for the first release."""
    commit: str
    """Full SHA of the commit to tag (HEAD)."""
    level: Level
    categories: tuple[str, ...]
    """Major-change category ids; empty unless the level is major."""
    effective_date: dt.date
    summary: str
    override: Override | None
    short_notice_reason: str
    today: dt.date
    notice_days: int
    classification: Classification | None = field(default=None, compare=False, repr=False)
    """The classifier's verdict on the range (None for a first release, which is not classified)."""
    date_from_front_matter: bool = False
    """The date is the one the commits released wrote into the front matter."""

    @property
    def tag(self) -> str:
        return tag_name(self.slug, self.version)

    @property
    def message(self) -> str:
        return format_tag_message(
            self.slug,
            self.version,
            self.level,
            self.effective_date,
            self.summary,
            categories=self.categories,
            override=self.override,
            short_notice_reason=self.short_notice_reason,
        )


def level_option(level: Level, reason: str, categories: tuple[str, ...] = ()) -> Verdict:
    """`policy release --level L --reason R [--categories ...]`: the verdict of the person
    releasing (`by` is filled in from git's identity when the plan needs it)."""
    return Verdict(level, categories, LEVEL_OPTION_SOURCE, "", reason)


def plan_release(
    repository: PolicyRepository,
    slug: str,
    today: dt.date,
    *,
    override: Verdict | None = None,
    effective: dt.date | None = None,
    summary: str = "",
    short_notice_reason: str = "",
) -> ReleasePlan:
    """The next release of `slug` at HEAD, or the refusal that explains why there is none."""
    path = repository.worktree_path(slug)  # an unknown slug is a usage error
    override = _checked(override, repository)
    head = repository.head_commit()
    _check_committed(repository, path)
    releases = repository.releases(slug)
    previous = releases[-1] if releases else None
    classification = None
    if previous is None:
        version = FIRST_VERSION
        level, categories, found_override = _first_release_verdict(override)
    else:
        classification = _classify(repository, slug, previous, head, override)
        level = classification.level
        categories = classification.category_ids if level is Level.MAJOR else ()
        found_override = classification.override
        version = previous.version.bump(level)
    _check_tag_name(repository, slug, version)
    requested, requested_in = effective, None
    if requested is None and previous is not None:  # a date written in the commits released
        requested = front_matter_request(repository, slug, previous, head)
        requested_in = path if requested is not None else None
    date = effective_date(
        level=level,
        previous=previous,
        requested=requested,
        today=today,
        notice_days=repository.settings.notice_days,
        short_notice_reason=short_notice_reason,
        front_matter_date=_front_matter_date(repository, slug, head) if previous is None else None,
        requested_in=requested_in,
    )
    if not summary.strip():
        summary = FIRST_SUMMARY if classification is None else classification.summary()
    return ReleasePlan(
        slug=slug,
        path=path,
        version=version,
        previous=previous,
        commit=head,
        level=level,
        categories=categories,
        effective_date=date,
        summary=" ".join(summary.split()),
        override=found_override,
        short_notice_reason=" ".join(short_notice_reason.split()),
        today=today,
        notice_days=repository.settings.notice_days,
        classification=classification,
        date_from_front_matter=requested_in is not None,
    )


# -- the repository's state ---------------------------------------------------------------------


def _check_committed(repository: PolicyRepository, path: str) -> None:
    """The file in the working tree and in the index is the file in HEAD."""
    state = repository.file_state(path)
    if state is FileState.NOT_COMMITTED:
        raise NotCommitted(f"{path} is not committed yet; commit it, then release it")
    if state is FileState.CHANGED:
        raise UncommittedChanges(
            f"{path} has uncommitted changes; commit them (or stash them), then release "
            "what is committed"
        )


def _check_tag_name(repository: PolicyRepository, slug: str, version: Version) -> None:
    name = tag_name(slug, version)
    if slug.startswith("-"):
        raise UsageProblem(
            f"`{slug}` cannot begin a git tag name; rename the policy file so that its name "
            "starts with a letter or a digit"
        )
    if not repository.valid_tag_name(name):
        raise UsageProblem(
            f"`{name}` is not a valid git tag name; rename the policy file to lower-case "
            "letters, digits and hyphens"
        )
    if repository.has_tag(name):
        raise TagExists(name)


# -- level ----------------------------------------------------------------------------------


def _checked(override: Verdict | None, repository: PolicyRepository) -> Verdict | None:
    """The override with its reason on one line, its categories in section 8's order, and
    who decided (git's identity of the person releasing, when not given)."""
    if override is None:
        return None
    from policy.settings import CATEGORY_IDS

    reason = " ".join(override.reason.split())
    if not reason:
        raise UsageProblem(
            "--level needs --reason: an override records who decided and why "
            '(e.g. --reason "Legal review: the new processor is a new recipient")'
        )
    unknown = [c for c in override.categories if c not in CATEGORY_IDS]
    if unknown:
        raise UsageProblem(
            f"unknown category `{unknown[0]}` in --categories; allowed: {', '.join(CATEGORY_IDS)}"
        )
    if override.categories and override.level is not Level.MAJOR:
        raise UsageProblem(
            f"--categories is only for --level major ({_a(override.level.label)} release has none)"
        )
    ordered = tuple(c for c in CATEGORY_IDS if c in override.categories)
    by = override.by or repository.identity()
    return Verdict(override.level, ordered, override.source, by, reason)


def _a(word: str) -> str:
    """`a minor`, `an editorial`: the article a person would write."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def _first_release_verdict(
    override: Verdict | None,
) -> tuple[Level, tuple[str, ...], Override | None]:
    """A first release is not classified: it records a policy already in force (`none`),
    unless a person says otherwise with `--level`."""
    if override is None:
        return Level.NONE, (), None
    if override.level is Level.MAJOR and not override.categories:
        raise _categories_needed()
    recorded = Override(
        override.level, override.categories, override.source, override.by, override.reason
    )
    return override.level, override.categories, recorded


def _classify(
    repository: PolicyRepository,
    slug: str,
    previous: Release,
    head: str,
    override: Verdict | None,
) -> Classification:
    """The classifier's verdict from the previous release to HEAD, then `--level` over it."""
    if previous.commit == head:
        raise NothingToRelease(slug, previous)
    _check_ancestor(repository, previous, head)
    from policy.classify.overrides import MissingReason, apply_override
    from policy.classify.sources import classify_range

    old = Revision(f"v{previous.version}", previous.commit, previous)
    new = Revision(head[:7], head)
    bare = ""
    try:
        classification = classify_range(repository, slug, old, new)
    except MissingReason as err:
        if override is None:
            raise
        # A merged commit cannot be amended: `--level` with its reason is the decision, and
        # the tag names the bare trailer it set aside.
        from policy.classify.engine import classify_diff
        from policy.diff.sources import diff_between

        diff = diff_between(repository, slug, old, new)
        classification = classify_diff(diff, repository.settings)
        bare = f" (sets aside `{err.given}` from {err.where}, which gave no reason)"
    if classification.automatic_level is Level.NONE:
        raise NothingToRelease(slug, previous)
    if override is None:
        if classification.needs_decision:
            count = len(classification.questions)
            raise NeedsDecision(
                f"{slug}: the change needs a lawyer's decision ({count} question"
                f"{'s' if count != 1 else ''}, see `policy classify {slug}`); decide with "
                f'`policy release --level LEVEL --reason "..."` or a `Policy-Change:` trailer '
                "with `Policy-Change-Reason:`"
            )
        return classification
    categories = override.categories
    if override.level is Level.MAJOR and not categories:
        categories = classification.category_ids if classification.level is Level.MAJOR else ()
        if not categories:
            raise _categories_needed()
    reason = override.reason
    if classification.override is not None:  # a commit trailer decided first: keep it in view
        earlier = classification.override
        reason += f" (replaces {earlier.level.label} from {earlier.source} by {earlier.by})"
    reason += bare
    return apply_override(
        classification,
        override.level,
        categories,
        override.source,
        override.by,
        reason,
        {cid: c.title for cid, c in repository.settings.categories.items()},
    )


def _check_ancestor(repository: PolicyRepository, previous: Release, head: str) -> None:
    """HEAD must build on the latest release: released from an older commit or from another
    branch, the new version would silently undo what the latest release recorded."""
    if not repository.is_ancestor(previous.commit, head):
        raise RepositoryError(
            f"HEAD does not include {previous.slug} {previous.version} (tag {previous.tag}, "
            f"commit {previous.commit[:7]}); release from a branch that contains it"
        )


def _categories_needed() -> UsageProblem:
    from policy.settings import CATEGORY_IDS

    return UsageProblem(
        "--level major needs --categories: say which major-change categories apply "
        f"({', '.join(CATEGORY_IDS)}), e.g. --categories sharing,contacts"
    )


# -- effective date -----------------------------------------------------------------------------


def _front_matter_date(repository: PolicyRepository, slug: str, head: str) -> dt.date | None:
    return repository.read(slug, Revision("HEAD", head)).front_matter_date

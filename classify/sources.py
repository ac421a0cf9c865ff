"""What to classify: two revisions of a policy in git (with commit-trailer overrides), or two
files. The revision rules are those of `policy diff` (`diff.sources`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from policy.classify.engine import classify_diff
from policy.classify.model import Classification
from policy.classify.overrides import apply_override, commit_verdict

if TYPE_CHECKING:
    from policy.settings.schema import Settings
    from policy.versions.repository import PolicyRepository, Revision


def classify_range(
    repository: PolicyRepository, slug: str, old: Revision | None, new: Revision
) -> Classification:
    """The verdict on the change from `old` (None: before the policy existed) to `new`, with
    the newest `Policy-Change:` trailer of the commits in between applied over it."""
    from policy.diff.sources import diff_between

    result = classify_diff(diff_between(repository, slug, old, new), repository.settings)
    verdict = commit_verdict(repository, slug, old, new)
    if verdict is None:
        return result
    titles = {cid: c.title for cid, c in repository.settings.categories.items()}
    return apply_override(
        result,
        verdict.level,
        verdict.categories,
        verdict.source,
        verdict.by,
        verdict.reason,
        titles,
    )


def classify_revisions(
    repository: PolicyRepository, slug: str, old_ref: str | None = None, new_ref: str | None = None
) -> Classification:
    """Same defaults as `policy diff`: latest release → working tree, or base...HEAD in a PR."""
    from policy.diff.sources import default_revisions

    old, new = default_revisions(repository, slug, old_ref, new_ref)
    return classify_range(repository, slug, old, new)


def classify_files(
    old_path: Path, new_path: Path, settings: Settings | None = None
) -> Classification:
    """Two Markdown files outside git: no history, so no trailers to read."""
    from policy.diff.sources import diff_files

    return classify_diff(diff_files(old_path, new_path), settings)

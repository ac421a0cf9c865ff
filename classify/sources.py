"""What to classify: two revisions of a policy in git (with commit-trailer overrides), or two
files. The revision rules are those of `policy diff` (`diff.sources`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from policy.classify.engine import classify_diff
from policy.classify.model import CategoryFinding, Classification, Evidence
from policy.classify.overrides import apply_override, commit_verdict

if TYPE_CHECKING:
    from policy.diff.model import DocumentDiff
    from policy.settings.schema import Settings
    from policy.versions.repository import PolicyRepository, Revision


def classify_range(
    repository: PolicyRepository,
    slug: str,
    old: Revision | None,
    new: Revision,
    diff: DocumentDiff | None = None,
) -> Classification:
    """The verdict on the change from `old` (None: before the policy existed) to `new`, with
    the newest `Policy-Change:` trailer of the commits in between applied over it; `diff` is
    their diff when the caller already has it."""
    from policy.diff.sources import diff_between

    if diff is None:
        diff = diff_between(repository, slug, old, new)
    result = with_spans(classify_diff(diff, repository.settings))
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

    return with_spans(classify_diff(diff_files(old_path, new_path), settings))


def with_spans(result: Classification) -> Classification:
    """Each piece of evidence with the word spans its change had in the diff, so that its
    renderings mark the words the diff found instead of aligning the texts again. (The
    engine builds evidence from a change's fields; the spans are looked up by the same.)"""
    if result.diff is None:
        return result
    found = {(c.kind, c.before, c.after): c.spans for c in result.diff.changes if c.spans}

    def fill(items: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
        return tuple(
            replace(e, spans=found.get((e.kind, e.before, e.after), e.spans)) for e in items
        )

    def fill_all(findings: tuple[CategoryFinding, ...]) -> tuple[CategoryFinding, ...]:
        return tuple(replace(f, evidence=fill(f.evidence)) for f in findings)

    return replace(
        result,
        categories=fill_all(result.categories),
        automatic_categories=fill_all(result.automatic_categories),
        minor_evidence=fill(result.minor_evidence),
        editorial_evidence=fill(result.editorial_evidence),
    )

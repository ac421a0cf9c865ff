"""Write planned releases: each an annotated tag, with its classification recorded in a git
note on that tag (`release.recorded`). The only writes `policy release` makes."""

from __future__ import annotations

from policy.release.plan import ReleasePlan
from policy.release.recorded import note_text
from policy.versions.records import ReleaseNotes
from policy.versions.records import create_tag as create_release_tag
from policy.versions.repository import PolicyRepository


def create_tags(repository: PolicyRepository, plans: list[ReleasePlan]) -> None:
    """Tag every plan, after checking that git knows who the tagger is (in CI it often does
    not), so that a run that cannot tag stops before the first tag rather than after it."""
    if plans:
        repository.identity()
    notes = ReleaseNotes(repository)
    for plan in plans:
        create_tag(repository, plan, notes)


def create_tag(
    repository: PolicyRepository, plan: ReleasePlan, notes: ReleaseNotes | None = None
) -> None:
    """The plan's tag with its message, then the note recording its classification; an
    existing tag is reported (`TagExists`), never replaced."""
    create_release_tag(repository, plan.tag, plan.commit, plan.message)
    text = note_text(plan)
    if text is not None:
        (notes or ReleaseNotes(repository)).put(plan.tag, text)

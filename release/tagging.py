"""Write planned releases as annotated tags: the only write `policy release` makes."""

from __future__ import annotations

from policy.release.plan import ReleasePlan
from policy.versions.records import create_tag as create_release_tag
from policy.versions.repository import PolicyRepository


def create_tags(repository: PolicyRepository, plans: list[ReleasePlan]) -> None:
    """Tag every plan, after checking that git knows who the tagger is (in CI it often does
    not), so that a run that cannot tag stops before the first tag rather than after it."""
    if plans:
        repository.identity()
    for plan in plans:
        create_tag(repository, plan)


def create_tag(repository: PolicyRepository, plan: ReleasePlan) -> None:
    """The plan's tag with its message; an existing tag is reported (`TagExists`), never
    replaced."""
    create_release_tag(repository, plan.tag, plan.commit, plan.message)

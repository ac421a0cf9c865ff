"""Write a planned release as an annotated tag: the only write `policy release` makes."""

from __future__ import annotations

from policy.errors import RepositoryError
from policy.release.plan import ReleasePlan, TagExists, identity, tag_exists_message
from policy.versions.repository import PolicyRepository


def create_tags(repository: PolicyRepository, plans: list[ReleasePlan]) -> None:
    """Tag every plan, after checking that git knows who the tagger is (in CI it often does
    not), so that a run that cannot tag stops before the first tag rather than after it."""
    if plans:
        identity(repository)
    for plan in plans:
        create_tag(repository, plan)


def create_tag(repository: PolicyRepository, plan: ReleasePlan) -> None:
    """`git tag --annotate` with the plan's message, exactly as formatted.

    `--cleanup=verbatim` keeps a summary line that starts with `#` (git would drop it as a
    comment). Git refuses to replace an existing tag, so a tag made since the plan was checked
    is reported, never overwritten.
    """
    import git

    try:
        repository.repo.git.tag(
            "--annotate", "--cleanup=verbatim", "-m", plan.message, plan.tag, plan.commit
        )
    except git.GitCommandError as exc:
        stderr = (exc.stderr or "").strip()
        if "already exists" in stderr:
            raise TagExists(tag_exists_message(plan.tag)) from None
        detail = " ".join(stderr.removeprefix("stderr:").strip(" '\n").split())
        raise RepositoryError(f"git could not create tag {plan.tag}: {detail}") from None

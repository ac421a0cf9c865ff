"""`policy release --all`: release every policy that changed, as a workflow does on merge.

Every policy is planned before any tag is written, so a refusal (uncommitted changes, a tag
that exists, a bad effective date) stops the run with nothing written. A policy unchanged since
its latest release, or never committed, is skipped with a note: running again on the same
commit releases nothing and succeeds, so a re-run workflow is harmless.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from policy.release.plan import NotCommitted, NothingToRelease, ReleasePlan, plan_release
from policy.versions.repository import PolicyRepository


@dataclass(frozen=True)
class Skipped:
    """A policy `--all` leaves alone, and why, in a few words."""

    slug: str
    why: str


def plan_all(
    repository: PolicyRepository, today: dt.date
) -> tuple[list[ReleasePlan], list[Skipped]]:
    """Plans for the policies that changed, and notes for the ones skipped, by slug."""
    plans: list[ReleasePlan] = []
    skipped: list[Skipped] = []
    for slug in repository.slugs():
        try:
            plans.append(plan_release(repository, slug, today))
        except NothingToRelease as exc:
            skipped.append(Skipped(slug, f"nothing changed since {exc.latest.version}"))
        except NotCommitted:
            skipped.append(Skipped(slug, "not committed yet"))
    return plans, skipped

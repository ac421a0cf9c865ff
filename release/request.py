"""`policy release` as a person asks for it: which options go together, then the plans, the
tags and their notes, and the words for the person (or the workflow) that asked.

Steps, in order: `ReleaseRequest` checks the options as given (`--all` alone, a SLUG or
`--all`, `--reason` and `--categories` only with `--level`) before anything is read;
`release` plans one policy or all of them (`plan`, `batch`), refuses them unless `policy check`
passes for every policy planned (`valid`), writes the tags unless it is a dry run (`tagging`),
and words the result (`report`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from policy.errors import OptionMisuse
from policy.release.plan import ReleasePlan
from policy.versions.levels import Level
from policy.versions.repository import PolicyRepository


@dataclass(frozen=True)
class ReleaseRequest:
    """The options of `policy release`, refused on construction when they do not fit."""

    slug: str | None = None
    all: bool = False
    level: Level | None = None
    reason: str = ""
    categories: tuple[str, ...] = ()
    effective: dt.date | None = None
    short_notice_reason: str = ""
    message: str = ""
    dry_run: bool = False

    def __post_init__(self) -> None:
        one_only = (
            self.slug,
            self.level,
            self.reason,
            self.categories,
            self.effective,
            self.short_notice_reason,
            self.message,
        )
        if self.all and any(one_only):
            raise OptionMisuse("--all takes no SLUG and none of the options for one release")
        if not self.all and self.slug is None:
            raise OptionMisuse("name the policy to release (SLUG), or give --all")
        if (self.reason or self.categories) and not self.level:
            raise OptionMisuse("--reason and --categories go with --level")


@dataclass(frozen=True)
class Released:
    """What `release` did (or, in a dry run, would do), in plain words."""

    plans: list[ReleasePlan] = field(default_factory=list)
    text: str = ""
    dry_run: bool = False


def release(repository: PolicyRepository, request: ReleaseRequest, today: dt.date) -> Released:
    """Plan the release(s) asked for; unless it is a dry run, tag each with its note."""
    from policy.release import report

    if request.all:
        from policy.release.batch import plan_all

        plans, skipped = plan_all(repository, today)
        text = report.all_text(plans, skipped, dry_run=request.dry_run)
    else:
        from policy.release.plan import level_option, plan_release

        assert request.slug is not None  # checked on construction
        override = None
        if request.level is not None:
            override = level_option(request.level, request.reason, request.categories)
        plan = plan_release(
            repository,
            request.slug,
            today,
            override=override,
            effective=request.effective,
            summary=request.message,
            short_notice_reason=request.short_notice_reason,
        )
        plans = [plan]
        text = report.plan_text(plan, dry_run=request.dry_run)
    from policy.release.valid import require_valid

    require_valid(repository, [plan.slug for plan in plans])
    if not request.dry_run:
        from policy.release.tagging import create_tags

        create_tags(repository, plans)
    return Released(plans, text, request.dry_run)

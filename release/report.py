"""A release in plain words for the person who cut it, and in `GITHUB_OUTPUT` for a workflow."""

from __future__ import annotations

from collections.abc import Sequence

from policy.release.batch import Skipped
from policy.release.plan import ReleasePlan
from policy.versions.levels import Level


def plan_text(plan: ReleasePlan, *, dry_run: bool) -> str:
    """What the tag records (or would record), then the tag message itself, indented."""
    where = f"tag {plan.tag} on commit {plan.commit[:7]}"
    head = f"Would create {where} (dry run: nothing written)." if dry_run else f"Created {where}."
    after = f"after {plan.previous.version}" if plan.previous else "first release"
    lines = [
        head,
        f"  Version:    {plan.version} ({after})",
        f"  Level:      {plan.level.label}",
    ]
    if plan.override is not None:
        o = plan.override
        verdict = "the classifier's" if plan.previous else "the first release's usual"
        lines.append(
            f"  Override:   {o.level.label}, not {verdict} {o.classified_level.label}; "
            f"by {o.by} ({o.source}): {o.reason}"
        )
    if plan.level is Level.MAJOR:
        lines.append(f"  Categories: {', '.join(plan.categories) or 'none'}")
    lines.append(f"  Effective:  {plan.effective_date} ({_when(plan)})")
    if plan.short_notice_reason:
        lines.append(f"  Short notice: {plan.short_notice_reason}")
    lines += ["", "Tag message:"]
    lines += [f"    {line}".rstrip() for line in plan.message.rstrip("\n").split("\n")]
    if dry_run and plan.previous is not None:
        lines += ["", f"Why: policy classify {plan.slug} {plan.previous.version} {plan.commit[:7]}"]
    return "\n".join(lines) + "\n"


def _when(plan: ReleasePlan) -> str:
    days = (plan.effective_date - plan.today).days
    if days == 0:
        when = "today"
    elif days > 0:
        when = f"in {days} day{'s' if days != 1 else ''}"
    else:
        when = f"{-days} day{'s' if days != -1 else ''} ago"
    if plan.date_from_front_matter:
        when += f"; the effective_date written in {plan.path}"
    if plan.level is Level.MAJOR:
        when += f"; notice period {plan.notice_days} days"
    previous = plan.previous
    if previous and previous.effective_date == plan.effective_date and days > 0:
        when += f"; the day {previous.version} takes effect"
    return when


def all_text(plans: Sequence[ReleasePlan], skipped: Sequence[Skipped], *, dry_run: bool) -> str:
    """`--all`: a line per skipped policy, then a block per release, then a count."""
    parts = ["".join(f"{s.slug}: {s.why}; skipped.\n" for s in skipped)]
    parts += [plan_text(p, dry_run=dry_run) for p in plans]
    count = len(plans)
    noun = "policy" if count == 1 else "policies"
    if not plans:
        end = "Nothing to release."
    elif dry_run:
        end = f"Would release {count} {noun} (dry run: nothing written)."
    else:
        end = f"Released {count} {noun}."
    return "\n".join(part for part in [*parts, end + "\n"] if part)


def step_outputs(plans: Sequence[ReleasePlan]) -> dict[str, str]:
    """What later steps of a GitHub workflow need: which tags were made, and which of them are
    major (the ones users must be told about): `released=a/v1.0.0 b/v2.0.0`, `major=b/v2.0.0`."""
    return {
        "released": " ".join(p.tag for p in plans),
        "major": " ".join(p.tag for p in plans if p.level is Level.MAJOR),
    }

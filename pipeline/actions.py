"""What a command tells GitHub Actions besides its output, written in one place: its block of
the job summary, and the step outputs of `policy release` that later jobs read.

Steps, in order: `summarise` adds a command's report to the job summary (Markdown as it is, or
plain text under a title in a code block: `summaries.text_summary`); `release_outputs` sets
`released=` and `major=` after the tags are made, and when the runner's file cannot be written
says which tags exist anyway. Outside Actions both do nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policy.errors import PolicyError
from policy.pipeline.github import append_summary, set_outputs

if TYPE_CHECKING:
    from policy.release.request import Released


def summarise(report: str, title: str | None = None) -> bool:
    """Add `report` to the job summary: Markdown as it is, or plain text under `title`."""
    if title is not None:
        from policy.pipeline.summaries import text_summary

        report = text_summary(title, report)
    return append_summary(report)


def release_outputs(released: Released) -> bool:
    """`released=a/v1.0.0 b/v2.0.0` and `major=b/v2.0.0` for the jobs after a release; nothing
    for a dry run, which made no tag."""
    if released.dry_run:
        return False
    from policy.release.report import step_outputs

    outputs = step_outputs(released.plans)
    try:
        return set_outputs(outputs)
    except PolicyError as exc:
        made = outputs["released"] or "none"
        raise PolicyError(f"{exc.message}; the tags were created: {made}") from None

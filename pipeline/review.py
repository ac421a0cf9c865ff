"""The pull-request review: one sticky comment and one label for the policies a branch changes.

Steps, in order: `review` classifies every policy between the two revisions (`policy diff`'s
rules: in a pull request, where the branch left its base, and HEAD; `Policy-Change:` trailers
override the classifier) and keeps those whose text changed; the level of the pull request is
the highest of them and gives the label (`policy: major|minor|editorial`), the others go in
`labels_to_remove`; `compose` writes the comment: the hidden marker that lets the workflow find
and update the same comment on every push, a verdict table, then per policy the verdict with
its evidence (`policy classify --format markdown`) and the redline (`policy diff --format
markdown`), shortened to fit GitHub's limit on a comment's length. A change the classifier
asks a lawyer about adds the label `policy: needs decision`, and `policy review` fails until a
`Policy-Change:` trailer with `Policy-Change-Reason:` decides it; an override by trailer is shown
at the top of the comment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from policy.diff.render.markdown import escape
from policy.versions.levels import Level

if TYPE_CHECKING:
    from policy.classify.model import Classification
    from policy.diff.model import DocumentDiff
    from policy.versions.repository import PolicyRepository

MARKER = "<!-- policy-review -->"
"""First line of the comment; the workflow updates the comment that starts with it."""
MAX_CHARS = 65_000
"""The whole comment stays under this (GitHub refuses comments over 65,536 characters)."""
SUMMARY_MAX_CHARS = 1_000_000
"""The job summary's room (GitHub allows 1 MiB per step): every redline at its full length."""
MAX_VERDICT_CHARS = 20_000
"""A verdict's evidence list is cut (at an item) beyond this, leaving room for the redline."""
MIN_REDLINE_CHARS = 1_500
"""Below this a redline would be a heading and a note; the comment says where to find it."""
LABELS = {
    Level.MAJOR: "policy: major",
    Level.MINOR: "policy: minor",
    Level.EDITORIAL: "policy: editorial",
}
"""The label per verdict; a pull request carries at most one of them."""
DECISION_LABEL = "policy: needs decision"
"""Added beside the verdict's label while the classifier's questions are unanswered; the
review's check fails until a person decides (a `Policy-Change:` trailer with
`Policy-Change-Reason:`)."""


@dataclass(frozen=True)
class PolicyReview:
    """What the comment says about one changed policy."""

    slug: str
    title: str
    level: Level | None
    """The classifier's verdict (after any `Policy-Change:` override); None if not classified."""
    summary: str
    """One plain sentence: the verdict, or the diff's count of changes."""
    verdict: str
    """Markdown of the verdict and its evidence (`policy classify --format markdown`)."""
    diff: DocumentDiff
    needs_decision: bool = False
    """The classifier asked questions no person has answered yet."""
    override: str = ""
    """"Set by NAME (commit abc1234): reason" when a person's trailer decided the level."""
    date_warning: str = ""
    """When the front matter's `effective_date` is not what the next release would record."""


@dataclass(frozen=True)
class Review:
    """The comment body, the label to set and the labels to take off."""

    body: str
    summary: str
    """The same for the job summary, without the marker and with more room for redlines."""
    level: Level
    label: str | None
    labels_to_remove: tuple[str, ...]
    policies: tuple[PolicyReview, ...]
    needs_decision: bool = False
    """Some policy's change needs a lawyer's decision: `decision_label` is set and the
    review's check fails."""

    @property
    def decision_label(self) -> str | None:
        return DECISION_LABEL if self.needs_decision else None

    def to_json(self) -> dict[str, Any]:
        """`{"marker", "level", "label", "labels_to_remove", "needs_decision",
        "decision_label", "policies": [{"slug", "title", "level", "summary", "changes",
        "needs_decision", "override", "date_warning"}], "body"}`; `label` is null when no
        policy changed, `decision_label` null unless a decision is needed."""
        return {
            "marker": MARKER,
            "level": self.level.label,
            "label": self.label,
            "labels_to_remove": list(self.labels_to_remove),
            "needs_decision": self.needs_decision,
            "decision_label": self.decision_label,
            "policies": [
                {
                    "slug": p.slug,
                    "title": p.title,
                    "level": p.level.label if p.level is not None else None,
                    "summary": p.summary,
                    "changes": len(p.diff.changes),
                    "needs_decision": p.needs_decision,
                    "override": p.override or None,
                    "date_warning": p.date_warning or None,
                }
                for p in self.policies
            ],
            "body": self.body,
        }


def review(
    repository: PolicyRepository, slugs: Sequence[str] = (), today: dt.date | None = None
) -> Review:
    """Review the named policies (default: every policy) that changed between the revisions;
    each says when its `effective_date` is not the one its next release would record."""
    from dataclasses import replace

    from policy.classify.sources import classify_revisions
    from policy.release.dates import review_warning

    chosen = [repository.require(s) for s in slugs] or repository.slugs()
    reviews = []
    for slug in chosen:
        classification = classify_revisions(repository, slug)
        if classification.diff is None or not classification.diff.changes:
            continue
        reviewed = _policy_review(classification, slug)
        commit, level = classification.diff.new.commit, classification.level
        warning = review_warning(repository, slug, commit, level, today or dt.date.today())
        reviews.append(replace(reviewed, date_warning=warning or ""))
    return build(reviews)


def _policy_review(classification: Classification, slug: str) -> PolicyReview:
    from policy.classify.render import render

    result = classification.diff
    assert result is not None  # classify_range always keeps the diff it judged
    title = result.new.title or result.old.title or slug
    verdict = render(classification, "markdown")
    if len(verdict) > MAX_VERDICT_CHARS:  # hundreds of pieces of evidence: keep the first ones
        cut = verdict.rfind("\n- ", 0, MAX_VERDICT_CHARS)
        verdict = verdict[:cut] + "\n\n… more evidence in `policy classify` and the redline.\n"
    override = classification.override
    by = (
        f"Set by {override.by or 'unknown'} ({override.source}): {override.reason}"
        if override is not None
        else ""
    )
    return PolicyReview(
        slug,
        title,
        classification.level,
        classification.summary(),
        verdict,
        result,
        classification.needs_decision,
        by,
    )


def build(policies: Sequence[PolicyReview]) -> Review:
    """The label from the highest level, and the comment."""
    levels = [p.level for p in policies if p.level is not None]
    level = max(levels, default=Level.NONE)
    label = LABELS.get(level)
    needs_decision = any(p.needs_decision for p in policies)
    remove = tuple(name for name in LABELS.values() if name != label)
    if not needs_decision:
        remove += (DECISION_LABEL,)
    body = compose(policies, level)
    summary = compose(policies, level, SUMMARY_MAX_CHARS).removeprefix(MARKER + "\n")
    return Review(body, summary, level, label, remove, tuple(policies), needs_decision)


def to_actions(result: Review) -> bool:
    """In GitHub Actions: the step outputs the comment job reads (`body`, `label`, one label
    to remove per line, `level`) and the review in the job summary. False elsewhere."""
    from policy.pipeline.actions import summarise
    from policy.pipeline.github import set_outputs

    outputs = {
        "body": result.body,
        "label": result.label or "",
        "labels_to_remove": "\n".join(result.labels_to_remove),
        "level": result.level.label,
        "decision_label": result.decision_label or "",
        "needs_decision": "true" if result.needs_decision else "false",
    }
    wrote = set_outputs(outputs)
    return summarise(result.summary) or wrote


def compose(policies: Sequence[PolicyReview], level: Level, max_chars: int = MAX_CHARS) -> str:
    """The comment's Markdown, shorter than `max_chars`."""
    from policy.diff.render import render

    head = _head(policies, level)
    if not policies:
        return head
    sections = [_section_head(p) for p in policies]
    fixed = len(head) + sum(len(s) + len(_REDLINE_OPEN) + len(_REDLINE_CLOSE) for s in sections)
    budget = max_chars - fixed - 1
    redlines = [render(p.diff, "markdown") for p in policies]
    shares = _shares([len(r) for r in redlines], budget)
    for i, (policy, share) in enumerate(zip(policies, shares, strict=True)):
        if len(redlines[i]) <= share:
            continue
        if share < MIN_REDLINE_CHARS:
            redlines[i] = _no_room(policy)
        else:
            redlines[i] = render(policy.diff, "markdown", max_chars=share)
    parts = [head]
    for section, redline in zip(sections, redlines, strict=True):
        parts.append(f"{section}{_REDLINE_OPEN}{redline}{_REDLINE_CLOSE}")
    body = "".join(parts)
    if len(body) >= max_chars:  # a guard: the shares above leave room for everything else
        cut = body.rfind("\n", 0, max_chars - 200)
        body = body[:cut] + "\n\n… the rest of this review did not fit in one comment.\n"
    return body


def _shares(lengths: list[int], budget: int) -> list[int]:
    """Each redline's room: short ones keep their length, long ones share the rest equally."""
    shares = [0] * len(lengths)
    left = max(budget, 0)
    waiting = sorted(range(len(lengths)), key=lambda i: lengths[i])
    while waiting:
        equal = left // len(waiting)
        i = waiting.pop(0)
        shares[i] = min(lengths[i], equal)
        left -= shares[i]
    return shares


_REDLINE_OPEN = "\n<details open>\n<summary>Redline</summary>\n\n"
_REDLINE_CLOSE = "\n</details>\n"


def _head(policies: Sequence[PolicyReview], level: Level) -> str:
    if not policies:
        return f"{MARKER}\n## Policy review\n\nNo policy text changed in this pull request.\n"
    verdict = level.label if level is not Level.NONE else "not classified"
    noun = "policy" if len(policies) == 1 else "policies"
    rows = "".join(
        f"| {escape(p.title)} ({escape(p.slug)}) | "
        f"{p.level.label if p.level is not None else '-'} | {escape(p.summary)} |\n"
        for p in policies
    )
    label = LABELS.get(level)
    labelled = f" Label: `{label}`." if label else ""
    lead = ""
    undecided = [p.slug for p in policies if p.needs_decision]
    if undecided:
        lead += (
            f"> **Needs a lawyer's decision** ({escape(', '.join(undecided))}): the classifier "
            "could not judge some changes (questions below). Record the decision as commit "
            "trailers `Policy-Change: LEVEL` and `Policy-Change-Reason: WHY`; until then this "
            f"check fails and the pull request carries `{DECISION_LABEL}`.\n\n"
        )
    for p in policies:
        if p.override:
            lead += f"> **Level set by a person** ({escape(p.slug)}): {escape(p.override)}\n\n"
    return (
        f"{MARKER}\n## Policy review: {verdict}\n\n{lead}"
        f"This pull request changes {len(policies)} {noun}.{labelled}\n\n"
        f"| Policy | Verdict | Summary |\n| --- | --- | --- |\n{rows}"
    )


def _section_head(policy: PolicyReview) -> str:
    verdict = f"\n{policy.verdict.strip()}\n" if policy.verdict.strip() else ""
    if policy.date_warning:
        verdict += f"\n> **Effective date:** {escape(policy.date_warning)}\n"
    return f"\n## {escape(policy.title)} ({escape(policy.slug)})\n{verdict}"


def _no_room(policy: PolicyReview) -> str:
    return (
        f"The redline of {escape(policy.slug)} does not fit in this comment; it is in the job "
        "summary of the workflow run (or run `policy diff SLUG --format html`).\n"
    )

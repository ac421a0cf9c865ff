"""A person's verdict over the classifier's: `Policy-Change:` / `Policy-Categories:` commit
trailers with a `Policy-Change-Reason:` trailer, or `policy release --level` with `--reason`.
Both verdicts are kept, so an override is never silent; a verdict without a reason is refused.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from policy.classify.model import CategoryFinding, Classification
from policy.errors import PolicyError
from policy.settings.categories import CATEGORY_IDS, DEFAULT_CATEGORIES
from policy.versions.levels import Level
from policy.versions.releases import Override, Verdict

if TYPE_CHECKING:
    from policy.versions.repository import PolicyRepository, Revision

LEVEL_TRAILER = "Policy-Change"
CATEGORIES_TRAILER = "Policy-Categories"
REASON_TRAILER = "Policy-Change-Reason"
"""A person's verdict is a decision only with its reason: a bare `Policy-Change: minor` could
silence a major change without anyone saying why."""


class MissingReason(PolicyError):
    """A `Policy-Change:` or `Policy-Categories:` trailer without `Policy-Change-Reason:`."""

    def __init__(self, message: str, where: str = "", given: str = "") -> None:
        super().__init__(message)
        self.where = where
        """"commit abc1234": the commit to amend (or to set aside with `--level`)."""
        self.given = given
        """The bare trailer, e.g. "Policy-Change: minor"."""


def parse_level(value: str, where: str) -> Level:
    """A level a person may choose: editorial, minor or major (never `none`)."""
    try:
        level = Level.parse(value)
    except ValueError:
        level = Level.NONE
    if level is Level.NONE:
        raise PolicyError(
            f"{where}: `{value.strip()}` is not a level; use major, minor or editorial"
        )
    return level


def parse_categories(value: str, where: str) -> tuple[str, ...]:
    """Comma- or space-separated category ids, in section 8's order."""
    given = [part for part in value.replace(",", " ").split() if part]
    unknown = [part for part in given if part not in CATEGORY_IDS]
    if unknown:
        raise PolicyError(
            f"{where}: unknown category `{unknown[0]}`; use {', '.join(CATEGORY_IDS)}"
        )
    return tuple(cid for cid in CATEGORY_IDS if cid in given)


def apply_override(
    classification: Classification,
    level: Level,
    categories: tuple[str, ...],
    source: str,
    by: str,
    reason: str,
    titles: dict[str, str] | None = None,
) -> Classification:
    """The classification with a person's level and categories; the automatic ones stay.

    A major override without categories keeps the categories the classifier found; the
    evidence of a category the person added is whatever the classifier found for it (often
    none: the person's reason is then the evidence).
    """
    automatic = {c.id: c for c in classification.automatic_categories}
    if level is Level.MAJOR:
        chosen = categories or tuple(automatic)
        titles = titles or {cid: DEFAULT_CATEGORIES[cid][0] for cid in CATEGORY_IDS}
        findings = tuple(
            automatic.get(cid) or CategoryFinding(cid, titles[cid], ())
            for cid in CATEGORY_IDS
            if cid in chosen
        )
    else:
        findings = ()
    override = Override(
        level=level,
        categories=tuple(f.id for f in findings),
        source=source,
        by=by,
        reason=reason,
        classified_level=classification.automatic_level,
        classified_categories=tuple(automatic),
    )
    return replace(classification, level=level, categories=findings, override=override)


def commit_verdict(
    repository: PolicyRepository, slug: str, old: Revision | None, new: Revision
) -> Verdict | None:
    """The newest `Policy-Change:` / `Policy-Categories:` trailers among the commits that
    changed the policy between `old` and `new` (HEAD for the working tree)."""
    end = new.commit or "HEAD"
    start = old.commit if old is not None else None
    if start == end:
        return None
    keys = (LEVEL_TRAILER, CATEGORIES_TRAILER, REASON_TRAILER)
    for commit in repository.commit_trailers(start, end, repository.paths(slug), keys):
        level_value, categories_value, reason = (commit.values[key] for key in keys)
        if not (level_value.strip() or categories_value.strip()):
            continue
        where = f"commit {commit.sha[:7]}"
        if not reason.strip():
            given = (
                f"{LEVEL_TRAILER}: {level_value.split(',')[-1].strip()}"
                if level_value.strip()
                else f"{CATEGORIES_TRAILER}: {categories_value.strip()}"
            )
            raise MissingReason(
                f"{where} sets `{given}` without a reason; add a `{REASON_TRAILER}: <why>` "
                f"trailer next to it (git commit --amend), or decide with "
                f'`policy release --level LEVEL --reason "..."`',
                where,
                given,
            )
        categories = parse_categories(categories_value, f"{where} ({CATEGORIES_TRAILER})")
        level = (
            parse_level(level_value.split(",")[-1], f"{where} ({LEVEL_TRAILER})")
            if level_value.strip()
            else Level.MAJOR
        )
        return Verdict(level, categories, where, commit.author, " ".join(reason.split()))
    return None

"""Invariants of releases: the effective-date rules, and tag messages that survive git."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from gitrepo import make_repo, policy_text, write_and_commit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy.errors import UsageProblem
from policy.release.plan import ReleasePlan, effective_date
from policy.release.tagging import create_tag
from policy.versions.levels import Level, Version
from policy.versions.releases import Override, Release
from policy.versions.repository import PolicyRepository

DAYS = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31))
LEVELS = st.sampled_from([Level.NONE, Level.EDITORIAL, Level.MINOR, Level.MAJOR])


def a_release(effective: dt.date | None) -> Release:
    return Release(
        "p", Version(1, 0, 0), "p/v1.0.0", "0" * 40, dt.datetime(2026, 1, 1), effective, None, ""
    )


@given(
    level=LEVELS,
    first=st.booleans(),
    previous_date=st.none() | DAYS,
    requested=st.none() | DAYS,
    today=DAYS,
    notice_days=st.integers(0, 400),
    reason=st.sampled_from(["", "Court order."]),
    front_matter_date=st.none() | DAYS,
)
def test_effective_date_rules(
    level, first, previous_date, requested, today, notice_days, reason, front_matter_date
):
    previous = None if first else a_release(previous_date)
    due = today + dt.timedelta(days=notice_days)
    try:
        date = effective_date(
            level=level,
            previous=previous,
            requested=requested,
            today=today,
            notice_days=notice_days,
            short_notice_reason=reason,
            front_matter_date=front_matter_date,
        )
    except UsageProblem:
        # The defaults never need a refusal; only a chosen date or an unneeded reason can.
        assert requested is not None or reason
        return
    if requested is not None:
        assert date == requested
    if previous is not None:
        assert date >= today
        assert previous_date is None or date >= previous_date
    if level is Level.MAJOR and not reason:
        assert date >= due
    if reason:
        assert level is Level.MAJOR and date < due
    if requested is None and level is not Level.MAJOR and previous is None:
        assert date == (front_matter_date or today)


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    repo = make_repo(tmp_path_factory.mktemp("props"))
    head = write_and_commit(repo, "policies/p.md", policy_text("p", "2026-01-01", "# P\n"), "P")
    opened = PolicyRepository.open(repo.working_tree_dir)
    yield opened, head
    opened.close()


TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60
)
ONE_LINE = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda s: s.strip() and ":" not in s)
CATEGORIES = st.lists(
    st.sampled_from(["purposes", "ownership", "sharing", "rights", "contacts", "high_risk"]),
    unique=True,
    max_size=3,
).map(tuple)
VERSIONS = itertools.count(1)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    summary=TEXT,
    categories=CATEGORIES,
    reason=TEXT,
    by=ONE_LINE,
    short=TEXT,
    effective=DAYS,
    overridden=st.booleans(),
)
def test_what_a_tag_records_is_what_is_read_back(
    repository, summary, categories, reason, by, short, effective, overridden
):
    """Whatever a person types as summary or reason, git keeps the trailers intact: a summary
    can never forge or hide a trailer, and every recorded field reads back."""
    opened, head = repository
    level = Level.MAJOR if categories else Level.MINOR
    override = (
        Override(level, categories, "policy release --level", by, reason, Level.EDITORIAL, ())
        if overridden
        else None
    )
    plan = ReleasePlan(
        slug="p",
        path="policies/p.md",
        version=Version(next(VERSIONS), 0, 0),
        previous=None,
        commit=head,
        level=level,
        categories=categories,
        effective_date=effective,
        summary=summary,
        override=override,
        short_notice_reason=" ".join(short.split()),
        today=dt.date(2026, 1, 1),
        notice_days=30,
    )
    create_tag(opened, plan)
    opened._releases.clear()  # the listing is cached per run; read the new tag
    release = next(r for r in opened.releases("p") if r.version == plan.version)
    assert release.tag == plan.tag
    assert release.commit == head
    assert (release.level, release.categories, release.effective_date) == (
        level,
        categories,
        effective,
    )
    assert release.short_notice_reason == " ".join(short.split())
    if ":" not in summary:  # a line like `Level: x` is defused (`Level - x`), not kept
        kept = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]", " ", summary)  # controls go
        assert release.summary == (" ".join(kept.split()) or "(no summary)")
    if overridden:
        assert release.override is not None
        assert release.override.by == " ".join(by.split())
        assert release.override.reason == " ".join(reason.split())
        assert release.override.classified_level is Level.EDITORIAL
    else:
        assert release.override is None

"""The scripted history of the demo: three commits of the bundled privacy policy, each released.

Each step is a real commit and a real release tag in a new repository, made by the functions
`policy release` uses, at a fixed time counted from the demo's day, so the same day gives the
same history (tags, versions, effective dates).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from policy.versions.authoring import DEMO_IDENTITY, clock, commit_all, new_repository

if TYPE_CHECKING:
    from policy.release.plan import ReleasePlan

SLUG = "privacy-policy"
POLICY = f"policies/{SLUG}.md"


@dataclass(frozen=True)
class Step:
    days_before: int
    """How many days before the demo's day the step happens."""
    message: str
    """The commit message, and the tag's summary."""
    edits: tuple[tuple[str, str], ...]
    """(old, new) replacements in the policy's text."""


STEPS = (
    Step(60, "The privacy policy in force.", ()),
    Step(
        30,
        "A typo in the table of contents (Policy Policy).",
        (("9. How we Update This Policy Policy", "9. How we Update This Policy"),),
    ),
    Step(
        0,
        "Payments through Stripe instead of Paypal; privacy questions to the DPO's mailbox.",
        (("Paypal", "Stripe"), ("Email: info@soocas.com", "Email: dpo@soocas.com")),
    ),
)


def bundled(name: str) -> str:
    """A file shipped with the tool: the bundled policy or its policy.toml."""
    return (files("policy") / name).read_text(encoding="utf-8")


def moment(today: dt.date, days_before: int) -> dt.datetime:
    day = today - dt.timedelta(days=days_before)
    return dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC)


@contextlib.contextmanager
def as_the_legal_team(when: dt.datetime) -> Iterator[None]:
    """git's identity and clock for the tags `policy release` makes, restored afterwards."""
    name, email = DEMO_IDENTITY
    wanted = {**clock(when), "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email,
              "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}  # fmt: skip
    saved = {key: os.environ.get(key) for key in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def set_effective_date(text: str, day: dt.date) -> str:
    line = f"effective_date: {day.isoformat()}"
    return re.sub(r"(?m)^effective_date: .*$", line, text, count=1)


def write_history(repo: Path, today: dt.date, notice_days: int) -> list[ReleasePlan]:
    """Make the repository and its releases; what was released at each step."""
    from policy.release.plan import plan_release
    from policy.release.tagging import create_tags
    from policy.versions.repository import PolicyRepository

    new_repository(repo)
    (repo / "policies").mkdir()
    (repo / "policy.toml").write_text(bundled("policy.toml"), encoding="utf-8")
    (repo / ".gitignore").write_text("site/\n.policy/\n", encoding="utf-8")
    text = bundled(POLICY)
    released = []
    for step in STEPS:
        when = moment(today, step.days_before)
        for old, new in step.edits:
            assert old in text, old
            text = text.replace(old, new)
        # The front matter says when the version applies: at once, or after the notice period
        # for the major change (the last step), as the release will record it.
        notice = dt.timedelta(days=notice_days if step is STEPS[-1] else 0)
        text = set_effective_date(text, when.date() + notice)
        (repo / POLICY).write_text(text, encoding="utf-8", newline="\n")
        with as_the_legal_team(when):
            commit_all(repo, step.message, when)
            repository = PolicyRepository.open(repo)
            try:
                plan = plan_release(repository, SLUG, when.date(), summary=step.message)
                create_tags(repository, [plan])
            finally:
                repository.close()
        released.append(plan)
    return released

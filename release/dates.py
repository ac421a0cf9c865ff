"""The one effective date of a release: asked for, or chosen, and checked.

A release records the day it takes effect in its tag; every page, feed, email and copy of the
policy shows that date. Steps, in order: `front_matter_request` finds the date a lawyer wrote
into the front matter in the commits being released (a change of `effective_date` since the
latest release is a request; the date left from an earlier release is not); `effective_date`
takes `--effective`, else that request, else the default for the level (today; a major change
today plus the notice period), and refuses a date in the past, before the previous release's, or
too soon for a major change, with one line saying what to write instead; `date_warning` says, for
`policy check` and `policy review`, when the file's date is not the one the next release would
record, before anyone releases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from policy.errors import PolicyError, UsageProblem
from policy.versions.levels import Level

if TYPE_CHECKING:
    from policy.versions.releases import Release
    from policy.versions.repository import PolicyRepository, PolicyVersion


@dataclass(frozen=True)
class Asked:
    """Where a requested date comes from, to name it and say how to change it."""

    date: dt.date
    path: str | None = None
    """The policy file when the date is its front matter's; None for `--effective`."""

    def __str__(self) -> str:
        if self.path is None:
            return f"--effective {self.date}"
        return f"effective_date {self.date} (in {self.path})"

    def fix(self, earliest: dt.date) -> str:
        if self.path is None:
            return f"give --effective {earliest} or later"
        return f"write effective_date: {earliest} or later in {self.path} (or give --effective)"


def front_matter_request(
    repository: PolicyRepository, slug: str, previous: Release, head: str
) -> dt.date | None:
    """The front matter's `effective_date` at `head` if the commits since `previous` changed
    it to a new date: a request for that day. The same date as at `previous`, or as the one
    `previous` recorded (a file brought in line with its release), is no request."""
    from policy.versions.repository import Revision

    try:
        before = repository.read(slug, Revision(f"v{previous.version}", previous.commit, previous))
        old = before.front_matter_date
    except PolicyError:  # the file was added under another name, or was unreadable then
        old = None
    now = repository.read(slug, Revision("HEAD", head)).front_matter_date
    if now is None or now in (old, previous.effective_date):
        return None
    return now


def effective_date(
    *,
    level: Level,
    previous: Release | None,
    requested: dt.date | None,
    today: dt.date,
    notice_days: int,
    short_notice_reason: str = "",
    front_matter_date: dt.date | None = None,
    requested_in: str | None = None,
) -> dt.date:
    """The day the release takes effect: `requested`, or the default for its level.

    `requested_in` names the policy file when the requested date is its front matter's
    (`front_matter_request`), so that a refusal says where to change it. Defaults: today for
    minor and editorial, today plus the notice period for major; never before the previous
    release's effective date (an upcoming major change must not be overtaken by a later fix);
    for a first release, which records a policy already in force, the `effective_date` of its
    front matter (`front_matter_date`).
    """
    due = today + dt.timedelta(days=notice_days)
    earliest = previous.effective_date if previous is not None else None
    if level is Level.MAJOR:
        default = due
    elif previous is None:
        default = front_matter_date or today
    else:
        default = today
    if earliest is not None:
        default = max(default, earliest)
    asked = Asked(requested, requested_in) if requested is not None else None
    date = requested or default
    if previous is not None and asked is not None:
        if date < today:
            raise UsageProblem(
                f"{asked} is in the past; only a first release may take effect before today "
                f"({today}); {asked.fix(today)}"
            )
        if earliest is not None and date < earliest:
            raise UsageProblem(
                f"{asked} is before {earliest}, when the previous release {previous.version} "
                f"takes effect; {asked.fix(earliest)}"
            )
    short = level is Level.MAJOR and date < due
    if short and not short_notice_reason.strip():
        days = (date - today).days
        from_file = asked is not None and asked.path is not None
        named = f"{asked}" if from_file else f"{date}"
        fix = asked.fix(due) if asked is not None else f"give --effective {due} or later"
        raise UsageProblem(
            f"a major change needs {notice_days} days' notice, and {named} is {_days(days)}; "
            f'{fix}, or --short-notice-reason "..." to record why users are told later'
        )
    if short_notice_reason.strip() and not short:
        raise UsageProblem(
            f"--short-notice-reason is only for a major release that takes effect sooner than "
            f"{notice_days} days from today; this {level.label} release takes effect on {date}"
        )
    return date


def _days(days: int) -> str:
    if days == 0:
        return "today"
    if days < 0:
        return f"{-days} day{'s' if days != -1 else ''} ago"
    return f"{days} day{'s' if days != 1 else ''} away"


def date_warning(
    repository: PolicyRepository,
    current: PolicyVersion,
    today: dt.date,
    level: Level | None = None,
) -> str | None:
    """What to tell a lawyer when the `effective_date` in `current` (the working tree for
    `policy check`, HEAD for `policy review`) is not the date the next release would record;
    None when it is, or when there is nothing to release. `level` is the change's level when
    it is known (`review`); without it (`check`) the notice period cannot be judged.
    """
    from policy.versions.repository import Revision

    releases = repository.releases(current.slug)
    written = current.front_matter_date
    if not releases or written is None:  # a first release records the file's date
        return None
    previous = releases[-1]
    try:
        before = repository.read(
            current.slug, Revision(f"v{previous.version}", previous.commit, previous)
        )
    except PolicyError:  # history missing (a shallow clone): nothing to compare with
        return None
    if before.text == current.text:
        return None
    old = before.front_matter_date
    notice_days = repository.settings.notice_days
    if written not in (old, previous.effective_date):  # a request: will the release take it?
        try:
            effective_date(
                level=level or Level.MINOR,
                previous=previous,
                requested=written,
                today=today,
                notice_days=notice_days,
                requested_in=current.path,
            )
        except UsageProblem as exc:
            return f"the next release will refuse this date: {exc.message}"
        return None
    if level is None:
        return (
            f"effective_date {written} is the date left from release {previous.version}, not "
            f"one chosen for the next release; that release will record its own date (the "
            f"day it is made, or {notice_days} days later for a major change) and every page "
            "and email will show it; write the day this version should take effect to choose it"
        )
    chosen = effective_date(
        level=level, previous=previous, requested=None, today=today, notice_days=notice_days
    )
    if chosen == written:
        return None
    return (
        f"effective_date {written} is the date left from release {previous.version}; released "
        f"today, this {level.label} change would take effect on {chosen}, the date every page "
        "and email would show; write the day this version should take effect to choose it"
    )


def check_warnings(
    repository: PolicyRepository, slugs: list[str], today: dt.date
) -> list[tuple[str, int, str]]:
    """`policy check`'s warnings: per policy whose working-tree date is not the one its next
    release would record, `(path, line of effective_date, message)`. None in a clone without
    history (`policy check` needs none): there is no release to compare with."""
    from policy.document.frontmatter import key_line
    from policy.versions.repository import Revision

    try:
        repository.require_complete()
    except PolicyError:
        return []
    warnings = []
    for slug in slugs:
        try:
            current = repository.read(slug, Revision("working tree", None))
        except PolicyError:  # unreadable: `check` reports it as a problem
            continue
        message = date_warning(repository, current, today)
        if message is not None and current.path is not None:
            line = key_line(current.document.front_matter, "effective_date")
            warnings.append((current.path, line, message))
    return warnings


def review_warning(
    repository: PolicyRepository,
    slug: str,
    commit: str | None,
    level: Level | None,
    today: dt.date,
) -> str | None:
    """`policy review`'s warning for one policy: `date_warning` at the reviewed revision
    (`commit`, or the working tree), knowing the level the classifier gave the change."""
    from policy.versions.repository import Revision

    revision = Revision("HEAD", commit) if commit else Revision("working tree", None)
    try:
        current = repository.read(slug, revision)
    except PolicyError:  # the policy was removed: nothing will be released
        return None
    return date_warning(repository, current, today, level)

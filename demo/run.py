"""`policy demo` from start to end: the history, then what each command makes of it."""

from __future__ import annotations

import datetime as dt
import shlex
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from policy.demo.story import SLUG, STEPS, write_history
from policy.errors import UsageProblem

if TYPE_CHECKING:
    from policy.release.plan import ReleasePlan

RECIPIENTS = "email,name\nana@example.com,Ana\nbo@example.com,Bo\nchen@example.org,Chen\n"


def output_folder(out: Path | None) -> Path:
    """`--out` (new or empty), else a new folder in the system's temporary folder."""
    if out is None:
        return Path(tempfile.mkdtemp(prefix="policy-demo-"))
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageProblem(f"--out {out}: is not an empty folder; give a new or empty one")
    out.mkdir(parents=True, exist_ok=True)
    return out.resolve()


def run_demo(out: Path | None, today: dt.date, echo: Callable[[str], None]) -> Path:
    """Write the demo into `out` and tell its story through `echo`; the folder used."""
    from policy.versions.repository import PolicyRepository

    folder = output_folder(out)
    repo, site = folder / "repo", folder / "site"
    cd = f"policy --repo {shlex.quote(str(repo))}"
    echo(
        "policy demo: the bundled privacy policy through three releases, in a new scratch "
        f"repository ({repo}); none of your repositories is read or written.\n"
    )

    echo(_heading(1, "A short history: three commits, each released",
                  f"{cd} release {SLUG}"))  # fmt: skip
    plans = write_history(repo, today, _notice_days())
    for plan, step in zip(plans, STEPS, strict=True):
        echo(_released(plan, step.message))
    show = f"git -C {shlex.quote(str(repo))} show {plans[-1].tag}"
    echo(f"   Each release is an annotated tag: {show}\n")

    repository = PolicyRepository.open(repo)
    try:
        echo(_heading(2, "The releases", f"{cd} versions --as-of {today}"))
        echo(_versions(repository, today))
        old, new = "1.0.1", "2.0.0"
        echo(_heading(3, "Why 2.0.0 is major, with the evidence",
                      f"{cd} classify {SLUG} {old} {new}"))  # fmt: skip
        echo(_classify(repository, old, new))
        echo(_heading(4, "The redline, in short", f"{cd} diff {SLUG} {old} {new}"))
        echo(_redline(repository, old, new))
        echo(_heading(5, "The website", f"{cd} publish --out {shlex.quote(str(site))}"))
        echo(_publish(repository, site, today, cd))
        csv = shlex.quote(str(folder / "recipients.csv"))
        notify = f"{cd} notify {SLUG} {new} --recipients {csv} --dry-run"
        echo(_heading(6, "The notice email to users, as a dry run (nothing is sent)", notify))
        echo(_notify(repository, folder, new, today))
    finally:
        repository.close()
    echo(
        f"Everything is in {folder}; delete the folder when you are done. To set up your own "
        "repository: policy init --help\n"
    )
    return folder


def _notice_days() -> int:
    import tomllib

    from policy.demo.story import bundled

    return int(tomllib.loads(bundled("policy.toml")).get("notice_days", 30))


def _heading(number: int, title: str, command: str = "") -> str:
    line = f"\n{number}. {title}\n"
    return line + (f"   $ {command}\n" if command else "")


def _released(plan: ReleasePlan, message: str) -> str:
    """`2026-06-01  commit "..."` and what its release recorded, on the next line."""
    from policy.versions.levels import Level

    level = "first release" if plan.previous is None else plan.level.label
    if plan.level is Level.MAJOR:
        level += f": {', '.join(plan.categories)}"
    after = ""
    if plan.effective_date > plan.today:
        after = f", after the {plan.notice_days}-day notice period"
    return (
        f"   {plan.today.isoformat()}  commit: {message}\n"
        f"               released {plan.version} ({level}), effective "
        f"{plan.effective_date.isoformat()}{after}\n"
    )


def _versions(repository, today: dt.date) -> str:
    from policy.console import table_width
    from policy.versions.report import releases_text

    return releases_text({SLUG: repository.releases(SLUG)}, today, table_width())


def _classify(repository, old: str, new: str) -> str:
    from policy.classify.render import render
    from policy.classify.sources import classify_revisions

    return render(classify_revisions(repository, SLUG, old, new), "text")


def _redline(repository, old: str, new: str) -> str:
    """The summary sentence and one line per change; the full redline is on the website."""
    from policy.diff.render.common import describe, group_by_section, summary, where
    from policy.diff.sources import diff_revisions

    diff = diff_revisions(repository, SLUG, old, new)
    lines = [summary(diff)]
    for label, changes in group_by_section(diff.wording_changes):
        lines += [
            f"  {label}: {describe(change)}" + (f", {where(change)}" if where(change) else "")
            for change in changes
        ]
    return "\n".join(lines) + "\n"


def _publish(repository, site: Path, today: dt.date, cd: str) -> str:
    from policy.publish.site import publish

    result = publish(repository, site, today, repository.settings.site.base_url)
    changes = site / SLUG / "v2.0.0" / "changes.html"
    return (
        f"{result.out_dir}: {result.policies} policy, {result.releases} releases, "
        f"{len(result.written)} files written.\n"
        f"Open {changes.as_uri()} in a browser to read the redline, or preview the whole site:\n"
        f"   $ {cd} serve --out {shlex.quote(str(site))} --as-of {today}\n"
    )


def _notify(repository, folder: Path, version: str, today) -> str:
    from policy.notifier.sender import NotifyOptions, notify

    recipients = folder / "recipients.csv"
    recipients.write_text(RECIPIENTS, encoding="utf-8")
    # The story's day decides whether the release is already in effect (then it is refused).
    options = NotifyOptions(recipients=str(recipients), dry_run=True, today=today)
    [report] = notify(repository, SLUG, version, options)
    if report.sample is not None:
        (folder / "email.html").write_text(report.sample.html, encoding="utf-8")
        (folder / "email.txt").write_text(
            f"Subject: {report.sample.subject}\n\n{report.sample.text}", encoding="utf-8"
        )
    return report.text() + f"The email as HTML: {(folder / 'email.html').as_uri()}\n"

"""A policy's release history as Markdown, for readers outside the website (a CHANGELOG file,
a GitHub Release's notes, an email to the board).

Steps, in order: the releases of each policy come from their tags (newest first, as release
tools list them); each becomes one entry: version and effective date in the heading, the level
in words with the major-change categories by their titles from policy.toml, the summary
recorded in the tag, and the tag, release day and a link to the release's redline on the
website when the site's address is known. With one version asked for, the entry alone is the
output (a GitHub Release's notes).

The output depends only on the tags and the settings, never on the day it is written, so the
same history always gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from policy.errors import PolicyError, UsageProblem
from policy.versions.levels import Level, Version
from policy.versions.releases import Release

if TYPE_CHECKING:
    from policy.settings.schema import Settings
    from policy.versions.repository import PolicyRepository

LEVEL_WORDS = {
    Level.MAJOR: "Major change",
    Level.MINOR: "Minor change",
    Level.EDITORIAL: "Editorial change",
    Level.NONE: "No change in meaning",
}


@dataclass(frozen=True)
class History:
    """One policy's releases, as the changelog tells them."""

    slug: str
    title: str
    releases: tuple[Release, ...]
    """Oldest first, as `PolicyRepository.releases` gives them."""


def render_changelog(
    histories: list[History],
    settings: Settings,
    base_url: str | None,
    version: Version | None = None,
) -> str:
    """The Markdown changelog of every policy given; with `version`, that release's entry
    alone (one policy only)."""
    if version is not None:
        [history] = histories
        found = [r for r in history.releases if r.version == version]
        if not found:
            known = ", ".join(str(r.version) for r in history.releases) or "none yet"
            raise UsageProblem(
                f"{history.slug} has no release {version} (releases: {known}); "
                f"see `policy versions {history.slug}`"
            )
        first = history.releases[0].version == version
        return _entry(history, found[0], settings, base_url, first, level=2)
    parts: list[str] = []
    for history in histories:
        parts.append(f"# {history.title}: changelog\n")
        if not history.releases:
            parts.append(f"No releases yet. Release it with `policy release {history.slug}`.\n")
            continue
        oldest = history.releases[0]
        for release in reversed(history.releases):
            parts.append(_entry(history, release, settings, base_url, release is oldest, level=2))
    return "\n".join(parts)


def _entry(
    history: History,
    release: Release,
    settings: Settings,
    base_url: str | None,
    first: bool,
    level: int,
) -> str:
    effective = (
        f"effective {release.effective_date.isoformat()}"
        if release.effective_date
        else "effective date not recorded"
    )
    lines = [f"{'#' * level} {release.version} ({effective})", ""]
    lines.append(_level_sentence(release, settings, first))
    if release.summary:
        lines += ["", release.summary]
    if release.short_notice_reason:
        lines += ["", f"Shorter notice than usual: {release.short_notice_reason}"]
    if release.override is not None:
        override = release.override
        lines += [
            "",
            f"Level set by {override.by or 'a person'} ({override.source}); the classifier "
            f"said {override.classified_level.label}.",
        ]
    facts = [f"Released {release.date.date().isoformat()}", f"tag `{release.tag}`"]
    if base_url:
        page = f"{base_url}{history.slug}/v{release.version}/"
        if first:
            facts.append(f"[read this version]({page}index.html)")
        else:
            facts.append(f"[what changed]({page}changes.html)")
    lines += ["", " · ".join(facts), ""]
    return "\n".join(lines)


def _level_sentence(release: Release, settings: Settings, first: bool) -> str:
    if first and release.level in (None, Level.NONE):
        return "First published version."
    if release.level is None:
        return "Level not recorded (a tag made by hand)."
    words = LEVEL_WORDS[release.level]
    if not release.categories:
        return f"{words}."
    titles = [
        settings.categories[cid].title if cid in settings.categories else cid
        for cid in release.categories
    ]
    return f"{words}: {'; '.join(titles)}."


def histories(repository: PolicyRepository, slugs: list[str]) -> list[History]:
    """Each policy's releases, titled as its latest release (or working file) names it."""
    from policy.document import parse_document
    from policy.versions.repository import Revision

    found = []
    for slug in slugs:
        releases = tuple(repository.releases(slug))
        latest = releases[-1] if releases else None
        revision = (
            Revision(f"v{latest.version}", latest.commit, latest)
            if latest
            else Revision("working tree", None)
        )
        title = parse_document(repository.read(slug, revision).text).title or slug
        found.append(History(slug, title, releases))
    return found


def write_changelog(text: str, out: Path) -> None:
    """To `out` whole or not at all (a temporary file renamed over it)."""
    from policy.files import write_atomic

    try:
        write_atomic(out, text.encode("utf-8"))
    except OSError as exc:
        raise PolicyError(f"{out}: cannot be written ({exc.strerror}); check the path") from None

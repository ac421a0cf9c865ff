"""The website's files from the rendered releases: Jinja2 templates in, bytes out.

Steps, in order: `_views` turns each release into what a reader is told about it (status on
the day of publication, what replaced it, its neighbours, its links); `render_site` fills the
templates for the list of policies, each policy's page in effect, history, `versions.json`,
Atom feed, and each release's permanent page, redline and Markdown source; then the style
sheet and the 404 page. Links between pages are relative, so the site works under any address;
the feed, `versions.json` and canonical links use the absolute `base_url`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from policy.versions.levels import Level
from policy.versions.releases import Release
from policy.versions.report import status

if TYPE_CHECKING:
    from policy.publish.site import Policy
    from policy.settings.schema import Settings

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
LEVEL_WORDS = {
    Level.MAJOR: "Major change",
    Level.MINOR: "Minor change",
    Level.EDITORIAL: "Editorial change",
    Level.NONE: "No change",
}
FIRST_WORDS = "First published version"
"""The level words of a first release recorded as `none`: the policy as it was in force."""


def human_date(value: dt.date | dt.datetime | None) -> str:
    """`1 March 2026`, the same on every machine (no locale)."""
    if value is None:
        return "not recorded"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    wording: str
    """The policy's own description of this kind of major change (section 8)."""


@dataclass(frozen=True)
class ReleaseView:
    """One release as the pages describe it."""

    release: Release
    version: str
    status: str
    """in effect, upcoming, past or unknown (on the day the site was built)."""
    level: str
    """`Major change`, ..., or `Level not recorded` for a tag made by hand."""
    categories: tuple[Category, ...]
    previous: ReleaseView | None
    replaced_by: Release | None
    """For a past release: the release that took its place."""
    redline: dict[str, Any] | None
    text: dict[str, Any]

    @property
    def dir(self) -> str:
        return f"v{self.version}"

    @property
    def summary(self) -> str:
        """The tag's summary, unless it only repeats what `level` says (a first release's
        default "First release.")."""
        from policy.release.plan import FIRST_SUMMARY

        summary = self.release.summary
        return "" if self.level == FIRST_WORDS and summary == FIRST_SUMMARY else summary

    @property
    def feed_summary(self) -> str:
        """The level, its categories, and the summary, saying each thing once: a summary that
        already opens with the level's words ("Editorial change: no change in meaning.")
        stands alone."""
        summary = self.summary
        if summary.lower().startswith(self.level.lower()):
            return summary
        titles = "; ".join(c.title for c in self.categories)
        head = f"{self.level} ({titles})." if titles else f"{self.level}."
        return f"{head} {summary}" if summary else head

    @property
    def released(self) -> dt.date:
        return self.release.date.date()


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__ or "policy.publish", "templates"),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_printable,
    )
    env.filters["human_date"] = human_date
    env.filters["iso"] = lambda value: value.isoformat() if value else ""
    return env


def _printable(value: Any) -> Any:
    """Every value a template prints, without control characters: one in a title or a tag
    summary would make feed.xml invalid XML. Markup stays Markup."""
    if isinstance(value, str):
        from policy.document.text import printable

        return type(value)(printable(value))
    return value


def _category(settings: Settings, cid: str) -> Category:
    known = settings.categories.get(cid)
    return Category(cid, known.title, known.wording) if known else Category(cid, cid, "")


def _views(policy: Policy, settings: Settings, today: dt.date) -> list[ReleaseView]:
    views: list[ReleaseView] = []
    previous: ReleaseView | None = None
    for release in policy.releases:
        version = str(release.version)
        state = status(release, policy.current, today)
        later = [
            r
            for r in policy.releases
            if r.version > release.version and r.effective_date and r.effective_date <= today
        ]
        view = ReleaseView(
            release=release,
            version=version,
            status=state,
            level=_level_words(release, first=previous is None),
            categories=tuple(_category(settings, cid) for cid in release.categories),
            previous=previous,
            replaced_by=min(later, key=lambda r: r.version) if state == "past" and later else None,
            redline=policy.redlines.get(version),
            text=policy.texts[version],
        )
        views.append(view)
        previous = view
    return views


def _level_words(release: Release, *, first: bool) -> str:
    if release.level is None:
        return "Level not recorded"
    if first and release.level is Level.NONE:
        return FIRST_WORDS
    return LEVEL_WORDS[release.level]


def render_site(
    settings: Settings, policies: list[Policy], today: dt.date, base_url: str
) -> dict[str, bytes]:
    """Every file of the site, by path relative to the output folder."""
    env = _environment()
    site = {
        "title": settings.site.title,
        "language": settings.site.language,
        "base_url": base_url,
        "base_path": urlsplit(base_url).path or "/",
    }
    files: dict[str, str] = {}
    summaries = []
    for policy in policies:
        views = _views(policy, settings, today)
        by_version = {v.version: v for v in views}
        current = by_version[str(policy.current.version)] if policy.current else None
        upcoming = [
            v
            for v in views
            if v.status == "upcoming"
            and (current is None or v.release.version > current.release.version)
        ]
        title = (current or views[-1]).text["title"] or policy.slug
        common = {
            "site": site,
            "slug": policy.slug,
            "policy_title": title,
            "views": views,
            "current": current,
            "upcoming": upcoming,
            "today": today,
        }
        summaries.append(common)
        slug = policy.slug
        files[f"{slug}/index.html"] = env.get_template("current.html").render(
            common, root="../", page="current"
        )
        files[f"{slug}/changes.html"] = env.get_template("history.html").render(
            common, root="../", page="history"
        )
        files[f"{slug}/feed.xml"] = env.get_template("feed.xml").render(common)
        files[f"{slug}/versions.json"] = _versions_json(
            policy.slug, title, views, current, base_url
        )
        for index, view in enumerate(views):
            following = views[index + 1] if index + 1 < len(views) else None
            context = dict(common, view=view, next=following, root="../../")
            base = f"{slug}/{view.dir}"
            files[f"{base}/index.html"] = env.get_template("release.html").render(
                context, page="release"
            )
            files[f"{base}/changes.html"] = env.get_template("changes.html").render(
                context, page="changes"
            )
            files[f"{base}/{slug}.md"] = view.text["markdown"]
    files["index.html"] = env.get_template("index.html").render(
        site=site, policies=summaries, root="", page="index"
    )
    files["404.html"] = env.get_template("404.html").render(site=site, root=site["base_path"])
    from policy.diff.render.html import REDLINE_STYLE

    files["style.css"] = env.get_template("style.css").render(redline_style=REDLINE_STYLE)
    files["favicon.svg"] = env.get_template("favicon.svg").render()
    return {name: text.encode("utf-8") for name, text in sorted(files.items())}


def _versions_json(
    slug: str, title: str, views: list[ReleaseView], current: ReleaseView | None, base_url: str
) -> str:
    """The releases for programs: a stable shape, documented in the README."""
    from policy.document.text import printable

    releases = []
    for view in views:
        url = f"{base_url}{slug}/{view.dir}/"
        releases.append(
            {
                **view.release.to_json(),
                "status": view.status,
                "sha256": view.text["sha256"],
                "tagged_sha256": view.text["tagged_sha256"],
                "url": url + "index.html",
                "changes_url": url + "changes.html",
                "markdown_url": f"{url}{slug}.md",
            }
        )
    document = {
        "slug": slug,
        "title": printable(title),
        "in_effect": current.version if current else None,
        "releases": releases,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

"""From release tags to the website's files: what each page shows, and where it goes.

Steps, in order: `collect` lists every policy that has releases (in the working tree or only
in tags, so a removed policy keeps its permanent pages) and fingerprints the inputs; `publish`
stops there when the output is up to date, otherwise `_texts` and `_redlines` render each
release's text and its changes against the previous release (from the cache when they were
rendered before), and `pages.render_site` fills the templates. Every list is sorted and no
page records when it was built, so the same releases on the same day give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from policy.errors import PolicyError
from policy.publish.output import Output, OutputError, sha256
from policy.versions.releases import Release, in_effect, require_readable

if TYPE_CHECKING:
    from policy.document.model import Document
    from policy.settings.schema import Settings
    from policy.versions.repository import PolicyRepository, PolicyText

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
REDLINE_CONTEXT = 2
"""Unchanged paragraphs shown around each change on the website's redlines."""
TEMPLATES = Path(__file__).with_name("templates")


@dataclass(frozen=True)
class PublishResult:
    """What a run did, for the command line to report."""

    out_dir: Path
    policies: int
    releases: int
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]
    up_to_date: bool
    """Nothing was rendered: the inputs and the files were those of the last run."""


@dataclass
class Policy:
    slug: str
    releases: list[Release]
    current: Release | None = None
    texts: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Rendered text per version."""
    redlines: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    """Redline against the previous release, per version (None for the first)."""


def _generator_hash() -> str:
    """Changes with this package's code and templates, so a new version re-renders everything."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for path in sorted([*here.glob("*.py"), *TEMPLATES.iterdir()]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for module in ("diff/render/html.py", "diff/engine.py", "classify/engine.py"):
        path = here.parent / module
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def published_slugs(repository: PolicyRepository) -> list[str]:
    """Policies in the working tree and policies that only tags remember, sorted."""
    return repository.all_slugs()


def collect(
    repository: PolicyRepository, today: dt.date, base_url: str
) -> tuple[list[Policy], str]:
    """The policies with releases, and a fingerprint of everything the site is made from."""
    policies = []
    for slug in published_slugs(repository):
        releases = repository.releases(slug)
        if not releases:
            continue
        for release in releases:
            require_readable(release, "published")
        if not SLUG.match(slug):
            raise PolicyError(
                f"policy `{slug}` has releases but its name cannot be a web address; "
                "use lower-case letters, digits and hyphens in policy file names"
            )
        policies.append(Policy(slug, releases, in_effect(releases, today)))
    settings = repository.settings
    inputs = {
        "generator": _generator_hash(),
        "today": today.isoformat(),
        "base_url": base_url,
        "settings": settings.model_dump(mode="json"),
        "policies": {p.slug: [r.to_json() for r in p.releases] for p in policies},
    }
    fingerprint = sha256(json.dumps(inputs, sort_keys=True).encode())
    return policies, fingerprint


def publish(
    repository: PolicyRepository,
    out_dir: Path,
    today: dt.date,
    base_url: str | None = None,
) -> PublishResult:
    """Build the website into `out_dir`, writing only what changed since the last run."""
    base_url = _base_url(base_url or repository.settings.site.base_url)
    out_dir = out_dir.resolve()
    if (out_dir / ".git").exists() or out_dir == repository.root.resolve():
        raise OutputError(
            f"{out_dir}: is a git working tree; give --out a folder of its own, such as site"
        )
    output = Output.open(out_dir)
    policies, fingerprint = collect(repository, today, base_url)
    count = sum(len(p.releases) for p in policies)
    if output.up_to_date(fingerprint):
        return PublishResult(out_dir, len(policies), count, (), output.unchanged, (), True)
    generator = _generator_hash()
    for policy in policies:
        versions = _Versions(repository, policy.slug)
        _texts(policy, versions, output, generator)
        _redlines(policy, versions, output, generator, repository.settings)
    from policy.publish.pages import render_site

    files = render_site(repository.settings, policies, today, base_url)
    output.write_site(files, fingerprint)
    return PublishResult(
        out_dir,
        len(policies),
        count,
        tuple(output.written),
        output.unchanged,
        tuple(output.removed),
        False,
    )


def _base_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        from policy.errors import UsageProblem

        raise UsageProblem(
            f"--base-url {value!r} is not a web address; give one such as "
            "https://www.example.com/policies/"
        )
    return value if value.endswith("/") else value + "/"


class _Versions:
    """Each release's text and parsed document, read and parsed at most once per run."""

    def __init__(self, repository: PolicyRepository, slug: str) -> None:
        self.repository = repository
        self.slug = slug
        self._loaded: dict[str, tuple[PolicyText, Document, list | None]] = {}

    def get(self, release: Release) -> tuple[PolicyText, Document, list | None]:
        """The text, its document and its markdown-it tokens (see `parse_with_tokens`)."""
        key = str(release.version)
        if key not in self._loaded:
            from policy.document.parser import parse_with_tokens
            from policy.versions.repository import Revision

            revision = Revision(f"v{release.version}", release.commit, release)
            text = self.repository.read(self.slug, revision)
            self._loaded[key] = (text, *parse_with_tokens(text.text))
        return self._loaded[key]


def _texts(policy: Policy, versions: _Versions, output: Output, generator: str) -> None:
    from policy.publish.markdown import render_parsed

    for release in policy.releases:
        key = f"text {generator} {release.tag} {release.commit}"
        entry = output.cached(key)
        if entry is None:
            text, document, tokens = versions.get(release)
            rendered = render_parsed(text.text, document, tokens)
            entry = {
                "markdown": text.text,
                "sha256": sha256(text.text.encode("utf-8")),
                "title": rendered.title,
                "html": rendered.html,
                "heading": rendered.heading,
                "toc": [[h.level, h.anchor, h.text] for h in rendered.toc],
            }
            output.store(key, entry)
        policy.texts[str(release.version)] = entry


def _redlines(
    policy: Policy, versions: _Versions, output: Output, generator: str, settings: Settings
) -> None:
    """Each release's redline against the previous one, and the classifier's evidence for
    the categories (the level and categories themselves are those the release tag records)."""
    from policy.classify.engine import classify_diff
    from policy.diff.render import RenderOptions
    from policy.diff.render.html import parts
    from policy.diff.sources import diff_texts

    rules = sha256(
        json.dumps(
            [
                {k: v.model_dump() for k, v in settings.categories.items()},
                {k: v.model_dump() for k, v in settings.classify.items()},
            ],
            sort_keys=True,
        ).encode()
    )[:16]
    previous: Release | None = None
    for release in policy.releases:
        version = str(release.version)
        if previous is None:
            policy.redlines[version] = None
            previous = release
            continue
        key = (
            f"redline {generator} {rules} {previous.tag} {previous.commit} "
            f"{release.tag} {release.commit}"
        )
        entry = output.cached(key)
        if entry is None:
            (old, old_doc, _), (new, new_doc, _) = versions.get(previous), versions.get(release)
            result = diff_texts(old, new, old_doc, new_doc)
            page = parts(result, RenderOptions(context=REDLINE_CONTEXT))
            verdict = classify_diff(result, settings)
            entry = {
                "versions": page.versions,
                "summary": page.summary,
                "navigation": page.navigation,
                "body": page.body,
                "changes": len(result.changes),
                "automatic_level": verdict.automatic_level.label,
                "evidence": {
                    finding.id: [
                        {
                            "section": list(e.section),
                            "anchor": e.anchor,
                            "kind": e.kind,
                            "reason": _plain_reason(e.reason, finding.title),
                        }
                        for e in finding.evidence
                    ]
                    for finding in verdict.automatic_categories
                },
                "minor": len(verdict.minor_evidence),
                "editorial": len(verdict.editorial_evidence),
            }
            output.store(key, entry)
        policy.redlines[version] = entry
        previous = release


def _plain_reason(reason: str, title: str) -> str:
    """The classifier's reason without what the page already shows (the category's title) or
    what only its maintainers need (the rule ids)."""
    reason = reason.removeprefix(f"{title}: ")
    reason = re.sub(r"\s*[\[(]rules? [^\])]*[\])]", "", reason)
    return reason[:1].upper() + reason[1:]

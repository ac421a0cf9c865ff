"""From release tags to the website's files: what each page shows, and where it goes.

Steps, in order: `collect` lists every policy that has releases (in the working tree or only
in tags, so a removed policy keeps its permanent pages) and fingerprints the inputs; `publish`
stops there when the output is up to date, otherwise `_texts` and `_redlines` render each
release's text and its changes against the previous release (from the cache when they were
rendered before) with the evidence of the classification the release recorded, and
`pages.render_site` fills the templates. Every list is sorted and no
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

from policy.errors import PolicyError
from policy.publish.output import Output, OutputError, sha256
from policy.release.recorded import Recorded
from policy.versions.releases import Release, in_effect, require_readable

if TYPE_CHECKING:
    from policy.classify.model import Classification
    from policy.versions.repository import PolicyRepository, PolicyVersion

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

    def text(self) -> str:
        """One line for the person who ran it: where, how much, what was written."""
        noun = "policy" if self.policies == 1 else "policies"
        head = f"{self.out_dir}: {self.policies} {noun}, {self.releases} release(s); "
        if self.up_to_date:
            return head + "up to date, nothing written."
        removed = f", {len(self.removed)} removed" if self.removed else ""
        return head + f"{len(self.written)} file(s) written, {self.unchanged} unchanged{removed}."


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
    # classify/engine.py: a release made by hand (no note) is classified with it.
    # document/lint.py, document/frontmatter.py: each release is checked as `policy check` does.
    modules = ("diff/render/html.py", "diff/engine.py", "classify/engine.py")
    for module in (*modules, "document/lint.py", "document/frontmatter.py"):
        path = here.parent / module
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def published_slugs(repository: PolicyRepository) -> list[str]:
    """Policies in the working tree and policies that only tags remember, sorted."""
    return repository.all_slugs()


def collect(
    repository: PolicyRepository, today: dt.date, base_url: str, recorded: Recorded
) -> tuple[list[Policy], str]:
    """The policies with releases, and a fingerprint of everything the site is made from
    (the recorded classifications included)."""
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
        "recorded": recorded.state(),
    }
    fingerprint = sha256(json.dumps(inputs, sort_keys=True).encode())
    return policies, fingerprint


def publish(
    repository: PolicyRepository, out_dir: Path, today: dt.date, base_url: str
) -> PublishResult:
    """Build the website into `out_dir`, writing only what changed since the last run;
    `base_url` is the site's address, ending in `/` (`settings.runtime` resolves it)."""
    out_dir = out_dir.resolve()
    if (out_dir / ".git").exists() or out_dir == repository.root.resolve():
        raise OutputError(
            f"{out_dir}: is a git working tree; give --out a folder of its own, such as site"
        )
    output = Output.open(out_dir)
    recorded = Recorded(repository)
    policies, fingerprint = collect(repository, today, base_url, recorded)
    count = sum(len(p.releases) for p in policies)
    if output.up_to_date(fingerprint):
        return PublishResult(out_dir, len(policies), count, (), output.unchanged, (), True)
    generator = _generator_hash()
    for policy in policies:
        _texts(policy, repository, output, generator)
    _require_valid(policies)
    for policy in policies:
        _redlines(policy, repository, output, generator, recorded)
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


def _version(repository: PolicyRepository, release: Release) -> PolicyVersion:
    """The release's version of its policy (the repository reads and parses it once)."""
    from policy.versions.repository import Revision

    return repository.read(release.slug, Revision(f"v{release.version}", release.commit, release))


def _texts(policy: Policy, repository: PolicyRepository, output: Output, generator: str) -> None:
    from policy.publish.markdown import render_version
    from policy.release.valid import version_findings

    for release in policy.releases:
        key = f"text {generator} {release.tag} {release.commit} {release.effective_date}"
        entry = output.cached(key)
        if entry is None:
            version = _version(repository, release)
            rendered = render_version(version)
            # The copy served states the release's date (`presented_text`); its SHA-256 is
            # that of the bytes served, and `tagged_sha256` that of the file in git at the tag.
            served = version.presented_text
            entry = {
                "markdown": served,
                "sha256": sha256(served.encode("utf-8")),
                "tagged_sha256": sha256(version.text.encode("utf-8")),
                "problems": [str(finding) for finding in version_findings(version)],
                "title": version.title,
                "html": rendered.html,
                "heading": rendered.heading,
                "toc": [[h.level, h.anchor, h.text] for h in rendered.toc],
            }
            output.store(key, entry)
        policy.texts[str(release.version)] = entry


def _require_valid(policies: list[Policy]) -> None:
    """Nothing goes online while a release's policy fails `policy check` at its commit: the site
    stays as it was (a release left out would misstate which version is in force)."""
    for policy in policies:
        for release in policy.releases:
            problems = policy.texts[str(release.version)]["problems"]
            if problems:
                raise PolicyError(
                    f"{policy.slug} {release.version} (tag {release.tag}) fails `policy check` "
                    f"at its commit, so nothing was published: {problems[0]}"
                    + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else "")
                    + f"; if the tag was made by mistake, delete it (git tag -d {release.tag}; "
                    f"git push origin :refs/tags/{release.tag}) and release the fixed policy"
                )


def _redlines(
    policy: Policy, repository: PolicyRepository, output: Output, generator: str, recorded: Recorded
) -> None:
    """Each release's redline against the previous one (cached), and the evidence of the
    classification the release recorded, per category."""
    from policy.diff.render import RenderOptions
    from policy.diff.render.html import parts
    from policy.diff.sources import diff_versions

    previous: Release | None = None
    for release in policy.releases:
        version = str(release.version)
        if previous is None:
            policy.redlines[version] = None
            previous = release
            continue
        key = f"redline {generator} {previous.tag} {previous.commit} {release.tag} {release.commit}"
        entry = output.cached(key)
        result = None
        if entry is None:
            old, new = _version(repository, previous), _version(repository, release)
            result = diff_versions(old, new)
            page = parts(result, RenderOptions(context=REDLINE_CONTEXT))
            entry = {
                "versions": page.versions,
                "summary": page.summary,
                "navigation": page.navigation,
                "body": page.body,
                "changes": len(result.changes),
            }
            output.store(key, entry)
        classification = recorded.classification(release, previous, result)
        policy.redlines[version] = {**entry, **_verdict(classification)}
        previous = release


def _verdict(classification: Classification | None) -> dict[str, Any]:
    """What a redline page says of the classification: per category, where each piece of
    evidence is and its words in place (HTML, escaped); the counts of the other changes."""
    if classification is None:
        return {"evidence": {}, "minor": 0, "editorial": 0}
    from html import escape

    from policy.classify.render import excerpt, grouped
    from policy.diff.render.common import HTML_MARKS

    findings = {c.id: c for c in classification.automatic_categories}
    findings.update({c.id: c for c in classification.categories})
    return {
        "evidence": {
            cid: [
                {
                    "section": list(e.section),
                    "anchor": e.anchor,
                    "kind": e.kind,
                    "words": excerpt(e, HTML_MARKS, escape),
                }
                for e in (group[0] for group in grouped(finding.evidence))  # once per change
            ]
            for cid, finding in findings.items()
        },
        "minor": len(classification.minor_evidence),
        "editorial": len(classification.editorial_evidence),
    }

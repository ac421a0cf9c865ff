"""Which release to announce, and what its notice says, from the repository and policy.toml."""

from __future__ import annotations

from typing import TYPE_CHECKING

from policy.errors import UsageProblem
from policy.notifier.message import ChangedCategory, Notice

if TYPE_CHECKING:
    from policy.versions.releases import Release
    from policy.versions.repository import PolicyRepository


def pick_release(repository: PolicyRepository, slug: str, version: str | None) -> Release:
    """VERSION, or the latest release of the policy."""
    repository.require(slug)
    releases = repository.releases(slug)
    if not releases:
        raise UsageProblem(f"{slug} has no release yet; nothing to announce")
    if version is None:
        return releases[-1]
    revision = repository.resolve(slug, version)
    if revision.release is None:
        raise UsageProblem(
            f"{version} is not a release of {slug} (releases: "
            f"{', '.join(str(r.version) for r in releases)}); see `policy versions {slug}`"
        )
    return revision.release


def releases_in_question(
    repository: PolicyRepository, slug: str, version: str | None
) -> list[Release]:
    """VERSION: that release alone. Without: every major release of the policy, oldest first;
    which of them still owe a notice is the ledger's to say (a minor release after a major one
    must never hide the major one's notice)."""
    from policy.versions.levels import Level
    from policy.versions.releases import require_readable

    if version is not None:
        release = pick_release(repository, slug, version)
        require_readable(release, "announced")  # an unreadable level would pass for "not major"
        return [release]
    repository.require(slug)
    releases = repository.releases(slug)
    for release in releases:  # any of them could be a major release whose level cannot be read
        require_readable(release, "announced")
    return [r for r in releases if r.level is Level.MAJOR]


def build_notice(repository: PolicyRepository, release: Release, forced: bool = False) -> Notice:
    """The notice for `release`: categories in policy.toml's words, the sections where the
    classifier saw each change, the effective date and the site's links."""
    from policy.versions.repository import Revision

    settings = repository.settings
    slug = release.slug
    version = repository.read(slug, Revision(f"v{release.version}", release.commit, release))
    earlier = [r for r in repository.releases(slug) if r.version < release.version]
    previous = earlier[-1] if earlier else None
    sections = _sections_by_category(repository, release, previous)
    categories = tuple(
        ChangedCategory(
            cid,
            settings.categories[cid].title,
            settings.categories[cid].wording,
            sections.get(cid, ()),
            reworded=_reworded(cid, settings.categories[cid]),
        )
        for cid in release.categories
        if cid in settings.categories
    )
    base = settings.site.base_url
    return Notice(
        slug=slug,
        policy_title=version.title,
        version=str(release.version),
        previous_version=str(previous.version) if previous else None,
        effective_date=version.effective_date,
        summary=release.summary,
        categories=categories,
        version_url=f"{base}{slug}/v{release.version}/",
        changes_url=f"{base}{slug}/v{release.version}/changes.html",
        account_url=settings.notify.account_url,
        reply_to=settings.notify.reply_to,
        forced=forced,
        level=release.level.label if release.level is not None else "unknown",
        company_name=settings.notify.company_name,
        language=settings.site.language,
    )


def _reworded(cid: str, category) -> bool:
    from policy.settings.categories import DEFAULT_CATEGORIES

    return (category.title, category.wording) != DEFAULT_CATEGORIES.get(cid)


def _sections_by_category(
    repository: PolicyRepository, release: Release, previous: Release | None
) -> dict[str, tuple[str, ...]]:
    """Section titles where each category's evidence lies, from the classification the release
    recorded; empty when it has none or the versions cannot be read (the categories from the
    release tag still say what changed)."""
    from policy.errors import PolicyError
    from policy.release.recorded import Recorded

    try:
        classification = Recorded(repository).classification(release, previous)
    except PolicyError:
        return {}
    if classification is None:
        return {}
    found: dict[str, tuple[str, ...]] = {}
    for category in classification.categories:
        names = [e.section[-1] for e in category.evidence if e.section]
        found[category.id] = tuple(dict.fromkeys(names))
    return found

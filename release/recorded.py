"""A release's classification, decided once: recorded by `policy release` with the tag, read
back by `policy publish` and `policy notify`, which never classify anything themselves.

Steps, in order: `note_text` writes the record of a planned release (the classification's
`to_json()`, and the two commits it compared) for `versions.records` to attach to the tag as a
git note; `Recorded.classification` reads it back for a release and the release before it.
A release made by hand (a tag without a note, or with a note for other commits) is classified
once, here, and the result kept in `.policy/classifications/` (git-ignored), keyed by the two
commits, the classifier's settings and its code; a first release compares nothing and has
none.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policy.classify.model import Classification
from policy.versions.records import ReleaseNotes

if TYPE_CHECKING:
    from policy.diff.model import DocumentDiff
    from policy.release.plan import ReleasePlan
    from policy.versions.releases import Release
    from policy.versions.repository import PolicyRepository

FORMAT = 1
"""Version of the record's layout; a record of another format is not read (it is recomputed)."""
CACHE_DIR = "classifications"
"""Folder of computed classifications inside `.policy/`."""
_CLASSIFIER_CODE = ("classify", "diff", "document")
"""Packages whose code decides a classification: a new version of them computes again."""


def note_text(plan: ReleasePlan) -> str | None:
    """The record `policy release` attaches to the tag; None for a first release, which
    compares nothing."""
    if plan.classification is None or plan.previous is None:
        return None
    record = {
        "format": FORMAT,
        "slug": plan.slug,
        "version": str(plan.version),
        "previous": {"tag": plan.previous.tag, "commit": plan.previous.commit},
        "commit": plan.commit,
        "classification": plan.classification.to_json(),
    }
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


class Recorded:
    """The classifications of one repository's releases, each read or computed once."""

    def __init__(self, repository: PolicyRepository) -> None:
        self.repository = repository
        self.notes = ReleaseNotes(repository)
        self._done: dict[tuple[str, str], Classification | None] = {}

    def state(self) -> str:
        """Changes whenever a recorded classification does (for a site's fingerprint)."""
        return self.notes.state()

    def classification(
        self, release: Release, previous: Release | None, diff: DocumentDiff | None = None
    ) -> Classification | None:
        """What `release` decided against `previous` (the release before it): its record, or
        for a release made by hand, the classifier's verdict, computed once (from `diff`, their
        diff, when the caller has it) and cached."""
        if previous is None:
            return None
        key = (release.tag, previous.commit)
        if key not in self._done:
            recorded = self._recorded(release, previous)
            self._done[key] = recorded or self._computed(release, previous, diff)
        return self._done[key]

    def _recorded(self, release: Release, previous: Release) -> Classification | None:
        text = self.notes.get(release.tag)
        if text is None:
            return None
        try:
            record = json.loads(text)
            if (
                record.get("format") != FORMAT
                or record.get("commit") != release.commit
                or (record.get("previous") or {}).get("commit") != previous.commit
            ):
                return None  # another layout, or another pair of commits than these
            return Classification.from_json(record["classification"])
        except (ValueError, KeyError, TypeError, AttributeError):
            return None  # a note edited by hand into something else: classify again

    def _computed(
        self, release: Release, previous: Release, diff: DocumentDiff | None
    ) -> Classification:
        from policy.classify.sources import classify_range
        from policy.files import state_dir, write_atomic
        from policy.versions.repository import Revision

        key = " ".join(
            [release.slug, previous.commit, release.commit, self._settings_hash, _code_hash()]
        )
        path = state_dir(self.repository.root) / CACHE_DIR / f"{_sha256(key)[:40]}.json"
        try:
            cached = json.loads(path.read_text(encoding="utf-8"))
            if cached.get("key") == key:
                return Classification.from_json(cached["classification"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass
        old = Revision(f"v{previous.version}", previous.commit, previous)
        new = Revision(f"v{release.version}", release.commit, release)
        result = classify_range(self.repository, release.slug, old, new, diff)
        entry = {"key": key, "classification": result.to_json()}
        with contextlib.suppress(OSError):  # read-only: computed again next time, nothing lost
            write_atomic(path, json.dumps(entry, ensure_ascii=False).encode("utf-8"))
        return result

    @cached_property
    def _settings_hash(self) -> str:
        settings = self.repository.settings
        rules: list[Any] = [
            {k: v.model_dump() for k, v in settings.categories.items()},
            {k: v.model_dump() for k, v in settings.classify.items()},
        ]
        return _sha256(json.dumps(rules, sort_keys=True))[:16]


@lru_cache(maxsize=1)
def _code_hash() -> str:
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    for package in _CLASSIFIER_CODE:
        for path in sorted((root / package).rglob("*.py")):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

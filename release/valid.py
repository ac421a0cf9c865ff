"""A release is only made of a valid policy: what `policy check` reports, asked before tagging
and before publishing.

Steps, in order: `policy_findings` gives `policy check`'s findings for policies in the working
tree (the file's own problems, `document.lint`, then those of the release tags made by hand);
`require_valid` refuses a release whose policy has any, naming each, before anything is written;
`version_findings` gives the same file checks for a policy as it reads at a release's commit,
which `publish` asks of every release it would put online.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from policy.document.lint import Finding
from policy.errors import PolicyError

if TYPE_CHECKING:
    from policy.versions.repository import PolicyRepository, PolicyVersion


class InvalidPolicy(PolicyError):
    """`policy check` rejects a policy that was about to be released: nothing is tagged."""

    def __init__(self, slugs: Sequence[str], findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        """Each printed on its own line before the message (`FILE:LINE: MESSAGE`)."""
        count = len(self.findings)
        problems = "a problem" if count == 1 else f"{count} problems"
        super().__init__(
            f"{', '.join(slugs)} not released: `policy check` finds {problems} (above); fix "
            f"{'it' if count == 1 else 'them'}, commit, and release again (nothing was tagged)"
        )


def policy_findings(repository: PolicyRepository, slugs: Sequence[str]) -> list[Finding]:
    """`policy check`'s findings for these policies: their files in the working tree, then the
    unreadable trailers of their release tags made by hand (reported on the file's line 1)."""
    from policy.document.lint import lint_files

    paths = [repository.worktree_path(slug) for slug in slugs]
    findings = lint_files(repository.root, paths)
    findings += [
        Finding(path, 1, message)
        for slug, path in zip(slugs, paths, strict=True)
        for release in repository.releases(slug)
        if (message := release.problem_message())
    ]
    return findings


def require_valid(repository: PolicyRepository, slugs: Sequence[str]) -> None:
    """Refuse, naming every finding, unless `policy check` passes for all of `slugs`."""
    findings = policy_findings(repository, slugs)
    if findings:
        bad = [s for s in slugs if any(f.path == repository.worktree_path(s) for f in findings)]
        raise InvalidPolicy(bad or list(slugs), findings)


def version_findings(version: PolicyVersion) -> list[Finding]:
    """`policy check`'s findings on the file itself, as it reads at a revision."""
    from policy.document.lint import lint_document

    path = version.path or f"{version.slug}.md"
    problems = lint_document(version.document, expected_slug=Path(path).stem)
    return [Finding(path, problem.line, problem.message) for problem in problems]

"""What the workflows of a policy repository install as the `policy` tool.

A pip requirement pinned to one commit of this tool's repository,
`policy @ git+https://github.com/OWNER/REPO@COMMIT`: the tool is not published on a package
index, and a commit (unlike a branch or a tag) cannot move, so every run of the workflows uses
the same code, as their actions are pinned by commit. The default is the copy running now: the
repository and commit pip recorded when it was installed from git (PEP 610 `direct_url.json`),
or, for a copy installed from a clone, that clone's `origin` and HEAD. `--install` gives any
other requirement (a fork, a version on a private index).
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

from policy.errors import UsageProblem

EXAMPLE = "policy @ git+https://github.com/OWNER/REPO@COMMIT"


def checked(requirement: str) -> str:
    """A requirement as given, refused when it could break the workflow file it is written to."""
    value = requirement.strip()
    if not value or any(c in value for c in "\"'\\\n\r$`"):
        raise UsageProblem(
            f"--install {requirement!r} cannot be used; give a pip requirement without quotes, "
            f"backslashes or $, e.g. --install '{EXAMPLE}'"
        )
    return value


def requirement() -> str:
    """The requirement that installs the copy of the tool running now."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        recorded = distribution("policy").read_text("direct_url.json")
    except PackageNotFoundError:
        recorded = None
    direct = json.loads(recorded) if recorded else {}
    url = direct.get("url", "")
    vcs = direct.get("vcs_info") or {}
    if vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return f"policy @ git+{url}@{vcs['commit_id']}"
    if url.startswith("file://"):
        from policy.versions.authoring import cloned_from

        found = cloned_from(Path(unquote(urlsplit(url).path)))
        if found:
            return f"policy @ git+{found[0]}@{found[1]}"
    raise UsageProblem(
        "cannot tell which repository and commit this copy of policy comes from (it was not "
        f"installed from a git clone with an `origin`); give --install '{EXAMPLE}'"
    )

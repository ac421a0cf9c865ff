"""The files `policy init` writes into a repository, decided before any is written.

Nothing existing is overwritten: a file that is already there stops the whole set-up with one
line naming it, so a half set-up repository never results. The only file changed rather than
created is `.gitignore`, which gains the lines it lacks.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from policy.errors import PolicyError, UsageProblem

WORKFLOWS = (
    ("policy-review.yml", "pull requests: check, redline, verdict comment and label"),
    ("policy-release.yml", "merges: release tags, GitHub Releases, website, emails"),
    ("policy-check.yml", "every push that changes a policy: policy check"),
)
IGNORED = ("site/", ".policy/")
"""The website `policy publish` builds and the local ledger of `policy notify`."""


class AlreadyThere(PolicyError):
    """A file `policy init` would create exists: it never overwrites."""


@dataclass(frozen=True)
class Planned:
    path: str
    """Relative to the repository root, with `/`."""
    action: str
    """`create` or `append`."""
    what: str
    data: bytes


def template(name: str) -> str:
    return (files("policy.init") / "templates" / name).read_text(encoding="utf-8")


def workflow(name: str, install: str, branch: str) -> str:
    """A workflow file as `policy init` writes it; `install` is the pip requirement."""
    text = template(f"workflows/{name}")
    return text.replace("@POLICY_TOOL@", install).replace("@DEFAULT_BRANCH@", branch)


def plan(
    root: Path,
    *,
    install: str,
    branch: str,
    today: dt.date,
    policy_file: Path | None = None,
) -> list[Planned]:
    """Every file to write, or `AlreadyThere` naming the ones that exist."""
    planned: list[Planned] = []
    existing = sorted((root / "policies").glob("*.md")) if (root / "policies").is_dir() else []
    if policy_file is not None:
        slug, text = own_policy(policy_file, today)
        planned.append(Planned(f"policies/{slug}.md", "create", "your policy", text.encode()))
    elif not existing:
        text = template("starter-policy.md").replace("@EFFECTIVE_DATE@", today.isoformat())
        planned.append(
            Planned("policies/privacy-policy.md", "create", "a starter policy", text.encode())
        )
    planned.append(
        Planned("policy.toml", "create", "settings, each key explained", _toml().encode())
    )
    for name, what in WORKFLOWS:
        text = workflow(name, install, branch)
        planned.append(Planned(f".github/workflows/{name}", "create", what, text.encode()))
    ignore = _gitignore(root / ".gitignore")
    if ignore:
        planned.append(ignore)
    taken = [p.path for p in planned if p.action == "create" and (root / p.path).exists()]
    if taken:
        names = ", ".join(taken)
        verb = "exists" if len(taken) == 1 else "exist"
        raise AlreadyThere(
            f"{names} {verb} already; policy init never overwrites a file: move "
            f"{'it' if len(taken) == 1 else 'them'} away, or set up the rest by hand"
        )
    return planned


def _toml() -> str:
    return template("policy.toml")


def _gitignore(path: Path) -> Planned | None:
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    lines = {line.strip().lstrip("/") for line in current.splitlines()}
    missing = [entry for entry in IGNORED if entry not in lines]
    if not missing:
        return None
    text = "# policy: the website `policy publish` builds, the ledger of `policy notify`\n"
    text += "".join(f"{entry}\n" for entry in missing)
    if current:  # a blank line between the file's own lines and ours
        text = ("\n" if current.endswith("\n") else "\n\n") + text
    action = "append" if path.is_file() else "create"
    return Planned(".gitignore", action, ", ".join(missing), text.encode())


def own_policy(path: Path, today: dt.date) -> tuple[str, str]:
    """(slug, text) of the user's Markdown file: front matter added when it has none."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageProblem(f"--policy {path}: no such file") from None
    except UnicodeDecodeError:
        raise UsageProblem(f"--policy {path}: is not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise UsageProblem(f"--policy {path}: cannot be read ({exc.strerror})") from None
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    if not slug:
        raise UsageProblem(f"--policy {path}: its name gives no slug; rename it, e.g. terms.md")
    text = text.replace("\r\n", "\n")
    if text.startswith("---\n"):
        return slug, text
    heading = re.search(r"^#\s+(.+?)\s*#*\s*$", text, re.MULTILINE)
    title = heading.group(1) if heading else path.stem.replace("-", " ").capitalize()
    title = title.replace('"', "'")
    front = f'---\ntitle: "{title}"\nslug: {slug}\neffective_date: {today.isoformat()}\n---\n\n'
    return slug, front + text


def apply(root: Path, planned: list[Planned]) -> None:
    """Write each planned file whole (a temporary file renamed into place)."""
    from policy.files import write_atomic

    for item in planned:
        target = root / item.path
        try:
            if item.action == "append":
                write_atomic(target, target.read_bytes() + item.data)
            else:
                write_atomic(target, item.data)
        except OSError as exc:
            raise PolicyError(f"{item.path}: cannot be written ({exc.strerror})") from None


def report(root: Path, planned: list[Planned], *, dry_run: bool, install: str) -> str:
    """What was (or would be) written, then what to do next."""
    width = max(len(p.path) for p in planned)
    head = f"policy init {'would set up' if dry_run else 'set up'} {root}:"
    lines = [head]
    for item in planned:
        verb = {"create": "create", "append": "append"}[item.action]
        if dry_run:
            verb = f"would {verb}"
        lines.append(f"  {verb:<13} {item.path.ljust(width)}  {item.what}")
    lines.append(f"The workflows install: {install}")
    if dry_run:
        lines.append("Nothing written (--dry-run).")
        return "\n".join(lines) + "\n"
    lines += [
        "",
        "Next:",
        "  1. Edit policy.toml: the lines marked CHANGE (the site's address, the sender).",
        "  2. Check the policies: policy check",
        "  3. Commit: git add -A policies policy.toml .github .gitignore && "
        'git commit -m "Set up policy"',
        "  4. On GitHub (Settings): Pages > Source: GitHub Actions; an environment "
        "`policy-notifications` with required reviewers, its secrets SENDGRID_API_KEY, "
        "POLICY_LEDGER_URL, POLICY_RECIPIENTS_URL and its variable POLICY_RECIPIENTS_QUERY.",
        "  5. Push to GitHub: the release workflow releases each policy as 1.0.0 and "
        "publishes the website.",
    ]
    return "\n".join(lines) + "\n"

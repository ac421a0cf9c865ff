"""Builders for the notify tests: a policy repository with releases, recipient files, and the
environment that points `policy notify` at a SendGrid stand-in on 127.0.0.1."""

from __future__ import annotations

import os
from pathlib import Path

import git
from gitrepo import make_repo, policy_text, write_and_commit

SLUG = "privacy-policy"
PATH = "policies/privacy-policy.md"
EFFECTIVE = "2099-03-01"
"""Far ahead: `policy notify` refuses a major release already in effect that was never announced."""
V1 = policy_text(SLUG, "2026-01-01", "# Privacy Policy\n\n## Sharing\n\nWe share with PayPal.\n")
V2 = policy_text(SLUG, EFFECTIVE, "# Privacy Policy\n\n## Sharing\n\nWe share with Stripe.\n")
V2_1 = policy_text(SLUG, EFFECTIVE, "# Privacy Policy\n\n## Sharing\n\nWe share with Stripe!\n")


def release_repo(path: Path, title: str = "Privacy Policy", effective: str = EFFECTIVE) -> git.Repo:
    """privacy-policy 1.0.0 (first release, level none), 2.0.0 (major: sharing), 2.1.0 (minor);
    2.0.0 and 2.1.0 take effect on `effective`."""
    from gitrepo import tag_release

    repo = make_repo(path)
    write_and_commit(repo, PATH, V1.replace("Privacy Policy", title, 1), "First version")
    tag_release(repo, SLUG, "1.0.0", "none", "2026-01-01", "First version.")
    v2, v2_1 = (t.replace(EFFECTIVE, effective) for t in (V2, V2_1))
    write_and_commit(repo, PATH, v2.replace("Privacy Policy", title, 1), "Stripe")
    summary = "New payment processor."
    tag_release(repo, SLUG, "2.0.0", "major", effective, summary, categories=("sharing",))
    write_and_commit(repo, PATH, v2_1.replace("Privacy Policy", title, 1), "Exclaim")
    tag_release(repo, SLUG, "2.1.0", "minor", effective, "Punctuation.")
    return repo


def add_major(repo: git.Repo, version: str, effective: str = EFFECTIVE, text: str = "") -> None:
    """One more major release (category `rights`) on top of what the repository has."""
    from gitrepo import tag_release

    body = text or f"# Privacy Policy\n\n## Your rights\n\nYou may object ({version}).\n"
    write_and_commit(repo, PATH, policy_text(SLUG, effective, body), f"Release {version}")
    summary = f"New right to object ({version})."
    tag_release(repo, SLUG, version, "major", effective, summary, categories=("rights",))


def write_csv(path: Path, emails: list[str], header: str = "email,name") -> Path:
    lines = [header] + [f"{email},Person {i}" for i, email in enumerate(emails)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def addresses(count: int, start: int = 0) -> list[str]:
    return [f"user{i}@example.com" for i in range(start, start + count)]


def standin_env(url: str, key: str) -> dict[str, str]:
    """What a real run needs: the API host, the key, and no proxy for loopback."""
    return {
        "SENDGRID_API_HOST": url,
        "SENDGRID_API_KEY": key,
        "no_proxy": "127.0.0.1,localhost",
        "NO_PROXY": "127.0.0.1,localhost",
    }


def subprocess_env(url: str, key: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(standin_env(url, key), **extra)
    return env

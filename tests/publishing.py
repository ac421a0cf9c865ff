"""A small policy repository with three releases, for the website's tests: one past, one in
effect and one upcoming on `TODAY`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import git
from gitrepo import make_repo, policy_text, tag_release, write_and_commit

TODAY = dt.date(2026, 6, 1)
SLUG = "privacy-policy"
PATH = f"policies/{SLUG}.md"

BODY_1 = """# Privacy Policy

We explain how we use your data.

## 1. What we collect

- Your email address.
- Your orders.

## 2. Who we share it with

We share payment data with Paypal to take payments.

## 3. Contact us

Write to info@example.com.
"""
BODY_2 = BODY_1.replace("- Your orders.", "- Your orders and returns.")
BODY_3 = BODY_2.replace("with Paypal to", "with Stripe to").replace(
    "Write to info@example.com.", "Write to our data protection officer at dpo@example.com."
)


def three_releases(path: Path) -> git.Repo:
    """1.0.0 (effective 2026-01-01, past), 1.1.0 (2026-02-01, in effect on TODAY) and 2.0.0
    (2099-03-01, upcoming), tagged on three days."""
    repo = make_repo(path)
    write_and_commit(repo, ".gitignore", "/site/\n", "Ignore the site")
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-01", BODY_1), "First version")
    tag_release(repo, SLUG, "1.0.0", "major", "2026-01-01", "First published version.")
    stamp = "2026-01-20 10:00:00 +0000"
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-02-01", BODY_2), "Returns", stamp)
    tag_release(repo, SLUG, "1.1.0", "minor", "2026-02-01", "Returns are data too.", date=stamp)
    stamp = "2026-05-20 10:00:00 +0000"
    write_and_commit(repo, PATH, policy_text(SLUG, "2099-03-01", BODY_3), "Stripe, DPO", stamp)
    tag_release(
        repo,
        SLUG,
        "2.0.0",
        "major",
        "2099-03-01",
        "A new payment processor and a data protection officer.",
        date=stamp,
        categories=("sharing", "contacts"),
    )
    return repo

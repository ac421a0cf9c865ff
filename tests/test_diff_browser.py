"""The HTML redline in a real headless Chromium: what a reader's browser builds from it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from tools import require

from policy.diff.engine import compare
from policy.diff.render import render
from policy.document import parse_document

# Skipped on a developer's machine without Chromium, a failure under CI (tests/tools.py).
pytestmark = pytest.mark.needs("chromium")

OLD = """---
title: Policy
slug: policy
effective_date: 2026-01-01
---
# Policy

## Sharing

We share data with Paypal to take payments.

## Contact

Email: info@example.com
"""
HOSTILE = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">"
# Raw HTML in Markdown is dropped from the words; inside a code span it is policy text.
NEW = OLD.replace("with Paypal to", "with Stripe to").replace(
    "## Contact\n", f"## Contact {HOSTILE}\n\nWrite to us `{HOSTILE}`\n"
)


def dump_dom(page: Path, tmp_path: Path) -> str:
    command = [
        require("chromium"),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--dump-dom",
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def test_redline_in_chromium_shows_deletions_insertions_and_no_injected_code(tmp_path):
    result = compare(parse_document(OLD), parse_document(NEW))
    page = tmp_path / "redline.html"
    page.write_text(render(result, "html"), encoding="utf-8")
    dom = dump_dom(page, tmp_path)

    assert re.search(r"<del[^>]*>Paypal</del>", dom)
    assert re.search(r"<ins[^>]*>Stripe</ins>", dom)
    # The policy's text arrived as text: no element was made from it and nothing ran.
    assert "pwned" not in re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    assert "<script" not in dom
    assert "<img" not in dom
    assert "Write to us &lt;script&gt;document.title='pwned'&lt;/script&gt;&lt;img" in dom

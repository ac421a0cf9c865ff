"""Docs that cannot drift: every command and option has its page, the site builds strictly, and
the README stays short with the two set-up commands .ci/run and a new user rely on."""

from __future__ import annotations

import html
import os
import re
import subprocess
from pathlib import Path

import click
import pytest
import yaml
from tools import require

from policy.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"
INSTALL = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/policy demo"
TEST = ".venv/bin/python -m pytest -q"


def options(command: click.Command) -> list[str]:
    """Every option name a person can type, hidden ones left out."""
    return [
        name
        for param in command.params
        if isinstance(param, click.Option) and not param.hidden
        for name in (*param.opts, *param.secondary_opts)
    ]


def directive(name: str) -> str:
    prog = "policy" if name == "main" else f"policy {name}"
    return (
        f"::: mkdocs-click\n    :module: policy.cli\n    :command: {name}\n    :prog_name: {prog}\n"
    )


def nav_pages(entries) -> list[str]:
    pages = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        pages += nav_pages(value) if isinstance(value, list) else [value]
    return pages


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_a_page_with_its_generated_help(name):
    page = DOCS / "commands" / f"{name}.md"
    assert page.is_file(), f"docs/commands/{name}.md is missing"
    text = page.read_text(encoding="utf-8")
    assert text.startswith(f"# `policy {name}`"), f"{page.name}: first line"
    assert directive(name) in text, f"{page.name}: no mkdocs-click block for {name}"


def test_the_group_page_and_the_navigation():
    assert directive("main") in (DOCS / "commands" / "index.md").read_text(encoding="utf-8")
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    pages = nav_pages(config["nav"])
    on_disk = sorted(str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md"))
    assert sorted(pages) == on_disk  # every page is in the navigation, and nothing else


def test_the_site_builds_strictly_and_documents_every_option(tmp_path):
    mkdocs = require("mkdocs")
    out = tmp_path / "site"
    done = subprocess.run(
        [mkdocs, "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    commands = {"main": main, **main.commands}
    missing = []
    for name, command in commands.items():
        page = out / "commands" / ("" if name == "main" else name) / "index.html"
        text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
        missing += [f"{name} {opt}" for opt in options(command) if opt not in text]
        if name != "main":
            assert (command.help or "").split("\n")[0].strip() in " ".join(text.split())
    assert missing == []


def test_the_readme_is_short_and_shows_the_two_set_up_commands():
    text = README.read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) < 15_000
    lines = text.splitlines()
    assert INSTALL in lines  # the first: install, then the product on the bundled policy
    assert TEST in lines  # the second, word for word as .ci/run runs it
    assert lines.index(INSTALL) < lines.index(TEST)
    assert f"TEST_COMMAND='{TEST}'" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_readme_quotes_the_demo_as_it_prints():
    """The excerpt of `policy demo` in the README is what the demo prints on that day (its
    snapshot, tests/snapshots/demo.txt, is checked against the real command)."""
    text = README.read_text(encoding="utf-8")
    excerpt = text.split("Part of what it prints", 1)[1].split("```", 2)[1]
    snapshot = (ROOT / "tests" / "snapshots" / "demo.txt").read_text(encoding="utf-8")
    quoted = [
        line.replace("/tmp/policy-demo-k2j9", "DEMO")
        for line in excerpt.splitlines()
        if line.strip() and line.strip() != "..."
    ]
    assert quoted and [line for line in quoted if line not in snapshot.splitlines()] == []


def test_links_in_the_readme_lead_to_files():
    text = README.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text)
    local = [t for t in targets if not t.startswith(("http://", "https://"))]
    assert local and all((ROOT / t).is_file() for t in local), local


def test_no_stale_promises():
    """What the docs say exists, exists: no future tense about the product's own features."""
    found = []
    for path in [README, *DOCS.rglob("*.md")]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\bwill (read|be written|be built)\b|not yet built|One test opens", line):
                found.append(f"{path.relative_to(ROOT)}:{number}")
    assert found == []

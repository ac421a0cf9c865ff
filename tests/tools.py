"""The system tools some tests need, and the one rule for a missing one.

Steps: look the tool up (`find`) -> found: the test gets its path -> missing on a developer's
machine: the test is skipped with a reason naming what to install -> missing under CI (`CI`
set): the test FAILS with the same message, because a skipped test in CI is a check that
silently never ran, and `.ci/run` installs every one of these tools.

Tests ask through `require("chromium")` (returns the path), or the marker
`@pytest.mark.needs("gh", "jq")` (checked by conftest.py before the test runs); the PostgreSQL
fixture calls `missing(...)` itself. Nothing else in the tests may call `pytest.skip` for a
missing tool: tests/test_tools.py checks that.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest


@dataclass(frozen=True)
class Tool:
    what: str
    """How a person names it: `Chromium`, `gh (the GitHub CLI)`."""
    install: str
    """How to get it: `the Debian package chromium`."""
    find: Callable[[], str | None]


def _which(*names: str) -> Callable[[], str | None]:
    return lambda: next(filter(None, map(shutil.which, names)), None)


def _venv_bin(name: str) -> Callable[[], str | None]:
    """A tool installed by pip beside this Python (actionlint and zizmor come as wheels)."""

    def find() -> str | None:
        path = Path(sys.prefix) / "bin" / name
        return str(path) if path.is_file() else shutil.which(name)

    return find


def _module(name: str) -> Callable[[], str | None]:
    return lambda: name if importlib.util.find_spec(name) is not None else None


def _initdb() -> str | None:
    from postgres import postgres_bin

    found = postgres_bin()
    return str(found / "initdb") if found else None


TOOLS: dict[str, Tool] = {
    "chromium": Tool(
        "Chromium", "the Debian package chromium", _which("chromium", "chromium-browser")
    ),
    "playwright": Tool(
        "Playwright (Python)", "the test extra: pip install -e '.[test]'", _module("playwright")
    ),
    "gh": Tool("gh (the GitHub CLI)", "the Debian package gh", _which("gh")),
    "jq": Tool("jq", "the Debian package jq", _which("jq")),
    "initdb": Tool("PostgreSQL (initdb)", "the Debian package postgresql", _initdb),
    "actionlint": Tool(
        "actionlint", "the workflows extra: pip install -e '.[workflows]'", _venv_bin("actionlint")
    ),
    "shellcheck": Tool(
        "shellcheck", "the workflows extra: pip install -e '.[workflows]'", _venv_bin("shellcheck")
    ),
    "mkdocs": Tool("MkDocs", "the docs extra: pip install -e '.[docs]'", _venv_bin("mkdocs")),
    "zizmor": Tool(
        "zizmor", "the workflows extra: pip install -e '.[workflows]'", _venv_bin("zizmor")
    ),
}


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


def missing(what: str, install: str) -> NoReturn:
    """Skip, or under CI fail, naming what to install."""
    message = f"{what} is not installed; install {install}"
    if in_ci():
        pytest.fail(f"{message} (CI is set: .ci/run installs it, so this is a broken set-up)")
    pytest.skip(message)


def require(name: str) -> str:
    """The path of a tool (for a Python module: its name), or skip / fail as above."""
    tool = TOOLS[name]
    found = tool.find()
    if found is None:
        missing(tool.what, tool.install)
    return found

"""The one rule for a missing system tool (tests/tools.py): skipped on a developer's machine,
a failure under CI, and no other way for a test to skip for want of a tool."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tools

TESTS = Path(__file__).resolve().parent


@pytest.fixture
def absent(monkeypatch):
    monkeypatch.setitem(
        tools.TOOLS, "absent", tools.Tool("Frobnicator", "the Debian package frob", lambda: None)
    )


def test_a_missing_tool_is_skipped_naming_its_package(absent, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        tools.require("absent")
    assert str(skipped.value) == "Frobnicator is not installed; install the Debian package frob"


def test_under_ci_a_missing_tool_fails(absent, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception) as failed:
        tools.require("absent")
    assert str(failed.value) == (
        "Frobnicator is not installed; install the Debian package frob "
        "(CI is set: .ci/run installs it, so this is a broken set-up)"
    )


def test_a_present_tool_gives_its_path(monkeypatch):
    monkeypatch.setenv("CI", "true")
    monkeypatch.setitem(tools.TOOLS, "here", tools.Tool("Here", "-", lambda: "/usr/bin/here"))
    assert tools.require("here") == "/usr/bin/here"
    assert tools.require("playwright") == "playwright"  # a Python module: its name


def test_no_test_skips_any_other_way():
    """Skips for a missing tool go through tools.py; any other skip would hide from CI."""
    pattern = re.compile(r"pytest\.skip\(|mark\.skipif|importorskip|mark\.skip\b|mark\.xfail")
    found = [
        f"{path.name}:{number}"
        for path in sorted(TESTS.glob("*.py"))
        if path.name not in ("tools.py", "test_tools.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == []

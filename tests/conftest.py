"""Keep the machine's git configuration out of the tests' temporary repositories."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# `python -m pytest` puts the checkout's root on sys.path, where `publish`, `settings` and the
# other packages would import under their bare names and hide a missing `policy.` prefix.
# The tests see the project only as it is installed: one package, `policy`.
_ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _ROOT]

_GIT_VARIABLES = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_AUTHOR_NAME",
    "GIT_AUTHOR_EMAIL",
    "GIT_AUTHOR_DATE",
    "GIT_COMMITTER_NAME",
    "GIT_COMMITTER_EMAIL",
    "GIT_COMMITTER_DATE",
    "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT",
)
_GITHUB_VARIABLES = ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT", "GITHUB_BASE_REF")
"""Set by a GitHub Actions runner; the tests that want them set them (the suite runs in CI)."""


@pytest.fixture(autouse=True, scope="session")
def isolated_git(tmp_path_factory):
    """No system or user git config, no inherited GIT_* variables, for the whole session.

    Session-scoped so that hypothesis tests (which refuse function-scoped fixtures) get it too.
    """
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(home))
        mp.setenv("XDG_CONFIG_HOME", str(home / ".config"))
        mp.setenv("GIT_CONFIG_NOSYSTEM", "1")
        mp.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
        for name in _GIT_VARIABLES + _GITHUB_VARIABLES:
            mp.delenv(name, raising=False)
        yield


# A real PostgreSQL for the ledger tests (tests/postgres.py).
from postgres import pg_module_url, pg_server, pg_url  # noqa: E402, F401


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "needs(*tools): system tools the test needs (tests/tools.py; fails in CI)"
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    """`@pytest.mark.needs("gh", "jq")`: each tool is found, or the test skips (fails in CI)."""
    from tools import require

    for marker in item.iter_markers("needs"):
        for name in marker.args:
            require(name)

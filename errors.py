"""The product's exceptions, raised by the library and translated to one stderr line by `cli`.

Library code never prints or exits: it raises a `PolicyError` whose message says what was wrong
and what to do, and whose `exit_code` tells the command line how to end. Only `cli.py` turns it
into output, so the library stays usable from tests, CI scripts and later packages.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of the `policy` command, documented in the README."""

    OK = 0
    FAILURE = 1  # findings, bad content, bad configuration, git trouble
    USAGE = 2  # the command line names something that does not exist or is malformed


class PolicyError(Exception):
    """A problem the user can fix; the message is the whole explanation, on one line."""

    exit_code: ExitCode = ExitCode.FAILURE

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))

    @property
    def message(self) -> str:
        return str(self)


class UsageProblem(PolicyError):
    """The command line asked for something that is not there (unknown slug, version, path)."""

    exit_code = ExitCode.USAGE


class ConfigError(PolicyError):
    """`policy.toml` cannot be read or holds a value that is not allowed."""


class DocumentError(PolicyError):
    """A policy file cannot be read as UTF-8 text or its front matter is not valid."""


class RepositoryError(PolicyError):
    """The repository is missing, not a git repository, or git refused an operation."""


class OptionMisuse(UsageProblem):
    """Options given together that cannot go together (or one missing its partner): the
    command line prints its usage with the message, as for any malformed command line."""

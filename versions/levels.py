"""Change levels and version numbers: what a release's level does to its version."""

from __future__ import annotations

import re
from enum import IntEnum
from typing import NamedTuple


class Level(IntEnum):
    """How much a change matters, ordered so that a release's level is `max()` of its changes."""

    NONE = 0
    EDITORIAL = 1
    MINOR = 2
    MAJOR = 3

    @classmethod
    def parse(cls, text: str) -> Level:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            allowed = ", ".join(level.label for level in cls if level is not cls.NONE)
            raise ValueError(f"unknown level {text!r}; allowed: {allowed}") from None

    @property
    def label(self) -> str:
        return self.name.lower()


_VERSION = re.compile(r"^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


class Version(NamedTuple):
    """MAJOR.MINOR.PATCH of a policy release; tuples compare in release order."""

    major: int
    minor: int
    patch: int

    @classmethod
    def parse(cls, text: str) -> Version | None:
        """`2.0.0` or `v2.0.0`; None for anything else (callers decide whether that is an error)."""
        match = _VERSION.match(text.strip())
        return cls(*map(int, match.groups())) if match else None

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"

    def bump(self, level: Level) -> Version:
        """The next version after a change of `level`; NONE leaves the version as it is."""
        if level is Level.MAJOR:
            return Version(self.major + 1, 0, 0)
        if level is Level.MINOR:
            return Version(self.major, self.minor + 1, 0)
        if level is Level.EDITORIAL:
            return Version(self.major, self.minor, self.patch + 1)
        return self


FIRST_VERSION = Version(1, 0, 0)

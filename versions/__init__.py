"""Versions of policies in git: releases as annotated tags, texts at any revision.

Steps, in order: `levels` defines change levels and version numbers (a release's level bumps its
version); `releases` reads and writes the release tag's message; `repository` opens a git
repository through GitPython, resolves what the user names (version, tag, revision, WORKTREE)
and reads a policy's text there, following renames, and answers the other questions asked of git
(HEAD, a file's state, trailers, merge bases); `records` writes a release's tag. It is the
only package that imports GitPython or runs git.
Importing this package does not import git.
"""

from policy.versions.levels import FIRST_VERSION, Level, Version
from policy.versions.releases import Release, in_effect

__all__ = ["FIRST_VERSION", "Level", "Release", "Version", "in_effect"]

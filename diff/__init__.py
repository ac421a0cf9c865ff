"""Structural diff of two policy versions, and its renderings for each audience.

Steps, in order: `engine.compare` aligns two parsed documents (front matter with DeepDiff,
sections by heading path and content, through `candidates`, blocks and words with `align`:
difflib, or unique anchors when long) into a `DocumentDiff` of `Change` values; a renderer
from `render` turns it into text for a terminal, Markdown for a pull-request comment, a
standalone HTML redline, or JSON.
"""

from policy.diff.model import Change, DocumentDiff, Side, Span

__all__ = ["Change", "DocumentDiff", "Side", "Span"]

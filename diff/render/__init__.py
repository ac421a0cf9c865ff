"""Renderers: a `DocumentDiff` as text for a terminal, Markdown, a standalone HTML redline, JSON.

Steps, in order: `render` looks the format up in `FORMATS`; the renderer (its module imported
only then, so importing this package stays cheap) walks the diff's changes with the helpers of
`common` (section labels, neighbouring unchanged blocks, the summary sentence) and returns the
whole output as one string ending with a newline. A renderer never prints and never reads the
files or the repository: everything it shows comes from the `DocumentDiff`.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from policy.diff.model import DocumentDiff


@dataclass(frozen=True)
class RenderOptions:
    """What the command line can change about an output."""

    context: int = 3
    """Unchanged neighbouring blocks shown before and after each block change."""
    color: bool = False
    """ANSI colours (text format only; the other formats ignore it)."""
    max_chars: int | None = None
    """Length limit of the Markdown comment (None: `markdown.MAX_CHARS`); the pull-request
    review shares one comment among several policies."""


class Renderer(Protocol):
    """Turns a diff into the whole output of one format."""

    def __call__(self, diff: DocumentDiff, options: RenderOptions) -> str: ...


class _Lazy:
    """A renderer whose module is imported on first call (`diff.render.<name>.render`)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, diff: DocumentDiff, options: RenderOptions) -> str:
        module = import_module(f"{__name__}.{self.name}")
        return module.render(diff, options)

    def __repr__(self) -> str:
        return f"<renderer {self.name}>"


FORMATS: dict[str, Renderer] = {
    "text": _Lazy("text"),
    "markdown": _Lazy("markdown"),
    "html": _Lazy("html"),
    "json": _Lazy("json"),
}
"""Output formats by the name `policy diff --format` takes."""


def render(
    diff: DocumentDiff,
    fmt: str,
    *,
    context: int = 3,
    color: bool = False,
    max_chars: int | None = None,
) -> str:
    """The diff in format `fmt` (a key of `FORMATS`); raises `ValueError` for an unknown one."""
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        known = ", ".join(FORMATS)
        raise ValueError(f"unknown diff format {fmt!r} (use one of: {known})") from None
    if context < 0:
        raise ValueError(f"context must be 0 or more, not {context}")
    return renderer(diff, RenderOptions(context=context, color=color, max_chars=max_chars))


__all__ = ["FORMATS", "RenderOptions", "Renderer", "render"]

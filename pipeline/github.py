"""GitHub Actions workflow commands, written by the tool itself so each workflow step is one line.

Steps, in order: `running_in_actions` reads `GITHUB_ACTIONS`; `annotation` formats one
`::error file=F,line=L,title=T::message` line with GitHub's escaping (`%`, CR and LF in the
message; also `:` and `,` in property values, which would otherwise end a property);
`append_summary` adds Markdown to the job summary file; `set_outputs` writes `name=value` to the
step-output file, or `name<<DELIMITER` ... `DELIMITER` for a value spanning lines, with a random
delimiter that the value cannot contain. Outside Actions every function does nothing and says so
by returning False, so commands call them unconditionally.

Files are appended to, never replaced: other steps of the same job write to them too.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from policy.errors import PolicyError

if TYPE_CHECKING:
    from policy.document.lint import Finding

LEVELS = ("error", "warning", "notice")
"""Annotation levels GitHub shows (red, yellow, blue)."""


def running_in_actions(env: Mapping[str, str] | None = None) -> bool:
    """True in a GitHub Actions job, where the runner sets `GITHUB_ACTIONS=true`."""
    env = os.environ if env is None else env
    return env.get("GITHUB_ACTIONS") == "true"


def escape_data(text: str) -> str:
    """A workflow command's message: `%`, CR and LF percent-encoded (`%` first)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (`file=`, `title=`): as a message, plus `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(
    message: str,
    *,
    level: str = "error",
    file: str | None = None,
    line: int | None = None,
    title: str | None = None,
) -> str:
    """One workflow command line (no newline) that makes GitHub annotate `file` at `line`."""
    if level not in LEVELS:
        raise ValueError(f"annotation level {level!r} is not one of {', '.join(LEVELS)}")
    properties = [
        f"{name}={escape_property(str(value))}"
        for name, value in (("file", file), ("line", line), ("title", title))
        if value is not None
    ]
    head = f"::{level} {','.join(properties)}" if properties else f"::{level}"
    return f"{head}::{escape_data(message)}"


def _append(variable: str, text: str, env: Mapping[str, str] | None) -> bool:
    env = os.environ if env is None else env
    if not running_in_actions(env):
        return False
    path = env.get(variable)
    if not path:
        return False
    try:
        with Path(path).open("a", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except OSError as exc:
        raise PolicyError(
            f"${variable} ({path}) cannot be written ({exc.strerror}); "
            "this file is provided by the GitHub Actions runner"
        ) from None
    return True


def append_summary(markdown: str, env: Mapping[str, str] | None = None) -> bool:
    """Add Markdown to the job summary; False (nothing written) outside Actions."""
    if not markdown.strip():
        return False
    return _append("GITHUB_STEP_SUMMARY", markdown.rstrip("\n") + "\n\n", env)


def format_outputs(outputs: Mapping[str, str], delimiter: str | None = None) -> str:
    """The text appended to `$GITHUB_OUTPUT` for these outputs, in order.

    A value with a line break uses the heredoc form under a delimiter that occurs in no value
    (random, so a value cannot end the block early and set outputs of its own).
    """
    lines: list[str] = []
    for name, value in outputs.items():
        if not name or any(c in name for c in "=\r\n<") or name != name.strip():
            raise ValueError(f"output name {name!r} is not allowed")
        if "\n" not in value and "\r" not in value:
            lines.append(f"{name}={value}\n")
            continue
        mark = delimiter or f"ghadelimiter_{secrets.token_hex(16)}"
        while mark in value:
            mark = f"ghadelimiter_{secrets.token_hex(16)}"
        # The runner joins the lines between the markers: the line break before the closing
        # marker is not part of the value, so a value's own final line break survives.
        lines.append(f"{name}<<{mark}\n{value}\n{mark}\n")
    return "".join(lines)


def set_outputs(outputs: Mapping[str, str], env: Mapping[str, str] | None = None) -> bool:
    """Set step outputs (`steps.ID.outputs.NAME`); False (nothing written) outside Actions."""
    return _append("GITHUB_OUTPUT", format_outputs(outputs), env)


def finding_annotation(finding: Finding, level: str = "error") -> str:
    """A `policy check` finding as an error (or a warning) on its file and line; the message
    keeps the `FILE:LINE:` prefix so the job log reads the same as a terminal."""
    text = str(finding) if level == "error" else finding.warning()
    return annotation(text, level=level, file=finding.path, line=finding.line, title="policy check")

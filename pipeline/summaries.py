"""The Markdown each command adds to a GitHub Actions job summary, one function per command.

Steps, in order: a command computes its result as usual; the function here turns that result
into a short Markdown block (a heading, one sentence, a table when there is something to list);
`pipeline.github.append_summary` writes it. Every value that comes from a policy or from git
goes through `diff.render.markdown.escape`, so a file name or a message cannot inject Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from policy.diff.render.markdown import escape

if TYPE_CHECKING:
    from policy.document.lint import Finding


def check_summary(
    findings: Sequence[Finding], checked: int, warnings: Sequence[Finding] = ()
) -> str:
    """`policy check`: the count, then one table row per finding, then per warning."""
    noun = "policy" if checked == 1 else "policies"
    rows = "".join(f"| {escape(f.path)} | {f.line} | {escape(f.message)} |\n" for f in findings)
    rows += "".join(
        f"| {escape(f.path)} | {f.line} | Warning: {escape(f.message)} |\n" for f in warnings
    )
    warned = f" ({len(warnings)} warning(s))" if warnings else ""
    if findings:
        head = f"{len(findings)} problem(s) in {checked} {noun}{warned}."
    else:
        head = f"{checked} {noun} checked: no problems found{warned}."
    if not rows:
        return f"### policy check\n\n{head}\n"
    return f"### policy check\n\n{head}\n\n| File | Line | Problem |\n| --- | ---: | --- |\n{rows}"


def text_summary(title: str, text: str) -> str:
    """A command's plain-text report as a job-summary block: a heading and the text verbatim
    in a code fence longer than any run of backticks inside it, so nothing in it renders."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"### {escape(title)}\n\n{fence}text\n{text.rstrip(chr(10))}\n{fence}\n"

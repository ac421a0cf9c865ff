"""What the command line does for a person at a terminal, the way git does it.

Steps, in order: `use_color` decides colour (`--color`, then `NO_COLOR`, then whether the
output is a terminal); `page` sends long output to a terminal through a pager (`POLICY_PAGER`,
else `PAGER`, else `less -FRX`, which quits at once when the text fits on one screen and keeps
the colours); `--no-pager`, `PAGER=cat`, an empty `PAGER` or output that is not a terminal
write straight out; `table_width` is the width tables fit into: the terminal's (or `COLUMNS`),
none when the output goes to a file or a program.

Only cli.py calls this module: it prints, which the library never does.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys

DEFAULT_PAGER = "less"
LESS_DEFAULT = "FRX"
"""As git sets it: quit if one screen (F), keep colours (R), leave the text on screen (X)."""


def use_color(choice: str) -> bool:
    """`always`, `never`, or `auto`: colour when writing to a terminal and NO_COLOR is unset."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def pager_command() -> list[str] | None:
    """The pager to run, or None for none (`cat`, empty, or not installed)."""
    chosen = os.environ.get("POLICY_PAGER", os.environ.get("PAGER", DEFAULT_PAGER))
    try:
        words = shlex.split(chosen)
    except ValueError:
        return None
    if not words or words == ["cat"] or shutil.which(words[0]) is None:
        return None
    return words


def page(text: str, enabled: bool = True) -> None:
    """Write `text` to stdout, through the pager when stdout is a terminal and `enabled`."""
    command = pager_command() if enabled and sys.stdout.isatty() else None
    if command is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    env = dict(os.environ)
    env.setdefault("LESS", LESS_DEFAULT)
    env.setdefault("LV", "-c")  # the `lv` pager's switch for colours, as git sets it
    sys.stdout.flush()
    process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    assert process.stdin is not None
    try:
        process.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
        process.stdin.close()
    except BrokenPipeError:  # the reader quit the pager before the end: not an error
        pass
    process.wait()


def table_width() -> int | None:
    """Columns a table may use: the terminal's width (`COLUMNS` overrides it); None (no limit)
    when stdout is not a terminal and `COLUMNS` is not set, so files and scripts get whole
    lines."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None

"""Files the tool writes outside git: whole or not at all, and its own state kept out of git.

Steps, in order: `write_atomic` writes a file through a temporary file in the same folder renamed
over it, so a reader (a web server, a sync to a CDN, a CI step reading a report) sees the old
file or the new one, never half of one; `state_dir` is the repository's `.policy/` folder, for
what the tool keeps between runs (the notify ledger, computed classifications), created with a
`.gitignore` of its own so that it never shows in `git status`.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

STATE_DIR = ".policy"


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` (its folder created if needed), replacing it in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def state_dir(root: Path) -> Path:
    """`.policy/` at the repository root, created with a `.gitignore` that ignores it all."""
    folder = root / STATE_DIR
    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Written by policy: local state stays out of git.\n*\n")
    return folder

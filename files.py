"""Files the tool writes outside git: whole or not at all, and its own state kept out of git.

Steps, in order: `write_atomic` writes a file through a temporary file in the same folder renamed
over it, so a reader (a web server, a sync to a CDN, a CI step reading a report) sees the old
file or the new one, never half of one, and `remove_leftovers` clears what a killed
run left; `state_dir` is the repository's `.policy/` folder, for
what the tool keeps between runs (the notify ledger, computed classifications), created with a
`.gitignore` of its own so that it never shows in `git status`.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

STATE_DIR = ".policy"


# `.NAME.PID-XXXXXXXX.tmp` (older versions: `.NAME.XXXXXXXX.tmp`): write_atomic's temporary files.
_TEMPORARY = re.compile(r"^\..+\.(?:(?P<pid>[0-9]+)-)?[a-z0-9_]{8}\.tmp$")


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` (its folder created if needed), replacing it in one step.

    The temporary file's name carries the writer's process id, so that a later run can tell
    the leftovers of a killed run (`remove_leftovers`) from the files of one still writing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{path.name}.{os.getpid()}-"
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def remove_leftovers(root: Path) -> list[str]:
    """Remove the temporary files a run killed mid-write (SIGKILL, power loss) left under
    `root`; the paths removed. A file whose writer is still running is left alone."""
    removed = []
    for folder, _dirs, names in os.walk(root):
        for name in names:
            match = _TEMPORARY.match(name)
            if match and not _running(match.group("pid")):
                path = Path(folder) / name
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path.relative_to(root).as_posix())
    return sorted(removed)


def _running(pid: str | None) -> bool:
    if pid is None or int(pid) <= 0:
        return False  # no pid: written by an older version of this tool, not running now
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True  # another user's process
    return True


def state_dir(root: Path) -> Path:
    """`.policy/` at the repository root, created with a `.gitignore` that ignores it all."""
    folder = root / STATE_DIR
    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Written by policy: local state stays out of git.\n*\n")
    return folder

"""Writing the site: only files whose bytes changed, each atomically, with a manifest and cache.

The manifest (`.policy-publish/manifest.json` in the output folder) records the fingerprint of
the inputs and the size, modification time and SHA-256 of every file written. A re-run whose
fingerprint matches and whose files are untouched writes nothing; otherwise each file is compared
byte for byte with what is on disk and replaced (temporary file, then `os.replace`) only when it
differs. Files written by an earlier run and no longer produced are removed; nothing else in the
folder is touched. The cache (`.policy-publish/cache/`) keeps each release's rendered text and
redline, keyed by tag and commits, so that an unchanged release is not rendered again. A run
killed mid-write leaves a temporary file beside a page; the next run removes it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policy.errors import PolicyError
from policy.files import remove_leftovers, write_atomic

STATE_DIR = ".policy-publish"
MANIFEST = f"{STATE_DIR}/manifest.json"
CACHE_DIR = f"{STATE_DIR}/cache"


class OutputError(PolicyError):
    """The output folder cannot be used or written."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Output:
    """The output folder of one run: manifest, cache and the files written."""

    root: Path
    manifest: dict[str, Any] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    _cache_used: set[str] = field(default_factory=set)

    @classmethod
    def open(cls, root: Path) -> Output:
        if root.exists() and not root.is_dir():
            raise OutputError(f"{root}: is a file, not a folder; pass --out a folder for the site")
        try:
            manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            manifest = {}
        if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
            manifest = {}
        if root.is_dir():
            remove_leftovers(root)
        return cls(root, manifest)

    def up_to_date(self, fingerprint: str) -> bool:
        """True when the inputs are those of the last run and its files are as it left them."""
        if self.manifest.get("fingerprint") != fingerprint:
            return False
        for name, (size, mtime_ns, _digest) in self.manifest["files"].items():
            try:
                stat = (self.root / name).stat()
            except OSError:
                return False
            if stat.st_size != size or stat.st_mtime_ns != mtime_ns:
                return False
        self.unchanged = len(self.manifest["files"])
        return True

    # -- cache --------------------------------------------------------------------------------

    def _cache_path(self, key: str) -> Path:
        return self.root / CACHE_DIR / f"{sha256(key.encode())[:40]}.json"

    def cached(self, key: str) -> dict[str, Any] | None:
        path = self._cache_path(key)
        self._cache_used.add(path.name)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return entry.get("value") if isinstance(entry, dict) and entry.get("key") == key else None

    def store(self, key: str, value: dict[str, Any]) -> None:
        data = json.dumps({"key": key, "value": value}, ensure_ascii=False, sort_keys=True)
        self._write(self._cache_path(key), data.encode("utf-8"))

    # -- files --------------------------------------------------------------------------------

    def write_site(self, files: dict[str, bytes], fingerprint: str) -> None:
        """Write the site's files (relative path -> bytes), remove the stale ones, save state."""
        old = self.manifest.get("files", {})
        recorded: dict[str, list[Any]] = {}
        for name in sorted(files):
            data = files[name]
            path = self.root / name
            if not self._same(path, data):
                self._write(path, data)
                self.written.append(name)
            else:
                self.unchanged += 1
            stat = path.stat()
            recorded[name] = [stat.st_size, stat.st_mtime_ns, sha256(data)]
        for name in sorted(set(old) - set(files)):
            path = self.root / name
            if path.is_file() and sha256(path.read_bytes()) == old[name][2]:
                path.unlink()  # only a file this tool wrote, still as it wrote it
                self.removed.append(name)
                self._prune(path.parent)
        self._clean_cache()
        manifest = {"format": 1, "fingerprint": fingerprint, "files": recorded}
        self._write(self.root / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
        self.manifest = manifest

    def _same(self, path: Path, data: bytes) -> bool:
        try:
            if path.stat().st_size != len(data):
                return False
            return path.read_bytes() == data
        except OSError:
            return False

    def _write(self, path: Path, data: bytes) -> None:
        try:
            write_atomic(path, data)
        except OSError as exc:
            raise OutputError(
                f"{path}: cannot be written ({exc.strerror}); check the output folder's "
                "permissions and free space"
            ) from None

    def _prune(self, folder: Path) -> None:
        """Remove folders left empty by removed files, up to the output folder."""
        while folder != self.root and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent

    def _clean_cache(self) -> None:
        folder = self.root / CACHE_DIR
        if folder.is_dir():
            for path in folder.iterdir():
                if path.name not in self._cache_used:
                    path.unlink(missing_ok=True)

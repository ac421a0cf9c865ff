"""A local preview of the website: `policy serve`.

Steps, in order: the site is published into its folder; a standard-library HTTP server listens
on 127.0.0.1 only, under the path of `[site] base_url` (so links behave as they will online);
before answering, at most once a second, the releases are read again and the site rebuilt if
they changed (the rebuild writes nothing when nothing changed). Requests map to files inside
the site folder only: no `..`, no hidden files (the build's cache), no directory listings,
a 404 page for the rest, and the content type of each kind of file the site has.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from policy.errors import PolicyError, UsageProblem

if TYPE_CHECKING:
    from policy.versions.repository import PolicyRepository

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".xml": "application/atom+xml; charset=utf-8",
    ".json": "application/json",
    ".md": "text/markdown; charset=utf-8",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
}
# The site needs nothing but its own style sheet: a page that tried to load a script, a font or
# anything from elsewhere would be blocked here, as a reminder that it must not.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
NAME_MAX = 255
"""Bytes in one file name on the file systems a site is built on (ext4, APFS, NTFS)."""
CHECK_INTERVAL = 1.0
"""Seconds between two checks of the releases."""


def _print(message: str, err: bool = False) -> None:
    print(message, file=sys.stderr if err else sys.stdout, flush=True)


class Site:
    """The site folder and how to rebuild it; shared by the server's threads."""

    def __init__(
        self,
        repository: PolicyRepository,
        out_dir: Path,
        today: Callable[[], dt.date] | None = None,
        echo: Callable[..., None] = _print,
        interval: float = CHECK_INTERVAL,
    ) -> None:
        self.root_path = repository.root
        self.interval = interval
        self.repository = repository
        self.out_dir = out_dir.resolve()
        self.today = today or dt.date.today
        self.echo = echo
        self.prefix = urlsplit(repository.settings.site.base_url).path or "/"
        self._lock = threading.Lock()
        self._checked = 0.0

    def build(self) -> None:
        from policy.publish.site import publish

        base_url = self.repository.settings.site.base_url  # read again with policy.toml
        result = publish(self.repository, self.out_dir, self.today(), base_url)
        if not result.up_to_date:
            self.echo(
                f"built {self.out_dir}: {len(result.written)} file(s) written, "
                f"{result.unchanged} unchanged",
                err=True,
            )

    def refresh(self) -> None:
        """Rebuild when the releases (or policy.toml, or the day) changed; errors are shown
        and the last good site stays up, so a typo while editing does not stop the preview."""
        with self._lock:
            now = time.monotonic()
            if self._checked and now - self._checked < self.interval:
                return
            self._checked = now
            from policy.versions.repository import PolicyRepository

            try:
                fresh = PolicyRepository.open(self.root_path)
            except PolicyError as exc:
                self.echo(f"Error: {exc.message}", err=True)
                return
            self.repository.close()
            self.repository = fresh
            try:
                self.build()
            except PolicyError as exc:
                self.echo(f"Error: {exc.message} (still serving the last site built)", err=True)

    def locate(self, url_path: str) -> tuple[str, Path | None]:
        """("file", path), ("redirect", location) or ("missing", None) for a request path."""
        path = unquote(urlsplit(url_path).path)
        if not path.startswith(self.prefix):
            if path in ("/", "") or path + "/" == self.prefix:
                return "redirect", Path(self.prefix)
            return "missing", None
        rest = path[len(self.prefix) :]
        parts = rest.split("/")
        for part in parts[:-1] + ([parts[-1]] if parts[-1] else []):
            if not part or part.startswith(".") or "\\" in part or "\0" in part:
                return "missing", None
            if len(part.encode("utf-8", "surrogateescape")) > NAME_MAX:
                return "missing", None  # no file of the site has such a name
        target = self.out_dir.joinpath(*[p for p in parts if p])
        try:  # any name the file system refuses (too long, not encodable) is not there
            if target.is_dir():
                if rest and not rest.endswith("/"):
                    return "redirect", Path(path + "/")
                target = target / "index.html"
            resolved = target.resolve()
            if not resolved.is_file() or not resolved.is_relative_to(self.out_dir):
                return "missing", None
        except (OSError, ValueError):
            return "missing", None
        return "file", resolved


def make_server(site: Site, port: int) -> ThreadingHTTPServer:
    from policy.httpserver import BoundedHTTPServer, DeadlineRequestHandler

    class Handler(DeadlineRequestHandler):
        server_version = "policy-serve"
        sys_version = ""

        def do_GET(self) -> None:
            self._answer(body=True)

        def do_HEAD(self) -> None:
            self._answer(body=False)

        def _answer(self, body: bool) -> None:
            site.refresh()
            kind, path = site.locate(self.path)
            if kind == "redirect":
                self.send_response(HTTPStatus.FOUND)
                self.send_header("Location", str(path).rstrip("/") + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status = HTTPStatus.OK
            if kind == "missing" or path is None:
                status, path = HTTPStatus.NOT_FOUND, site.out_dir / "404.html"
            try:
                data = path.read_bytes()
            except OSError:
                status, data = HTTPStatus.NOT_FOUND, b"Not found\n"
                path = Path("404.txt")
            self.send_response(status)
            self.send_header(
                "Content-Type", CONTENT_TYPES.get(path.suffix, "application/octet-stream")
            )
            self.send_header("Content-Length", str(len(data)))
            for name, value in SECURITY_HEADERS.items():
                self.send_header(name, value)
            self.end_headers()
            if body:
                self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            site.echo(f"{self.command} {self.path} -> {args[1] if len(args) > 1 else ''}", err=True)

    try:  # a deep backlog, bounded workers, and a deadline for each request (httpserver)
        return BoundedHTTPServer(("127.0.0.1", port), Handler)
    except OSError as exc:
        raise UsageProblem(
            f"cannot listen on 127.0.0.1:{port} ({exc.strerror}); pick another port with --port"
        ) from None


def serve(
    repository: PolicyRepository,
    out_dir: Path,
    port: int,
    today: Callable[[], dt.date] | None = None,
    echo: Callable[..., None] = _print,
) -> None:
    """Publish, then serve until interrupted (Ctrl+C)."""
    site = Site(repository, out_dir, today, echo)
    site.build()
    server = make_server(site, port)
    bound = server.server_address[0]
    host = bound.decode() if isinstance(bound, bytes) else str(bound)
    url = f"http://{host}:{server.server_port}{site.prefix}"
    echo(f"Serving {site.out_dir} at {url} (press Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()

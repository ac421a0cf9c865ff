"""A stand-in for the part of GitHub's REST API that the review workflow's comment job calls.

A real HTTP server on a Unix socket: the real `gh` command reaches it through its
`http_unix_socket` setting (`gh_config`), so the workflow's `gh api` script runs unchanged and
nothing leaves the machine. It keeps one repository's pull-request comments and labels in
memory and answers like GitHub for:

- `GET /repos/O/R/issues/N/comments` (pages of `per_page`, at most `page_size`, with a `Link`
  header, so `gh api --paginate` has to follow it);
- `POST /repos/O/R/issues/N/comments` and `PATCH /repos/O/R/issues/comments/ID` (`{"body"}`;
  422 for a body over 65,536 characters; 403 for a comment of another user);
- `GET`, `POST` (`{"labels": [...]}`) and `DELETE .../issues/N/labels[/NAME]` (404 for a label
  the pull request does not have);
- releases, as `gh release view` and `gh release create --verify-tag` ask for them:
  `GET /repos/O/R/releases/tags/TAG`, `POST /repos/O/R/releases` (422 when the tag has a
  release already, or is not in `tags`, the tags pushed to the repository), and the two GraphQL
  queries `gh` sends first (`RepositoryReleaseByTag`, `RepositoryFindRef`); any other GraphQL
  query is answered with an error naming it, so a change in `gh` shows up as a clear failure.

Every request needs `Authorization: token TOKEN`; a read-only token (a fork's) gets 403 on
every write, as GitHub answers "Resource not accessible by integration".
"""

from __future__ import annotations

import json
import re
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from socketserver import ThreadingMixIn, UnixStreamServer
from urllib.parse import parse_qs, unquote, urlsplit

MAX_BODY = 65_536
BOT = "github-actions[bot]"


@dataclass
class Comment:
    id: int
    user: str
    body: str

    def to_json(self) -> dict:
        return {"id": self.id, "user": {"login": self.user, "type": "Bot"}, "body": self.body}


@dataclass
class PullRequestState:
    """What the stand-in knows, readable by the test; `requests` logs `METHOD path` lines."""

    repo: str
    number: int
    comments: list[Comment] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    """The repository's tags (the test copies them from its origin after a push)."""
    releases: list[dict] = field(default_factory=list)
    next_id: int = 1000

    def add_comment(self, user: str, body: str) -> Comment:
        comment = Comment(self.next_id, user, body)
        self.next_id += 1
        self.comments.append(comment)
        return comment


class _Server(ThreadingMixIn, UnixStreamServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """`gh` sends some requests in parallel and hangs up on the ones it no longer needs: a
        closed connection is not an error of the stand-in."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class GitHubStandIn:
    """`with GitHubStandIn(socket, "org/repo", 7, token="t") as github: ...`."""

    def __init__(
        self,
        socket_path: Path,
        repo: str,
        number: int,
        *,
        token: str,
        read_only: bool = False,
        page_size: int = 100,
    ) -> None:
        self.socket_path = socket_path
        self.state = PullRequestState(repo, number)
        self.token = token
        self.read_only = read_only
        self.page_size = page_size
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def gh_config(self, directory: Path) -> Path:
        """A `GH_CONFIG_DIR` whose `gh` sends every request to this stand-in."""
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "config.yml").write_text(
            f"http_unix_socket: {self.socket_path}\n", encoding="utf-8"
        )
        return directory

    def __enter__(self) -> GitHubStandIn:
        standin = self

        class Handler(_Handler):
            owner = standin

        self._server = _Server(str(self.socket_path), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None and self._thread is not None
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
        self.socket_path.unlink(missing_ok=True)


class _Handler(BaseHTTPRequestHandler):
    owner: GitHubStandIn
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def address_string(self) -> str:
        return "unix-socket"

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PATCH(self) -> None:
        self._dispatch("PATCH")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def _dispatch(self, method: str) -> None:
        owner = self.owner
        state = owner.state
        url = urlsplit(self.path)
        path = unquote(url.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        state.requests.append(f"{method} {path}")
        if self.headers.get("Authorization") != f"token {owner.token}":
            return self._send(401, {"message": "Bad credentials"})
        if method != "GET" and owner.read_only:
            return self._send(403, {"message": "Resource not accessible by integration"})
        issue = f"/repos/{state.repo}/issues/{state.number}"
        comment = re.fullmatch(rf"/repos/{re.escape(state.repo)}/issues/comments/(\d+)", path)
        label = re.fullmatch(rf"{re.escape(issue)}/labels/(.+)", path)
        body = json.loads(raw) if raw else {}
        releases = f"/repos/{state.repo}/releases"
        if path == "/graphql" and method == "POST":
            return self._graphql(body)
        if path.startswith(f"{releases}/tags/") and method == "GET":
            found = self._release(path.removeprefix(f"{releases}/tags/"))
            return self._send(200, found) if found else self._send(404, {"message": "Not Found"})
        if path == releases and method == "POST":
            tag = body.get("tag_name", "")
            if self._release(tag) or tag not in state.tags:
                code = "already_exists" if self._release(tag) else "invalid"
                error = {"field": "tag_name", "code": code}
                return self._send(422, {"message": "Validation Failed", "errors": [error]})
            release = {
                "id": state.next_id,
                "tag_name": tag,
                "name": body.get("name", ""),
                "body": body.get("body", ""),
                "draft": bool(body.get("draft")),
                "prerelease": bool(body.get("prerelease")),
                "assets": [],
                "author": {"login": BOT},
                "created_at": "2026-01-05T12:00:00Z",
                "published_at": "2026-01-05T12:00:00Z",
                "html_url": f"https://github.com/{state.repo}/releases/tag/{tag}",
            }
            state.next_id += 1
            state.releases.append(release)
            return self._send(201, release)
        if path == f"{issue}/comments" and method == "GET":
            return self._page(url.query, [c.to_json() for c in state.comments])
        if path == f"{issue}/comments" and method == "POST":
            if len(body.get("body", "")) > MAX_BODY:
                return self._too_long()
            return self._send(201, state.add_comment(BOT, body["body"]).to_json())
        if comment and method == "PATCH":
            found = [c for c in state.comments if c.id == int(comment.group(1))]
            if not found:
                return self._send(404, {"message": "Not Found"})
            if found[0].user != BOT:
                return self._send(403, {"message": "Must have admin rights to Repository."})
            if len(body.get("body", "")) > MAX_BODY:
                return self._too_long()
            found[0].body = body["body"]
            return self._send(200, found[0].to_json())
        if path == f"{issue}/labels" and method == "GET":
            return self._send(200, [{"name": name} for name in state.labels])
        if path == f"{issue}/labels" and method == "POST":
            for name in body.get("labels", []):
                if name not in state.labels:
                    state.labels.append(name)
            return self._send(200, [{"name": name} for name in state.labels])
        if label and method == "DELETE":
            name = label.group(1)
            if name not in state.labels:
                return self._send(404, {"message": "Label does not exist"})
            state.labels.remove(name)
            return self._send(200, [{"name": n} for n in state.labels])
        return self._send(404, {"message": "Not Found"})

    def _release(self, tag: str) -> dict | None:
        return next((r for r in self.owner.state.releases if r["tag_name"] == tag), None)

    def _graphql(self, body: dict) -> None:
        query, variables = body.get("query", ""), body.get("variables", {})
        name = re.match(r"\s*query\s+(\w+)", query)
        operation = name.group(1) if name else "(anonymous)"
        if operation == "RepositoryReleaseByTag":
            found = self._release(variables.get("tagName", ""))
            release = {"databaseId": found["id"], "isDraft": found["draft"]} if found else None
            return self._send(200, {"data": {"repository": {"release": release}}})
        if operation == "RepositoryFindRef":
            tag = variables.get("tagName", "").removeprefix("refs/tags/")
            ref = {"id": f"REF_{tag}"} if tag in self.owner.state.tags else None
            return self._send(200, {"data": {"repository": {"ref": ref}}})
        message = f"the GitHub stand-in does not answer the GraphQL query {operation}"
        return self._send(200, {"errors": [{"message": message}]})

    def _page(self, query: str, items: list[dict]) -> None:
        params = parse_qs(query)
        per_page = min(int(params.get("per_page", ["30"])[0]), self.owner.page_size)
        page = int(params.get("page", ["1"])[0])
        chunk = items[(page - 1) * per_page : page * per_page]
        headers = {}
        if page * per_page < len(items):
            base = f"https://api.github.com{urlsplit(self.path).path}"
            headers["Link"] = f'<{base}?per_page={per_page}&page={page + 1}>; rel="next"'
        self._send(200, chunk, headers)

    def _too_long(self) -> None:
        self._send(
            422,
            {
                "message": "Validation Failed",
                "errors": [{"message": "body is too long (maximum is 65536 characters)"}],
            },
        )

    def _send(self, status: int, payload: object, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

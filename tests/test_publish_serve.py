"""`policy serve`: a real HTTP server on 127.0.0.1 in front of the published site."""

from __future__ import annotations

import http.client
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from gitrepo import policy_text, tag_release, write_and_commit
from hypothesis import given, settings
from hypothesis import strategies as st
from publishing import BODY_3, PATH, SLUG, TODAY, three_releases

from policy.publish.serve import Site, make_server
from policy.versions.repository import PolicyRepository


@pytest.fixture
def served(tmp_path):
    """(repo, port, site, log) with the server running in a thread until the test ends."""
    repo = three_releases(tmp_path / "repo")
    repository = PolicyRepository.open(repo.working_tree_dir)
    log: list[str] = []
    site = Site(
        repository,
        tmp_path / "site",
        today=lambda: TODAY,
        echo=lambda message, err=False: log.append(message),
        interval=0,
    )
    site.build()
    server = make_server(site, 0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield repo, server.server_address[1], site, log
    server.shutdown()
    server.server_close()
    site.repository.close()
    repo.close()


def get(port: int, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/policies/index.html", "text/html; charset=utf-8"),
        ("/policies/style.css", "text/css; charset=utf-8"),
        (f"/policies/{SLUG}/feed.xml", "application/atom+xml; charset=utf-8"),
        (f"/policies/{SLUG}/versions.json", "application/json"),
        (f"/policies/{SLUG}/v1.0.0/{SLUG}.md", "text/markdown; charset=utf-8"),
        (f"/policies/{SLUG}/", "text/html; charset=utf-8"),
    ],
)
def test_files_are_served_with_their_content_type(served, path, content_type):
    _, port, site, _ = served
    status, headers, body = get(port, path)
    assert (status, headers["Content-Type"]) == (200, content_type)
    name = path.removeprefix("/policies/") + ("index.html" if path.endswith("/") else "")
    assert body == (site.out_dir / name).read_bytes()
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"].startswith("default-src 'none'; style-src 'self'")


@pytest.mark.parametrize(
    "path",
    [
        "/policies/nope.html",
        "/policies/../../../../etc/passwd",
        "/policies/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/policies/..%2f..%2f..%2fetc/passwd",
        "/policies/.policy-publish/manifest.json",
        f"/policies/{SLUG}/v1.0.0/..",
        "/etc/passwd",
        "/policies//etc/passwd",
    ],
)
def test_anything_outside_the_site_or_hidden_is_a_404_page(served, path):
    _, port, site, _ = served
    status, headers, body = get(port, path)
    assert (status, headers["Content-Type"]) == (404, "text/html; charset=utf-8")
    assert body == (site.out_dir / "404.html").read_bytes()
    assert b"<h1>Page not found</h1>" in body
    assert b'href="/policies/index.html"' in body


def test_folders_redirect_to_their_index_and_are_never_listed(served):
    _, port, _, _ = served
    status, headers, _ = get(port, "/")
    assert (status, headers["Location"]) == (302, "/policies/")
    status, headers, _ = get(port, f"/policies/{SLUG}")
    assert (status, headers["Location"]) == (302, f"/policies/{SLUG}/")
    (Path(served[2].out_dir) / "empty").mkdir()
    status, _, body = get(port, "/policies/empty/")
    assert status == 404
    assert b"Index of" not in body


def test_head_sends_headers_without_a_body(served):
    _, port, site, _ = served
    status, headers, body = get(port, "/policies/index.html", "HEAD")
    size = len((site.out_dir / "index.html").read_bytes())
    assert (status, headers["Content-Length"], body) == (200, str(size), b"")


def test_a_new_release_is_published_on_the_next_request(served):
    repo, port, _, log = served
    assert get(port, f"/policies/{SLUG}/v2.0.1/index.html")[0] == 404
    text = policy_text(SLUG, "2099-06-01", BODY_3.replace("your data", "your personal data"))
    write_and_commit(repo, PATH, text, "Wording")
    tag_release(repo, SLUG, "2.0.1", "editorial", "2099-06-01", "Wording.")
    status, _, body = get(port, f"/policies/{SLUG}/v2.0.1/index.html")
    assert status == 200
    assert b"<dd>2.0.1</dd>" in body
    assert any(line.startswith("built ") for line in log)


def test_a_broken_policy_toml_keeps_the_last_site_up(served):
    repo, port, _, log = served
    Path(repo.working_tree_dir, "policy.toml").write_text("notice_days = -1\n")
    status, _, _ = get(port, "/policies/index.html")
    assert status == 200
    assert "Error: policy.toml: `notice_days` = -1 is not allowed" in "\n".join(log)


def test_cli_serve_prints_its_address_and_serves(tmp_path):
    repo = three_releases(tmp_path / "repo")
    repo.close()
    command = [sys.executable, "-m", "policy.cli", "--repo", str(tmp_path / "repo"), "serve"]
    command += ["--port", "0", "--out", str(tmp_path / "out"), "--as-of", TODAY.isoformat()]
    root = Path(__file__).resolve().parents[1]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=root
    )
    try:
        line = process.stdout.readline()
        match = re.fullmatch(
            rf"Serving {re.escape(str(tmp_path / 'out'))} at http://127\.0\.0\.1:(\d+)/policies/ "
            r"\(press Ctrl\+C to stop\)\n",
            line,
        )
        assert match, line
        status, _, body = get(int(match.group(1)), f"/policies/{SLUG}/index.html")
        assert status == 200
        assert b"Version 1.1.0, in effect since" in body
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
        process.stderr.close()


def test_cli_serve_reports_a_port_in_use(tmp_path):
    import socket

    from click.testing import CliRunner

    from policy.cli import main

    repo = three_releases(tmp_path / "repo")
    repo.close()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        args = ["--repo", str(tmp_path / "repo"), "serve", "--port", str(port)]
        result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.output.endswith(
        f"Error: cannot listen on 127.0.0.1:{port} (Address already in use); "
        "pick another port with --port\n"
    )


SEGMENTS = st.sampled_from(
    ["..", ".", "", "%2e%2e", "%2E%2e", "..%2f", "%2f", "%5c", "\\", ".policy-publish", "etc",
     "passwd", SLUG, "v1.0.0", "index.html", "policies", "%00", "~", "//", "..\\..", "link.txt"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(SEGMENTS, max_size=8).map("/".join))
def test_no_request_path_reaches_outside_the_site_or_its_hidden_files(tmp_path_factory, tail):
    out = site_for_paths(tmp_path_factory)
    kind, path = out.locate("/policies/" + tail)
    if kind == "file":
        assert path.is_relative_to(out.out_dir)
        assert not any(part.startswith(".") for part in path.relative_to(out.out_dir).parts)
    else:
        assert kind in ("missing", "redirect")


def test_a_symlink_out_of_the_site_is_not_followed(tmp_path_factory):
    site = site_for_paths(tmp_path_factory)
    assert site.locate("/policies/link.txt") == ("missing", None)
    assert site.locate("/policies/index.html") == ("file", site.out_dir / "index.html")


_SITES: dict[str, Site] = {}


def site_for_paths(tmp_path_factory) -> Site:
    """One published site shared by the examples (hypothesis runs the test many times)."""
    if "site" not in _SITES:
        base = tmp_path_factory.mktemp("paths")
        repo = three_releases(base / "repo")
        repository = PolicyRepository.open(repo.working_tree_dir)
        site = Site(repository, base / "site", today=lambda: TODAY, echo=lambda *a, **k: None)
        site.build()
        repository.close()
        repo.close()
        (base / "secret.txt").write_text("outside the site")
        (base / "site" / "link.txt").symlink_to(base / "secret.txt")
        _SITES["site"] = site
    return _SITES["site"]

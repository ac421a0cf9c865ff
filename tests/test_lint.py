"""What `policy check` finds, as the exact `path:line: message` lines it prints."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from policy.document import parse_document
from policy.document.lint import Finding, lint_document, lint_files
from policy.document.model import Problem

ROOT = Path(__file__).resolve().parent.parent
FRONT = "---\ntitle: Privacy Policy\nslug: privacy-policy\neffective_date: 2026-01-01\n---\n"


def lint(tmp_path: Path, content: str | bytes, name: str = "privacy-policy.md") -> list[str]:
    """Findings for one file written under tmp_path/policies, as printed."""
    path = tmp_path / "policies" / name
    path.parent.mkdir(exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return [str(f) for f in lint_files(tmp_path, [f"policies/{name}"])]


def test_bundled_policy_has_no_findings():
    assert lint_files(ROOT, ["policies/privacy-policy.md"]) == []


def test_finding_prints_as_path_line_message():
    assert str(Finding("policies/a.md", 3, "oops")) == "policies/a.md:3: oops"


def test_clean_file(tmp_path):
    assert lint(tmp_path, FRONT + "# Privacy\n\nText.\n") == []


def test_missing_front_matter(tmp_path):
    assert lint(tmp_path, "# Privacy\n\nText.\n") == [
        "policies/privacy-policy.md:1: no front matter; start the file with `---`, `title:`, "
        "`slug:`, `effective_date:` and `---` lines"
    ]


def test_unclosed_front_matter(tmp_path):
    assert lint(tmp_path, "---\ntitle: Privacy Policy\n\n# Privacy\n\nText.\n") == [
        "policies/privacy-policy.md:1: front matter opened with `---` is never closed "
        "(add a `---` line)"
    ]


@pytest.mark.parametrize(
    ("field", "hint"),
    [
        ("title", "add the policy's title"),
        ("slug", "add the file name without .md"),
        ("effective_date", "add a YYYY-MM-DD date"),
    ],
)
def test_missing_required_field(tmp_path, field, hint):
    front = "\n".join(line for line in FRONT.split("\n") if not line.startswith(f"{field}:"))
    assert lint(tmp_path, front + "# Privacy\n\nText.\n") == [
        f"policies/privacy-policy.md:2: front matter has no `{field}` ({hint})"
    ]


def test_empty_required_field_counts_as_missing(tmp_path):
    text = FRONT.replace("title: Privacy Policy", "title: ''") + "# Privacy\n\nText.\n"
    assert lint(tmp_path, text) == [
        "policies/privacy-policy.md:2: front matter has no `title` (add the policy's title)"
    ]


def test_title_that_is_not_text(tmp_path):
    text = FRONT.replace("title: Privacy Policy", "title: 2026") + "# Privacy\n\nText.\n"
    assert lint(tmp_path, text) == [
        "policies/privacy-policy.md:2: front matter `title` must be text; put it in quotes"
    ]


def test_bad_slug(tmp_path):
    text = FRONT.replace("slug: privacy-policy", "slug: Privacy_Policy") + "# Privacy\n\nText.\n"
    assert lint(tmp_path, text) == [
        "policies/privacy-policy.md:3: front matter `slug: Privacy_Policy` is not allowed: "
        "use lower-case letters, digits and hyphens"
    ]


def test_slug_not_matching_the_file_name(tmp_path):
    assert lint(tmp_path, FRONT + "# Privacy\n\nText.\n", name="privacy.md") == [
        "policies/privacy.md:3: front matter `slug: privacy-policy` does not match the file "
        "name; rename the file to privacy-policy.md or set `slug: privacy`"
    ]


def test_effective_date_not_a_date(tmp_path):
    text = FRONT.replace("2026-01-01", "1 March 2026") + "# Privacy\n\nText.\n"
    assert lint(tmp_path, text) == [
        "policies/privacy-policy.md:4: front matter `effective_date: 1 March 2026` is not a "
        "date; write it as YYYY-MM-DD"
    ]


def test_float_value(tmp_path):
    text = FRONT[:-4] + "version: 2.10\n---\n# Privacy\n\nText.\n"
    assert lint(tmp_path, text) == [
        "policies/privacy-policy.md:5: front matter `version: 2.10` is read as the number 2.1; "
        'put it in quotes ("2.10") to keep it as written'
    ]


def test_duplicate_anchors(tmp_path):
    text = FRONT + "# Privacy\n\nText.\n\n## Scope\n\nA.\n\n## Scope!\n\nB.\n"
    assert lint(tmp_path, text) == [
        "policies/privacy-policy.md:14: heading `Scope!` gets the same anchor #scope as "
        "`Scope` on line 10; reword one so that links can reach both"
    ]


def test_empty_sections(tmp_path):
    text = FRONT + "# Privacy\n\n## Empty\n\n## Full\n\nText.\n\n## Last\n"
    assert lint(tmp_path, text) == [
        "policies/privacy-policy.md:8: section `Empty` is empty; add its text or remove the "
        "heading",
        "policies/privacy-policy.md:14: section `Last` is empty; add its text or remove the "
        "heading",
    ]


def test_broken_anchor_links(tmp_path):
    text = FRONT + (
        "# Privacy\n\nSee [scope](#scope), [web](https://x.org/#nowhere) and [gone](#gone).\n\n"
        "## Scope\n\n- Also [here](#missing-item).\n\n| a |\n|---|\n| [x](#missing-cell) |\n"
    )
    assert lint(tmp_path, text) == [
        "policies/privacy-policy.md:8: link to #gone has no matching heading in this document; "
        "fix the link or the heading",
        "policies/privacy-policy.md:12: link to #missing-item has no matching heading in this "
        "document; fix the link or the heading",
        "policies/privacy-policy.md:16: link to #missing-cell has no matching heading in this "
        "document; fix the link or the heading",
    ]


def test_links_to_explicit_html_ids_are_fine(tmp_path):
    text = FRONT + (
        '# Privacy\n\n<a name="contact"></a>\n\nSee [contact](#contact) and [terms](#terms).\n\n'
        '## Terms <span id="terms"></span>\n\nText.\n'
    )
    assert lint(tmp_path, text) == []


def test_findings_are_in_line_order(tmp_path):
    text = FRONT.replace("slug: privacy-policy", "slug: Bad") + "# Privacy\n\n## Empty\n"
    assert lint(tmp_path, text) == [
        "policies/privacy-policy.md:3: front matter `slug: Bad` is not allowed: use lower-case "
        "letters, digits and hyphens",
        "policies/privacy-policy.md:8: section `Empty` is empty; add its text or remove the "
        "heading",
    ]


def test_non_utf8_file_names_the_line(tmp_path):
    data = (FRONT + "# Privacy\n\nWe use caf\xe9s.\n").encode("latin-1")
    assert lint(tmp_path, data) == [
        "policies/privacy-policy.md:8: is not UTF-8 text; save the file with UTF-8 encoding"
    ]


def test_binary_file(tmp_path):
    assert lint(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") == [
        "policies/privacy-policy.md:1: is a binary file, not Markdown text; keep only .md text "
        "files in the policies folder"
    ]


def test_utf8_bom_is_fine(tmp_path):
    assert lint(tmp_path, ("\ufeff" + FRONT + "# Privacy\n\nText.\n").encode("utf-8")) == []


def as_another_user(function):
    """Run `function()` in a child process as the user `nobody` when this is root (CI runs as
    root, who reads any file whatever its mode); the child sends back its result as text."""
    if os.geteuid() != 0:
        return function()
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            os.write(write, json.dumps(function()).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(child, 0)
    return json.loads(data)


def test_unreadable_file():
    # Outside pytest's tmp_path (mode 700, owned by the user running the tests), so that the
    # user `nobody` can reach the folder and meet the file's own mode 000.
    root = Path(tempfile.mkdtemp(prefix="policy-lint-"))
    try:
        root.chmod(0o755)
        lint(root, FRONT + "# Privacy\n\nText.\n")
        (root / "policies").chmod(0o755)
        (root / "policies" / "privacy-policy.md").chmod(0)
        found = as_another_user(
            lambda: [str(f) for f in lint_files(root, ["policies/privacy-policy.md"])]
        )
        assert found == [
            "policies/privacy-policy.md:1: cannot be read (Permission denied); check the "
            "file's permissions"
        ]
    finally:
        shutil.rmtree(root)


def test_missing_file(tmp_path):
    assert [str(f) for f in lint_files(tmp_path, ["policies/gone.md"])] == [
        "policies/gone.md:1: does not exist; check the policy's file name"
    ]


def test_several_files_in_the_order_given(tmp_path):
    lint(tmp_path, "# B\n\nText.\n", name="b.md")
    lint(tmp_path, b"\x00", name="a.md")
    findings = lint_files(tmp_path, ["policies/b.md", "policies/a.md"])
    assert [(f.path, f.line) for f in findings] == [("policies/b.md", 1), ("policies/a.md", 1)]


def test_lint_document_without_a_file_name():
    document = parse_document(FRONT.replace("privacy-policy", "anything") + "# P\n\nText.\n")
    assert lint_document(document) == []
    assert lint_document(parse_document("---\n- a\n---\n# P\n\nText.\n")) == [
        Problem(2, "front matter must be `key: value` lines, not a list or a text")
    ]

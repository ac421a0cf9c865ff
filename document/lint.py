"""What `policy check` finds in policy files: problems a lawyer can fix before a release.

Each finding names the file and line and says what to do. Checks: the file is UTF-8 text,
front matter fields and types, duplicate heading anchors, empty sections, and links to
`#anchors` that no heading in the document has.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from policy.document.frontmatter import check_front_matter
from policy.document.model import Document, Problem
from policy.document.parser import parse_document
from policy.document.reading import read_text
from policy.document.text import slugify
from policy.errors import DocumentError


class Finding(NamedTuple):
    """One problem in one file, printed as `path:line: message`."""

    path: str
    """Path relative to the repository root."""
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def warning(self) -> str:
        """The finding as a warning: printed, never a failure."""
        return f"{self.path}:{self.line}: warning: {self.message}"


def lint_files(root: Path, paths: list[str]) -> list[Finding]:
    """Findings for policy files under `root`, in path then line order."""
    findings: list[Finding] = []
    for path in paths:
        try:
            text = read_text((root / path).read_bytes(), path)
        except FileNotFoundError:
            findings.append(Finding(path, 1, "does not exist; check the policy's file name"))
            continue
        except OSError as exc:
            findings.append(
                Finding(path, 1, f"cannot be read ({exc.strerror}); check the file's permissions")
            )
            continue
        except DocumentError as exc:
            message = str(exc).removeprefix(f"{path}: ")
            line = 1
            if match := re.match(r"line (\d+): ", message):
                line, message = int(match.group(1)), message[match.end() :]
            findings.append(Finding(path, line, message))
            continue
        document = parse_document(text)
        problems = lint_document(document, expected_slug=Path(path).stem)
        findings.extend(Finding(path, p.line, p.message) for p in problems)
    return findings


def lint_document(document: Document, *, expected_slug: str | None = None) -> list[Problem]:
    problems = list(document.problems)
    if not document.problems:
        problems += check_front_matter(
            document.meta, document.front_matter, expected_slug=expected_slug
        )
    first_line: dict[str, tuple[str, int]] = {}
    anchors: set[str] = set()
    for section in document.sections():
        anchors.add(section.anchor)
        base = slugify(section.title)
        if base in first_line:
            title, line = first_line[base]
            problems.append(
                Problem(
                    section.line,
                    f"heading `{section.title}` gets the same "
                    f"anchor #{base} as `{title}` on line {line}; reword one "
                    "so that links can reach both",
                )
            )
        else:
            first_line[base] = (section.title, section.line)
        if not section.blocks and not section.children:
            problems.append(
                Problem(
                    section.line,
                    f"section `{section.title}` is empty; add its text or remove the heading",
                )
            )
    explicit_ids = _explicit_ids(document)
    for section in document.all_sections():
        for block in section.blocks:
            for link in block.links:
                if link.startswith("#") and link[1:] not in anchors | explicit_ids:
                    problems.append(
                        Problem(
                            block.line,
                            f"link to {link} has no matching heading "
                            "in this document; fix the link or the heading",
                        )
                    )
    return sorted(problems, key=lambda p: p.line)


_ID_ATTR = re.compile(r"""\b(?:id|name)\s*=\s*["']([^"']+)["']""")


def _explicit_ids(document: Document) -> set[str]:
    """Anchors written as HTML (`<a name="x">`, `id="x"`), which links may also target."""
    ids: set[str] = set()
    for section in document.all_sections():
        for text in (section.source, *(block.source for block in section.blocks)):
            ids.update(_ID_ATTR.findall(text))
    return ids

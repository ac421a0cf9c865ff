"""The diff as JSON, a stable schema for scripts and other tools.

`json.dumps(diff.to_json(), indent=2, ensure_ascii=False)` and a newline. The schema::

    {
      "old": SIDE,            the version compared from
      "new": SIDE,            the version compared to
      "changes": [CHANGE]     in reading order of the new version; [] when nothing differs
    }

SIDE::

    label            string        how a person names the version: "v2.0.0", "working tree",
                                   a revision, or a file path
    path             string|null   the policy file's path (in the repository, or on disk)
    commit           string|null   full commit SHA; null for the working tree and plain files
    version          string|null   the release version ("2.0.0") when the side is a release
    title            string        the policy's title ("" when it has none)
    effective_date   string|null   YYYY-MM-DD: a release's recorded date (its tag's
                                   `Effective-Date:`), else the front matter's `effective_date`;
                                   null for a side that is not a release, compared with one
                                   that is, whose file kept the same date (its release will
                                   choose one)

CHANGE::

    kind         string     "added", "removed", "changed" (wording), "moved", "renamed"
                            (a heading, or the file's path), "formatting" (same words, written
                            differently: whitespace, wrapping, list markers, emphasis, ...)
    target       string     "section" (a whole section or its heading), "block" (a paragraph,
                            list item, table row, quote, code or HTML block), "metadata" (one
                            front-matter key), "file" (the file's path)
    section      [string]   heading path in the new version (the old one for removals);
                            ["front matter"] for metadata, [] for the file and the preamble
    anchor       string     that section's anchor (GitHub-style id); "" for the preamble,
                            metadata and file changes
    old_section  [string]   heading path in the old version (equal to `section` unless the
                            change moved, renamed or removed it)
    block_kind   string     "paragraph", "item", "row", "quote", "code", "html", "comment" or
                            "heading"; "" for whole sections, metadata and the file
    before       string|null   old text, one line per block (a section's heading first);
                               "key: value" for metadata; the old path for the file;
                               null for additions
    after        string|null   new text, same shape; null for removals
    spans        [SPAN]     word-level changes from `before` to `after` (changed blocks, moved
                            blocks with edits, renamed headings, changed metadata); [] otherwise
    detail       string     for formatting changes, what differs ("whitespace", "list marker",
                            "heading level 2 → 3", ...); for metadata, the key; "path" for the
                            file; "" otherwise
    old_lines    [int]      1-based file lines of the old text's units (heading, blocks)
    new_lines    [int]      1-based file lines of the new text's units

SPAN::

    op     string   "equal", "delete" or "insert"
    text   string   the words; the equal+delete texts make `before`, equal+insert `after`
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from policy.diff.model import DocumentDiff
    from policy.diff.render import RenderOptions


def render(diff: DocumentDiff, options: RenderOptions) -> str:
    del options  # the JSON is the same whatever the context and colour
    return json.dumps(diff.to_json(), indent=2, ensure_ascii=False) + "\n"

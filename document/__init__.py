"""The document model: a policy file as front matter plus a tree of sections of blocks.

Steps, in order: `read_text` turns a file's bytes into text (or a clear error for binary and
non-UTF-8 files); `parse_document` splits the front matter and builds the section tree;
`lint` finds what `policy check` reports. Everything later (versions, diff, classification)
works on `Document` values, never on raw Markdown.
"""

from policy.document.model import Block, Document, Problem, Section
from policy.document.parser import parse_document
from policy.document.reading import read_text

__all__ = ["Block", "Document", "Problem", "Section", "parse_document", "read_text"]

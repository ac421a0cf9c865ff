"""Bytes of a policy file -> text, refusing what is not UTF-8 Markdown with a clear reason."""

from __future__ import annotations

from policy.errors import DocumentError


def read_text(data: bytes, name: str) -> str:
    """Decode a policy file; `name` is how the error names it (a path, or `path at v2.0.0`)."""
    if b"\x00" in data[:8192]:
        raise DocumentError(
            f"{name}: is a binary file, not Markdown text; "
            "keep only .md text files in the policies folder"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DocumentError(
            f"{name}: line {line}: is not UTF-8 text; save the file with UTF-8 encoding"
        ) from None

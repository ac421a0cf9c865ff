"""Text normalisation and heading anchors: the two places where "the same words" is decided."""

from __future__ import annotations

import re
import unicodedata

# Characters the str.isspace() test misses or that render as a plain space.
_ODD_SPACES = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
        "\u2007": " ",  # figure space
        "\u200b": "",  # zero-width space
        "\u2060": "",  # word joiner
        "\ufeff": "",  # byte-order mark / zero-width no-break space
    }
)


def normalize(text: str) -> str:
    """Words as a reader sees them: NFC, no-break spaces as spaces, whitespace runs collapsed.

    Two texts that differ only in line wrapping, trailing spaces or kinds of space normalise to
    the same string, which is what lets the diff call such changes formatting.
    """
    if not text.isascii():  # ASCII is already NFC and has no odd spaces
        text = unicodedata.normalize("NFC", text).translate(_ODD_SPACES)
    # str.split() splits at exactly the characters `\s` matches; it is several times faster
    # than a regular expression, and the parser calls this for every block of a long policy.
    return " ".join(text.split())


# C0 and C1 control characters but tab, LF and CR; and the two non-characters XML 1.0 forbids.
# Invisible in every reader, they make an Atom feed invalid XML and an HTML page non-conforming.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def printable(text: str) -> str:
    """`text` with each control character replaced by a space (they mostly stand where a space
    or a line break was meant), for titles, summaries and every rendered value."""
    return CONTROL_CHARACTERS.sub(" ", text)


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so line numbers and sources agree across platforms."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


_SLUG_DROP = re.compile(r"[^\w\- ]", re.UNICODE)


def slugify(title: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens.

    Matching GitHub keeps links that lawyers copy from the rendered policy on GitHub valid on
    our website, and the other way round.
    """
    slug = _SLUG_DROP.sub("", normalize(title).lower()).replace(" ", "-")
    return slug or "section"

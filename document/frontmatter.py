"""Split front matter from the body, load it, and check the fields a policy must have.

Front matter comes as YAML between `---` lines (closed by `---` or `...`) or, Hugo-style, TOML
between `+++` lines. YAML's implicit typing is the trap: `version: 2.10` loads as the float 2.1
and `effective_date: 2026-01-01` as a `datetime.date`, so `check_front_matter` checks types and
suggests quoting where YAML guessed a number.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from policy.document.model import Problem

REQUIRED_FIELDS = ("title", "slug", "effective_date")
SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class FrontMatter:
    text: str
    """The front matter as written, without its fences ("" when there is none)."""
    meta: dict[str, Any]
    body: str
    body_line: int
    """1-based line of the file where the body starts."""
    problems: tuple[Problem, ...] = ()


def split_front_matter(text: str) -> FrontMatter:
    """Never raises: a broken block is reported as a problem and its data left empty."""
    lines = text.split("\n")
    fence = lines[0].rstrip() if lines else ""
    if fence not in ("---", "+++"):
        return FrontMatter("", {}, text, 1)
    closers = ("---", "...") if fence == "---" else ("+++",)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in closers:
            raw = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            meta, problems = _load(raw, toml=fence == "+++")
            return FrontMatter(raw, meta, body, index + 2, problems)
    problem = Problem(
        1, f"front matter opened with `{fence}` is never closed (add a `{fence}` line)"
    )
    return FrontMatter("", {}, text, 1, (problem,))


def _load(raw: str, *, toml: bool) -> tuple[dict[str, Any], tuple[Problem, ...]]:
    if toml:
        import tomllib

        try:
            return tomllib.loads(raw), ()
        except tomllib.TOMLDecodeError as exc:
            return {}, (Problem(2, f"front matter is not valid TOML: {exc}"),)
        except RecursionError:
            return {}, (Problem(2, "front matter is not valid TOML: nested too deeply"),)
    import yaml

    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        return {}, (yaml_problem(raw, exc),)
    except ValueError as exc:  # a date that does not exist, such as 2026-02-30
        return {}, (_impossible_date(raw, exc),)
    except RecursionError:
        return {}, (Problem(2, "front matter is not valid YAML: nested too deeply"),)
    if data is None:
        return {}, ()
    if not isinstance(data, dict):
        return {}, (Problem(2, "front matter must be `key: value` lines, not a list or a text"),)
    return {str(k): v for k, v in data.items()}, ()


_RESERVED_START = "*&!|>%@`[{"
"""Characters YAML reserves at the start of a plain value."""


_DATE_VALUE = re.compile(r"^\s*([^:#]+?)\s*:\s*['\"]?(\d{4}-\d{1,2}-\d{1,2})\b")


def _impossible_date(raw: str, exc: ValueError) -> Problem:
    """YAML reads `2026-02-30` as a date and fails: name the line and say so plainly."""
    for index, line in enumerate(raw.split("\n")):
        match = _DATE_VALUE.match(line)
        if match is None:
            continue
        try:
            year, month, day = (int(part) for part in match.group(2).split("-"))
            dt.date(year, month, day)
        except ValueError:
            return Problem(
                2 + index,
                f"front matter `{line.strip()}` is not a date that exists; check the day and "
                "the month (YYYY-MM-DD)",
            )
    return Problem(2, f"front matter is not valid YAML: {exc}")


def yaml_problem(raw: str, exc: Exception) -> Problem:
    """YAML's complaint in a lawyer's words, on the line to fix (line 1 is the opening `---`).

    PyYAML names the place it stopped (`problem_mark`), which for an unclosed quote or a line
    without `:` is a later line; the line at fault is then its `context_mark`.
    """
    problem = str(getattr(exc, "problem", None) or "")
    context = str(getattr(exc, "context", None) or "")
    at = getattr(exc, "problem_mark", None)
    start = getattr(exc, "context_mark", None)
    lines = raw.split("\n")
    index = at.line if at is not None else 0
    if start is not None and (
        "could not find expected ':'" in problem or "quoted scalar" in context or "flow" in context
    ):
        index = start.line
    index = min(max(index, 0), max(len(lines) - 1, 0))
    text = lines[index].strip() if lines else ""
    key, sep, value = text.partition(":")
    value = value.strip()
    shown = f"`{text}`" if text else "this line"
    quoted = f'{key.strip()}: "{value}"' if sep and value else ""
    if "mapping values are not allowed" in problem and lines[index][:1] in (" ", "\t"):
        message = (
            f"{shown} is indented, so YAML reads it as part of the line above; remove the "
            "spaces at the start of the line"
        )
    elif "mapping values are not allowed" in problem:
        message = (
            f"{shown} has a second `:` in its value; put the value in quotes: `{quoted}`"
            if quoted
            else f"{shown} has a `:` YAML cannot read; put the value in quotes"
        )
    elif "could not find expected ':'" in problem:
        message = f"{shown} has no `:`; write it as `key: value`"
    elif text.startswith("- "):
        message = f"{shown} is a list item; the front matter holds `key: value` lines only"
    elif "quoted scalar" in context:
        message = f"{shown} opens a quote that is never closed; close it on the same line"
    elif "'\\t'" in problem or "\t" in lines[index]:
        message = f"{shown} holds a tab; indent with spaces, or remove the tab"
    elif value[:1] and value[0] in _RESERVED_START:
        message = (
            f"{shown}: a value starting with `{value[0]}` means something else to YAML; put "
            f"the value in quotes: `{quoted}`"
        )
    else:
        reason = problem or context or "syntax error"
        message = (
            f"{shown} cannot be read ({reason}); write it as `key: value`, with the value in "
            "quotes if it holds `:`, `#` or quotes"
        )
    return Problem(2 + index, f"front matter is not valid YAML: {message}")


def key_line(front_matter_text: str, key: str) -> int:
    """Line in the file where `key:` is written in the front matter (2 if not found)."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*[:=]")
    for offset, line in enumerate(front_matter_text.split("\n")):
        if pattern.match(line):
            return offset + 2
    return 2


def _written_value(front_matter_text: str, key: str) -> str:
    line = front_matter_text.split("\n")[key_line(front_matter_text, key) - 2]
    return re.split(r"[:=]", line, maxsplit=1)[-1].strip()


def check_front_matter(
    meta: dict[str, Any], raw: str, *, expected_slug: str | None
) -> list[Problem]:
    """Findings for the required fields, their types, and values YAML turned into numbers."""
    problems: list[Problem] = []
    if not raw and not meta:
        return [
            Problem(
                1,
                "no front matter; start the file with `---`, `title:`, `slug:`, "
                "`effective_date:` and `---` lines",
            )
        ]
    for key in REQUIRED_FIELDS:
        if key not in meta or meta[key] in (None, ""):
            problems.append(Problem(2, f"front matter has no `{key}` ({_HINTS[key]})"))
    title = meta.get("title")
    if title not in (None, "") and not isinstance(title, str):
        problems.append(
            Problem(key_line(raw, "title"), "front matter `title` must be text; put it in quotes")
        )
    slug = meta.get("slug")
    if slug not in (None, ""):
        if not isinstance(slug, str) or not SLUG_PATTERN.match(slug):
            problems.append(
                Problem(
                    key_line(raw, "slug"),
                    f"front matter `slug: {slug}` is not "
                    "allowed: use lower-case letters, digits and hyphens",
                )
            )
        elif expected_slug is not None and slug != expected_slug:
            problems.append(
                Problem(
                    key_line(raw, "slug"),
                    f"front matter `slug: {slug}` does not "
                    f"match the file name; rename the file to {slug}.md or set "
                    f"`slug: {expected_slug}`",
                )
            )
    date = meta.get("effective_date")
    if date not in (None, "") and parse_date(date) is None:
        problems.append(
            Problem(
                key_line(raw, "effective_date"),
                f"front matter `effective_date: "
                f"{_written_value(raw, 'effective_date')}` is not a date; write "
                "it as YYYY-MM-DD",
            )
        )
    for key, value in meta.items():
        control = _control_character(value)
        if control is not None:
            problems.append(
                Problem(
                    key_line(raw, key),
                    f"front matter `{key}` holds the invisible control character "
                    f"U+{ord(control):04X}; remove it (it would break the feed and the pages)",
                )
            )
        if isinstance(value, float):
            written = _written_value(raw, key)
            problems.append(
                Problem(
                    key_line(raw, key),
                    f"front matter `{key}: {written}` is read "
                    f'as the number {value!r}; put it in quotes ("{written}") '
                    "to keep it as written",
                )
            )
    return problems


def _control_character(value: Any) -> str | None:
    """The first control character in a value (or the texts of a list or table), if any."""
    from policy.document.text import CONTROL_CHARACTERS

    if isinstance(value, str):
        match = CONTROL_CHARACTERS.search(value)
        return match.group(0) if match else None
    items = value.items() if isinstance(value, dict) else value if isinstance(value, list) else []
    for item in items:
        found = _control_character(item)
        if found is not None:
            return found
    return None


_HINTS = {
    "title": "add the policy's title",
    "slug": "add the file name without .md",
    "effective_date": "add a YYYY-MM-DD date",
}


def parse_date(value: Any) -> dt.date | None:
    """A date from YAML's `datetime.date` or a `YYYY-MM-DD` string; None when it is neither."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


_DATE_LINE = re.compile(
    r"^(?P<key>effective_date[ \t]*(?P<sep>[:=])[ \t]*)(?P<value>.*?)"
    r"(?P<comment>[ \t]+#.*)?(?P<end>\r?\n|\r)?$",
    re.S,
)


def with_effective_date(text: str, date: dt.date) -> str:
    """`text` with its front matter's `effective_date` set to `date`, every other byte kept.

    A release records its own effective date in its tag; the copy of the policy that people
    read (`policy show`, the website's Markdown file) must state that date, not an older one
    left in the file. Only the value on the `effective_date` line changes (a comment after it
    stays), so line numbers are those of the tagged file; a front matter without the key gets
    it as its last line. A text without front matter, or one whose rewritten front matter would
    not read back as `date` (a multi-line YAML value), is returned unchanged.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() not in ("---", "+++"):
        return text
    toml = lines[0].rstrip() == "+++"
    closers = ("+++",) if toml else ("---", "...")
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in closers), None)
    if close is None:
        return text
    value = date.isoformat()
    for index in range(1, close):
        match = _DATE_LINE.match(lines[index])
        if match:
            lines[index] = f"{match['key']}{value}{match['comment'] or ''}{match['end'] or ''}"
            break
    else:
        newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
        lines.insert(close, f"effective_date{' =' if toml else ':'} {value}{newline}")
    rewritten = "".join(lines)
    written = split_front_matter(rewritten.replace("\r\n", "\n").replace("\r", "\n"))
    if written.problems or parse_date(written.meta.get("effective_date")) != date:
        return text
    return rewritten

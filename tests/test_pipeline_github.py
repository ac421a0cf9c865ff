"""GitHub Actions workflow commands: escaping, the summary and output files, `policy check`."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from gitrepo import make_repo, policy_text, write_and_commit
from hypothesis import given
from hypothesis import strategies as st

from policy.cli import main
from policy.document.lint import Finding
from policy.errors import PolicyError
from policy.pipeline.github import (
    annotation,
    append_summary,
    escape_data,
    escape_property,
    finding_annotation,
    format_outputs,
    running_in_actions,
    set_outputs,
)

_COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def unescape(text: str) -> str:
    """What the runner does to a message or property value (actions/runner's `Unescape`)."""
    return (
        text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command line as the runner reads it: level, properties, message."""
    match = _COMMAND.match(line)
    assert match, line
    properties = {}
    for pair in (match.group(2) or "").split(","):
        if pair:
            name, value = pair.split("=", 1)
            properties[name] = unescape(value)
    return match.group(1), properties, unescape(match.group(3))


def parse_outputs(text: str) -> dict[str, str]:
    """`$GITHUB_OUTPUT` as the runner reads it: `name=value` lines and `name<<DELIM` blocks."""
    outputs: dict[str, str] = {}
    lines = iter(text.split("\n"))
    for line in lines:
        if not line:
            continue
        heredoc = line.find("<<")
        equals = line.find("=")
        if heredoc != -1 and (equals == -1 or heredoc < equals):
            name, delimiter = line[:heredoc], line[heredoc + 2 :]
            value: list[str] = []
            for body in lines:
                if body == delimiter:
                    break
                value.append(body)
            else:
                raise AssertionError(f"no closing {delimiter!r}")
            outputs[name] = "\n".join(value)
        else:
            name, value_ = line.split("=", 1)
            outputs[name] = value_
    return outputs


ACTIONS = {"GITHUB_ACTIONS": "true"}


def test_running_in_actions_only_when_the_runner_says_true():
    assert running_in_actions({"GITHUB_ACTIONS": "true"}) is True
    assert running_in_actions({"GITHUB_ACTIONS": "false"}) is False
    assert running_in_actions({"GITHUB_ACTIONS": "1"}) is False
    assert running_in_actions({}) is False


def test_escaping_follows_githubs_rules():
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_annotation_with_file_line_and_title():
    assert (
        annotation("bad: thing", file="policies/a,b.md", line=7, title="policy check")
        == "::error file=policies/a%2Cb.md,line=7,title=policy check::bad: thing"
    )
    assert annotation("just this", level="warning") == "::warning::just this"
    with pytest.raises(ValueError, match="annotation level 'fatal' is not one of"):
        annotation("x", level="fatal")


@given(
    message=st.text(),
    file=st.text(min_size=1),
    line=st.integers(min_value=1, max_value=10**6),
    title=st.text(min_size=1),
)
def test_annotation_is_one_line_that_reads_back_exactly(message, file, line, title):
    command = annotation(message, file=file, line=line, title=title)
    assert "\n" not in command and "\r" not in command
    level, properties, text = parse_command(command)
    assert (level, text) == ("error", message)
    assert properties == {"file": file, "line": str(line), "title": title}


def test_finding_annotation_keeps_the_terminal_line_as_message():
    finding = Finding("policies/x.md", 2, "front matter has no `effective_date`")
    assert finding_annotation(finding) == (
        "::error file=policies/x.md,line=2,title=policy check::"
        "policies/x.md:2: front matter has no `effective_date`"
    )


def test_outputs_single_and_multi_line():
    text = format_outputs({"label": "policy: major", "body": "a\nb\n"}, delimiter="EOF_X")
    assert text == "label=policy: major\nbody<<EOF_X\na\nb\n\nEOF_X\n"
    assert parse_outputs(text) == {"label": "policy: major", "body": "a\nb\n"}


@given(
    st.dictionaries(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz_-0123456789", min_size=1, max_size=12),
        st.text(alphabet=st.characters(exclude_characters="\r")),
        max_size=4,
    )
)
def test_outputs_read_back_exactly_whatever_the_values(outputs):
    assert parse_outputs(format_outputs(outputs)) == outputs


def test_a_value_cannot_close_the_block_and_set_another_output():
    value = "x\nghadelimiter_abc\nlabel=policy: editorial"
    text = format_outputs({"body": value}, delimiter="ghadelimiter_abc")
    assert parse_outputs(text) == {"body": value}


def test_bad_output_names_are_refused():
    for name in ("", "a=b", "a\nb", "a<<b", " a"):
        with pytest.raises(ValueError, match="is not allowed"):
            format_outputs({name: "v"})


def test_files_are_appended_in_actions_and_untouched_elsewhere(tmp_path):
    summary, output = tmp_path / "summary.md", tmp_path / "output"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = {**ACTIONS, "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(output)}
    assert append_summary("### Verdict\n\nmajor\n", env) is True
    assert set_outputs({"level": "major"}, env) is True
    assert summary.read_text(encoding="utf-8") == "earlier step\n### Verdict\n\nmajor\n\n"
    assert output.read_text(encoding="utf-8") == "level=major\n"
    outside = {"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(output)}
    assert append_summary("more", outside) is False
    assert set_outputs({"x": "y"}, outside) is False
    assert append_summary("   \n", env) is False
    assert summary.read_text(encoding="utf-8") == "earlier step\n### Verdict\n\nmajor\n\n"
    assert output.read_text(encoding="utf-8") == "level=major\n"


def test_an_unwritable_summary_file_is_one_clear_error(tmp_path):
    env = {**ACTIONS, "GITHUB_STEP_SUMMARY": str(tmp_path / "missing" / "summary.md")}
    with pytest.raises(PolicyError) as caught:
        append_summary("x", env)
    assert caught.value.message == (
        f"$GITHUB_STEP_SUMMARY ({tmp_path}/missing/summary.md) cannot be written "
        "(No such file or directory); this file is provided by the GitHub Actions runner"
    )


# -- policy check in GitHub Actions -------------------------------------------------------------


@pytest.fixture
def broken(tmp_path):
    repo = make_repo(tmp_path / "repo")
    text = "---\ntitle: T\nslug: terms\n---\n\n# Terms\n\n## Empty\n\n## Full\n\nText.\n"
    write_and_commit(repo, "policies/terms.md", text, "Terms")
    good = policy_text("privacy-policy", "2026-01-01", "# Privacy\n\nText.\n")
    write_and_commit(repo, "policies/privacy-policy.md", good, "Privacy")
    return repo


def test_check_in_actions_annotates_each_finding_and_writes_the_summary(broken, tmp_path):
    summary = tmp_path / "summary.md"
    env = {**ACTIONS, "GITHUB_STEP_SUMMARY": str(summary)}
    result = CliRunner(env=env).invoke(main, ["--repo", broken.working_tree_dir, "check"])
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=policies/terms.md,line=2,title=policy check::policies/terms.md:2: "
        "front matter has no `effective_date` (add a YYYY-MM-DD date)\n"
        "::error file=policies/terms.md,line=8,title=policy check::policies/terms.md:8: "
        "section `Empty` is empty; add its text or remove the heading\n"
    )
    assert result.stderr == "2 problem(s) in 2 policies.\n"
    assert summary.read_text(encoding="utf-8") == (
        "### policy check\n\n2 problem(s) in 2 policies.\n\n"
        "| File | Line | Problem |\n| --- | ---: | --- |\n"
        "| policies/terms.md | 2 | front matter has no \\`effective\\_date\\` "
        "(add a YYYY-MM-DD date) |\n"
        "| policies/terms.md | 8 | section \\`Empty\\` is empty; add its text or remove the "
        "heading |\n\n"
    )


def test_check_outside_actions_prints_plain_lines_and_writes_no_summary(broken, tmp_path):
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": None, "GITHUB_STEP_SUMMARY": str(summary)}
    result = CliRunner(env=env).invoke(main, ["--repo", broken.working_tree_dir, "check"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "policies/terms.md:2: front matter has no `effective_date` (add a YYYY-MM-DD date)"
    )
    assert not summary.exists()


def test_check_in_actions_without_findings(broken, tmp_path):
    summary = tmp_path / "summary.md"
    env = {**ACTIONS, "GITHUB_STEP_SUMMARY": str(summary)}
    args = ["--repo", broken.working_tree_dir, "check", "privacy-policy"]
    result = CliRunner(env=env).invoke(main, args)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "1 policy checked: no problems found.\n"
    assert summary.read_text(encoding="utf-8") == (
        "### policy check\n\n1 policy checked: no problems found.\n\n"
    )


def test_classify_in_actions_adds_its_markdown_to_the_job_summary(tmp_path):
    repo = make_repo(tmp_path / "repo")
    old = policy_text(
        "privacy-policy", "2026-01-01", "# Privacy\n\n## Sharing\n\nWe share with PayPal.\n"
    )
    write_and_commit(repo, "policies/privacy-policy.md", old, "Privacy")
    write_and_commit(repo, "policies/privacy-policy.md", old.replace("PayPal", "Stripe"), "Stripe")
    args = ["--repo", repo.working_tree_dir, "classify", "HEAD~1", "HEAD"]
    summary = tmp_path / "summary.md"
    plain = CliRunner().invoke(main, [*args, "--format", "markdown"])
    env = {**ACTIONS, "GITHUB_STEP_SUMMARY": str(summary)}
    result = CliRunner(env=env).invoke(main, args)
    assert (plain.exit_code, result.exit_code) == (0, 0)
    assert result.stdout == CliRunner().invoke(main, args).stdout  # the text format, unchanged
    assert result.stdout.splitlines()[1].startswith("MAJOR change: ")
    assert summary.read_text(encoding="utf-8") == plain.stdout + "\n"
    assert plain.stdout.startswith("### Verdict: **major** change\n")


def test_text_summary_fences_the_report_whatever_it_holds():
    from policy.pipeline.summaries import text_summary

    assert text_summary("policy release", "Released 1 policy.\n") == (
        "### policy release\n\n```text\nReleased 1 policy.\n```\n"
    )
    tricky = "a ```` fence\n# not a heading"
    assert text_summary("policy *notify*", tricky) == (
        "### policy \\*notify\\*\n\n`````text\na ```` fence\n# not a heading\n`````\n"
    )

"""One effective date per release: the date a lawyer writes into the front matter is the one
the release takes (checked like `--effective`), and everything that presents a release (show,
diff and classify headers, the site's pages and Markdown copy, versions.json, the feed, the
changelog, the email) shows the date the release recorded; `check` and `review` warn when the
file's date is not the one the next release would record. Real repositories, real commands."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import pytest
from click.testing import CliRunner
from gitrepo import make_repo, policy_text, write, write_and_commit
from releasing import run_release, tag_message

from policy.cli import main

SLUG = "privacy-policy"
PATH = "policies/privacy-policy.md"
TODAY = "2026-02-01"  # notice_days 30: a major change may take effect from 2026-03-03
BODY = (
    "# Privacy Policy\n\nWe keep your data.\n\n## Sharing\n\n"
    "We share your data with PayPal to take payments.\n\n## Contact\n\nWrite to us.\n"
)
MAJOR_BODY = BODY.replace("with PayPal", "with PayPal and Stripe")
MINOR_BODY = BODY.replace("Write to us.", "Write to us by post.")


def run(repo, *args: str, env: dict[str, str] | None = None):
    return CliRunner(env=env).invoke(main, ["--repo", repo.working_tree_dir, "--no-pager", *args])


@pytest.fixture
def released(tmp_path):
    """1.0.0 released on 2026-02-01, in force since the front matter's 2026-01-01."""
    repo = make_repo(tmp_path / "repo")
    write_and_commit(repo, PATH, policy_text(SLUG, "2026-01-01", BODY), "First version")
    result = run_release(repo, SLUG, "--as-of", TODAY)
    assert result.exit_code == 0, result.output
    return repo


def commit_text(repo, date: str, body: str, message: str = "Edit") -> None:
    write_and_commit(repo, PATH, policy_text(SLUG, date, body), message)


def effective_trailer(repo, tag: str) -> str:
    return re.search(r"^Effective-Date: (.*)$", tag_message(repo, tag), re.M).group(1)


# -- the date the release takes ----------------------------------------------------------------


def test_a_date_written_in_the_front_matter_is_the_release_date(released):
    commit_text(released, "2026-04-01", MAJOR_BODY, "Stripe, from 1 April")
    result = run_release(released, SLUG, "--as-of", TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    assert (
        "  Effective:  2026-04-01 (in 59 days; the effective_date written in "
        "policies/privacy-policy.md; notice period 30 days)\n"
    ) in result.stdout
    assert effective_trailer(released, f"{SLUG}/v2.0.0") == "2026-04-01"


def test_a_minor_change_takes_the_written_date_too(released):
    commit_text(released, "2026-02-10", MINOR_BODY)
    assert run_release(released, SLUG, "--as-of", TODAY).exit_code == 0
    assert effective_trailer(released, f"{SLUG}/v1.1.0") == "2026-02-10"


def test_a_date_left_unchanged_lets_the_release_choose(released):
    commit_text(released, "2026-01-01", MAJOR_BODY)
    assert run_release(released, SLUG, "--as-of", TODAY).exit_code == 0
    assert effective_trailer(released, f"{SLUG}/v2.0.0") == "2026-03-03"  # today + 30 days


def test_a_written_date_too_soon_for_a_major_change_is_refused_with_the_fix(released):
    commit_text(released, "2026-02-15", MAJOR_BODY)
    result = run_release(released, SLUG, "--as-of", TODAY)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: a major change needs 30 days' notice, and effective_date 2026-02-15 (in "
        "policies/privacy-policy.md) is 14 days away; write effective_date: 2026-03-03 or later "
        'in policies/privacy-policy.md (or give --effective), or --short-notice-reason "..." '
        "to record why users are told later\n"
    )
    assert released.git.tag("--list").split() == [f"{SLUG}/v1.0.0"]


def test_a_short_notice_reason_allows_the_written_date_and_is_recorded(released):
    commit_text(released, "2026-02-15", MAJOR_BODY)
    result = run_release(released, SLUG, "--as-of", TODAY, "--short-notice-reason", "Court order")
    assert result.exit_code == 0, result.output
    message = tag_message(released, f"{SLUG}/v2.0.0")
    assert "Effective-Date: 2026-02-15\nShort-Notice-Reason: Court order\n" in message


def test_a_written_date_in_the_past_is_refused(released):
    commit_text(released, "2026-01-15", MINOR_BODY)
    result = run_release(released, SLUG, "--as-of", TODAY)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: effective_date 2026-01-15 (in policies/privacy-policy.md) is in the past; only "
        "a first release may take effect before today (2026-02-01); write effective_date: "
        "2026-02-01 or later in policies/privacy-policy.md (or give --effective)\n"
    )


def test_effective_overrides_the_written_date_with_the_same_checks(released):
    commit_text(released, "2026-04-01", MAJOR_BODY)
    result = run_release(released, SLUG, "--as-of", TODAY, "--effective", "2026-05-01")
    assert result.exit_code == 0, result.output
    assert effective_trailer(released, f"{SLUG}/v2.0.0") == "2026-05-01"


def test_effective_too_soon_is_refused_even_when_the_file_asks_later(released):
    commit_text(released, "2026-04-01", MAJOR_BODY)
    result = run_release(released, SLUG, "--as-of", TODAY, "--effective", "2026-02-20")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: a major change needs 30 days' notice, and 2026-02-20 is 19 days away; "
        "give --effective 2026-03-03 or later"
    )


def test_a_file_brought_in_line_with_its_release_asks_for_nothing(released):
    """2.0.0 recorded 2026-03-03 while its file kept 2026-01-01; writing 2026-03-03 into the
    file (the date published) is no request: the next release chooses its date as usual."""
    commit_text(released, "2026-01-01", MAJOR_BODY)
    assert run_release(released, SLUG, "--as-of", TODAY).exit_code == 0
    commit_text(released, "2026-03-03", MAJOR_BODY.replace("Write to us.", "Write to us now."))
    assert run_release(released, SLUG, "--as-of", "2026-04-01").exit_code == 0
    assert effective_trailer(released, f"{SLUG}/v2.1.0") == "2026-04-01"


# -- everything shows the release's date ---------------------------------------------------------


@pytest.fixture
def major(released):
    """2.0.0: a major change released on 2026-02-01 with the default date 2026-03-03, its file
    still saying 2026-01-01; and 2.1.0, whose file asks for 2026-06-01."""
    commit_text(released, "2026-01-01", MAJOR_BODY, "Stripe")
    assert run_release(released, SLUG, "--as-of", TODAY).exit_code == 0
    commit_text(released, "2026-06-01", MINOR_BODY.replace("PayPal", "PayPal and Stripe"))
    assert run_release(released, SLUG, "--as-of", TODAY).exit_code == 0
    assert effective_trailer(released, f"{SLUG}/v2.1.0") == "2026-06-01"
    return released


def test_show_prints_the_release_date_in_the_front_matter(major):
    result = run(major, "show", SLUG, "2.0.0")
    assert result.exit_code == 0
    assert result.stdout == policy_text(SLUG, "2026-03-03", MAJOR_BODY)
    assert run(major, "show", SLUG, "WORKTREE").stdout.startswith(
        "---\ntitle: Privacy Policy\nslug: privacy-policy\neffective_date: 2026-06-01\n"
    )


def test_diff_and_classify_headers_give_the_release_dates(major):
    diff = run(major, "diff", SLUG, "1.0.0", "2.0.0")
    assert diff.stdout.splitlines()[:2] == [
        "--- v1.0.0 (effective 2026-01-01)",
        "+++ v2.0.0 (effective 2026-03-03)",
    ]
    assert "2026-01-01 → " not in diff.stdout and "effective_date:" not in diff.stdout
    later = run(major, "diff", SLUG, "2.0.0", "2.1.0")
    assert later.stdout.splitlines()[:2] == [
        "--- v2.0.0 (effective 2026-03-03)",
        "+++ v2.1.0 (effective 2026-06-01)",
    ]
    classify = run(major, "classify", SLUG, "1.0.0", "2.0.0")
    assert classify.stdout.splitlines()[0] == (
        "v1.0.0 (effective 2026-01-01) → v2.0.0 (effective 2026-03-03)"
    )


def test_the_date_change_a_file_made_reads_from_the_release_dates(major):
    """2.1.0's file changed 2026-01-01 to 2026-06-01; 2.0.0 took effect on 2026-03-03."""
    payload = json.loads(run(major, "diff", SLUG, "2.0.0", "2.1.0", "--format", "json").stdout)
    dated = [c for c in payload["changes"] if c["detail"] == "effective_date"]
    assert [(c["before"], c["after"]) for c in dated] == [
        ("effective_date: 2026-03-03", "effective_date: 2026-06-01")
    ]


def test_the_site_copy_pages_json_and_feed_give_the_release_dates(major, tmp_path):
    out = tmp_path / "site"
    result = run(major, "publish", "--out", str(out), "--as-of", TODAY)
    assert result.exit_code == 0, result.output
    copy = (out / SLUG / "v2.0.0" / f"{SLUG}.md").read_bytes()
    assert copy.decode() == policy_text(SLUG, "2026-03-03", MAJOR_BODY)
    tagged = major.git.show(f"{SLUG}/v2.0.0:{PATH}") + "\n"
    assert "effective_date: 2026-01-01" in tagged
    listing = json.loads((out / SLUG / "versions.json").read_text())
    v2 = next(r for r in listing["releases"] if r["version"] == "2.0.0")
    assert v2["effective_date"] == "2026-03-03"
    assert v2["sha256"] == hashlib.sha256(copy).hexdigest()
    assert v2["tagged_sha256"] == hashlib.sha256(tagged.encode()).hexdigest()
    page = (out / SLUG / "v2.0.0" / "index.html").read_text()
    assert '<time datetime="2026-03-03">3 March 2026</time>' in page
    assert "2026-01-01" not in page.split("<article")[0].split("Effective")[1][:200]
    assert v2["sha256"] in page and v2["tagged_sha256"] in page
    redline = (out / SLUG / "v2.0.0" / "changes.html").read_text()
    assert "effective 2026-03-03" in redline and "Changed effective_date" not in redline
    assert "effective 2026-01-01" in redline  # 1.0.0's own date, on the old side
    later = (out / SLUG / "v2.1.0" / "changes.html").read_text()
    assert "effective_date: 2026-<del>03</del><ins>06</ins>-<del>03</del><ins>01</ins>" in later
    assert "2026-01-01" not in later
    feed = (out / SLUG / "feed.xml").read_text()
    assert "Takes effect on 3 March 2026." in feed and "Takes effect on 1 June 2026." in feed
    v1 = next(r for r in listing["releases"] if r["version"] == "1.0.0")
    assert v1["sha256"] == v1["tagged_sha256"]  # 1.0.0 recorded the file's own date


def test_the_changelog_gives_the_release_dates(major):
    result = run(major, "changelog", SLUG)
    assert result.exit_code == 0
    assert "## 2.1.0 (effective 2026-06-01)" in result.stdout
    assert "## 2.0.0 (effective 2026-03-03)" in result.stdout


def test_the_email_gives_the_release_date(major):
    from policy.notifier.message import render_all
    from policy.notifier.notice import build_notice, pick_release
    from policy.versions.repository import PolicyRepository

    repository = PolicyRepository.open(major.working_tree_dir)
    try:
        notice = build_notice(repository, pick_release(repository, SLUG, "2.0.0"))
        email = render_all(notice, repository.root, "").by_locale["en"].personalized("Ann")
    finally:
        repository.close()
    assert "3\u00a0March\u00a02026" in email.text or "3 March 2026" in email.text
    assert "2026" in email.subject or "March" in email.text
    assert "January" not in email.text


# -- check and review warn ---------------------------------------------------------------------


def test_check_warns_when_the_file_keeps_an_old_date_and_exits_zero(released):
    write(released, PATH, policy_text(SLUG, "2026-01-01", MINOR_BODY))
    result = run(released, "check")
    assert result.exit_code == 0
    assert result.stdout == (
        "policies/privacy-policy.md:4: warning: effective_date 2026-01-01 is the date left "
        "from release 1.0.0, not one chosen for the next release; that release will record "
        "its own date (the day it is made, or 30 days later for a major change) and every "
        "page and email will show it; write the day this version should take effect to "
        "choose it\n"
    )
    assert result.stderr == "1 policy checked: no problems found (1 warning(s)).\n"


def test_check_warns_when_the_written_date_will_be_refused(released):
    write(released, PATH, policy_text(SLUG, "2020-01-01", MINOR_BODY))
    result = run(released, "check")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "policies/privacy-policy.md:4: warning: the next release will refuse this date: "
        "effective_date 2020-01-01 (in policies/privacy-policy.md) is in the past;"
    )


def test_check_is_quiet_when_the_file_asks_for_a_good_date_or_nothing_changed(released):
    assert run(released, "check").stdout == ""
    write(released, PATH, policy_text(SLUG, "2099-01-01", MINOR_BODY))
    result = run(released, "check")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "1 policy checked: no problems found.\n"


def test_review_warns_in_the_comment_with_the_date_the_release_would_record(released):
    released.git.checkout("-b", "edit")
    commit_text(released, "2026-01-01", MAJOR_BODY)
    result = run(released, "review", env={"GITHUB_BASE_REF": "main"})
    assert result.exit_code == 0
    due = dt.date.today() + dt.timedelta(days=30)
    warning = (
        "effective_date 2026-01-01 is the date left from release 1.0.0; released today, this "
        f"major change would take effect on {due}, the date every page and email would show; "
        "write the day this version should take effect to choose it"
    )
    escaped = warning.replace("effective_date", "effective\\_date")  # Markdown
    assert f"> **Effective date:** {escaped}\n" in result.stdout
    assert result.stderr == f"Warning: {SLUG}: {warning}\n"
    commit_text(released, (due + dt.timedelta(days=1)).isoformat(), MAJOR_BODY)
    quiet = run(released, "review", env={"GITHUB_BASE_REF": "main"})
    assert "Effective date:" not in quiet.stdout and quiet.stderr == ""


# -- the rewrite of the front matter's date ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "---\ntitle: X\neffective_date: 2026-01-01  # legal\n---\nBody\n",
            "---\ntitle: X\neffective_date: 2026-03-03  # legal\n---\nBody\n",
        ),
        (
            '---\r\ntitle: X\r\neffective_date: "2026-01-01"\r\n---\r\n',
            "---\r\ntitle: X\r\neffective_date: 2026-03-03\r\n---\r\n",
        ),
        (
            '+++\ntitle = "X"\neffective_date = 2026-01-01\n+++\n',
            '+++\ntitle = "X"\neffective_date = 2026-03-03\n+++\n',
        ),
        ("---\ntitle: X\n---\n# B\n", "---\ntitle: X\neffective_date: 2026-03-03\n---\n# B\n"),
        ("# No front matter\n", "# No front matter\n"),
        (
            "---\neffective_date: >\n  2026-01-01\n---\n",
            "---\neffective_date: >\n  2026-01-01\n---\n",
        ),
    ],
)
def test_the_front_matter_date_is_rewritten_in_place(text, expected):
    from policy.document.frontmatter import with_effective_date

    assert with_effective_date(text, dt.date(2026, 3, 3)) == expected


def test_the_rewrite_changes_the_date_line_only():
    from hypothesis import given
    from hypothesis import strategies as st

    from policy.document.frontmatter import split_front_matter, with_effective_date

    safe = st.text(st.characters(whitelist_categories=("L", "N", "Zs")), max_size=30)

    @given(
        title=safe,
        body=st.text(max_size=200),
        old=st.dates(),
        new=st.dates(),
        extra=st.lists(st.tuples(st.sampled_from(["owner", "version", "note"]), safe)),
    )
    def check(title, body, old, new, extra):
        lines = ["---", f"title: '{title}'", f"effective_date: {old}"]
        lines += [f"{key}: '{value}'" for key, value in dict(extra).items()]
        text = "\n".join([*lines, "---", body])
        rewritten = with_effective_date(text, new)
        before, after = text.split("\n"), rewritten.split("\n")
        assert len(before) == len(after)
        assert [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] in (
            [],
            [2],
        )
        meta = split_front_matter(rewritten).meta
        assert meta["effective_date"] == new
        assert meta["title"] == split_front_matter(text).meta["title"]

    check()

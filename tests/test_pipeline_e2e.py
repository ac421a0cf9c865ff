"""End to end: the `run:` scripts of the workflows, taken from the YAML files and run with bash
as a GitHub runner runs them, in temporary clones of a bare "origin" repository.

A lawyer's edit on a branch gets its review comment and label; after the merge, the release
job tags and pushes, the publish job builds the site, the notify job emails users through the
local SendGrid stand-in; a second run on the same merge does nothing twice. What GitHub itself
does (checkout, job outputs, `if:` conditions) is done by the small helpers here, and the
conditions they assume are asserted against the workflow files so the two cannot drift apart.
The comment job's `gh api` scripts run with the real `gh` against `github_standin`, a local
stand-in of GitHub's REST API on a Unix socket.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import git
import pytest
import yaml
from github_standin import BOT, GitHubStandIn
from gitrepo import make_repo
from sqlalchemy.engine import make_url
from test_pipeline_github import parse_outputs

from policy.pipeline.review import MARKER

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
PRIVACY = "policies/privacy-policy.md"
RUNNER_IDENTITY = {"GIT_AUTHOR_NAME": "runner", "GIT_AUTHOR_EMAIL": "runner@example.invalid"}


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def job(workflow_name: str, job_id: str) -> dict:
    return workflow(workflow_name)["jobs"][job_id]


def step(workflow_name: str, job_id: str, step_name: str) -> dict:
    steps = [s for s in job(workflow_name, job_id)["steps"] if s.get("name") == step_name]
    assert len(steps) == 1, f"{workflow_name}: job {job_id} has no single step {step_name!r}"
    return steps[0]


@dataclass
class StepResult:
    returncode: int
    stdout: str
    stderr: str
    outputs: dict[str, str]
    summary: str


def run_step(
    workflow_name: str,
    job_id: str,
    step_name: str,
    workdir: Path,
    env: dict[str, str] | None = None,
) -> StepResult:
    """Run one step's `run:` script as the runner does (`bash --noprofile --norc -eo pipefail`),
    with GITHUB_ACTIONS, a fresh GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, and `env` standing for
    the step's and job's `env:` (every variable they declare must be given)."""
    spec = step(workflow_name, job_id, step_name)
    declared = {**(job(workflow_name, job_id).get("env") or {}), **(spec.get("env") or {})}
    given = dict(env or {})
    for name, value in declared.items():
        if "${{" not in str(value):
            given.setdefault(name, str(value))  # a literal in the workflow is used as written
    assert set(declared) <= set(given), f"{step_name}: no value for {set(declared) - set(given)}"
    files = workdir.parent / f"{workdir.name}-step"
    files.mkdir(exist_ok=True)
    output, summary = files / "output", files / "summary.md"
    output.write_text("", encoding="utf-8")
    summary.write_text("", encoding="utf-8")
    process_env = {
        **os.environ,
        **given,
        "GITHUB_ACTIONS": "true",
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "no_proxy": "127.0.0.1,localhost",
    }
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", spec["run"]],
        cwd=workdir,
        env=process_env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return StepResult(
        done.returncode,
        done.stdout,
        done.stderr,
        parse_outputs(output.read_text(encoding="utf-8")),
        summary.read_text(encoding="utf-8"),
    )


def checkout(origin: Path, where: Path, ref: str = "main") -> Path:
    """actions/checkout with fetch-depth 0: every branch as origin/NAME, every tag, HEAD at
    `ref`; and the `.venv` the steps call (this test's own virtual environment)."""
    repo = git.Repo.clone_from(origin, where)
    repo.git.checkout("--detach", f"origin/{ref}" if ref in _branches(repo) else ref)
    repo.close()
    (where / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    (where / ".git" / "info" / "exclude").write_text(".venv\n", encoding="utf-8")
    return where


def _branches(repo: git.Repo) -> set[str]:
    return {ref.remote_head for ref in repo.remotes.origin.refs}


@pytest.fixture
def origin(tmp_path):
    """The GitHub repository: a bare origin whose main holds the bundled privacy policy and
    policy.toml; and a lawyer's clone to work in."""
    bare = tmp_path / "origin.git"
    git.Repo.init(bare, bare=True, initial_branch="main").close()
    lawyer = make_repo(tmp_path / "lawyer")
    for relpath in (PRIVACY, "policy.toml"):
        target = tmp_path / "lawyer" / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((ROOT / relpath).read_bytes())
    lawyer.git.add("-A")
    lawyer.git.commit("-m", "The privacy policy in force")
    lawyer.create_remote("origin", str(bare))
    lawyer.git.push("origin", "main")
    yield bare, lawyer
    lawyer.close()


def edit(lawyer: git.Repo, old: str, new: str, message: str) -> None:
    path = Path(lawyer.working_tree_dir) / PRIVACY
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8", newline="\n")
    lawyer.git.commit("-am", message)


def pull_request_checkout(bare: Path, where: Path, branch: str) -> Path:
    """What actions/checkout gives a pull_request run: the merge of the branch into main."""
    workdir = checkout(bare, where, "main")
    repo = git.Repo(workdir)
    repo.git.merge("--no-ff", "-m", f"Merge {branch} into main", f"origin/{branch}",
                   env={**os.environ, **RUNNER_IDENTITY, "GIT_COMMITTER_NAME": "runner",
                        "GIT_COMMITTER_EMAIL": "runner@example.invalid"})  # fmt: skip
    repo.close()
    return workdir


# -- the pull request ---------------------------------------------------------------------------


def test_the_review_workflow_on_a_lawyers_pull_request(origin, tmp_path):
    bare, lawyer = origin
    lawyer.git.checkout("-b", "stripe")
    edit(lawyer, "(currently Paypal )", "(currently Stripe )", "Payments through Stripe")
    lawyer.git.push("origin", "stripe")
    workdir = pull_request_checkout(bare, tmp_path / "runner", "stripe")
    pr_env = {"GITHUB_BASE_REF": "main"}  # set by GitHub on pull_request events

    assert workflow("policy-review.yml")[True] == {
        "pull_request": {"paths": ["policies/**", "policy.toml"]}
    }  # PyYAML reads the key `on` as True
    checked = run_step("policy-review.yml", "review", "policy check", workdir, pr_env)
    assert (checked.returncode, checked.stdout) == (0, "")
    assert checked.stderr == "1 policy checked: no problems found.\n"
    assert checked.summary == "### policy check\n\n1 policy checked: no problems found.\n\n"

    reviewed = run_step("policy-review.yml", "review", "policy review", workdir, pr_env)
    assert (reviewed.returncode, reviewed.stdout, reviewed.stderr) == (0, "", "")
    assert set(reviewed.outputs) == {
        "body", "label", "labels_to_remove", "level", "decision_label", "needs_decision"
    }  # fmt: skip
    assert reviewed.outputs["label"] == "policy: major"
    assert (reviewed.outputs["decision_label"], reviewed.outputs["needs_decision"]) == ("", "false")
    assert reviewed.outputs["labels_to_remove"] == (
        "policy: minor\npolicy: editorial\npolicy: needs decision"
    )
    body = reviewed.outputs["body"]
    assert body.startswith(MARKER + "\n## Policy review: major\n")
    assert "Major change: Recipients of sharing, transfer or disclosure." in body
    assert "(currently ~~Paypal~~ **Stripe** )" in body
    assert len(body) < 65_536
    assert reviewed.summary == body.removeprefix(MARKER + "\n") + "\n"

    # The comment job reads exactly these outputs, through env: and never inside run:.
    comment = job("policy-review.yml", "comment")
    assert comment["needs"] == "review"
    assert comment["permissions"] == {"pull-requests": "write"}
    assert "steps.review.outputs.body" in job("policy-review.yml", "review")["outputs"]["body"]
    for spec in comment["steps"]:
        assert "${{" not in spec["run"]

    # Another run on the same commit (a re-run, or a push that changes nothing in the policy)
    # gives the same body: the comment is edited to the same text, not duplicated.
    again = run_step("policy-review.yml", "review", "policy review", workdir, pr_env)
    assert again.outputs == reviewed.outputs


def test_the_review_workflow_annotates_a_broken_policy(origin, tmp_path):
    bare, lawyer = origin
    lawyer.git.checkout("-b", "broken")
    edit(lawyer, "effective_date: 2026-01-01\n", "", "Forget the date")
    lawyer.git.push("origin", "broken")
    workdir = pull_request_checkout(bare, tmp_path / "runner", "broken")
    checked = run_step("policy-review.yml", "review", "policy check", workdir)
    assert checked.returncode == 1
    assert checked.stdout == (
        "::error file=policies/privacy-policy.md,line=2,title=policy check::"
        "policies/privacy-policy.md:2: front matter has no `effective_date` "
        "(add a YYYY-MM-DD date)\n"
    )
    # The review step still runs (`if: !cancelled()`), so the comment shows the redline too.
    assert step("policy-review.yml", "review", "policy review")["if"] == "${{ !cancelled() }}"
    reviewed = run_step("policy-review.yml", "review", "policy review", workdir, {
        "GITHUB_BASE_REF": "main"})  # fmt: skip
    assert reviewed.returncode == 0
    assert "effective\\_date" in reviewed.outputs["body"]


# -- the sticky comment and the label, with the real `gh` --------------------------------------

# Skipped on a developer's machine without gh or jq, a failure under CI (tests/tools.py).
needs_gh = pytest.mark.needs("gh", "jq")


def comment_job(github: GitHubStandIn, gh_config: Path, workdir: Path, review: StepResult):
    """The `comment` job's two steps, with the review job's outputs as GitHub passes them."""
    env = {
        "GH_TOKEN": "bot-token",
        "GH_REPO": github.state.repo,
        "PR": str(github.state.number),
        "GH_CONFIG_DIR": str(gh_config),
        "GH_NO_UPDATE_NOTIFIER": "1",
        "BODY": review.outputs["body"],
        "LABEL": review.outputs["label"],
        "REMOVE": review.outputs["labels_to_remove"],
        "DECISION": review.outputs["decision_label"],
    }
    created = run_step("policy-review.yml", "comment", "Create or update the review comment",
                       workdir, env)  # fmt: skip
    swapped = run_step("policy-review.yml", "comment", "Swap the policy label", workdir, env)
    return created, swapped


@needs_gh
def test_one_sticky_comment_updated_on_each_push_and_the_label_swapped(origin, tmp_path):
    bare, lawyer = origin
    lawyer.git.checkout("-b", "stripe")
    edit(lawyer, "(currently Paypal )", "(currently Stripe )", "Payments through Stripe")
    lawyer.git.push("origin", "stripe")
    pr_env = {"GITHUB_BASE_REF": "main"}
    socket = tmp_path / "github.sock"
    with GitHubStandIn(socket, "soocas/policies", 7, token="bot-token", page_size=2) as github:
        gh_config = github.gh_config(tmp_path / "gh")
        state = github.state
        state.add_comment("lawyer", "Please review.")
        state.add_comment("lawyer", "<!-- policy-review --> quoted by a person: not ours to edit")
        state.add_comment("reviewer", "Looks right.")
        state.labels[:] = ["documentation", "policy: minor"]

        first = pull_request_checkout(bare, tmp_path / "run1", "stripe")
        review = run_step("policy-review.yml", "review", "policy review", first, pr_env)
        created, swapped = comment_job(github, gh_config, first, review)
        assert (created.returncode, created.stderr) == (0, "")
        assert (swapped.returncode, swapped.stderr) == (0, "")
        ours = [c for c in state.comments if c.user == BOT]
        assert len(ours) == 1
        assert ours[0].body == review.outputs["body"]
        assert state.comments[1].body.endswith("not ours to edit")
        assert state.labels == ["documentation", "policy: major"]

        # The lawyer pushes again: an editorial fix on top. The same comment is edited.
        edit(lawyer, "Please take a moment", "Please take a moment,", "Comma")
        lawyer.git.push("origin", "stripe")
        second = pull_request_checkout(bare, tmp_path / "run2", "stripe")
        state.requests.clear()
        review2 = run_step("policy-review.yml", "review", "policy review", second, pr_env)
        assert review2.outputs["body"] != review.outputs["body"]
        created, swapped = comment_job(github, gh_config, second, review2)
        assert (created.returncode, swapped.returncode) == (0, 0)
        ours = [c for c in state.comments if c.user == BOT]
        assert [c.body for c in ours] == [review2.outputs["body"]]
        assert len(state.comments) == 4
        assert f"PATCH /repos/soocas/policies/issues/comments/{ours[0].id}" in state.requests
        assert not any(r.startswith("POST /repos/soocas/policies/issues/7/comments")
                       for r in state.requests)  # fmt: skip
        assert state.labels == ["documentation", "policy: major"]


@needs_gh
def test_a_forks_read_only_token_cannot_comment_so_the_job_is_skipped(origin, tmp_path):
    """GitHub gives a fork's pull request a read-only token: the comment job would fail, so
    its `if:` skips it for forks (the review is in the job summary instead)."""
    condition = " ".join(job("policy-review.yml", "comment")["if"].split())
    assert condition == (
        "!cancelled() && needs.review.outputs.body != '' && "
        "github.event.pull_request.head.repo.full_name == github.repository"
    )
    bare, lawyer = origin
    lawyer.git.checkout("-b", "stripe")
    edit(lawyer, "(currently Paypal )", "(currently Stripe )", "Payments through Stripe")
    lawyer.git.push("origin", "stripe")
    workdir = pull_request_checkout(bare, tmp_path / "run", "stripe")
    review = run_step("policy-review.yml", "review", "policy review", workdir,
                      {"GITHUB_BASE_REF": "main"})  # fmt: skip
    socket = tmp_path / "github.sock"
    with GitHubStandIn(socket, "soocas/policies", 8, token="bot-token", read_only=True) as github:
        created, _ = comment_job(github, github.gh_config(tmp_path / "gh"), workdir, review)
        assert created.returncode == 1
        assert "Resource not accessible by integration (HTTP 403)" in created.stderr
        assert github.state.comments == []


# -- the merge: release, publish, notify ---------------------------------------------------------

RECIPIENTS = ("ana@example.com", "bo@example.com", "chen@example.org")


@dataclass
class ReleaseRun:
    """What one run of policy-release.yml did, job by job."""

    released: str
    major: str
    release_log: str
    site: Path | None
    notified: list[StepResult]


def recipients_database(path: Path) -> str:
    """The users' database the notify job reads (`POLICY_RECIPIENTS_URL`), here SQLite."""
    import sqlite3

    db = sqlite3.connect(path)
    with db:
        db.execute("CREATE TABLE users (email TEXT, name TEXT, active INTEGER)")
        rows = [(email, email.split("@")[0].title(), 1) for email in RECIPIENTS]
        db.executemany("INSERT INTO users VALUES (?, ?, ?)", [*rows, ("gone@example.com", "", 0)])
    db.close()
    return f"sqlite:///{path}"


FETCH_NOTES = "Fetch the recorded classifications"
TOKEN = {"TOKEN": "a-token-the-local-origin-ignores"}


def release_workflow(bare: Path, where: Path, secrets: dict[str, str]) -> ReleaseRun:
    """One run of policy-release.yml on origin's main: each job on a fresh checkout (runners
    keep nothing between jobs), job outputs passed on, `if:` conditions as in the file."""
    assert job("policy-release.yml", "publish")["if"] == (
        "needs.release.outputs.released != '' || github.event_name == 'schedule'"
    )
    assert job("policy-release.yml", "notify")["if"] == "needs.release.outputs.major != ''"
    assert job("policy-release.yml", "notify")["needs"] == ["release", "deploy"]
    release_dir = checkout(bare, where / "release")
    fetched = run_step("policy-release.yml", "release", FETCH_NOTES, release_dir)
    assert fetched.returncode == 0, fetched.stderr
    released = run_step("policy-release.yml", "release", "policy release --all", release_dir)
    assert (released.returncode, released.stderr) == (0, ""), released.stderr
    assert released.summary == f"### policy release\n\n```text\n{released.stdout}```\n\n"
    tags, major = released.outputs["released"], released.outputs["major"]
    site, notified = None, []
    if tags:
        pushed = run_step("policy-release.yml", "release", "Push the new tags and their notes",
                          release_dir, {"RELEASED": tags})  # fmt: skip
        assert pushed.returncode == 0, pushed.stderr
        publish_dir = checkout(bare, where / "publish")
        fetched = run_step("policy-release.yml", "publish", FETCH_NOTES, publish_dir, TOKEN)
        assert fetched.returncode == 0, fetched.stderr
        published = run_step("policy-release.yml", "publish", "policy publish", publish_dir)
        assert published.returncode == 0, published.stderr
        assert published.summary == f"### policy publish\n\n```text\n{published.stdout}```\n\n"
        assert published.stdout.startswith(f"{publish_dir / 'site'}: 1 policy, ")
        # The site shows what each release recorded: nothing was classified again.
        assert not (publish_dir / ".policy" / "classifications").exists()
        runner_temp = where / "publish-runner-temp"  # the runner's $RUNNER_TEMP
        runner_temp.mkdir(exist_ok=True)
        copy = "Copy the site to deploy, without hidden files"
        copied = run_step("policy-release.yml", "publish", copy, publish_dir,
                          {"RUNNER_TEMP": str(runner_temp)})  # fmt: skip
        assert copied.returncode == 0, copied.stderr
        upload = step_using(job("policy-release.yml", "publish"), "actions/upload-pages-artifact@")
        site = Path(upload["with"]["path"].replace("${{ runner.temp }}", str(runner_temp)))
    if major:
        notify_dir = checkout(bare, where / "notify")
        fetched = run_step("policy-release.yml", "notify", FETCH_NOTES, notify_dir, TOKEN)
        assert fetched.returncode == 0, fetched.stderr
        notified.append(notify_job(notify_dir, major, secrets))
        assert not (notify_dir / ".policy" / "classifications").exists()
    return ReleaseRun(tags, major, released.stdout, site, notified)


NOTIFY_STEP = "policy notify, once per major release"
PUSH_RECORDS = "Push the notify records"


def notify_job(workdir: Path, major: str, secrets: dict[str, str]) -> StepResult:
    """The notify job's `policy notify` step, then its push of the records it appended to the
    release tags (which runs whatever the notify step's result: `if: always()`)."""
    assert step("policy-release.yml", "notify", PUSH_RECORDS)["if"] == "${{ always() }}"
    env = {"MAJOR": major, **secrets}
    notified = run_step("policy-release.yml", "notify", NOTIFY_STEP, workdir, env)
    pushed = run_step("policy-release.yml", "notify", PUSH_RECORDS, workdir, TOKEN)
    assert pushed.returncode == 0, pushed.stderr
    return notified


def step_using(spec: dict, prefix: str) -> dict:
    return next(s for s in spec["steps"] if s.get("uses", "").startswith(prefix))


def test_from_merge_to_inbox_and_a_second_run_does_nothing_twice(origin, tmp_path, pg_module_url):
    """The ledger is a real PostgreSQL, as in production: runners are gone after each job."""
    from sendgrid_standin import SendGridStandIn

    bare, lawyer = origin
    with SendGridStandIn() as sendgrid:
        secrets = {
            "SENDGRID_API_KEY": sendgrid.api_key,
            "SENDGRID_API_HOST": sendgrid.url,  # instead of SendGrid's own address
            "POLICY_LEDGER_URL": pg_module_url,  # outlives the runners
            "POLICY_RECIPIENTS_URL": recipients_database(tmp_path / "users.sqlite3"),
            "POLICY_RECIPIENTS_QUERY": "SELECT email, name FROM users WHERE active = 1",
        }
        # The policy already in force becomes v1.0.0 (level none: nobody is emailed).
        first = release_workflow(bare, tmp_path / "run1", secrets)
        assert (first.released, first.major, first.notified) == ("privacy-policy/v1.0.0", "", [])

        # A lawyer's pull request, reviewed, then merged.
        lawyer.git.checkout("-b", "stripe")
        edit(lawyer, "(currently Paypal )", "(currently Stripe )", "Payments through Stripe")
        lawyer.git.push("origin", "stripe")
        pr = pull_request_checkout(bare, tmp_path / "pr", "stripe")
        review = run_step("policy-review.yml", "review", "policy review", pr,
                          {"GITHUB_BASE_REF": "main"})  # fmt: skip
        assert review.outputs["label"] == "policy: major"
        lawyer.git.checkout("main")
        lawyer.git.merge("--no-ff", "-m", "Merge pull request #7 from stripe", "stripe")
        lawyer.git.push("origin", "main")

        second = release_workflow(bare, tmp_path / "run2", secrets)
        assert (second.released, second.major) == ("privacy-policy/v2.0.0", "privacy-policy/v2.0.0")
        origin_tags = git.Repo(bare).git.tag("--list").split()
        assert origin_tags == ["privacy-policy/v1.0.0", "privacy-policy/v2.0.0"]
        # v2.0.0's classification went to origin with its tag, as a note on the tag.
        note = git.Repo(bare).git.notes("--ref", "policy", "show", "privacy-policy/v2.0.0^{tag}")
        assert '"level": "major"' in note and '"sharing"' in note
        assert second.site is not None
        assert (second.site / "index.html").is_file()
        assert not (second.site / ".policy-publish").exists()  # the build's state stays behind
        assert (second.site / "privacy-policy" / "v2.0.0" / "index.html").is_file()
        assert (second.site / "privacy-policy" / "v2.0.0" / "changes.html").is_file()
        [sent] = second.notified
        assert sent.returncode == 0, sent.stderr
        assert sendgrid.deliveries() == {address: 1 for address in RECIPIENTS}
        assert sent.summary.startswith("### policy notify\n\n```text\nprivacy-policy 2.0.0")
        assert "  sent now                               3\n" in sent.summary
        assert not any(address in sent.summary for address in RECIPIENTS)
        # The outcome reached origin, on the release tag, without the ledger's password.
        record = git.Repo(bare).git.notes(
            "--ref", "policy-notify", "show", "privacy-policy/v2.0.0^{tag}"
        )
        [line] = [json.loads(x) for x in record.splitlines() if x.strip()]
        assert (line["release"], line["outcome"], line["complete"]) == (
            "privacy-policy@2.0.0",
            "sent",
            True,
        )
        assert (line["accepted"], line["pending"], line["invalid"], line["cancelled"]) == (
            3,
            0,
            0,
            0,
        )
        password = make_url(pg_module_url).password
        assert password and password not in record and ":***@" in line["ledger"]

        # The same merge again (a re-run, or a push that changes no policy): nothing to
        # release, so no tag, no site, no email; a re-run of the notify job sends nobody twice.
        third = release_workflow(bare, tmp_path / "run3", secrets)
        assert (third.released, third.major, third.site, third.notified) == ("", "", None, [])
        assert git.Repo(bare).git.tag("--list").split() == origin_tags
        rerun = checkout(bare, tmp_path / "rerun")
        fetched = run_step("policy-release.yml", "notify", FETCH_NOTES, rerun, TOKEN)
        assert fetched.returncode == 0, fetched.stderr
        again = notify_job(rerun, second.major, secrets)
        assert again.returncode == 0, again.stderr
        assert sendgrid.deliveries() == {address: 1 for address in RECIPIENTS}

        # A runner whose POLICY_LEDGER_URL is missing gets an empty ledger in its `.policy/`:
        # the repository's record stops it from emailing everyone again.
        bare_runner = checkout(bare, tmp_path / "no-ledger")
        fetched = run_step("policy-release.yml", "notify", FETCH_NOTES, bare_runner, TOKEN)
        assert fetched.returncode == 0, fetched.stderr
        refused = notify_job(bare_runner, second.major, {**secrets, "POLICY_LEDGER_URL": ""})
        assert refused.returncode == 1
        assert "The repository records that its notice went out (3 accepted by SendGrid, " in (
            refused.stdout
        )
        assert "sqlite:///.policy/ledger.sqlite3" in refused.stdout
        assert "Point --ledger (or POLICY_LEDGER_URL) at that ledger" in refused.stdout
        assert sendgrid.deliveries() == {address: 1 for address in RECIPIENTS}


# -- a GitHub Release per new tag, its notes the changelog entry --------------------------------


def release_and_push(bare: Path, where: Path) -> str:
    """The release job: `policy release --all`, then the tags pushed; the tags released."""
    workdir = checkout(bare, where)
    fetched = run_step("policy-release.yml", "release", FETCH_NOTES, workdir)
    assert fetched.returncode == 0, fetched.stderr
    released = run_step("policy-release.yml", "release", "policy release --all", workdir)
    assert released.returncode == 0, released.stderr
    tags = released.outputs["released"]
    if tags:
        pushed = run_step("policy-release.yml", "release", "Push the new tags and their notes",
                          workdir, {"RELEASED": tags})  # fmt: skip
        assert pushed.returncode == 0, pushed.stderr
    return tags


@needs_gh
def test_each_new_tag_gets_a_github_release_whose_notes_are_its_changelog_entry(origin, tmp_path):
    spec = job("policy-release.yml", "github-release")
    assert (spec["needs"], spec["if"]) == ("release", "needs.release.outputs.released != ''")
    assert spec["permissions"] == {"contents": "write"}
    bare, lawyer = origin
    name = "gh release create, notes from policy changelog"
    with GitHubStandIn(tmp_path / "github.sock", "soocas/policies", 1, token="bot-token") as github:
        env = {"GH_TOKEN": "bot-token", "GH_REPO": github.state.repo,
               "GH_CONFIG_DIR": str(github.gh_config(tmp_path / "gh")),
               "GH_NO_UPDATE_NOTIFIER": "1"}  # fmt: skip

        def github_release_job(run: str, released: str) -> StepResult:
            github.state.tags = set(git.Repo(bare).git.tag("--list").split())
            workdir = checkout(bare, tmp_path / run)
            return run_step("policy-release.yml", "github-release", name, workdir,
                            {**env, "RELEASED": released})  # fmt: skip

        first = release_and_push(bare, tmp_path / "release1")
        assert first == "privacy-policy/v1.0.0"
        made = github_release_job("gh1", first)
        assert (made.returncode, made.stderr) == (0, ""), made.stderr
        edit(lawyer, "(currently Paypal )", "(currently Stripe )", "Payments through Stripe")
        lawyer.git.push("origin", "main")
        second = release_and_push(bare, tmp_path / "release2")
        assert second == "privacy-policy/v2.0.0"
        made = github_release_job("gh2", second)
        assert made.returncode == 0, made.stderr

        releases = {r["tag_name"]: r for r in github.state.releases}
        assert list(releases) == ["privacy-policy/v1.0.0", "privacy-policy/v2.0.0"]
        v2 = releases["privacy-policy/v2.0.0"]
        assert (v2["name"], v2["draft"], v2["prerelease"]) == ("privacy-policy 2.0.0", False, False)
        page = "https://www.soocas.com/policies/privacy-policy/v2.0.0/changes.html"
        assert v2["body"].startswith("## 2.0.0 (effective 20")
        assert "\n\nMajor change: Recipients of sharing, transfer or disclosure.\n\n" in v2["body"]
        assert v2["body"].endswith(f" · tag `privacy-policy/v2.0.0` · [what changed]({page})\n")
        assert releases["privacy-policy/v1.0.0"]["body"].startswith(
            "## 1.0.0 (effective 2026-01-01)\n\nFirst published version.\n"
        )

        # A re-run of the job makes no second release.
        again = github_release_job("gh3", second)
        assert again.returncode == 0, again.stderr
        assert again.stdout == "privacy-policy/v2.0.0: its GitHub Release exists already\n"
        assert len(github.state.releases) == 2

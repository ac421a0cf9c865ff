"""The rules the workflows follow, checked on the YAML files (actionlint and zizmor run in
.ci/run too; these are this project's own rules, stated once)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from publishing import three_releases
from test_checkout import FILE_ONLY_COMMANDS

from policy.cli import main

WORKFLOWS = Path(__file__).resolve().parent.parent / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
TEMPLATES = sorted((WORKFLOWS.parents[1] / "init" / "templates" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(path: Path):
    for job_id, job in load(path)["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def test_the_three_workflows_and_no_others():
    assert [p.name for p in FILES] == ["ci.yml", "policy-release.yml", "policy-review.yml"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_permissions_at_the_top_and_each_job_names_its_own(path):
    workflow = load(path)
    assert workflow["permissions"] == {}
    for job_id, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {job_id} has no permissions"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_sha_with_its_tag_beside_it(path):
    text = path.read_text(encoding="utf-8")
    uses = re.findall(r"uses: (\S+)(.*)", text)
    assert uses
    for ref, comment in uses:
        assert PINNED.match(ref), f"{path.name}: {ref} is not pinned by a full commit SHA"
        assert re.match(r"^ # v\d+\.\d+\.\d+$", comment), f"{path.name}: {ref} has no # vX.Y.Z"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_expression_inside_a_run_script(path):
    """Values reach scripts through `env:`; an expression inside `run:` is pasted into the
    script before bash reads it, so a branch name or a title could run as code."""
    for job_id, step in steps(path):
        if "run" in step:
            assert "${{" not in step["run"], f"{path.name}: {job_id}: {step.get('name')}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_checkouts_keep_no_credentials_except_where_tags_are_pushed(path):
    for job_id, step in steps(path):
        if step.get("uses", "").startswith("actions/checkout@"):
            keep = step["with"]["persist-credentials"]
            pushes = (path.name, job_id) == ("policy-release.yml", "release")
            assert keep is pushes, f"{path.name}: job {job_id}"


def test_secrets_only_in_the_protected_notify_job():
    for path in FILES:
        for job_id, job in load(path)["jobs"].items():
            if "secrets." in yaml.safe_dump(job):
                assert (path.name, job_id) == ("policy-release.yml", "notify")
                assert job["environment"] == "policy-notifications"
        triggers = set(load(path)[True])  # PyYAML reads the key `on` as True
        assert triggers <= {"push", "pull_request", "schedule"}, path.name


def test_one_release_run_at_a_time_never_cancelled():
    workflow = load(WORKFLOWS / "policy-release.yml")
    assert workflow["concurrency"] == {"group": "policy-release", "cancel-in-progress": False}


def test_every_release_job_fetches_the_recorded_classifications_and_pushes_them_with_the_tags():
    """Notes are neither fetched by actions/checkout nor pushed with tags: without these steps
    publish and notify would classify every release again, and a new note could not be
    pushed on top of origin's."""
    jobs = load(WORKFLOWS / "policy-release.yml")["jobs"]
    for job_id in ("release", "publish", "notify"):
        names = [step.get("name", "") for step in jobs[job_id]["steps"]]
        fetch = names.index("Fetch the recorded classifications")
        first_policy = next(i for i, name in enumerate(names) if name.startswith("policy "))
        assert fetch < first_policy, job_id
        step = jobs[job_id]["steps"][fetch]
        assert "'+refs/notes/*:refs/notes/*'" in step["run"], job_id
    [push] = [s for s in jobs["release"]["steps"] if s.get("name", "").startswith("Push")]
    assert "refs+=(refs/notes/policy)" in push["run"]
    assert "git push --atomic origin" in push["run"]


def test_jobs_that_read_releases_check_out_all_history_and_tags():
    """A shallow or tagless checkout makes the tool stop (it cannot tell what was released), so
    a job that runs a command reading releases or history must fetch them: `fetch-depth: 0`
    (which also fetches every tag)."""
    from policy.cli import main

    history_commands = set(main.commands) - FILE_ONLY_COMMANDS
    seen = set()
    for path in FILES + TEMPLATES:  # this repository's workflows, and those `policy init` writes
        for job_id, job in load(path)["jobs"].items():
            run = "\n".join(step.get("run", "") for step in job.get("steps", []))
            used = set(re.findall(r"\bpolicy (\w+)", run)) & history_commands
            if not used:
                continue
            seen |= used
            checkouts = [
                s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")
            ]
            assert checkouts, f"{path.name}: job {job_id} runs policy {used} without a checkout"
            for step in checkouts:
                options = step.get("with", {})
                assert options.get("fetch-depth") == 0, f"{path.name}: job {job_id}"
                assert options.get("fetch-tags", True) is not False, f"{path.name}: {job_id}"
    assert seen >= {"review", "release", "publish", "notify"}


def test_the_pages_artifact_holds_the_site_without_its_build_state(tmp_path):
    """The publish job's steps after `policy publish`, run as written on a real site, then
    archived as upload-pages-artifact v3 does: no `.policy-publish/` (manifest, cache) and no
    other hidden file is deployed, every page is."""
    job = load(WORKFLOWS / "policy-release.yml")["jobs"]["publish"]
    names = [step.get("run", step.get("uses", "")) for step in job["steps"]]
    start = names.index(".venv/bin/policy publish") + 1
    upload = next(i for i, n in enumerate(names) if n.startswith("actions/upload-pages-artifact@"))
    workspace, runner_temp = tmp_path / "workspace", tmp_path / "runner-temp"
    repo = three_releases(workspace)
    repo.close()
    runner_temp.mkdir()
    published = CliRunner().invoke(main, ["--repo", str(workspace), "publish"])
    assert published.exit_code == 0, published.output
    site = workspace / "site"
    (site / ".index.html.1-abcdefgh.tmp").write_text("left by a killed run")
    assert (site / ".policy-publish" / "manifest.json").is_file()
    env = {**os.environ, "RUNNER_TEMP": str(runner_temp)}
    for step in job["steps"][start:upload]:
        subprocess.run(["bash", "-c", step["run"]], cwd=workspace, env=env, check=True)
    path = job["steps"][upload]["with"]["path"].replace("${{ runner.temp }}", str(runner_temp))
    archive = tmp_path / "artifact.tar"
    subprocess.run(
        ["tar", "--dereference", "--hard-dereference", "--directory", path, "-cf", str(archive),
         "--exclude=.git", "--exclude=.github", "."],
        check=True,
    )  # fmt: skip
    listed = subprocess.run(["tar", "-tf", str(archive)], capture_output=True, text=True).stdout
    entries = {e.removeprefix("./").rstrip("/") for e in listed.split()} - {"", "."}
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*")}
    assert entries == {p for p in pages if not any(part.startswith(".") for part in p.split("/"))}
    assert "privacy-policy/v2.0.0/index.html" in entries

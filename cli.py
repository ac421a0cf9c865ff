"""The `policy` command: options in, one library call, output out.

Each command imports what it needs when it runs, so `policy --help` stays fast and never
imports git or reads the configuration. Library errors (`errors.PolicyError`) become one
`Error: ...` line on stderr with the error's exit code; a bug shows its traceback only with
`--debug`.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from typing import Any

import click

from policy.errors import ExitCode, PolicyError

SECRET_VARIABLES = ("SENDGRID_API_KEY",)
URL_VARIABLES = ("POLICY_LEDGER_URL", "POLICY_RECIPIENTS_URL")
"""Database URLs whose credentials are masked in every message, like those given as options."""


def _redact(text: str, args: list[str] | None = None) -> str:
    """Secrets never reach the terminal, even inside an error message: the API key, and the
    credentials of any database URL on the command line or in the environment."""
    for name in SECRET_VARIABLES:
        value = os.environ.get(name)
        if value and len(value) >= 4:
            text = text.replace(value, f"<{name}>")
    from policy.notifier.dburl import redact

    urls = [a for a in args or [] if "://" in a] + [os.environ.get(n) for n in URL_VARIABLES]
    return redact(text, *urls)


def _repo_after_command(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:  # ctx.obj is the group's: the last --repo given wins
        ctx.ensure_object(dict)["repo"] = value


REPO_HELP = (
    "Git repository holding the policies (default: the one containing the current directory)."
)


class PolicyCommand(click.Command):
    """Every command also takes `--repo PATH` after its name: `policy check --repo ../legal`
    works as `policy --repo ../legal check` does."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(
            click.Option(
                ["--repo"],
                metavar="PATH",
                type=click.Path(file_okay=False),
                expose_value=False,
                callback=_repo_after_command,
                help=REPO_HELP,
            )
        )


class PolicyGroup(click.Group):
    """Turns library errors into one stderr line and an exit code; its commands take --repo."""

    command_class = PolicyCommand

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["policy.args"] = list(args)  # for _redact: URLs given as options
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        args = ctx.meta.get("policy.args")
        try:
            return super().invoke(ctx)
        except PolicyError as exc:
            click.echo(f"Error: {_redact(exc.message, args)}", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, BrokenPipeError):
            raise
        except Exception as exc:
            if ctx.meta.get("policy.debug"):
                raise
            click.echo(
                f"Error: unexpected internal error ({type(exc).__name__}: "
                f"{_redact(str(exc), args)}); run again with --debug and report it",
                err=True,
            )
            ctx.exit(ExitCode.FAILURE)


def _repository(ctx: click.Context, *, history: bool = True):
    """The repository; with `history`, refused when it is a shallow or tagless clone, where
    releases and history are missing (`check` and `webhook` read no history)."""
    from policy.versions.checkout import require_complete
    from policy.versions.repository import PolicyRepository

    repository = PolicyRepository.open(ctx.obj["repo"])
    # GitPython keeps `git cat-file` processes open until the repository is closed.
    ctx.call_on_close(repository.repo.close)
    if history:
        require_complete(repository.repo)
    return repository


def _date_option(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date; use YYYY-MM-DD", param_hint=f"'{option}'"
        ) from None


def _today(value: str | None) -> dt.date:
    """The day given by --as-of, or today."""
    return _date_option(value, "--as-of") or dt.date.today()


AS_OF = click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    help="Take this day as today when deciding which release is in effect.",
)


COLOR = click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text format (auto: on a terminal, unless NO_COLOR is set); without "
    "colour, deleted words are marked [-so-] and inserted ones {+so+}.",
)


@click.group(cls=PolicyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-C",
    "directories",
    metavar="PATH",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Run as if started in PATH (as git's -C; several are taken one after the other).",
)
@click.option("--repo", "repo", metavar="PATH", type=click.Path(file_okay=False), help=REPO_HELP)
@click.option("--no-pager", is_flag=True, help="Do not send long output through the pager.")
@click.option("--debug", is_flag=True, help="Show a traceback for unexpected errors.")
@click.version_option(package_name="policy", prog_name="policy")
@click.pass_context
def main(
    ctx: click.Context, directories: tuple[str, ...], repo: str | None, no_pager: bool, debug: bool
) -> None:
    """Version, compare and check the Markdown policies kept in a git repository.

    Policies are Markdown files under policies/; a release is a git tag
    SLUG/vMAJOR.MINOR.PATCH with a level and an effective date. Output to a terminal goes
    through a pager as git's does ($PAGER, default less -FRX; PAGER=cat turns it off).
    """
    for directory in directories:
        try:
            os.chdir(directory)
        except OSError as exc:
            raise click.BadParameter(
                f"cannot change to {directory!r}: {exc.strerror}", param_hint="'-C'"
            ) from None
    ctx.ensure_object(dict)
    ctx.obj["repo"] = repo
    ctx.meta["policy.debug"] = debug
    ctx.meta["policy.pager"] = not no_pager


def _page(ctx: click.Context, text: str) -> None:
    """Long output for a person: through the pager on a terminal (console.page)."""
    from policy.console import page

    page(text, enabled=ctx.meta.get("policy.pager", True))


@main.command()
@click.argument("slugs", nargs=-1, metavar="[SLUG]...")
@click.pass_context
def check(ctx: click.Context, slugs: tuple[str, ...]) -> None:
    """Find problems in policy files: front matter, anchors, empty sections, broken links.

    Prints each finding as FILE:LINE: MESSAGE and exits 1 when there is any.
    """
    from policy.document.lint import Finding, lint_files
    from policy.pipeline import github
    from policy.pipeline.summaries import check_summary

    repository = _repository(ctx, history=False)
    chosen = list(slugs) or repository.slugs()
    paths = [repository.worktree_path(slug) for slug in chosen]
    findings = lint_files(repository.root, paths)
    findings += [  # unreadable trailers of release tags made by hand, on the policy's file
        Finding(path, 1, message)
        for slug, path in zip(chosen, paths, strict=True)
        for release in repository.releases(slug)
        if (message := release.problem_message())
    ]
    in_actions = github.running_in_actions()
    for finding in findings:  # in GitHub Actions each line is also an annotation on the file
        click.echo(github.finding_annotation(finding) if in_actions else str(finding))
    count = len(paths)
    github.append_summary(check_summary(findings, count))
    noun = "policy" if count == 1 else "policies"
    if findings:
        click.echo(f"{len(findings)} problem(s) in {count} {noun}.", err=True)
        ctx.exit(ExitCode.FAILURE)
    click.echo(f"{count} {noun} checked: no problems found.", err=True)


@main.command()
@click.argument("slug", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@AS_OF
@click.pass_context
def versions(ctx: click.Context, slug: str | None, fmt: str, as_of: str | None) -> None:
    """List the releases of a policy (of every policy when SLUG is not given)."""
    from policy.console import table_width
    from policy.versions.report import releases_json, releases_text

    today = _today(as_of)
    repository = _repository(ctx)
    if slug is not None:
        repository.require(slug)  # unknown slugs are an error, not an empty list
    chosen = [slug] if slug else repository.all_slugs()  # a deleted policy's releases too
    listing = {s: repository.releases(s) for s in chosen}
    if fmt == "json":
        _page(ctx, releases_json(listing, today))
    else:
        _page(ctx, releases_text(listing, today, table_width()))


@main.command()
@click.argument("slug", required=False)
@click.argument("version", required=False)
@click.option(
    "--out",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="Write the changelog to FILE instead of the standard output.",
)
@click.option(
    "--base-url",
    metavar="URL",
    help="Address of the website, for links to each release's changes "
    "(default: [site] base_url when policy.toml sets it; no links otherwise).",
)
@click.pass_context
def changelog(
    ctx: click.Context, slug: str | None, version: str | None, out: str | None, base_url: str | None
) -> None:
    """The history of releases as Markdown, newest first (every policy without SLUG).

    Each entry gives the version, effective date, level and major-change categories, the
    summary recorded in the tag, and a link to the release's redline on the website. With
    VERSION, that release's entry alone (the notes of a GitHub Release).
    """
    from pathlib import Path

    from policy.publish.changelog import histories, render_changelog, site_address, write_changelog
    from policy.versions.levels import Version

    repository = _repository(ctx)
    wanted = None
    if version is not None:
        wanted = Version.parse(version)
        if wanted is None:
            raise click.BadParameter(
                f"{version!r} is not a version; use e.g. 2.0.0", param_hint="VERSION"
            )
    slugs = [repository.require(slug)] if slug else repository.slugs()
    settings = repository.settings
    text = render_changelog(
        histories(repository, slugs), settings, site_address(settings, base_url), wanted
    )
    if out:
        write_changelog(text, Path(out))
    else:
        _page(ctx, text)


@main.command()
@click.option(
    "--out",
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="New or empty folder for the demo (default: a new temporary folder).",
)
@click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    help="The day the story ends on (default: today); the same day gives the same output.",
)
@click.pass_context
def demo(ctx: click.Context, out: str | None, as_of: str | None) -> None:
    """Show what policy does, on the bundled privacy policy, in a scratch repository.

    Makes a new git repository in a temporary folder (or --out DIR) and releases the bundled
    privacy policy three times: as in force, an editorial fix, then a major change (a new
    payment processor and a new privacy contact). Then shows the releases, the classification
    with its evidence, the redline, the website it builds, and the notice email as a dry run.
    Nothing is sent and none of your repositories is touched.
    """
    from pathlib import Path

    from policy.demo.run import run_demo

    run_demo(Path(out) if out else None, _today(as_of), lambda text: click.echo(text, nl=False))


@main.command()
@click.option(
    "--policy",
    "policy_file",
    metavar="FILE",
    type=click.Path(dir_okay=False, exists=True),
    help="Your policy (Markdown) to put under policies/ instead of the starter policy.",
)
@click.option(
    "--install",
    metavar="REQUIREMENT",
    help="What the workflows pip-install as this tool (default: this copy's repository at its "
    "commit, policy @ git+https://github.com/OWNER/REPO@COMMIT).",
)
@click.option("--dry-run", is_flag=True, help="Say what would be written; write nothing.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", hidden=True)
@click.pass_context
def init(
    ctx: click.Context,
    policy_file: str | None,
    install: str | None,
    dry_run: bool,
    as_of: str | None,
) -> None:
    """Set up this git repository for a legal team: policies/, policy.toml, the workflows.

    Writes a starter policy (or your --policy FILE) under policies/, a policy.toml with every
    key explained, the three GitHub workflows (review, release, check) installing this tool
    pinned to a commit, and .gitignore entries for site/ and .policy/. Never overwrites a file.
    """
    from pathlib import Path

    from policy.init import setup, tool
    from policy.versions.authoring import current_branch, repository_root

    root = repository_root(Path(ctx.obj["repo"] or "."))
    requirement = tool.checked(install) if install is not None else tool.requirement()
    planned = setup.plan(
        root,
        install=requirement,
        branch=current_branch(root) or "main",
        today=_today(as_of),
        policy_file=Path(policy_file) if policy_file else None,
    )
    if not dry_run:
        setup.apply(root, planned)
    click.echo(setup.report(root, planned, dry_run=dry_run, install=requirement), nl=False)


@main.command()
@click.argument("slug")
@click.argument("version", required=False)
@AS_OF
@click.pass_context
def show(ctx: click.Context, slug: str, version: str | None, as_of: str | None) -> None:
    """Print a policy as it reads at a release (default: the one in effect today).

    VERSION may be a version (2.0.0 or v2.0.0), a tag, any git revision, or WORKTREE.
    """
    from policy.versions.repository import in_effect_revision

    repository = _repository(ctx)
    repository.require(slug)
    if version is None:
        revision = in_effect_revision(repository, slug, _today(as_of))
    else:
        revision = repository.resolve(slug, version)
    _page(ctx, repository.read(slug, revision).text)


@main.command()
@click.argument("revisions", nargs=-1, metavar="[SLUG] [OLD [NEW]]")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "html", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--context",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    metavar="N",
    help="Unchanged paragraphs or items shown around each change.",
)
@click.option(
    "--old-file",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Compare this Markdown file (outside git) with --new-file.",
)
@click.option(
    "--new-file",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Compare --old-file with this Markdown file.",
)
@click.option(
    "--exit-code",
    is_flag=True,
    help="Exit with 1 when there are differences, 0 when there are none.",
)
@COLOR
@click.pass_context
def diff(
    ctx: click.Context,
    revisions: tuple[str, ...],
    fmt: str,
    context: int,
    old_file: str | None,
    new_file: str | None,
    exit_code: bool,
    color: str,
) -> None:
    """Compare two versions of a policy, section by section and word by word.

    OLD and NEW are a version (2.0.0 or v2.0.0), a tag, any git revision, or WORKTREE.
    Defaults: OLD is the latest release, NEW the working tree; in a pull request
    (GITHUB_BASE_REF set) the base branch is compared with HEAD.
    """
    from pathlib import Path

    from policy.diff.render import render

    if old_file or new_file:
        if not (old_file and new_file):
            raise click.UsageError("--old-file and --new-file go together; give both")
        if revisions:
            raise click.UsageError("give either --old-file/--new-file or SLUG OLD NEW, not both")
        from policy.diff.sources import diff_files

        result = diff_files(Path(old_file), Path(new_file))
    else:
        from policy.diff.sources import diff_revisions

        repository = _repository(ctx)
        slug, old, new = _slug_and_refs(repository, revisions)
        result = diff_revisions(repository, slug, old, new)
    from policy.console import use_color

    colored = fmt == "text" and use_color(color)
    _page(ctx, render(result, fmt, context=context, color=colored))
    if exit_code and result.changes:
        ctx.exit(ExitCode.FAILURE)


@main.command()
@click.argument("revisions", nargs=-1, metavar="[SLUG] [OLD [NEW]]")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--old-file",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Classify the change from this Markdown file (outside git) to --new-file.",
)
@click.option(
    "--new-file",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Classify the change from --old-file to this Markdown file.",
)
@COLOR
@click.pass_context
def classify(
    ctx: click.Context,
    revisions: tuple[str, ...],
    fmt: str,
    old_file: str | None,
    new_file: str | None,
    color: str,
) -> None:
    """Say whether a change is major, minor or editorial, and why.

    Major means one of the six categories of the policy's section 8 applies (purposes,
    ownership, sharing, rights, contacts, high_risk); each is listed with its evidence.
    OLD and NEW follow the rules of `policy diff`. `Policy-Change:` and `Policy-Categories:`
    commit trailers in the range override the verdict, and are shown beside it.
    """
    from policy.classify.render import render

    if old_file or new_file:
        if not (old_file and new_file):
            raise click.UsageError("--old-file and --new-file go together; give both")
        if revisions:
            raise click.UsageError("give either --old-file/--new-file or SLUG OLD NEW, not both")
        from pathlib import Path

        from policy.classify.sources import classify_files
        from policy.settings import load_settings

        settings = load_settings(Path(ctx.obj["repo"] or "."))
        result = classify_files(Path(old_file), Path(new_file), settings)
    else:
        from policy.classify.sources import classify_revisions

        repository = _repository(ctx)
        slug, old, new = _slug_and_refs(repository, revisions)
        result = classify_revisions(repository, slug, old, new)
    from policy.console import use_color

    _page(ctx, render(result, fmt, color=fmt == "text" and use_color(color)))
    _github_summary(render(result, "markdown"))


def _github_summary(report: str, title: str | None = None) -> None:
    """In GitHub Actions, add a command's report to the job summary (elsewhere: nothing):
    Markdown as it is, or plain text under `title` in a code block."""
    from policy.pipeline.github import append_summary

    if title is not None:
        from policy.pipeline.summaries import text_summary

        report = text_summary(title, report)
    append_summary(report)


def _slug_and_refs(repository: Any, args: tuple[str, ...]) -> tuple[str, str | None, str | None]:
    """`[SLUG] [OLD [NEW]]`: the first word is a slug when it names a policy."""
    if len(args) > 3:
        raise click.UsageError("too many arguments; expected [SLUG] [OLD [NEW]]")
    if args and (args[0] in repository.slugs() or len(args) == 3):
        slug, rest = repository.require(args[0]), args[1:]
    else:
        slug, rest = repository.default_slug(), args
    return slug, (rest[0] if rest else None), (rest[1] if len(rest) > 1 else None)


@main.command()
@click.argument("slugs", nargs=-1, metavar="[SLUG]...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
    help="markdown: the comment body; json: body, label and labels to remove.",
)
@click.pass_context
def review(ctx: click.Context, slugs: tuple[str, ...], fmt: str) -> None:
    """The pull-request comment and label for the policies that changed.

    Compares like `policy diff` (in a pull request: the base branch with HEAD). In GitHub
    Actions it also sets the step outputs body, label, labels_to_remove and level, and adds
    the review to the job summary.
    """
    import json

    from policy.pipeline.review import review as review_policies
    from policy.pipeline.review import to_actions

    result = review_policies(_repository(ctx), slugs)
    to_actions(result)
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(result.body, nl=False)


def _site_dir(repository: Any, out: str | None):
    """--out is relative to the current folder; `[publish] output_dir` to the repository."""
    from pathlib import Path

    return Path(out) if out else repository.root / repository.settings.publish.output_dir


@main.command()
@click.option(
    "--out",
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Folder to write the site to (default: [publish] output_dir of policy.toml, `site`).",
)
@click.option(
    "--base-url",
    metavar="URL",
    help="Public address of the site, for feeds and permanent links (default: [site] base_url).",
)
@AS_OF
@click.pass_context
def publish(ctx: click.Context, out: str | None, base_url: str | None, as_of: str | None) -> None:
    """Write the policy website: the version in effect, the upcoming one, every past one.

    Only files whose content changed are rewritten; run it again when a release is tagged
    and each day, so that a version takes effect on the site on its effective date.
    """
    from policy.publish.site import publish as build

    repository = _repository(ctx)
    result = build(repository, _site_dir(repository, out), _today(as_of), base_url)
    click.echo(_published(result))
    _github_summary(_published(result), "policy publish")


def _published(result: Any) -> str:
    noun = "policy" if result.policies == 1 else "policies"
    head = f"{result.out_dir}: {result.policies} {noun}, {result.releases} release(s); "
    if result.up_to_date:
        return head + "up to date, nothing written."
    removed = f", {len(result.removed)} removed" if result.removed else ""
    return head + f"{len(result.written)} file(s) written, {result.unchanged} unchanged{removed}."


@main.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    metavar="N",
    help="Port on 127.0.0.1 (0: any free port).",
)
@click.option(
    "--out",
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Folder of the site (default: [publish] output_dir of policy.toml, `site`).",
)
@AS_OF
@click.pass_context
def serve(ctx: click.Context, port: int, out: str | None, as_of: str | None) -> None:
    """Preview the website on http://127.0.0.1:PORT/, rebuilding it when the releases change."""
    from policy.publish.serve import serve as run

    repository = _repository(ctx)
    today = (lambda: _today(as_of)) if as_of else None
    run(repository, _site_dir(repository, out), port, today, echo=click.echo)


@main.command()
@click.argument("slug", required=False)
@click.option("--all", "all_", is_flag=True, help="Release every policy that changed.")
@click.option(
    "--level",
    type=click.Choice(["editorial", "minor", "major"]),
    help="Override the classifier's level (needs --reason; recorded in the tag).",
)
@click.option("--reason", default="", metavar="TEXT", help="Why --level overrides the classifier.")
@click.option(
    "--categories",
    default="",
    metavar="IDS",
    help="With --level major: the major-change categories, comma-separated.",
)
@click.option(
    "--effective",
    metavar="YYYY-MM-DD",
    help="Day it takes effect (default: today; major: today + notice_days).",
)
@click.option(
    "--short-notice-reason",
    default="",
    metavar="TEXT",
    help="Why a major change takes effect sooner than notice_days (recorded).",
)
@click.option("-m", "--message", default="", metavar="TEXT", help="Summary for the tag message.")
@click.option("--dry-run", is_flag=True, help="Print what would be released; write nothing.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", hidden=True)
@click.pass_context
def release(
    ctx: click.Context,
    slug: str | None,
    all_: bool,
    level: str | None,
    reason: str,
    categories: str,
    effective: str | None,
    short_notice_reason: str,
    message: str,
    dry_run: bool,
    as_of: str | None,
) -> None:
    """Release a policy: classify what changed since its latest release, bump the version
    and create the annotated tag SLUG/vX.Y.Z.

    The first release is 1.0.0. A major change takes effect after the notice period
    (notice_days in policy.toml). Refuses uncommitted changes, an unchanged policy and an
    existing tag. With --all, releases every changed policy and skips the others.
    """
    today, effective_day = _today(as_of), _date_option(effective, "--effective")
    if all_ and (
        slug or level or reason or categories or effective or short_notice_reason or message
    ):
        raise click.UsageError("--all takes no SLUG and none of the options for one release")
    if not all_ and slug is None:
        raise click.UsageError("name the policy to release (SLUG), or give --all")
    if (reason or categories) and not level:
        raise click.UsageError("--reason and --categories go with --level")
    repository = _repository(ctx)
    if all_:
        from policy.release.batch import plan_all
        from policy.release.report import all_text

        plans, skipped = plan_all(repository, today)
        text = all_text(plans, skipped, dry_run=dry_run)
    else:
        from policy.release.plan import LevelOverride, plan_release
        from policy.release.report import plan_text
        from policy.versions.levels import Level

        override = None
        if level:
            ids = tuple(categories.replace(",", " ").split())
            override = LevelOverride(Level.parse(level), reason, ids)
        plan = plan_release(
            repository,
            slug,
            today,
            override=override,
            effective=effective_day,
            summary=message,
            short_notice_reason=short_notice_reason,
        )
        plans = [plan]
        text = plan_text(plan, dry_run=dry_run)
    if not dry_run:
        from policy.release.tagging import create_tags

        create_tags(repository, plans)
    click.echo(text, nl=False)
    _github_summary(text, "policy release")
    if not dry_run:
        from policy.pipeline.github import set_outputs
        from policy.release.report import github_outputs

        outputs = github_outputs(plans)
        try:
            set_outputs(outputs)
        except PolicyError as exc:
            made = outputs["released"] or "none"
            raise PolicyError(f"{exc.message}; the tags were created: {made}") from None


LEDGER = click.option(
    "--ledger",
    "ledger_url",
    metavar="URL",
    help="Ledger database (SQLAlchemy URL); default: POLICY_LEDGER_URL, else "
    ".policy/ledger.sqlite3 in the repository.",
)


@main.command()
@click.argument("slug")
@click.argument("version", required=False)
@click.option(
    "--recipients",
    metavar="SOURCE",
    help="CSV file (email[,name,locale,user_id]) or a SQLAlchemy database URL with --query.",
)
@click.option("--query", metavar="SQL", help="Query returning email[, name, locale, user_id].")
@LEDGER
@click.option("--dry-run", is_flag=True, help="Say what a real run would send now; send nothing.")
@click.option(
    "--force",
    is_flag=True,
    help="Send VERSION although it is not major, already in effect or withdrawn (needs --reason).",
)
@click.option("--reason", metavar="TEXT", default="", help="Why (recorded with --force, --cancel).")
@click.option(
    "--cancel",
    is_flag=True,
    help="Withdraw VERSION's notice: cancel its batches still inside SendGrid's cancel window.",
)
@click.option(
    "--resend-uncertain",
    is_flag=True,
    help="Send again to recipients whose earlier batch could not be confirmed (recorded).",
)
@click.option("--shard", metavar="I/N", help="Send only this share of the recipients (0 <= I < N).")
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Also write the final report as JSON (with the invalid rows, for follow-up).",
)
@click.pass_context
def notify(
    ctx: click.Context,
    slug: str,
    version: str | None,
    recipients: str | None,
    query: str | None,
    ledger_url: str | None,
    dry_run: bool,
    force: bool,
    reason: str,
    cancel: bool,
    resend_uncertain: bool,
    shard: str | None,
    report_path: str | None,
) -> None:
    """Email every recipient about a major release, exactly once.

    Without VERSION: every major release of SLUG not yet fully notified, oldest first.
    Resumable: run it again after a crash or Ctrl-C and nobody gets the email twice.
    """
    from pathlib import Path

    from policy.notifier.recipients import parse_shard
    from policy.notifier.sender import NotifyOptions, write_report
    from policy.notifier.sender import notify as send_notice
    from policy.notifier.stopping import stop_on_signals
    from policy.pipeline.github import running_in_actions

    for flag, given in (("--force", force), ("--cancel", cancel)):
        if given and version is None:
            raise click.UsageError(f"{flag} applies to one release: give its VERSION")
    if reason and not (force or cancel):
        raise click.UsageError("--reason goes with --force or --cancel")
    if cancel:
        return _withdraw(ctx, slug, version or "", ledger_url, reason, dry_run, report_path)
    options = NotifyOptions(
        recipients,
        query,
        ledger_url,
        dry_run,
        force,
        resend_uncertain,
        parse_shard(shard),
        progress=sys.stderr.isatty(),
        reason=reason,
    )
    warn = lambda message: click.echo(f"Warning: {message}", err=True)  # noqa: E731
    with stop_on_signals(_write_stderr) as stop:
        reports = send_notice(_repository(ctx), slug, version, options, warn, stop)
    if report_path:
        write_report(reports, Path(report_path), one=version is not None)
    # A CI log can be public: addresses stay in the ledger and the --report file there.
    limit = 0 if running_in_actions() else 50
    text = "".join(report.text(list_limit=limit) for report in reports)
    if not reports and not stop.is_set():
        text = f"{slug} has no major release: nothing to send.\n"
    click.echo(text, nl=False)
    _github_summary("".join(r.text(list_limit=0) for r in reports) or text, "policy notify")
    if stop.by_signal:
        sent = sum(r.sent for r in reports)
        owed = sum(r.pending + r.in_flight for r in reports)
        click.echo(
            f"Error: stopped by {stop.signal_name}: {sent} accepted by SendGrid in this run, "
            f"{owed} not sent; run the same command again to send the rest (nobody gets it "
            "twice)",
            err=True,
        )
        ctx.exit(stop.exit_code)
    failed = [r for r in reports if r.error]
    if failed:
        raise PolicyError(failed[0].error or "")
    refused = [f"{r.slug} {r.version}" for r in reports if r.outcome == "refused"]
    if refused:
        raise PolicyError(f"not sent, a person must decide (see above): {', '.join(refused)}")


def _withdraw(
    ctx: click.Context,
    slug: str,
    version: str,
    ledger_url: str | None,
    reason: str,
    dry_run: bool,
    report_path: str | None,
) -> None:
    """`policy notify SLUG VERSION --cancel`: withdraw the notice while SendGrid allows it."""
    from pathlib import Path

    from policy.notifier.sender import write_json
    from policy.notifier.withdraw import cancel_notice

    withdrawn = cancel_notice(_repository(ctx), slug, version, ledger_url, reason, dry_run)
    if report_path:
        write_json(withdrawn.to_json(), Path(report_path))
    click.echo(withdrawn.text(), nl=False)
    _github_summary(withdrawn.text(), "policy notify --cancel")


def _write_stderr(message: str) -> None:
    """Signal-safe output: one write(2) on stderr, no Python buffer to re-enter."""
    import contextlib

    with contextlib.suppress(OSError):
        os.write(2, message.encode("utf-8", "replace"))


@main.command()
@click.argument("slug")
@click.argument("version")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json"]),
    default="csv",
    show_default=True,
    help="Output format.",
)
@LEDGER
@click.pass_context
def audit(ctx: click.Context, slug: str, version: str, fmt: str, ledger_url: str | None) -> None:
    """Proof of notice: per recipient, when SendGrid accepted the email, batch and message
    ids, and the delivery events received by `policy webhook`."""
    from policy.notifier.audit import write_audit

    total, accepted = write_audit(_repository(ctx), slug, version, ledger_url, fmt, sys.stdout)
    click.echo(f"{total} recipient(s), {accepted} accepted by SendGrid.", err=True)


@main.command()
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8025, show_default=True, help="Port."
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@LEDGER
@click.pass_context
def webhook(ctx: click.Context, port: int, host: str, ledger_url: str | None) -> None:
    """Receive SendGrid's signed Event Webhook and record delivery events in the ledger.

    The verification key comes from SENDGRID_WEBHOOK_PUBLIC_KEY; unsigned or stale posts
    are refused. Runs until interrupted.
    """
    from policy.notifier.receiver import serve_webhook

    announce = lambda url: click.echo(f"Listening on {url}", err=True)  # noqa: E731
    serve_webhook(_repository(ctx, history=False).root, host, port, ledger_url, announce)
    click.echo("Stopped.", err=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""`python -m explainer`: check content, write the rendered pages or the editor schemas, compare revisions.

Exit status: 0 when content is valid, 1 for content errors, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from explainer.check.checks import Checks
from explainer.check.freshness import overdue, unarchived
from explainer.diagnostics import Diagnostic, has_errors, sort_diagnostics
from explainer.history import factdiff
from explainer.language.catalog import LanguageFileError
from explainer.load import jsonschemas
from explainer.load.loader import load_content
from explainer.render import links
from explainer.render.pages import check_markers, render_site
from explainer.settings import read_settings

FORMATS = ("text", "github")


def github_annotation(d: Diagnostic) -> str:
    """A GitHub Actions workflow command that shows `d` on its line of the pull request's diff.

    https://docs.github.com/actions/reference/workflow-commands-for-github-actions
    """
    where = f"file={_escape_property(d.path)},line={d.line},col={d.col}"
    return f"::{d.severity.value} {where}::{_escape_data(d.message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def default_format() -> str:
    """`github` inside GitHub Actions (which sets GITHUB_ACTIONS=true), else `text`."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def print_diagnostics(diagnostics: list[Diagnostic], stream: TextIO, fmt: str = "text") -> None:
    for d in sort_diagnostics(diagnostics):
        if fmt == "github":
            # Workflow commands are read from standard output; the plain line stays in the log too.
            print(github_annotation(d), file=sys.stdout)
        print(d, file=stream)
    errors = sum(d.is_error for d in diagnostics)
    notices = sum(d.is_notice for d in diagnostics)
    warnings = len(diagnostics) - errors - notices
    if diagnostics:
        summary = f"{errors} error(s), {warnings} warning(s)" + (f", {notices} notice(s)" if notices else "")
        print(summary, file=stream)


def main(argv: Sequence[str] | None = None, today: dt.date | None = None) -> int:
    """Run one command. `today` is the date content is checked against (dates in the future,
    overdue reviews); by default the real date."""
    today = today or dt.date.today()
    parser = argparse.ArgumentParser(prog="python -m explainer", description=__doc__)
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate content and report every problem as path:line:col")
    check.add_argument(
        "--fail-on-overdue",
        action="store_true",
        help="treat facts past their review_by date as errors (for scheduled CI runs)",
    )
    check.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="text: path:line:col: error: message; github: also GitHub Actions annotations "
        "(default: github when GITHUB_ACTIONS=true, else text)",
    )
    for flag, what in (
        ("require-evidence", "warn for each citation without an excerpt"),
        ("check-copying", "warn for 8+ words in a row copied from a source outside quotation marks"),
        ("check-claims", "warn for numbers and dates typed in prose with no fact behind them"),
    ):
        check.add_argument(
            f"--{flag}",
            action=argparse.BooleanOptionalAction,
            default=None,
            help=f"{what} (default: the plugin's {flag.replace('-', '_')} in mkdocs.yml, else on)",
        )
    check.add_argument(
        "--against",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="also compare prose with this UTF-8 text (a source's full article) in the copy check; repeatable",
    )
    render = commands.add_parser(
        "render", help="write each page's Markdown into a folder (translations into a sub-folder per language)"
    )
    render.add_argument("out", type=Path, help="folder to write the pages into")
    schemas = commands.add_parser("schemas", help="write the JSON Schemas for editors into FOLDER")
    schemas.add_argument(
        "folder",
        type=Path,
        nargs="?",
        default=jsonschemas.SCHEMA_DIR,
        help=f"where, from the current folder (default: {jsonschemas.SCHEMA_DIR})",
    )
    schemas.add_argument("--check", action="store_true", help="write nothing; exit 1 when anything is out of date")
    diff = commands.add_parser("diff", help="list, in Markdown, the facts that changed between two git revisions")
    diff.add_argument("rev_a", metavar="REV_A", help="the revision before (a commit, branch or tag)")
    diff.add_argument(
        "rev_b", metavar="REV_B", nargs="?", help="the revision after (default: the working tree, edits included)"
    )
    args = parser.parse_args(argv)
    try:
        return _run(args, today)
    except LanguageFileError as exc:  # a word missing from a language file: located, no traceback
        print(exc, file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, today: dt.date) -> int:
    if args.command == "schemas":
        return _schemas(args.content, args.folder, check_only=args.check)
    if args.command == "diff":
        return factdiff.main(args.content, args.rev_a, args.rev_b, sys.stdout, sys.stderr, today)

    settings, problems = read_settings(Path.cwd() / "mkdocs.yml")
    if problems:
        print("".join(f"{d}\n" for d in problems), end="", file=sys.stderr)
        return 2
    try:
        checks = Checks.from_settings(settings)
        if args.command == "check":
            checks = checks.with_overrides(
                require_evidence=args.require_evidence,
                check_copying=args.check_copying,
                check_claims=args.check_claims,
            ).with_texts(args.against)
    except OSError as exc:
        print(f"python -m explainer: error: cannot read {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2
    except (UnicodeDecodeError, ValueError) as exc:
        print(f"python -m explainer: error: {exc}", file=sys.stderr)
        return 2
    result = load_content(args.content, base=Path.cwd(), today=today, checks=checks)
    diagnostics = list(result.diagnostics)
    if result.content is not None:
        assets = links.files_under(args.content.parent / "docs")
        for lang in result.content.languages:  # links in each translation too, against that language's pages
            found = links.check_links(result.content, links.rendered_lazily(result.content, lang), assets, lang)
            diagnostics += found + check_markers(result.content, lang)
    build_fails = [d for d in diagnostics if not d.is_notice]
    if result.content is not None and args.command == "check":
        diagnostics += overdue(result.content, today, as_errors=args.fail_on_overdue)
        diagnostics += unarchived(result.content)
    print_diagnostics(diagnostics, sys.stderr, getattr(args, "format", None) or default_format())
    if result.content is None or has_errors(diagnostics):
        return 1
    if build_fails and args.command == "check":
        # These warnings fail `mkdocs build --strict`, so they fail the check too: what
        # passes here publishes. (Notices, such as a translation behind its original or a source with no
        # archived copy, fail neither; an overdue review is the check's own warning.)
        print(f"{len(build_fails)} warning(s) fail the strict build: fix them", file=sys.stderr)
        return 1
    c = result.content
    if args.command == "render":
        for lang in c.languages:  # the original in the folder, each translation in a sub-folder (`fr/`)
            out = args.out if lang == c.languages[0] else args.out / lang
            out.mkdir(parents=True, exist_ok=True)
            for page in render_site(c, lang=lang):
                (out / page.page.src_uri).write_text(page.markdown, encoding="utf-8")
    else:  # rendering cannot fail on valid content, so the check stops here
        counts = f"{len(c.facts)} facts, {len(c.sources)} sources, {len(c.sections)} sections, {len(c.pages)} pages"
        print(f"content OK: {counts}")
    return 0


def _schemas(content: Path, folder: Path, check_only: bool) -> int:
    root = Path.cwd()
    changes = jsonschemas.changes(root, content, folder)
    if check_only:
        print_diagnostics(jsonschemas.as_diagnostics(root, changes), sys.stderr, default_format())
        if not changes:
            print("schemas OK: generated files match scripts/explainer/load/schema.py")
        return 1 if changes else 0
    jsonschemas.apply(changes)
    for change in changes:
        print(f"{'deleted' if change.text is None else 'wrote'} {os.path.relpath(change.path, root)}")
    return 0

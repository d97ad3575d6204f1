"""`python -m explainer`: check content, or write the rendered page Markdown.

Exit status: 0 when content is valid, 1 for content errors, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .diagnostics import Diagnostic, has_errors, sort_diagnostics
from .freshness import overdue
from .loader import load_content
from .render import render_site


def print_diagnostics(diagnostics: list[Diagnostic], stream: TextIO) -> None:
    for d in sort_diagnostics(diagnostics):
        print(d, file=stream)
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    if diagnostics:
        print(f"{errors} error(s), {warnings} warning(s)", file=stream)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m explainer", description=__doc__)
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate content and report every problem as path:line:col")
    check.add_argument(
        "--fail-on-overdue",
        action="store_true",
        help="treat facts past their review_by date as errors (for scheduled CI runs)",
    )
    render = commands.add_parser("render", help="write each page's Markdown into a folder")
    render.add_argument("out", type=Path, help="folder to write the pages into")
    args = parser.parse_args(argv)

    result = load_content(args.content, base=Path.cwd())
    diagnostics = list(result.diagnostics)
    if result.content is not None and args.command == "check":
        diagnostics += overdue(result.content, dt.date.today(), as_errors=args.fail_on_overdue)
    print_diagnostics(diagnostics, sys.stderr)
    if result.content is None or has_errors(diagnostics):
        return 1
    pages = render_site(result.content)
    if args.command == "render":
        args.out.mkdir(parents=True, exist_ok=True)
        for page in pages:
            (args.out / page.page.src_uri).write_text(page.markdown, encoding="utf-8")
    else:
        facts, sections = len(result.content.facts), len(result.content.sections)
        print(
            f"content OK: {facts} facts, {len(result.content.sources)} sources, {sections} sections, {len(pages)} pages"
        )
    return 0

"""Write a new explainer project: this one's engine, theme, tools, CI and generic tests, with starter content.

    python scripts/new_explainer.py PATH      (or: make new DIR=PATH)

The target must not exist or be empty. What is copied is the explicit list below, not this
repository minus its story: the story's content, its own tests (tests/this_site/), the test that
this repository's engine names nothing of the story (tests/test_engine_is_generic.py: a new
explainer holds the engine as it came, and its content may use any word) and the benchmark stay
behind. The starter content and README come from scripts/starter/.
Exit status: 0 written, 2 usage error (no path, or a target that is not empty).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STARTER = Path(__file__).resolve().parent / "starter"

# Files and folders copied as they are (the Makefile and mkdocs.yml are adapted, see below).
COPIED = (
    ".ci",
    ".github",
    ".gitignore",
    ".pre-commit-config.yaml",
    ".vscode",
    "CONTRIBUTING.md",
    "docs",
    "overrides",
    "package.json",
    "package-lock.json",
    "pyproject.toml",
    "requirements.in",
    "requirements.lock",
    "requirements-dev.in",
    "requirements-dev.lock",
    "requirements-zensical.in",
    "requirements-zensical.lock",
    "scripts/audit",
    "scripts/build_site.py",
    "scripts/explainer",
    "scripts/mkdocs_editions.py",
    "scripts/mkdocs_hooks.py",
    "scripts/mkdocs_serve.py",
    "scripts/mkdocs_state.py",
    "scripts/zensical_build.py",
    "scripts/schemas",
    "scripts/toolkit",
    # Tests of the engine and tests that derive everything from the project's own content.
    "tests/browser",
    "tests/cases",
    "tests/golden",
    "tests/schemas",
    "tests/sites",
    "tests/conftest.py",
    "tests/helpers.py",
    "tests/htmldom.py",
    "tests/test_annotations.py",
    "tests/test_build_atomic.py",
    "tests/test_content_independence.py",
    "tests/test_errors.py",
    "tests/test_fact_change.py",
    "tests/test_factdiff.py",
    "tests/test_fuzz.py",
    "tests/test_injection.py",
    "tests/test_metadata.py",
    "tests/test_minimal_explainer.py",
    "tests/test_outbound.py",
    "tests/test_pictures_follow_facts.py",
    "tests/test_pictures_golden.py",
    "tests/test_provenance.py",
    "tests/test_published_files.py",
    "tests/published_files.py",
    "tests/atom.py",
    "tests/test_render_golden.py",
    "tests/test_schema_agreement.py",
    "tests/test_schemas.py",
    "tests/test_serve.py",
    "tests/test_site_build.py",
    "tests/test_tables.py",
    "tests/test_workflows.py",
)
FROM_STARTER = ("content", "README.md")
# Makefile lines between these markers are for this repository only (the benchmark, `make new`).
ONLY_HERE = re.compile(r"^# >>> this repository only.*?^# <<<[^\n]*\n", re.M | re.S)
SITE_NAME = "A new explainer"
SITE_DESCRIPTION = "A sourced explainer: every figure links to the document it comes from."
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc")


def _mkdocs_yml(text: str, today: dt.date) -> str:
    """This site's mkdocs.yml with a generic name, description and publisher, published today, in English."""
    fields = {
        r"^site_name: .*$": f'site_name: "{SITE_NAME}"',
        r"^site_description: .*$": f'site_description: "{SITE_DESCRIPTION}"',
        r"^(\s+)published: .*$": rf'\g<1>published: "{today.isoformat()}"',
        r"^(\s+)publisher: .*$": rf'\g<1>publisher: "{SITE_NAME}"',
        r"^(\s+)languages: .*$": r"\g<1>languages: [en]",  # the starter is written in English only
    }
    for pattern, replacement in fields.items():
        text, n = re.subn(pattern, replacement, text, count=1, flags=re.M)
        if n != 1:
            raise SystemExit(f"new_explainer: mkdocs.yml has no line matching {pattern!r}; update this script")
    return text


def _makefile(text: str) -> str:
    out, n = ONLY_HERE.subn("", text)
    if n == 0:
        raise SystemExit("new_explainer: the Makefile has no '# >>> this repository only' block")
    return out


def write(target: Path, today: dt.date) -> list[str]:
    """Write the project into `target` (which must be missing or empty); return what was written."""
    makefile = _makefile((ROOT / "Makefile").read_text(encoding="utf-8"))  # adapted first: a failure writes nothing
    config = _mkdocs_yml((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), today)
    written = []
    for rel in COPIED:
        src, dest = ROOT / rel, target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dest, ignore=IGNORED)
        else:
            shutil.copy2(src, dest)
        written.append(rel)
    for rel in FROM_STARTER:
        src, dest = STARTER / rel, target / rel
        if src.is_dir():
            shutil.copytree(src, dest, ignore=IGNORED)
        else:
            shutil.copy2(src, dest)
        written.append(rel)
    (target / "Makefile").write_text(makefile, encoding="utf-8")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return [*written, "Makefile", "mkdocs.yml"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make new DIR=", description="Write a new explainer project into PATH.")
    parser.add_argument("path", type=Path, help="where to write it: a folder that does not exist yet, or is empty")
    args = parser.parse_args(argv)
    target: Path = args.path.expanduser().resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        what = "a file" if not target.is_dir() else "a folder that is not empty"
        print(f"new_explainer: {args.path} is {what}; give a new or empty folder", file=sys.stderr)
        return 2
    if target == ROOT or ROOT in target.parents:
        print(f"new_explainer: {args.path} is inside this repository; write it elsewhere", file=sys.stderr)
        return 2
    target.mkdir(parents=True, exist_ok=True)
    write(target, dt.date.today())
    print(
        f"Wrote a new explainer to {target}.\n"
        "Next:\n"
        f"  cd {args.path}\n"
        "  git init && git add -A && git commit -m 'Start from the explainer starter'\n"
        "  make serve    # preview at http://127.0.0.1:8000 (first run creates .venv from the lock)\n"
        "  make test     # the whole suite; `make test-fast` while you work\n"
        "Then give the site its name in mkdocs.yml (site_name, site_description, extra.explainer),\n"
        "and replace the starter content in content/ with your own (README.md shows how)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`python -m explainer.web`: a whole edition for any static site generator, and the step after it.

    python -m explainer.web edition OUT     each language's edition into OUT/<lang>/
    python -m explainer.web postbuild SITE  CSP hashes and sitemaps of a site built from them

`edition` writes, for each language of `plugins.explainer.languages`, `OUT/<lang>/docs/` (every page
as Markdown with its front matter, every download, citation file and share image) and
`OUT/<lang>/edition.yml` (the edition's strings from mkdocs.yml, its address, its navigation in
`content/pages.yml` order, each page's edit path). `postbuild` expects the site built from them:
the original edition at SITE's root, each other under `SITE/<lang>/`.

Run from the project's root (where mkdocs.yml is). SITE_URL gives the site's address (default
http://127.0.0.1:8000/), REPO_URL and EDIT_URI the edit links, SOURCE_DATE_EPOCH the build's date
(default: the last commit's time). Exit status: 0, 1 for content errors, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from explainer import Checks, Content, load_content, read_history, read_settings, render_site, sort_diagnostics
from explainer.web.editions import plan
from explainer.web.feed import feed_link
from explainer.web.publish import edition_files, edition_pages, page_url, postbuild

LOCAL_URL = "http://127.0.0.1:8000/"
STRINGS = ("site_name", "site_description", "copyright")


class _EnvLoader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it: `!ENV NAME` or `!ENV [NAME, default]` from the environment."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]  # type: ignore[arg-type]
    *variables, default = names if len(names) > 1 else [*names, None]
    return next((os.environ[str(v)] for v in variables if os.environ.get(str(v))), default)


_EnvLoader.add_constructor("!ENV", _env)


def read_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml with its `!ENV` tags resolved (other tags, such as `!!python/name:`, refused)."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_EnvLoader)  # a SafeLoader
    return data if isinstance(data, dict) else {}


def epoch(root: Path) -> int:
    """SOURCE_DATE_EPOCH, else the last commit's time, else now."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    found = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=False)
    return int(found.stdout.strip()) if found.returncode == 0 and found.stdout.strip() else int(time.time())


def write_editions(root: Path, out: Path) -> int:
    """Every edition into `out/<lang>/`; 1 (after listing them) when content has errors."""
    settings, problems = read_settings(root / "mkdocs.yml")
    if problems:
        sys.stderr.write("".join(f"{d}\n" for d in problems))
        return 2
    config = read_config(root / "mkdocs.yml")
    site_url = os.environ.get("SITE_URL") or str(config.get("site_url") or LOCAL_URL)
    editions = plan(settings.languages or (str(config.get("theme", {}).get("language", "en")),), site_url)
    result = load_content(
        root / "content",
        base=root,
        today=settings.today,
        checks=Checks.from_settings(settings),
        languages=settings.languages or ("en",),
    )
    errors = [d for d in result.diagnostics if d.is_error]
    if result.content is None or errors:
        sys.stderr.write("".join(f"{d}\n" for d in sort_diagnostics(errors)))
        return 1
    content, history = result.content, read_history(root / "content")
    repo = config.get("repo_url")
    edit_url = f"{str(repo).rstrip('/')}/{config.get('edit_uri') or ''}" if repo else None
    shutil.rmtree(out, ignore_errors=True)
    for edition in editions:
        translation = settings.translation(edition.lang)
        strings = {k: (getattr(translation, k) if not edition.original else None) or config.get(k) for k in STRINGS}
        site = settings.site_info(
            str(strings["site_name"]), edition.url, history, edit_url=edit_url, epoch=str(epoch(root))
        )
        rendered = render_site(content, site, edition.lang)
        pages = edition_pages(rendered, content, site, edition, editions, settings.share_images)
        docs = out / edition.lang / "docs"
        for page in pages:
            _write(docs / page.src_uri, page.source)
        for path, data in edition_files(rendered, content, site, edition.lang, settings.share_images).items():
            _write(docs / path, data)
        manifest = {
            "lang": edition.lang,
            "prefix": edition.prefix,
            "site_url": edition.url,
            **strings,
            "nav": [{p.nav_title: p.src_uri} for p in pages],
            "edit_paths": {p.src_uri: p.edit_path for p in pages},
            "feed": _feed(content, str(strings["site_name"]), edition.lang),
        }
        _write(out / edition.lang / "edition.yml", yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False))
    return 0


def _feed(content: Content, site_name: str, lang: str) -> dict[str, str] | None:
    """The head's link to the edition's Atom feed (`extra.feed` for the theme), or None."""
    link = feed_link(content, site_name, lang)
    return vars(link) if link is not None else None


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")


def run_postbuild(root: Path, site: Path) -> int:
    settings, problems = read_settings(root / "mkdocs.yml")
    if problems or not (site / "index.html").is_file():
        sys.stderr.write("".join(f"{d}\n" for d in problems) or f"postbuild: {site}/index.html: no site there\n")
        return 2
    config = read_config(root / "mkdocs.yml")
    site_url = os.environ.get("SITE_URL") or str(config.get("site_url") or LOCAL_URL)
    editions = plan(settings.languages or (str(config.get("theme", {}).get("language", "en")),), site_url)
    result = load_content(root / "content", base=root, today=settings.today, languages=settings.languages or ("en",))
    if result.content is None:
        return 1
    urls = [page_url(p.src_uri) for p in result.content.pages]
    postbuild(site, editions, urls, epoch(root))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m explainer.web", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("edition", help="write each language's edition into OUT/<lang>/").add_argument("out", type=Path)
    commands.add_parser("postbuild", help="fill CSP hashes and write the sitemaps of SITE").add_argument(
        "site", type=Path
    )
    args = parser.parse_args(argv)
    root = Path.cwd()
    if args.command == "edition":
        return write_editions(root, args.out)
    return run_postbuild(root, args.site)


if __name__ == "__main__":
    sys.exit(main())

"""`make build-zensical`: both editions built with Zensical from the engine's edition, into `site-zensical/`.

Zensical runs no MkDocs plugins, so it gets what the `explainer` plugin would have handed MkDocs:
`python -m explainer.web edition` writes each language's pages (with front matter), downloads and
navigation; this script writes, per edition, a configuration from mkdocs.yml (without the plugins,
with the edition's docs, navigation, language, strings and the theme's words in that language),
builds it with `.venv-zensical/bin/zensical`, puts the edition at its prefix and runs the engine's
post-build step (CSP hashes, sitemaps). Work files go to `.zensical/` (ignored by git).

    python scripts/zensical_build.py [SITE_DIR]   (default: site-zensical)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from explainer.adapter.theme import ASSETS, OVERRIDES, SCRIPTS, STYLESHEETS
from explainer.web import made_with, palette_in
from explainer.web.__main__ import main as web_main
from explainer.web.__main__ import read_config

ROOT = Path.cwd()
ZENSICAL = Path(os.environ.get("ZENSICAL", ROOT / ".venv-zensical/bin/zensical"))
LEFT_OUT = ("hooks", "watch", "validation", "plugins", "strict", "INHERIT")
"""What only MkDocs reads: the plugins (Zensical runs none of ours), file watching and link validation."""


def edition_config(base: dict[str, Any], edition: dict[str, Any], alternate: list[dict[str, str]]) -> dict[str, Any]:
    """mkdocs.yml for one edition, as Zensical reads it."""
    config = {k: v for k, v in base.items() if k not in LEFT_OUT}
    lang = edition["lang"]
    for key in ("site_name", "site_description", "copyright"):
        if edition.get(key):
            config[key] = edition[key]
    config["site_url"] = edition["site_url"]
    config["docs_dir"], config["site_dir"] = "docs", "site"
    config["nav"] = edition["nav"]
    theme = dict(config.get("theme", {}))
    theme["language"] = lang
    # Zensical takes one custom_dir: the project's, else the engine's (what the plugin adds to MkDocs).
    theme["custom_dir"] = str(ROOT / theme["custom_dir"]) if theme.get("custom_dir") else str(OVERRIDES)
    if isinstance(theme.get("palette"), list):
        theme["palette"] = palette_in(theme["palette"], lang)
    config["theme"] = theme
    config["extra_css"] = [*STYLESHEETS, *config.get("extra_css", [])]
    config["extra_javascript"] = [*config.get("extra_javascript", []), *SCRIPTS]
    extra = dict(config.get("extra", {}))
    extra["theme_words"] = {"made_with": made_with(lang)}
    if edition.get("feed"):
        extra["feed"] = edition["feed"]  # overrides/main.html links it from every page
    if len(alternate) > 1:
        extra["alternate"] = alternate
    config["extra"] = extra
    return config


def build(site_dir: Path) -> int:
    work = ROOT / ".zensical"
    code = web_main(["edition", str(work / "edition")])
    if code:
        return code
    base = read_config(ROOT / "mkdocs.yml")
    editions = [
        yaml.safe_load((work / "edition" / lang / "edition.yml").read_text(encoding="utf-8"))
        for lang in sorted(p.name for p in (work / "edition").iterdir())
    ]
    editions.sort(key=lambda e: e["prefix"] != "")  # the original first
    alternate = [{"name": e["site_name"], "link": e["site_url"], "lang": e["lang"]} for e in editions]
    shutil.rmtree(site_dir, ignore_errors=True)
    for edition in editions:
        project = work / edition["lang"]
        shutil.rmtree(project, ignore_errors=True)
        shutil.copytree(ASSETS, project / "docs")  # the engine's stylesheet and script; the project's files win
        shutil.copytree(ROOT / str(base.get("docs_dir", "docs")), project / "docs", dirs_exist_ok=True)
        shutil.copytree(work / "edition" / edition["lang"] / "docs", project / "docs", dirs_exist_ok=True)
        config = edition_config(base, edition, alternate)
        (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
        subprocess.run([str(ZENSICAL), "build", "--clean", "-f", str(project / "mkdocs.yml")], cwd=project, check=True)
        shutil.copytree(project / "site", site_dir / edition["prefix"], dirs_exist_ok=True)
    return web_main(["postbuild", str(site_dir)])


if __name__ == "__main__":
    sys.exit(build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site-zensical"))

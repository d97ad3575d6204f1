"""Shared helpers: content trees made from a base plus a case's changes."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"
BASE = CASES / "base"
PROJECT_PARTS = ("content", "docs", "overrides", "scripts", "mkdocs.yml")


def write_files(root: Path, files: dict[str, str | None]) -> None:
    """Write (or, for None, delete) files under root."""
    for rel, text in files.items():
        path = root / rel
        if text is None:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def make_tree(root: Path, files: dict[str, str | None] | None = None) -> Path:
    """The base content tree under root/content, changed by `files`."""
    shutil.copytree(BASE / "content", root / "content")
    write_files(root, files or {})
    return root / "content"


def copy_project(dest: Path, with_content: bool = True) -> Path:
    """A copy of the real site project (not tests, not the venv) to build in."""
    for part in PROJECT_PARTS:
        if part == "content" and not with_content:
            continue
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def load_case(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def mkdocs_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("REPO_URL", None)
    return env


class _LiteralDumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_LiteralDumper.add_representer(str, _str)


def dump_case(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_LiteralDumper, sort_keys=False, allow_unicode=True, width=1000)


class PageScan(HTMLParser):
    """What the tests need to know of a built HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []  # <a href>
        self.resources: list[tuple[str, str]] = []  # (what, url) the browser loads by itself
        self.facts: list[dict[str, str]] = []
        self.cites: list[str] = []
        self.edit_links: list[str] = []
        self._in_fact = 0
        self._in_cite = 0
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
            if self._in_cite:
                self.cites.append(a["href"])
            if "md-content__button" in a.get("class", ""):
                self.edit_links.append(a["href"])
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.resources.append((tag, a["src"]))
        if tag == "link" and a.get("href") and a.get("rel") not in ("canonical", "alternate", "prev", "next"):
            self.resources.append((f"link[rel={a.get('rel')}]", a["href"]))
        if "style" in a:
            self.resources += [("style", u) for u in CSS_URL.findall(a["style"])]
        classes = a.get("class", "").split()
        if tag == "span" and "fact" in classes:
            self._in_fact += 1
            self._text = []
            self.facts.append({"id": a.get("data-fact", "")})
        elif self._in_fact:
            self._in_fact += 1
        if tag == "sup" and "fact-cite" in classes:
            self._in_cite += 1

    def handle_endtag(self, tag: str) -> None:
        if self._in_fact:
            self._in_fact -= 1
            if not self._in_fact:
                self.facts[-1]["text"] = "".join(self._text)
        if tag == "sup" and self._in_cite:
            self._in_cite -= 1

    def handle_data(self, data: str) -> None:
        if self._in_fact:
            self._text.append(data)


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""")


def scan_page(path: Path) -> PageScan:
    scan = PageScan()
    scan.feed(path.read_text(encoding="utf-8"))
    return scan


def is_other_origin(url: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.I)) and not url.startswith(
        ("http://127.0.0.1", "http://localhost")
    )


def file_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under folder, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }

"""Planted markup, on every path content takes to a page, is either refused
with a located error or rendered inert (escaped).

Paths: section prose, fact value, evidence excerpt (tooltip, /data/, /sources/),
source title, section front matter, page title, glossary text (shown on
/glossary/ and as a tooltip where the term appears).
Payloads: `<script>`, `onerror=`, `javascript:` and `</script>`.
"""

from __future__ import annotations

import datetime as dt
import logging
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from explainer import load_content, render_site
from explainer.adapter import build as build_site
from explainer.web import OutboundLinks
from helpers import ROOT, make_tree
from test_errors import site_project

SCRIPT = "<script>alert(1)</script>"
ONERROR = "<img src=x onerror=alert(1)>"
JAVASCRIPT = "javascript:alert(1)"
CLOSE = "</script><b>x</b>"
PAYLOADS = {"script": SCRIPT, "onerror": ONERROR, "javascript": JAVASCRIPT, "close-script": CLOSE}

FACT = """corp.motto:
  label: Motto
  kind: text
  value: {value}
  as_of: 2026-01-15
  sources: [report]
  evidence:
    report: {excerpt}
"""
INTRO = "---\ntitle: {title}\n---\nExample Corp runs [[fact:corp.servers]]. Motto: [[fact:corp.motto]].\n{prose}\n"
PAGES = (
    "index:\n  title: {title}\n  sections: [main/intro]\nsources:\n  title: Sources\n  generated: sources\n"
    "glossary:\n  title: Glossary\n  generated: glossary\ndata:\n  title: Data\n  generated: data\n"
)
GLOSSARY = "corp:\n  term: Example Corp\n  definition: {definition}\n"
SOURCES = """report:
  title: {title}
  publisher: Example Corp
  url: https://example.org/report
  published: 2026-01-15
  accessed: 2026-02-01
news:
  title: "Example Corp grows"
  publisher: Example News
  url: https://news.example.org/grows
  published: 2026-02
  accessed: 2026-02-01
"""


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _tree(path: str, payload: str) -> dict[str, str | None]:
    """The base tree's files with `payload` planted on one path."""
    prose = {"script": SCRIPT, "onerror": ONERROR, "javascript": f"[x]({JAVASCRIPT})", "close-script": CLOSE}
    values = {
        "fact": _q("Ok"),
        "evidence": _q("Our motto is Ok"),
        "source": _q("Annual report"),
        "front-matter": "Intro",
        "page": "Home",
        "glossary": _q("A company."),
    }
    where = {"prose": "", **values}
    payload_text = payload if path != "prose" else prose[next(k for k, v in PAYLOADS.items() if v == payload)]
    where[path] = _q(payload_text) if path != "prose" else payload_text
    return {
        "content/facts/more.yml": FACT.format(value=where["fact"], excerpt=where["evidence"]),
        "content/sources.yml": SOURCES.format(title=where["source"]),
        "content/sections/main/intro.md": INTRO.format(title=where["front-matter"], prose=where["prose"]),
        "content/pages.yml": PAGES.format(title=where["page"]),
        "content/glossary.yml": GLOSSARY.format(definition=where["glossary"]),
    }


class _Unsafe(HTMLParser):
    """What would run in a browser: script-like elements, handlers, javascript: addresses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            return  # data, never run (and script-safe: see test_metadata.py)
        if tag in ("script", "iframe", "object", "embed", "style"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src") and (value or "").strip().lower().startswith(("javascript:", "data:")):
                self.found.append(f"{tag} {name}={value}")


def _unsafe(html: str) -> list[str]:
    parser = _Unsafe()
    parser.feed(html)
    parser.close()
    return parser.found


OWN_SCRIPTS = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.js")}
"""The site's own hand-made scripts (docs/, listed under extra_javascript): the theme's assets and these only."""


def _scripts(html: str) -> list[tuple[dict[str, str | None], str]]:
    """(attributes, text) of every `<script>` element."""
    found: list[tuple[dict[str, str | None], str]] = []

    class _Scripts(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "script":
                found.append((dict(attrs), ""))

        def handle_data(self, data: str) -> None:
            if found and self.lasttag == "script":
                attrs, text = found[-1]
                found[-1] = (attrs, text + data)

    parser = _Scripts(convert_charrefs=True)
    parser.feed(html)
    parser.close()
    return found


def _text(html: str) -> str:
    """What a reader sees: the text of the page and of its title attributes."""
    parts: list[str] = []

    class _Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            parts.append(data)

    parser = _Text(convert_charrefs=True)
    parser.feed(html)
    parser.close()
    return "".join(parts)


def _to_html(text: str) -> str:
    """Page Markdown to HTML the way MkDocs renders it (same extensions)."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    md = markdown.Markdown(
        extensions=[*config.markdown_extensions, OutboundLinks()], extension_configs=config.mdx_configs
    )
    return md.convert(text)


PATHS = ["prose", "fact", "evidence", "source", "front-matter", "page", "glossary"]
# What happens on each path: refused with an error, or rendered as text.
REFUSED = {
    ("prose", "script"),
    ("prose", "onerror"),
    ("prose", "javascript"),
    ("prose", "close-script"),
    ("front-matter", "script"),
    ("front-matter", "onerror"),
    ("front-matter", "close-script"),
    ("page", "script"),
    ("page", "onerror"),
    ("page", "close-script"),
}


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("path", PATHS)
def test_planted_markup_is_refused_or_inert(tmp_path: Path, path: str, payload: str) -> None:
    make_tree(tmp_path, _tree(path, PAYLOADS[payload]))
    result = load_content(tmp_path / "content", today=dt.date(2026, 11, 26))
    errors = [str(d) for d in result.diagnostics if d.is_error]
    if (path, payload) in REFUSED:
        assert result.content is None
        assert len(errors) == 1, errors
        file = {"prose": "sections/main/intro.md", "front-matter": "sections/main/intro.md", "page": "pages.yml"}[path]
        assert errors[0].startswith(f"content/{file}:"), errors
        return
    assert result.content is not None, errors
    html = "\n".join(_to_html(p.markdown) for p in render_site(result.content))
    assert _unsafe(html) == []
    planted = PAYLOADS[payload]
    assert planted in _text(html), "shown to the reader as text"
    if "<" in planted:
        assert planted not in html, "escaped, not markup"


def test_a_real_build_with_every_accepted_payload_adds_no_script(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Fact value, source title and titles with inert payloads, through MkDocs and Material."""
    files = _tree("fact", SCRIPT + ONERROR + CLOSE)
    files["content/facts/more.yml"] = FACT.format(value=_q(SCRIPT), excerpt=_q(SCRIPT + ONERROR + CLOSE))
    files["content/sources.yml"] = _tree("source", SCRIPT + ONERROR + CLOSE)["content/sources.yml"]
    files["content/sections/main/intro.md"] = _tree("front-matter", JAVASCRIPT + " onerror=alert(1)")[
        "content/sections/main/intro.md"
    ]
    files["content/pages.yml"] = _tree("page", JAVASCRIPT)["content/pages.yml"]
    make_tree(tmp_path, files)
    with caplog.at_level(logging.WARNING):
        assert build_site.build(site_project(tmp_path)) == 0, caplog.text
    html = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    scripts = _scripts(html)
    assert scripts, "the theme's own scripts are there"
    for attrs, body in scripts:
        if str(attrs.get("type")).startswith("application/"):  # JSON data (Material's config, JSON-LD): never run
            assert "<" not in body, f"data that could close its script element: {body[:200]!r}"
            continue
        assert "alert" not in body, f"a planted script: {body[:200]!r}"
        src = attrs.get("src")
        assert src is None or src.startswith("assets/") or src in OWN_SCRIPTS, f"a script from elsewhere: {src}"
    assert [u for u in _unsafe(html) if u != "<script>"] == []
    assert "alert(1)" in html, "the payloads are on the page, as text"

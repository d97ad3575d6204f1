"""The three MkDocs projects the benchmark builds from one content tree.

All three use the real `mkdocs.yml` (Material, its features and palette, the
search plugin, the Markdown extensions, `strict`), `docs/` and `overrides/`,
and end in the same pages:

- facts: the real project layout, the explainer plugin (the installed engine) merging
  `content/` at build time;
- floor: the pages `render_site` produced, written into `docs/` as plain
  Markdown, no plugin: what MkDocs alone costs;
- peer: mkdocs-macros-plugin, the best-known alternative. The facts are
  loaded as YAML variables (`include_yaml`) and each value is a Jinja
  substitution, `{{ facts["ID"].display }}`, where we write `[[fact:ID]]`.
  The citation markers and source lists are written into its Markdown in
  advance: the peer substitutes values only (no validation, no citation
  numbering, no source lists, no positions in errors), and the three builds
  give the same HTML.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

import yaml

from explainer import Content, RenderedPage
from explainer.adapter.theme import OVERRIDES, SCRIPTS, STYLESHEETS
from explainer.kinds import format_value
from explainer.language.locale import ORIGINAL
from explainer.web.cite import citation_files
from explainer.web.theme import made_with, palette_in

ROOT = Path(__file__).resolve().parents[2]
SHARED_PARTS = ("docs", "overrides")
PLUGINS_BLOCK = "plugins:\n  - search\n"
# The explainer plugin's entry with its options and comments (the floor and the peer leave it out).
EXPLAINER_PLUGIN = re.compile(r"^  # The engine.*\n|^  - explainer:\n(?:(?: {6}.*| *#.*)?\n)*", re.MULTILINE)
# What the plugin adds to the configuration (explainer.adapter.theme), written out for the sites without it.
THEME_PARTS = (
    f"  custom_dir: {OVERRIDES}\n",
    "extra_css:\n"
    + "".join(f"  - {css}\n" for css in STYLESHEETS)
    + "extra_javascript:\n"
    + "".join(f"  - {js}\n" for js in SCRIPTS),
)
MACROS_BLOCK = PLUGINS_BLOCK + (
    "  - macros:\n      include_yaml:\n        - facts: facts.yml\n      on_error_fail: true\n"
)
# A rendered fact: its value is the text of the link (or, in the data table, the span) after the wrapper.
FACT_SPAN = re.compile(
    r'(<span class="fact[^"]*" data-fact=")([^"]*)(">(?:<a [^>]*>|<span class="fact__value">))(.*?)(</a>|</span>)'
)


def _replace(text: str, old: str, new: str) -> str:
    """`text` with `old` replaced once; fails loudly when mkdocs.yml changed shape."""
    if text.count(old) != 1:
        raise RuntimeError(f"mkdocs.yml no longer contains {old!r} exactly once; update scripts/bench/sites.py")
    return text.replace(old, new)


def _copy_shared(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for part in SHARED_PARTS:
        shutil.copytree(ROOT / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))


LANGUAGES = re.compile(r"^(\s+languages:\s*)\[\s*([a-z]+)\s*(?:,[^\]]*)?\]", re.MULTILINE)


def one_language(config: str) -> str:
    """mkdocs.yml text with the plugin's `languages` cut to the original language."""
    cut, count = LANGUAGES.subn(r"\1[\2]", config)
    if count != 1:
        raise RuntimeError("mkdocs.yml no longer lists `languages: [...]` once; update scripts/bench/sites.py")
    return cut


def facts_site(dest: Path, *, all_languages: bool = False, share_images: bool = True) -> Path:
    """The real project around `dest/content` (which the caller writes): in the original language
    only (synthetic content has no translations), or in every language of mkdocs.yml.

    `share_images=False` leaves out the link-preview PNGs, which the floor and
    peer sites do not make: the size comparison stays like for like, and
    `bench.pictures` measures what they (and charts) add on their own."""
    _copy_shared(dest)  # the engine itself is the installed package (its plugin's entry point)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not all_languages:
        config = one_language(config)
    if not share_images:
        config = _replace(config, "  - explainer:\n", "  - explainer:\n      share_images: false\n")
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


def _nav(pages: Iterable[RenderedPage]) -> str:
    items = "".join(f"  - {json.dumps(p.page.nav_title or p.page.title)}: {p.page.src_uri}\n" for p in pages)
    return "\nnav:\n" + items


EXTENSIONS = "extensions"
"""Where the floor and the peer keep their copies of the plugin's two Markdown extensions."""
_EXTENSIONS = {"outbound.py": "plain_outbound", "tables.py": "plain_tables"}


def _copy_extensions(dest: Path) -> None:
    """The plugin's Markdown extensions (rel="noopener noreferrer" on outbound links, tables in their
    wrapper) as modules of their own: naming them `explainer.web.…` would import the whole engine
    (`explainer/__init__.py`), and the floor would pay for the facts layer it is measured against."""
    folder = dest / EXTENSIONS
    folder.mkdir(parents=True, exist_ok=True)
    for source, module in _EXTENSIONS.items():
        shutil.copy2(ROOT / "scripts/explainer/web" / source, folder / f"{module}.py")


def _plain_config(pages: list[RenderedPage]) -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text, n = EXPLAINER_PLUGIN.subn("", text)
    if n != 2:
        raise RuntimeError("mkdocs.yml no longer lists the explainer plugin as expected; update scripts/bench/sites.py")
    text = _replace(text, "  name: material\n", "  name: material\n" + THEME_PARTS[0]) + THEME_PARTS[1]
    # The plugin adds these extensions; without it, name them (`_copy_extensions`).
    names = "".join(f"  - {module}\n" for module in _EXTENSIONS.values())
    text = _replace(text, "markdown_extensions:\n", "markdown_extensions:\n" + names)
    # Without a repository the plugin shows no edit link; say the same here.
    text, n = re.subn(r"^edit_uri:.*$", 'edit_uri: ""', text, flags=re.MULTILINE)
    if n != 1:
        raise RuntimeError("mkdocs.yml no longer has one edit_uri line; update scripts/bench/sites.py")
    return _theme_words(text) + _nav(pages)


def _theme_words(text: str) -> str:
    """The theme's words the plugin sets from the language file: the palette toggles' names and "Made with"."""
    schemes = re.findall(r"^\s+scheme: (\S+)", text, flags=re.MULTILINE)
    names = iter(e["toggle"]["name"] for e in palette_in([{"scheme": s, "toggle": {}} for s in schemes], ORIGINAL))
    text = re.sub(
        r"^(\s+toggle:\n(\s+)icon: .*)$",
        lambda m: f"{m.group(1)}\n{m.group(2)}name: {json.dumps(next(names))}",
        text,
        flags=re.MULTILINE,
    )
    words = json.dumps({"made_with": made_with(ORIGINAL)}, ensure_ascii=False)
    return text + f"\nextra:\n  theme_words: {words}\n"


def plain_markdown(page: RenderedPage, markdown: str | None = None) -> str:
    """A rendered page as a plain Markdown file: its title in front matter, as the plugin sets it in the
    page's metadata (the header shows it; `nav_title` names the page in the navigation only), except
    on the home page, whose header shows the site's name."""
    body = page.markdown if markdown is None else markdown
    if page.page.id == "index":
        return body
    return f"---\ntitle: {json.dumps(page.page.title, ensure_ascii=False)}\n---\n\n{body}"


def _write_citations(dest: Path, pages: list[RenderedPage]) -> None:
    """The pages' "Cite this" files (BibTeX, CSL-JSON) as static files in `docs/`, as the plugin adds them
    to the build: their links then resolve the same way in all three sites."""
    cited = [p.citation for p in pages if p.citation is not None]
    for path, text in citation_files(cited).items():
        target = dest / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def floor_site(dest: Path, pages: list[RenderedPage]) -> Path:
    """The same pages as plain Markdown files: MkDocs without a facts layer."""
    _copy_shared(dest)
    _copy_extensions(dest)
    _write_citations(dest, pages)
    (dest / "mkdocs.yml").write_text(_plain_config(pages), encoding="utf-8")
    for page in pages:
        (dest / "docs" / page.page.src_uri).write_text(plain_markdown(page), encoding="utf-8")
    return dest


def peer_variables(content: Content) -> dict[str, dict[str, object]]:
    """The facts as mkdocs-macros variables: the same fields, plus the displayed value."""
    out: dict[str, dict[str, object]] = {}
    for fact in content.facts.values():
        entry: dict[str, object] = {
            "label": fact.label,
            "kind": str(fact.kind),  # a StrEnum: its value, which YAML can write
            "value": fact.value if isinstance(fact.value, (int, float, str)) else str(fact.value),
            "as_of": str(fact.as_of),
            "sources": list(fact.sources),
            "display": format_value(fact, "en"),
        }
        for name in ("unit", "qualifier", "note", "confidence"):
            if getattr(fact, name) is not None:
                entry[name] = str(getattr(fact, name))  # `confidence` is a StrEnum
        out[fact.id] = entry
    return out


def to_jinja(markdown: str) -> tuple[str, int]:
    """Rendered page Markdown with each value replaced by its Jinja substitution."""

    def sub(m: re.Match[str]) -> str:
        fact_id = html.unescape(m.group(2))
        return f"{m.group(1)}{m.group(2)}{m.group(3)}{{{{ facts[{json.dumps(fact_id)}].display }}}}{m.group(5)}"

    return FACT_SPAN.subn(sub, markdown)


def peer_site(dest: Path, pages: list[RenderedPage], content: Content) -> Path:
    """The same pages written for mkdocs-macros-plugin."""
    _copy_shared(dest)
    _copy_extensions(dest)
    _write_citations(dest, pages)
    config = _replace(_plain_config(pages), PLUGINS_BLOCK, MACROS_BLOCK)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    variables = peer_variables(content)
    text = yaml.dump(variables, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=1000)
    (dest / "facts.yml").write_text(text, encoding="utf-8")
    expected = sum(len(p.fact_ids) for p in pages)
    substituted = 0
    for page in pages:
        markdown, n = to_jinja(page.markdown)
        substituted += n
        (dest / "docs" / page.page.src_uri).write_text(plain_markdown(page, markdown), encoding="utf-8")
    if substituted < expected:
        raise RuntimeError(f"only {substituted} of at least {expected} fact values became Jinja substitutions")
    return dest

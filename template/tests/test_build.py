"""The real build holds every page of content/pages.yml in every language of the site, and shows
every fact a section cites with a link to one of its sources."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

REFERENCE = re.compile(r"(?<!\\)\[\[fact:([^\]\s]+)\]\]")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    """An HTML element: its tag, attributes and children (elements and text)."""

    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[Node | str] = []

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):  # close up to the matching element, if it is open
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(path: Path) -> Node:
    builder = TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    return builder.root


def load_yaml(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def prose(text: str) -> str:
    """A section's text as the engine reads references in it: no front matter, no code."""
    text = FRONT_MATTER.sub("", text)
    kept, fence = [], None
    for line in text.splitlines():
        stripped = line.lstrip()
        if fence is None and stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        elif fence is not None and stripped.startswith(fence):
            fence = None
        elif fence is None:
            kept.append(INLINE_CODE.sub("", line))
    return "\n".join(kept)


def facts_linked_to_a_source(page: Node, facts: dict[str, Any], urls: dict[str, str]) -> set[str]:
    """The facts the page shows (`data-fact`) with a link to an element of the page that links to one of
    the fact's sources (any source, for a fact computed from others)."""
    by_id = {node.attrs["id"]: node for node in page.iter() if "id" in node.attrs}
    linked = set()
    for shown in (node for node in page.iter() if "data-fact" in node.attrs):
        fact = facts.get(shown.attrs["data-fact"])
        own = fact.get("sources") if isinstance(fact, dict) else None
        wanted = {urls[s] for s in own if s in urls} if own else set(urls.values())
        for link in (n for n in shown.iter() if n.tag == "a" and n.attrs.get("href", "").startswith("#")):
            target = by_id.get(link.attrs["href"][1:])
            if target is not None and any(n.tag == "a" and n.attrs.get("href") in wanted for n in target.iter()):
                linked.add(shown.attrs["data-fact"])
    return linked


def test_every_page_is_built_in_every_language(built_site: Path, page_paths: dict[tuple[str, str], str]) -> None:
    missing = [
        f"{page_id} ({lang}): {path}"
        for (lang, page_id), path in page_paths.items()
        if not (built_site / path).is_file()
    ]
    assert missing == [], "pages of content/pages.yml missing from the build"


def test_every_cited_fact_is_shown_with_a_link_to_its_source(
    built_site: Path, project_root: Path, page_paths: dict[tuple[str, str], str], languages: list[str]
) -> None:
    content = project_root / "content"
    facts: dict[str, Any] = {}
    for path in sorted((content / "facts").rglob("*.yml")):
        facts.update({str(k): v for k, v in load_yaml(path).items()})
    sources = {str(k): v for k, v in load_yaml(content / "sources.yml").items()}
    urls = {source_id: str(source.get("url")) for source_id, source in sources.items() if isinstance(source, dict)}
    cited = {
        fact_id
        for section in sorted((content / "sections").rglob("*.md"))
        for fact_id in REFERENCE.findall(prose(section.read_text(encoding="utf-8")))
        if fact_id in facts
    }
    assert cited, "no section cites a fact"

    problems = []
    for lang in languages:
        files = [built_site / path for (page_lang, _), path in page_paths.items() if page_lang == lang]
        linked = set().union(*(facts_linked_to_a_source(parse(file), facts, urls) for file in files))
        problems += [f"{fact_id} ({lang})" for fact_id in sorted(cited - linked)]
    assert problems == [], "facts cited in sections but not shown with a link to their source on any page"

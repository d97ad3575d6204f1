"""The real build holds every page of content/pages.yml in every language of the site, and shows
every fact a section cites with a link to one of its sources."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from explainer import Content

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


def facts_linked_to_a_source(page: Node, content: Content) -> set[str]:
    """The facts the page shows (`data-fact`) with a link to an element of the page that links to one of
    the fact's sources (any source, for a fact computed from others)."""
    urls = {source_id: source.url for source_id, source in content.sources.items()}
    by_id = {node.attrs["id"]: node for node in page.iter() if "id" in node.attrs}
    linked = set()
    for shown in (node for node in page.iter() if "data-fact" in node.attrs):
        fact = content.facts.get(shown.attrs["data-fact"])
        own = fact.sources if fact is not None else ()
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
    built_site: Path, content: Content, page_paths: dict[tuple[str, str], str], languages: list[str]
) -> None:
    cited = {ref.fact_id for section in content.sections.values() for ref in section.references}
    assert cited, "no section cites a fact"
    problems = []
    for lang in languages:
        files = [built_site / path for (page_lang, _), path in page_paths.items() if page_lang == lang]
        linked = set().union(*(facts_linked_to_a_source(parse(file), content) for file in files))
        problems += [f"{fact_id} ({lang})" for fact_id in sorted(cited - linked)]
    assert problems == [], "facts cited in sections but not shown with a link to their source on any page"

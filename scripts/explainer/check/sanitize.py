"""What contributor Markdown may carry besides text: an allow-list, judged by nh3.

Sections are Markdown, and Markdown passes raw HTML through. So every raw
HTML tag in a section (outside code), every Markdown link or image address
and every `attr_list` attribute (`{: onclick=... }`) is located here and shown
to nh3 (the Python binding of the Rust `ammonia` sanitizer) with the
allow-list below. Whatever nh3 would remove is an error at its line and
column: the build never has to guess what a contributor meant.

Allowed: the tags prose and Material's Markdown constructs need (admonitions
and `md_in_html` `<div markdown>`, `<span>`, `<abbr>`, `<figure>`,
`<details>`, tables...), the attributes listed in `ATTRIBUTES`, and links to
https, mailto and relative addresses. Everything else is refused: `<script>`,
`<style>`, `<iframe>`, `<object>`, `<form>`, event handlers (`onerror=`),
`style=`, `javascript:` and `data:` URLs.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3
from markdown.extensions.attr_list import get_attrs_and_remainder

from explainer.text.positions import LineIndex
from explainer.text.references import code_ranges

_TAG_NAMES = """
a abbr b bdi bdo blockquote br caption cite code col colgroup data dd del details dfn div
dl dt em figcaption figure h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q rp rt ruby
s samp small span strong sub summary sup table tbody td tfoot th thead time tr u ul var
wbr
"""
TAGS = frozenset(_TAG_NAMES.split())
_GLOBAL = {"id", "class", "title", "lang", "dir", "markdown", "role", "aria-label", "aria-hidden"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": _GLOBAL,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed", "type"},
    "details": {"open"},
    "time": {"datetime"},
    "data": {"value"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
}
URL_SCHEMES = {"https", "mailto"}
_USE = "use https://, mailto: or a relative link"
_URL_ATTRIBUTES = {"href", "src", "cite"}

# Markdown's own ways to write an address or an attribute, located so nh3 can judge them.
_LINK = re.compile(r"\]\(\s*<?((?:[^\s()<>]|\([^\s()]*\))+)")  # [text](url) and ![alt](url)
_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.M)  # [id]: url
_ATTR_LIST = re.compile(r"\{:?[ ]*([^\}\n ][^\n}]*)\}")  # the attr_list extension's syntax


@dataclass(frozen=True)
class Unsafe:
    """Something nh3 would remove, at a 1-based position in the file."""

    line: int
    col: int
    message: str


def _clean(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=set(TAGS),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        generic_attribute_prefixes={"data-"},
        link_rel=None,
        strip_comments=False,
    )


def _attributes(start_tag: str) -> tuple[str | None, dict[str, str]]:
    """The tag name and attributes of the first start tag in `start_tag`."""
    found: list[tuple[str, dict[str, str]]] = []

    class _First(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if not found:
                found.append((tag, {k: v or "" for k, v in attrs}))

    parser = _First(convert_charrefs=True)
    parser.feed(start_tag)
    parser.close()
    return found[0] if found else (None, {})


def judge_tag(start_tag: str) -> list[str]:
    """Why nh3 would change this start tag (empty when it keeps it whole)."""
    tag, attrs = _attributes(start_tag)
    if tag is None:
        return []
    kept_tag, kept = _attributes(_clean(start_tag))
    if kept_tag != tag:
        return [f"HTML tag <{tag}> is not allowed in content"]
    problems = []
    for name, value in attrs.items():
        if name in kept:
            continue
        if name in _URL_ATTRIBUTES:
            problems.append(f"address '{value}' in <{tag} {name}> is not allowed ({_USE})")
        else:
            problems.append(f"HTML attribute '{name}' is not allowed on <{tag}>")
    return problems


def judge_url(url: str) -> bool:
    """True when nh3 keeps `url` as a link address."""
    _, kept = _attributes(_clean(f'<a href="{html.escape(url)}">x</a>'))
    return "href" in kept


class _Locator(HTMLParser):
    """Every start tag, end tag and markup declaration, with its position."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tags: list[tuple[int, int, str, str]] = []  # (line, offset, kind, text)

    def _add(self, kind: str, text: str) -> None:
        line, offset = self.getpos()
        self.tags.append((line, offset, kind, text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("start", self.get_starttag_text() or f"<{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("start", self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        self._add("end", tag)

    def handle_decl(self, decl: str) -> None:
        self._add("decl", decl)

    def handle_pi(self, data: str) -> None:
        self._add("decl", data)

    def unknown_decl(self, data: str) -> None:
        self._add("decl", data)


def _mask_code(text: str) -> str:
    """`text` with code spans and blocks blanked out (newlines kept, so positions hold)."""
    chars = list(text)
    for start, end in code_ranges(text):
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def check_markdown(body: str, first_line: int = 1) -> list[Unsafe]:
    """Everything in a section body (outside code) that the allow-list refuses."""
    if not any(c in body for c in "<]{"):
        return []
    text = _mask_code(body)
    lines = LineIndex(text, first_line)
    problems: list[Unsafe] = []

    def at(index: int, message: str) -> None:
        problems.append(Unsafe(*lines.position(index), message))

    locator = _Locator()
    locator.feed(text)
    locator.close()
    refused: set[str] = set()  # tags already reported at their start: no second error for their end
    for line, offset, kind, raw in locator.tags:
        index = lines.offset(line, offset)
        if kind == "decl":
            at(index, "HTML declarations and processing instructions are not allowed in content")
        elif kind == "end":
            if raw not in TAGS and raw not in refused:
                at(index, f"HTML tag </{raw}> is not allowed in content")
        elif re.match(r"<[^\s>]*[:@]", raw):  # an autolink: <https://...>, <mailto:...>
            url = raw[1:-1]
            if not judge_url(url):
                at(index, f"address '{url}' is not allowed ({_USE})")
        else:
            for message in judge_tag(raw):
                at(index, message)
                if message.startswith("HTML tag"):
                    refused.add(_attributes(raw)[0] or "")

    for pattern in (_LINK, _REF_DEF):
        for m in pattern.finditer(text):
            if not judge_url(m.group(1)):
                at(m.start(1), f"link address '{m.group(1)}' is not allowed ({_USE})")
    for m in _ATTR_LIST.finditer(text):
        attrs, _ = get_attrs_and_remainder(m.group(1))
        for name, value in attrs:
            name = {"#": "id", ".": "class"}.get(name, name)
            if "{" in name or not re.match(r"^[A-Za-z_:][-A-Za-z0-9_:.]*$", name):
                continue
            for message in judge_tag(f'<span {name}="{html.escape(value or "")}">'):
                at(m.start(), message.replace("<span>", "an element").replace("HTML attribute", "attribute"))
    return sorted(problems, key=lambda p: (p.line, p.col))


_HREF = re.compile(r"""<(?:a|img|area)\b[^>]*?\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


def link_targets(body: str) -> list[tuple[int, str]]:
    """(offset, address) of every link and image in a section body outside code:
    Markdown links, reference definitions and raw `<a href>` / `<img src>`."""
    if not any(c in body for c in "]<"):
        return []
    text = _mask_code(body)
    found = [(m.start(1), m.group(1)) for pattern in (_LINK, _REF_DEF) for m in pattern.finditer(text)]
    found += [
        (m.start(1) if m.group(1) is not None else m.start(2), m.group(1) or m.group(2) or "")
        for m in _HREF.finditer(text)
    ]
    return sorted(found)

"""YAML with positions: every mapping key and value keeps its line and column.

PyYAML's constructors drop positions and silently keep the last of two equal
keys, and its YAML 1.1 resolver reads `no` as false, `010` as 8 and
`2026-03-25` as a date. This module composes the node graph only (with
libyaml's C parser when available) and builds plain values itself under
stricter rules:

- plain scalars are YAML 1.2 "core" values: `true`/`false`, `null`/`~`,
  decimal integers without leading zeros, decimal floats; everything else is
  text (so `no`, `010`, `1_000` and `2026-03-25` arrive as text and the
  schema decides what they may be);
- quoted scalars are always text;
- duplicate keys, aliases, explicit tags and non-text keys are errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

import yaml
from yaml.resolver import BaseResolver

from explainer.diagnostics import Diagnostic, error
from explainer.text.positions import LineIndex

try:  # libyaml is several times faster; fall back to the pure-Python parser.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 32

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|(0|[1-9][0-9]*)(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_STR = "tag:yaml.org,2002:str"
_DEFAULT_TAGS = {
    _STR,
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}

# Characters YAML forbids or reads as line breaks where editors see none
# (C0/C1 controls other than tab, LF, CR; NEL; line/paragraph separators;
# non-characters). Refused in every content file so line numbers agree.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_QUOTED_STYLES = frozenset(("'", '"', "|", ">"))
_BLOCK_STYLES = frozenset(("|", ">"))

Scalar = str | int | float | bool | None


class Mark(NamedTuple):
    """Where a node starts: line and column, from 1 (a tuple: files hold hundreds of thousands)."""

    line: int
    col: int


@dataclass(slots=True)
class YScalar:
    value: Scalar
    mark: Mark
    raw: str
    quoted: bool
    block: bool = False
    """Written as a block (`|` or `>`): its text starts on the line after its mark."""


@dataclass(slots=True)
class YSeq:
    items: list[YNode]
    mark: Mark


@dataclass(slots=True)
class YMap:
    """A mapping in source order; keys are text."""

    entries: list[tuple[YScalar, YNode]]
    mark: Mark
    _index: dict[str, tuple[YScalar, YNode]] = field(default_factory=dict, repr=False)
    """Entries by key, while the mapping is built (duplicate keys are found here)."""


YNode = YScalar | YSeq | YMap


def to_plain(node: YNode) -> object:
    """The node as plain Python values (for JSON Schema checks and diffs)."""
    if isinstance(node, YScalar):
        return node.value
    if isinstance(node, YSeq):
        return [to_plain(item) for item in node.items]
    return {str(k.value): to_plain(v) for k, v in node.entries}


class _Composer(_Parser, BaseResolver):
    """Composes nodes; BaseResolver has no implicit resolvers, so every plain
    scalar is tagged as text and explicit tags stand out."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        BaseResolver.__init__(self)

    def resolve(self, kind: type[yaml.Node], value: object, implicit: object) -> str:
        """BaseResolver.resolve without its (empty) resolver tables: the default tag."""
        if kind is yaml.ScalarNode:
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG


def decode(path: str, data: bytes) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to text, with a located error for what an editor can't see (BOM, bad UTF-8, controls)."""
    if len(data) > MAX_FILE_BYTES:
        size = len(data) / 1_000_000
        return None, [error(path, 1, 1, f"file is too large ({size:.1f} MB; content files may be at most 1 MB)")]
    if data.startswith(b"\xef\xbb\xbf"):
        return None, [error(path, 1, 1, "file starts with a byte-order mark; save it as UTF-8 without BOM")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8")  # all valid up to the first bad byte
        line, col = LineIndex(before).position(len(before))
        return None, [error(path, line, col, f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x})")]
    bad = _INVISIBLE.search(text)
    if bad:
        line, col = LineIndex(text).position(bad.start())
        name = f"U+{ord(bad.group()):04X}"
        return None, [error(path, line, col, f"file contains an invisible control character ({name}); delete it")]
    return text, []


def parse(path: str, text: str, line_offset: int = 0) -> tuple[YNode | None, list[Diagnostic]]:
    """Parse one YAML document. `None` with no diagnostics means an empty document.

    `line_offset` shifts reported lines (for front matter inside Markdown).
    """
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        line, col, message = _syntax_error(exc, text, line_offset)
        return None, [error(path, line, col, message)]
    except yaml.YAMLError as exc:  # pragma: no cover - reader errors are caught by decode()
        return None, [error(path, 1 + line_offset, 1, f"YAML error: {exc}")]
    except RecursionError:  # pragma: no cover - only the pure-Python parser recurses; libyaml stops at 1000
        return None, [error(path, 1 + line_offset, 1, f"nesting is deeper than {MAX_DEPTH} levels")]
    finally:
        composer.dispose()
    if node is None:
        return None, []
    builder = _Builder(path, line_offset, aliases="&" in text)  # no anchor, no alias
    built = builder.build(node, 0)
    builder.finish()
    # Aliases, tags, merge keys and runaway nesting refuse the whole file:
    # checking what is left of it would only add errors that are not real.
    return (None if builder.refused else built), builder.diagnostics


_OPENERS = {
    "while parsing a flow sequence": "the list opened here with '[' is never closed",
    "while parsing a flow mapping": "the mapping opened here with '{' is never closed",
    "while scanning a quoted scalar": "the quoted text that starts here is never closed",
}


_CLOSED_QUOTE = re.compile(r"""(?:^|[:,\[{-][ \t]+|[\[{])(["'])(?:(?!\1).)*\1[ \t]+$""")
"""A quoted text, then a space, where the parser stopped: `label: "Example Corp" staff`."""


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, line_offset: int) -> tuple[int, int, str]:
    """(line, col, message) for a parser error, located where an editor fixes it."""
    problem = exc.problem or "YAML syntax error"
    mark, context = exc.problem_mark or exc.context_mark, exc.context_mark
    line, col = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1 + line_offset, 1)
    lines = text.split("\n")
    char = lines[mark.line][mark.column : mark.column + 1] if mark and mark.line < len(lines) else ""
    if "tab" in problem or char == "\t":
        return line, col, "tab character where YAML expects spaces (indent with spaces)"
    if "another document" in problem:
        return line, col, "a content file holds one YAML document; remove this second '---'"
    opener = _OPENERS.get(exc.context or "")
    if opener and context is not None and mark is not None and mark.line > context.line:
        # Noticed lines later (often at the end of the file); the fix is at the opening.
        return context.line + 1 + line_offset, context.column + 1, f"YAML syntax error: {opener}"
    message = f"YAML syntax error: {problem}"
    if "mapping values are not allowed" in problem:
        before = lines[mark.line][: mark.column] if mark and mark.line < len(lines) else ""
        if ": " in before or before.lstrip().startswith("- "):
            message += " (put text that contains ': ' in quotes)"
        else:  # a key alone before the colon: the line starts a field, indented too deep
            message += " (this line is indented more than the field above it; line it up with its neighbours)"
    elif mark and mark.line < len(lines) and _CLOSED_QUOTE.search(lines[mark.line][: mark.column]):
        message += " (the value goes on after its closing quote: put all of it in quotes, or none of it)"
    elif exc.context and context and mark and context.line != mark.line:
        hint = "; check this line's indentation" if "block" in exc.context else ""
        message += f" ({exc.context} at line {context.line + 1 + line_offset}{hint})"
    return line, col, message


class _Builder:
    def __init__(self, path: str, line_offset: int, aliases: bool = True) -> None:
        self.aliases = aliases
        self.path = path
        self.line_offset = line_offset
        self.diagnostics: list[Diagnostic] = []
        self._seen: set[int] = set()
        self._aliases: list[yaml.Node] = []
        self.refused = False

    def finish(self) -> None:
        if self._aliases:
            more = len(self._aliases) - 1
            others = f" ({more} more alias{'es' if more > 1 else ''} in this file)" if more else ""
            self.refuse(
                self._aliases[0], f"YAML aliases (*name) are not allowed in content; write the value out{others}"
            )

    def mark(self, node: yaml.Node) -> Mark:
        return Mark(node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1)

    def fail(self, node: yaml.Node, message: str) -> None:
        m = self.mark(node)
        self.diagnostics.append(error(self.path, m.line, m.col, message))

    def refuse(self, node: yaml.Node, message: str) -> None:
        self.fail(node, message)
        self.refused = True

    def build(self, node: yaml.Node, depth: int) -> YNode:
        # The hot loop of every load (one call per key and value): plain attribute
        # reads instead of helper calls.
        if self.aliases:
            if id(node) in self._seen:
                # An alias: the same node object reached twice. Refusing them keeps
                # "billion laughs" expansions out and content explicit; the first
                # one is reported, with a count of the others rather than a flood.
                self._aliases.append(node)
                return YScalar(None, self.mark(node), "", False)
            self._seen.add(id(node))
        start = node.start_mark
        mark = Mark(start.line + 1 + self.line_offset, start.column + 1)
        if isinstance(node, yaml.ScalarNode):
            if node.tag != _STR:
                self._bad_tag(node)
            raw = node.value
            if node.style in _QUOTED_STYLES:
                return YScalar(raw, mark, raw, True, node.style in _BLOCK_STYLES)
            return YScalar(_resolve(raw), mark, raw, False)
        if depth > MAX_DEPTH:
            # libyaml stops at 1000 levels; content needs a handful. Stopping
            # here keeps the recursion short and reports the first level too deep.
            self.refuse(node, f"nesting is deeper than {MAX_DEPTH} levels")
            return YScalar(None, mark, "", False)
        if node.tag not in _DEFAULT_TAGS:
            self._bad_tag(node)
        if isinstance(node, yaml.SequenceNode):
            return YSeq([self.build(item, depth + 1) for item in node.value], mark)
        assert isinstance(node, yaml.MappingNode)
        ymap = YMap([], mark)
        entries, index = ymap.entries, ymap._index
        for key_node, value_node in node.value:
            key = self.build(key_node, depth + 1)
            value = self.build(value_node, depth + 1)
            if not isinstance(key, YScalar):
                self.refuse(key_node, "mapping keys must be plain text, not lists or mappings")
                continue
            name = key.raw
            if name == "<<" and not key.quoted:
                self.refuse(key_node, "YAML merge keys (<<) are not allowed in content; write the fields out")
                continue
            first = index.get(name)
            if first is not None:
                self.fail(key_node, f"duplicate key '{name}' (first defined at line {first[0].mark.line})")
                continue
            key.value = name
            entries.append((key, value))
            index[name] = (key, value)
        return ymap

    def _bad_tag(self, node: yaml.Node) -> None:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.refuse(node, f"YAML tag '{tag}' is not allowed in content; write the value without it")


_CONSTANTS: dict[str, Scalar] = {
    **dict.fromkeys(("", "~", "null", "Null", "NULL"), None),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}
_NUMBER_START = frozenset("-+.0123456789")


def _resolve(raw: str) -> Scalar:
    if raw in _CONSTANTS:
        return _CONSTANTS[raw]
    if raw[0] not in _NUMBER_START:
        return raw  # most scalars: text, no pattern to try
    if _INT.match(raw):
        return int(raw)
    if _FLOAT.match(raw) and any(c.isdigit() for c in raw):
        return float(raw)
    return raw


def formula_mark(node: YNode, offset: int) -> Mark:
    """The position of a character of a formula written on one line (plain or quoted)."""
    if isinstance(node, YScalar) and "\n" not in node.raw and not node.block and isinstance(node.value, str):
        return Mark(node.mark.line, node.mark.col + offset + (1 if node.quoted else 0))
    return node.mark

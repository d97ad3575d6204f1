"""The types of a content field's value: text, a choice of words, a date, a URL, a list of ids...

Each converts a YAML node (with its position, `yamlsrc`) to a Python value or
raises `Invalid` with the reason, and gives the same rule as JSON Schema for
editors. `schema` builds the content specs from them; `explainer.kinds` builds
each fact kind's value rule from them, which is why this module sits in a stage
below the kinds (tests/test_boundaries.py).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from explainer.diagnostics import Diagnostic, did_you_mean, error
from explainer.load.yamlsrc import YMap, YNode, YScalar, YSeq
from explainer.model import PartialDate
from explainer.text.references import MARKER

ID_PATTERN = r"^[a-z0-9]+([-_.][a-z0-9]+)*$"
"""An id: runs of lowercase letters and digits joined by single '-', '_' or '.' (`org.data-centres`);
the same pattern is published in the data package."""
PAGE_ID = r"^[a-z0-9][a-z0-9-]*$"
_ID_RE = re.compile(ID_PATTERN)
_URL = r"^https://[^\s/$.?#][^\s<>\"']*$"
_LANGUAGE = r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$"
PARTIAL_DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
"""`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as text."""
_YAML11_WORDS = {"yes", "no", "on", "off", "y", "n"}
_MARKUP = '<>&"'
_MARKUP_RULE = "titles may not contain <, >, & or \" (write 'and', and “curly quotes”)"

JSON = dict[str, Any]


_ID_RULES = {
    ID_PATTERN: "lowercase letters, digits, '-', '_', dot-separated",
    PAGE_ID: "lowercase letters, digits and '-': it becomes the page's address",
}


def check_id(key: YScalar, path: str, what: str, pattern: str = ID_PATTERN) -> list[Diagnostic]:
    if re.match(pattern, str(key.value)):
        return []
    return [
        error(
            path,
            key.mark.line,
            key.mark.col,
            f"'{key.raw}' is not a valid {what} id ({_ID_RULES.get(pattern, 'see the content guide')})",
        )
    ]


class Invalid(Exception):
    """A field's value is not acceptable; the message says why. `offset`: where in a text value the
    problem is (reported at that column when the text is on one line)."""

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.offset = offset


def describe(node: YNode) -> str:
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    value = node.value
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {node.raw}"
    if isinstance(value, (int, float)):
        return f"the number {node.raw}"
    return f"the text '{value}'" if len(value) < 60 else "a long text"


def as_scalar(node: YNode) -> YScalar:
    if not isinstance(node, YScalar):
        raise Invalid(f"expected a single value, got {describe(node)}")
    return node


@dataclass(frozen=True)
class FieldType:
    """Converts a node to a Python value or raises Invalid."""

    def convert(self, node: YNode) -> Any:
        raise NotImplementedError

    def json(self) -> JSON:
        raise NotImplementedError

    def rules(self) -> list[JSON]:
        """JSON Schema rules this field brings to the whole record (a fact's `kind` decides what its
        `value` may be), added to the record's `allOf`."""
        return []


@dataclass(frozen=True)
class Text(FieldType):
    max_length: int = 500
    single_line: bool = True
    markup_free: bool = False
    """For text that templates print as they are (titles in the navigation,
    `<title>`, meta tags): MkDocs' Jinja does not escape, so `<`, `>`, `&`
    and `"` are refused rather than trusted to every template."""
    references: bool = False
    """Text that holds `[[fact:ID]]` references (a formula, read by its parser). Any other text is
    shown as written, so reference syntax in it (`[[`, `]]`, `[fact:`) would reach readers raw."""

    def convert(self, node: YNode) -> str:
        scalar = as_scalar(node)
        if not isinstance(scalar.value, str):
            raise Invalid(f"expected text, got {describe(node)} (put it in quotes if it is meant as text)")
        text = scalar.value.strip() if scalar.quoted else scalar.value
        if not scalar.quoted and text.lower() in _YAML11_WORDS:
            raise Invalid(f"'{text}' is read as a boolean by many YAML tools; put it in quotes")
        if not text:
            raise Invalid("expected text, got an empty value")
        if self.single_line and "\n" in text.strip():
            raise Invalid("expected a single line of text")
        if len(text) > self.max_length:
            raise Invalid(f"text is {len(text)} characters long; the limit is {self.max_length}")
        if self.markup_free and any(c in text for c in _MARKUP):
            raise Invalid(f"{_MARKUP_RULE}; got '{text}'")
        if not self.references and ("[" in text or "]]" in text):
            marker = MARKER.search(scalar.value)
            if marker is not None:
                shown = re.match(r"\S*", scalar.value[marker.start() :]).group()[:60]  # type: ignore[union-attr]
                if marker.group() == "]]":
                    shown = re.search(r"\S*\]\]", scalar.value[: marker.end()]).group()[-60:]  # type: ignore[union-attr]
                message = f"'{shown}' would be shown as written: references ([[fact:ID]]) work in sections only"
                raise Invalid(message, marker.start())
        return text

    def json(self) -> JSON:
        # Not empty once trimmed and, for single-line text, no line break between its ends.
        pattern = r"^\s*\S[^\n]*\s*$" if self.single_line else r"\S"
        message = "expected a single line of text" if self.single_line else "expected text"
        schema: JSON = {
            "type": "string",
            "minLength": 1,
            "maxLength": self.max_length,
            "pattern": pattern,
            "patternErrorMessage": message,
        }
        if self.markup_free:
            schema["allOf"] = [{"pattern": '^[^<>&"]*$'}]
        return schema


@dataclass(frozen=True)
class Formula(Text):
    """A formula over facts, written with `[[fact:ID]]` references (checked by its parser, `derived`)."""

    max_length: int = 300
    references: bool = True


@dataclass(frozen=True)
class Choice(FieldType):
    """One of a few words; given the members of a `StrEnum`, the value is the member."""

    values: tuple[str, ...]

    def convert(self, node: YNode) -> str:
        scalar = as_scalar(node)
        if not isinstance(scalar.value, str) or scalar.value not in self.values:
            hint = did_you_mean(str(scalar.value), self.values)
            allowed = ", ".join(self.values)
            raise Invalid(f"expected one of {allowed}; got {describe(node)}{hint}")
        return self.values[self.values.index(scalar.value)]

    def json(self) -> JSON:
        return {"type": "string", "enum": list(self.values)}


@dataclass(frozen=True)
class Date(FieldType):
    """An ISO date as text. `partial` also allows `YYYY` and `YYYY-MM`."""

    partial: bool = False

    def convert(self, node: YNode) -> PartialDate:
        scalar = as_scalar(node)
        text = scalar.raw if isinstance(scalar.value, (str, int)) and not isinstance(scalar.value, bool) else None
        if text is None:
            raise Invalid(f"expected a date written YYYY-MM-DD, got {describe(node)}")
        try:
            date = PartialDate.parse(text)
        except ValueError as exc:
            raise Invalid(str(exc)) from None
        if not self.partial and date.day is None:
            raise Invalid(f"expected a full date written YYYY-MM-DD, got '{text}'")
        return date

    def json(self) -> JSON:
        month, day = r"(0[1-9]|1[0-2])", r"(0[1-9]|[12][0-9]|3[01])"
        if not self.partial:
            return {
                "type": "string",
                "pattern": rf"^\d{{4}}-{month}-{day}$",
                "patternErrorMessage": "expected a date written YYYY-MM-DD",
            }
        text = {
            "type": "string",
            "pattern": PARTIAL_DATE,
            "patternErrorMessage": "expected a date written YYYY-MM-DD, YYYY-MM or YYYY",
        }
        # An unquoted `2026` arrives as a number; the validator reads it as the year.
        return {"anyOf": [text, {"type": "integer", "minimum": 1000, "maximum": 9999}]}


@dataclass(frozen=True)
class Url(FieldType):
    """An https:// address on one line."""

    def convert(self, node: YNode) -> str:
        text = Text(max_length=2000).convert(node)
        if not re.match(_URL, text):
            raise Invalid(f"expected an https:// address, got '{text}'")
        return text

    def json(self) -> JSON:
        return {**Text(max_length=2000).json(), "pattern": _URL, "patternErrorMessage": "expected an https:// address"}


REASON_NEEDED = 'a correction needs its reason, in words readers will see (correction: "The count included ...")'


@dataclass(frozen=True)
class Reason(Text):
    """Why something was corrected: text readers see. `true`, `yes` or an empty value is not a reason."""

    max_length: int = 300

    def convert(self, node: YNode) -> str:
        scalar = as_scalar(node)
        if isinstance(scalar.value, bool) or (isinstance(scalar.value, str) and not scalar.value.strip()):
            raise Invalid(f"{REASON_NEEDED}, got {describe(node)}")
        if not scalar.quoted and isinstance(scalar.value, str) and scalar.value.lower() in _YAML11_WORDS:
            raise Invalid(f"{REASON_NEEDED}, got '{scalar.value}'")
        return super().convert(node)


@dataclass(frozen=True)
class Language(FieldType):
    """A BCP 47 language tag: `en`, `fr`, `pt-BR`, `zh-Hant`."""

    def convert(self, node: YNode) -> str:
        text = Text(max_length=35).convert(node)
        if not re.match(_LANGUAGE, text):
            raise Invalid(f"expected a language tag such as en, fr or pt-BR, got '{text}'")
        return text

    def json(self) -> JSON:
        return {"type": "string", "pattern": _LANGUAGE, "patternErrorMessage": "expected a language tag: en, fr, pt-BR"}


@dataclass(frozen=True)
class IdList(FieldType):
    """A non-empty list of ids (a single id is accepted too)."""

    of: str
    max_items: int = 100

    def convert(self, node: YNode) -> tuple[tuple[str, YScalar], ...]:
        items = node.items if isinstance(node, YSeq) else [node]
        if not items:
            raise Invalid(f"expected at least one {self.of} id")
        if len(items) > self.max_items:
            raise Invalid(f"expected at most {self.max_items} {self.of} ids, got {len(items)}")
        out = []
        for item in items:
            scalar = as_scalar(item)
            if not isinstance(scalar.value, str) or not _ID_RE.match(scalar.value):
                raise Invalid(f"'{scalar.raw}' is not a valid {self.of} id")
            out.append((scalar.value, scalar))
        return tuple(out)

    def json(self) -> JSON:
        item = {"type": "string", "pattern": ID_PATTERN}
        return {"oneOf": [item, {"type": "array", "items": item, "minItems": 1, "maxItems": self.max_items}]}


@dataclass(frozen=True)
class TextList(FieldType):
    max_length: int = 200

    def convert(self, node: YNode) -> tuple[str, ...]:
        items = node.items if isinstance(node, YSeq) else [node]
        return tuple(Text(max_length=self.max_length).convert(item) for item in items)

    def json(self) -> JSON:
        item = Text(max_length=self.max_length).json()
        return {"oneOf": [item, {"type": "array", "items": item}]}


@dataclass(frozen=True)
class UrlList(FieldType):
    def convert(self, node: YNode) -> tuple[str, ...]:
        items = node.items if isinstance(node, YSeq) else [node]
        return tuple(Url().convert(item) for item in items)

    def json(self) -> JSON:
        return {"oneOf": [Url().json(), {"type": "array", "items": Url().json()}]}


@dataclass(frozen=True)
class SectionList(FieldType):
    def convert(self, node: YNode) -> tuple[tuple[str, YScalar], ...]:
        if not isinstance(node, YSeq) or not node.items:
            raise Invalid("expected a list of section ids such as 'background/history'")
        out = []
        for item in node.items:
            scalar = as_scalar(item)
            if not isinstance(scalar.value, str) or not re.match(r"^[a-z0-9][a-z0-9/_-]*$", scalar.value):
                raise Invalid(f"'{scalar.raw}' is not a section id (a path under content/sections/ without .md)")
            out.append((scalar.value, scalar))
        return tuple(out)

    def json(self) -> JSON:
        return {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": "^[a-z0-9][a-z0-9/_-]*$"}}


@dataclass(frozen=True)
class ExcerptMap(FieldType):
    """Source id -> verbatim excerpt; each entry is checked with its position by `evidence.check_evidence`."""

    max_length: int = 1000

    def convert(self, node: YNode) -> tuple[tuple[YScalar, YNode], ...]:
        if not isinstance(node, YMap):
            raise Invalid(f"expected a mapping of source ids to excerpts, got {describe(node)}")
        return tuple(node.entries)

    def json(self) -> JSON:
        return {
            "type": "object",
            "propertyNames": {"pattern": ID_PATTERN},
            "additionalProperties": Text(max_length=self.max_length).json(),
        }


@dataclass(frozen=True)
class Number(FieldType):
    """A finite number (`positive`: greater than zero)."""

    positive: bool = False

    def convert(self, node: YNode) -> int | float:
        value = as_scalar(node).value
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
            raise Invalid(f"expected a number, got {describe(node)}")
        if self.positive and value <= 0:
            raise Invalid(f"expected a number above zero, got {value}")
        return value

    def json(self) -> JSON:
        return {"type": "number", **({"exclusiveMinimum": 0} if self.positive else {})}


@dataclass(frozen=True)
class Raw(FieldType):
    """Kept as a node; checked later by rules that need other fields."""

    schema: JSON = field(default_factory=dict)

    def convert(self, node: YNode) -> YNode:
        return node

    def json(self) -> JSON:
        return dict(self.schema)

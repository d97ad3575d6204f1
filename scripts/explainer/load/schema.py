"""What each kind of content file may hold: one definition, two uses.

The validator checks YAML nodes against these specs (with positions and
"did you mean"), and `json_schema()` turns the same specs into JSON Schema for
editors. Add or change a field here and both follow.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from explainer.diagnostics import Diagnostic, close_match, did_you_mean, error
from explainer.language.catalog import LANGUAGES, ORIGINAL, qualifiers
from explainer.load.yamlsrc import YMap, YNode, YScalar, YSeq
from explainer.model import ChartKind, Confidence, FactKind, PageKind, PartialDate
from explainer.site import LICENCES

ID_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*(?:\.[a-z0-9]+(?:[-_][a-z0-9]+)*)*$"
PAGE_ID = r"^[a-z0-9][a-z0-9-]*$"
_ID_RE = re.compile(ID_PATTERN)
_URL = r"^https://[^\s/$.?#][^\s<>\"']*$"
_LANGUAGE = r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$"
_YAML11_WORDS = {"yes", "no", "on", "off", "y", "n"}
_MARKUP = '<>&"'
_MARKUP_RULE = "titles may not contain <, >, & or \" (write 'and', and “curly quotes”)"

JSON = dict[str, Any]


class Invalid(Exception):
    """A field's value is not acceptable; the message says why."""


def _describe(node: YNode) -> str:
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


def _scalar(node: YNode) -> YScalar:
    if not isinstance(node, YScalar):
        raise Invalid(f"expected a single value, got {_describe(node)}")
    return node


@dataclass(frozen=True)
class FieldType:
    """Converts a node to a Python value or raises Invalid."""

    def convert(self, node: YNode) -> Any:
        raise NotImplementedError

    def json(self) -> JSON:
        raise NotImplementedError


@dataclass(frozen=True)
class Text(FieldType):
    max_length: int = 500
    single_line: bool = True
    markup_free: bool = False
    """For text that templates print as they are (titles in the navigation,
    `<title>`, meta tags): MkDocs' Jinja does not escape, so `<`, `>`, `&`
    and `"` are refused rather than trusted to every template."""

    def convert(self, node: YNode) -> str:
        scalar = _scalar(node)
        if not isinstance(scalar.value, str):
            raise Invalid(f"expected text, got {_describe(node)} (put it in quotes if it is meant as text)")
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
class Choice(FieldType):
    """One of a few words; given the members of a `StrEnum`, the value is the member."""

    values: tuple[str, ...]

    def convert(self, node: YNode) -> str:
        scalar = _scalar(node)
        if not isinstance(scalar.value, str) or scalar.value not in self.values:
            hint = did_you_mean(str(scalar.value), self.values)
            allowed = ", ".join(self.values)
            raise Invalid(f"expected one of {allowed}; got {_describe(node)}{hint}")
        return self.values[self.values.index(scalar.value)]

    def json(self) -> JSON:
        return {"type": "string", "enum": list(self.values)}


@dataclass(frozen=True)
class Date(FieldType):
    """An ISO date as text. `partial` also allows `YYYY` and `YYYY-MM`."""

    partial: bool = False

    def convert(self, node: YNode) -> PartialDate:
        scalar = _scalar(node)
        text = scalar.raw if isinstance(scalar.value, (str, int)) and not isinstance(scalar.value, bool) else None
        if text is None:
            raise Invalid(f"expected a date written YYYY-MM-DD, got {_describe(node)}")
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
            "pattern": rf"^\d{{4}}(-{month}(-{day})?)?$",
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
        scalar = _scalar(node)
        if isinstance(scalar.value, bool) or (isinstance(scalar.value, str) and not scalar.value.strip()):
            raise Invalid(f"{REASON_NEEDED}, got {_describe(node)}")
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
            scalar = _scalar(item)
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
            raise Invalid("expected a list of section ids such as 'acquisition/deal'")
        out = []
        for item in node.items:
            scalar = _scalar(item)
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
            raise Invalid(f"expected a mapping of source ids to excerpts, got {_describe(node)}")
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
        value = _scalar(node).value
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
            raise Invalid(f"expected a number, got {_describe(node)}")
        if self.positive and value <= 0:
            raise Invalid(f"expected a number above zero, got {value}")
        return value

    def json(self) -> JSON:
        return {"type": "number", **({"exclusiveMinimum": 0} if self.positive else {})}


@dataclass(frozen=True)
class SubRecords(FieldType):
    """A mapping of its own fields (`of`), or with `many` a list of them; checked by the loader with positions."""

    of: Spec
    many: bool = False

    def convert(self, node: YNode) -> YNode:
        if self.many and not isinstance(node, YSeq):
            raise Invalid(f"expected a list of {self.of.name}s, got {_describe(node)}")
        if not self.many and not isinstance(node, YMap):
            raise Invalid(f"expected a mapping of {self.of.name} fields, got {_describe(node)}")
        return node

    def json(self) -> JSON:
        record: JSON = {
            "type": "object",
            "description": self.of.doc,
            "additionalProperties": False,
            "required": [f.name for f in self.of.fields if f.required],
            "properties": {f.name: _property(f) for f in self.of.fields},
        }
        return {"type": "array", "items": record} if self.many else record


@dataclass(frozen=True)
class Raw(FieldType):
    """Kept as a node; checked later by rules that need other fields."""

    schema: JSON = field(default_factory=dict)

    def convert(self, node: YNode) -> YNode:
        return node

    def json(self) -> JSON:
        return dict(self.schema)


@dataclass(frozen=True)
class Nested(FieldType):
    """A mapping checked later against another spec (by its name in this module), with its own positions."""

    spec: str

    def convert(self, node: YNode) -> YNode:
        if not isinstance(node, YMap):
            raise Invalid(f"expected a mapping of fields, got {_describe(node)}")
        return node

    def json(self) -> JSON:
        nested = json_schema(globals()[self.spec], keyed_by=None)
        return {k: v for k, v in nested.items() if k not in ("$schema", "title")}


@dataclass(frozen=True)
class Translation(FieldType):
    """A language block (`fr:`): the record's words in that language, kept as a node.

    The loader checks it against `spec` with positions, and checks which of
    its forms the record needs (`locale.missing_forms` for a fact).
    """

    spec: Spec

    def convert(self, node: YNode) -> YMap:
        if not isinstance(node, YMap):
            raise Invalid(
                f"expected a mapping of translated fields ({self.spec.fields[0].name}: ...), got {_describe(node)}"
            )
        return node

    def json(self) -> JSON:
        return {
            "type": "object",
            "description": self.spec.doc,
            "additionalProperties": False,
            "required": [f.name for f in self.spec.fields if f.required],
            "properties": {f.name: _property(f) for f in self.spec.fields},
        }


TRANSLATED = tuple(lang for lang in LANGUAGES if lang != ORIGINAL)
"""Languages content can be translated into: each has a block (`fr:`) beside the original's fields."""
_LANGUAGE_KEY = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$")


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    doc: str
    required: bool = False
    required_unless: str | None = None
    """Required unless the record has this other field (a derived fact's `formula` replaces `value`)."""


@dataclass(frozen=True)
class Spec:
    """One kind of record: the fields it may have."""

    name: str
    doc: str
    fields: tuple[Field, ...]
    json_extra: Mapping[str, Any] = field(default_factory=dict)

    @functools.cached_property
    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @functools.cached_property
    def translatable(self) -> bool:
        """Whether records of this kind may hold language blocks (`fr:`)."""
        return any(isinstance(f.type, Translation) for f in self.fields)


@dataclass
class Checked:
    """A record's converted values and where each was written."""

    values: dict[str, Any]
    nodes: dict[str, YNode]
    key_marks: dict[str, YScalar]


def check_record(
    node: YNode, spec: Spec, path: str, what: str, at: YScalar | None = None
) -> tuple[Checked | None, list[Diagnostic]]:
    """Check one mapping against `spec`. `what` names it in messages ("fact 'x'").

    Returns the fields that passed even when others did not, so later rules
    can still run; `at` is where a missing field is reported (the record's key).
    """
    if not isinstance(node, YMap):
        m = node.mark
        return None, [error(path, m.line, m.col, f"{what} should be a mapping of fields, got {_describe(node)}")]
    diagnostics: list[Diagnostic] = []
    known = spec.by_name
    checked = Checked({}, {}, {})
    meant: set[str] = set()
    """Fields an unknown, misspelt field was taken for: not reported missing as well."""
    for key, value in node.entries:
        name = str(key.value)
        spec_field = known.get(name)
        if spec_field is None and spec.translatable and isinstance(value, YMap) and _LANGUAGE_KEY.match(name):
            hint = did_you_mean(name, TRANSLATED) or f" (translations go in a block named {', '.join(TRANSLATED)})"
            message = f"unknown language block '{name}:' in {what}{hint}"
            diagnostics.append(error(path, key.mark.line, key.mark.col, message))
            continue
        if spec_field is None:
            close = close_match(name, known)
            hint = ""
            if close is not None:
                hint = f" (did you mean '{close}'?)"
                meant.add(close)
            diagnostics.append(error(path, key.mark.line, key.mark.col, f"unknown field '{name}' in {what}{hint}"))
            continue
        checked.key_marks[name] = key
        checked.nodes[name] = value
        if isinstance(value, YScalar) and value.value is None and not value.quoted:
            if spec_field.required or spec_field.required_unless is not None:
                diagnostics.append(error(path, key.mark.line, key.mark.col, f"field '{name}' of {what} is empty"))
            continue
        try:
            checked.values[name] = spec_field.type.convert(value)
        except Invalid as exc:
            diagnostics.append(error(path, value.mark.line, value.mark.col, f"{name}: {exc}"))
    present = {str(key.value) for key, _ in node.entries}
    missing = [
        f.name
        for f in spec.fields
        if (f.required or (f.required_unless is not None and f.required_unless not in present))
        and f.name not in checked.key_marks
        and f.name not in meant
    ]
    if missing:
        mark = at.mark if at is not None else node.mark
        names = ", ".join(f"'{m}'" for m in missing)
        plural = "s" if len(missing) > 1 else ""
        diagnostics.append(error(path, mark.line, mark.col, f"{what} is missing required field{plural} {names}"))
    return checked, diagnostics


# --- The content specs -------------------------------------------------------

QUALIFIERS = qualifiers()
"""The qualifier vocabulary: the keys of the original language file's `[qualifiers]` table."""
CURRENCIES = ("EUR", "USD", "GBP", "CHF")


def _value_rule(kind: FactKind, then: JSON, unit: JSON | None = None, unit_required: bool = False) -> JSON:
    """JSON Schema for `check_fact_value`: what `value` (and `unit`) must be for one kind."""
    rule: JSON = {"if": {"properties": {"kind": {"const": kind.value}}, "required": ["kind"]}}
    props: JSON = {"value": then}
    if unit is not None:
        props["unit"] = unit
    rule["then"] = {"properties": props}
    if unit_required:
        rule["then"]["required"] = ["unit"]
    return rule


def _translations(forms: Spec) -> tuple[Field, ...]:
    """One language block per language content can be translated into."""
    return tuple(Field(lang, Translation(forms), f"{forms.doc} ({lang})") for lang in TRANSLATED)


FACT_FORMS = Spec(
    name="fact translation",
    doc="The fact's words in another language; numbers, dates, qualifiers and sources are never repeated.",
    fields=(
        Field("label", Text(max_length=120), "What the value measures (always needed once the site has the language)."),
        Field("value", Text(max_length=600), "The value of a `kind: text` fact."),
        Field("unit", Text(max_length=60), "The unit noun in its plural form (count and number facts with a unit)."),
        Field("unit_one", Text(max_length=60), "The singular, used when the displayed number takes it."),
        Field("note", Text(max_length=600), "The note (when the fact has one)."),
    ),
)

PAGE_FORMS = Spec(
    name="page translation",
    doc="The page's title, navigation title and description in another language.",
    fields=(
        Field("title", Text(max_length=120, markup_free=True), "The page's heading.", True),
        Field("nav_title", Text(max_length=40, markup_free=True), "Shorter title (when the page has one)."),
        Field("description", Text(max_length=300, markup_free=True), "The summary (when the page has one)."),
    ),
)

TIMELINE_FORMS = Spec(
    name="timeline entry translation",
    doc="The entry's title in another language.",
    fields=(Field("title", Text(max_length=200), "What happened, in one line.", True),),
)

GLOSSARY_FORMS = Spec(
    name="glossary term translation",
    doc="The term, its definition and aliases in another language.",
    fields=(
        Field("term", Text(max_length=80), "The term as it appears in this language's prose.", True),
        Field("definition", Text(max_length=400), "One or two plain sentences.", True),
        Field("aliases", TextList(max_length=80), "Other spellings in this language."),
    ),
)


FACT = Spec(
    name="fact",
    doc="One fact: a value with its kind, as-of date and sources. Keys of a facts file are fact ids.",
    fields=(
        Field(
            "label", Text(max_length=120), "What the value measures, in a few words (shown in cards and tables).", True
        ),
        Field("kind", Choice(tuple(FactKind)), "How the value is checked and formatted.", True),
        Field(
            "value",
            Raw({}),
            "The value: a number for count, number, money, percent; YYYY[-MM[-DD]] for date.",
            required_unless="formula",
        ),
        Field(
            "formula",
            Text(max_length=300),
            "A derived fact: its value computed from other facts, written [[fact:ID]], with numbers, "
            "+ - * / ( ), max() and min(). Its as-of date and sources come from those facts; "
            "leave out value, as_of, sources and evidence.",
        ),
        Field("unit", Text(max_length=60), "Noun after the number ('servers'); the currency code for money (EUR)."),
        Field(
            "unit_one",
            Text(max_length=60),
            "The unit noun's singular ('server'), needed when the value shown takes it ('1 server').",
        ),
        Field("qualifier", Choice(QUALIFIERS), "Word before the value when it is not exact ('over 500,000')."),
        Field(
            "as_of",
            Date(partial=True),
            "When the value was true (YYYY-MM-DD; YYYY-MM or YYYY if that is all that is known).",
            required_unless="formula",
        ),
        Field("sources", IdList("source"), "Source id(s) from content/sources.yml.", required_unless="formula"),
        Field("note", Text(max_length=600), "Context a reader needs: disagreement, method, caveat."),
        Field("confidence", Choice(tuple(Confidence)), "'single-source' or 'disputed' when the fact is not settled."),
        Field("review_by", Date(), "Date after which the check command warns that this fact may be stale."),
        Field(
            "correction",
            Reason(),
            "Set when this change corrects a mistake: the reason, shown to readers in the changes log.",
        ),
        Field(
            "evidence",
            ExcerptMap(),
            "Source id -> the source's own words supporting this (at most about 30 words; shown in quotation marks).",
        ),
        *_translations(FACT_FORMS),
    ),
    json_extra={
        "allOf": [
            # A derived fact (`formula`) takes its value, as-of date and sources from its inputs.
            {
                "if": {"required": ["formula"]},
                "then": {"not": {"anyOf": [{"required": [n]} for n in ("value", "as_of", "sources", "evidence")]}},
                "else": {"required": ["value", "as_of", "sources"]},
            },
            _value_rule(FactKind.COUNT, {"type": "integer", "minimum": 0}),
            _value_rule(FactKind.NUMBER, {"type": "number"}),
            _value_rule(
                FactKind.MONEY, {"type": "number", "minimum": 0}, {"enum": list(CURRENCIES)}, unit_required=True
            ),
            # "a percent takes no unit" (an empty `unit:` counts as none)
            _value_rule(FactKind.PERCENT, {"type": "number", "minimum": 0, "maximum": 100}, {"type": "null"}),
            _value_rule(FactKind.DATE, Date(partial=True).json()),
            _value_rule(FactKind.TEXT, Text(max_length=600).json()),
        ]
    },
)

SOURCE = Spec(
    name="source",
    doc="One cited document. Keys of content/sources.yml are source ids.",
    fields=(
        Field("title", Text(max_length=300), "The document's title as published.", True),
        Field("publisher", Text(max_length=120), "Who published it.", True),
        Field("url", Url(), "Where to read it (https).", True),
        Field(
            "published",
            Date(partial=True),
            "Publication date (YYYY-MM-DD, or YYYY-MM / YYYY when only that is known).",
            True,
        ),
        Field("accessed", Date(), "When an editor last checked the document.", True),
        Field("note", Text(max_length=600), "Anything a reader should know about this source."),
        Field("licence", Choice(tuple(LICENCES)), "The document's licence, when it states one."),
        Field("language", Language(), "The document's language as a BCP 47 tag: en, fr, de, pt-BR."),
        Field(
            "archived",
            Nested("ARCHIVED"),
            "A copy kept by an archive, once an editor has opened it: url (https) and date (YYYY-MM-DD).",
        ),
    ),
)

ARCHIVED = Spec(
    name="archived copy",
    doc="A copy of the source kept by an archive, opened and checked by an editor (never guessed).",
    fields=(
        Field("url", Url(), "The copy's address (https), e.g. on web.archive.org.", True),
        Field("date", Date(), "When the archive made the copy (YYYY-MM-DD).", True),
    ),
)

PAGE = Spec(
    name="page",
    doc="One page of the site. Keys of content/pages.yml are page ids ('index' is the home page); order is nav order.",
    fields=(
        Field("title", Text(max_length=120, markup_free=True), "The page's heading.", True),
        Field("nav_title", Text(max_length=40, markup_free=True), "Shorter title for the navigation."),
        Field(
            "description",
            Text(max_length=300, markup_free=True),
            "One-sentence summary for search engines and link previews.",
        ),
        Field("sections", SectionList(), "Section ids in reading order (paths under content/sections/ without .md)."),
        Field("generated", Choice(tuple(PageKind)), "A page the build writes from data instead of sections."),
        Field("figures", IdList("fact", max_items=6), "Up to six fact ids shown as headline cards under the title."),
        Field("key_dates", IdList("timeline entry"), "Timeline entry ids shown as a strip of key dates."),
        *_translations(PAGE_FORMS),
    ),
    # A page has either `sections` or `generated`, never both.
    json_extra={"oneOf": [{"required": ["sections"]}, {"required": ["generated"]}]},
)

TIMELINE = Spec(
    name="timeline entry",
    doc="A dated event on /timeline/. Keys of content/timeline.yml are entry ids; the page sorts them by date.",
    fields=(
        Field("title", Text(max_length=200), "What happened, in one line.", True),
        Field("fact", Text(max_length=120), "A date fact whose value and sources this entry uses."),
        Field("date", Date(partial=True), "The date, when no fact gives it (YYYY-MM-DD, YYYY-MM or YYYY)."),
        Field("sources", IdList("source"), "Source id(s), when no fact gives them."),
        Field(
            "evidence",
            ExcerptMap(),
            "Source id -> the source's own words supporting this (at most about 30 words; shown in quotation marks).",
        ),
        *_translations(TIMELINE_FORMS),
    ),
)

GLOSSARY = Spec(
    name="glossary term",
    doc="A term explained on /glossary/ and wherever it appears in prose. Keys of content/glossary.yml are term ids.",
    fields=(
        Field("term", Text(max_length=80), "The term as it appears in prose (case-sensitive).", True),
        Field("definition", Text(max_length=400), "One or two plain sentences.", True),
        Field("aliases", TextList(max_length=80), "Other spellings that get the same explanation."),
        Field("sources", IdList("source"), "Source id(s) for the definition, if any."),
        Field(
            "evidence",
            ExcerptMap(),
            "Source id -> the source's own words supporting this (at most about 30 words; shown in quotation marks).",
        ),
        *_translations(GLOSSARY_FORMS),
    ),
)

ORGANISATION = Spec(
    name="organisation",
    doc="An organisation the explainer is about, for structured data. Keys of content/organisations.yml are ids.",
    fields=(
        Field("name", Text(max_length=120), "The organisation's name.", True),
        Field("url", Url(), "Its official website.", True),
        Field("same_as", UrlList(), "Pages that identify it elsewhere (Wikipedia, Wikidata, a model hub)."),
    ),
)

CHART_X = Spec(
    name="chart x axis",
    doc="A line chart's x axis: what x is and the range drawn (an extent, not a claim).",
    fields=(
        Field("label", Text(max_length=80), "What x is, as the axis title says it.", True),
        Field("kind", Choice(("money", "count", "number")), "How x values are formatted.", True),
        Field("unit", Text(max_length=60), "Currency code for money; noun for a count or number."),
        Field("from", Number(), "The smallest x drawn.", True),
        Field("to", Number(), "The largest x drawn.", True),
        Field("scale", Choice(("linear", "log")), "Axis scale (default linear)."),
    ),
)

CHART_Y = Spec(
    name="chart y axis",
    doc="A line chart's y axis: a formula over x and facts ([[fact:ID]]).",
    fields=(
        Field("label", Text(max_length=80), "What y is, as the axis title says it.", True),
        Field("formula", Text(max_length=300), "y as a formula over x and [[fact:ID]], + - * / max() min().", True),
        Field("scale", Choice(("linear", "log")), "Axis scale (default linear)."),
    ),
)

CHART_MARK = Spec(
    name="chart mark",
    doc="A fact drawn on a line chart as a rule at its value, on the axis that has its unit.",
    fields=(
        Field("fact", Text(max_length=120), "The fact's id.", True),
        Field("axis", Choice(("x", "y")), "Which axis the value is on.", True),
        Field("label", Text(max_length=60), "A short label drawn beside the rule (default: the fact's label)."),
    ),
)

CHART_FORMS = Spec(
    name="chart translation",
    doc="The chart's words in another language; its facts, formula and range are never repeated.",
    fields=(
        Field("title", Text(max_length=120, markup_free=True), "The chart's title (its accessible name).", True),
        Field("caption", Text(max_length=400), "The sentence under the chart (when it has one)."),
        Field("x", Text(max_length=80), "Line: the x axis title."),
        Field("y", Text(max_length=80), "Line: the y axis title."),
        Field("marks", TextList(max_length=60), "Line: the `label:` of each mark that has one, in order."),
    ),
)

CHART = Spec(
    name="chart",
    doc="A chart of facts, placed in prose with [[chart:ID]]. Keys of content/charts.yml are chart ids.",
    fields=(
        Field(
            "type", Choice(tuple(ChartKind)), "bar (same-unit facts), strip (dated events) or line (a formula).", True
        ),
        Field("title", Text(max_length=120, markup_free=True), "What the chart shows; also its accessible name.", True),
        Field("caption", Text(max_length=400), "A sentence under the chart."),
        Field("facts", IdList("fact", max_items=30), "Bar: the facts compared. Strip: date facts."),
        Field("entries", IdList("timeline entry", max_items=60), "Strip: timeline entries (default: all)."),
        Field("x", SubRecords(CHART_X), "Line: the x axis and its range."),
        Field("y", SubRecords(CHART_Y), "Line: the y axis and its formula."),
        Field("marks", SubRecords(CHART_MARK, many=True), "Line: facts marked on the chart."),
        *_translations(CHART_FORMS),
    ),
)

SECTION = Spec(
    name="section front matter",
    doc="Front matter of a Markdown section in content/sections/.",
    fields=(
        Field(
            "title",
            Text(max_length=120, markup_free=True),
            "The section's heading; omit for a page's lead paragraph.",
        ),
        Field("description", Text(max_length=300, markup_free=True), "Summary used when the section opens a page."),
        Field(
            "own_numbers",
            TextList(max_length=80),
            "Numbers or dates typed in this section that are the site's own explanation, not a sourced claim, "
            "written as in the text ('Article 83(5)'); the unsourced-claims check leaves them alone.",
        ),
        Field(
            "translates",
            Text(max_length=12),
            "In a translation (`<name>.fr.md`): the first 12 hex digits of the SHA-256 of the original file it "
            "translates; `make check` prints the current value when the original has changed.",
        ),
    ),
)


def check_fact_value(kind: FactKind, node: YNode, unit: str | None) -> Any:
    """The kind-specific rule for a fact's `value` (raises Invalid)."""
    scalar = _scalar(node)
    value = scalar.value
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind.numeric:
        if not is_number:
            hint = ""
            if isinstance(value, str) and re.fullmatch(r"[-+]?[0-9][0-9_,]*(\.[0-9]+)?", value):
                hint = (
                    " (remove the quotes)"
                    if scalar.quoted
                    else " (write digits only: no leading zeros, underscores or commas)"
                )
            raise Invalid(f"a {kind} value must be a number, got {_describe(node)}{hint}")
        assert isinstance(value, (int, float))
        if isinstance(value, float) and not math.isfinite(value):
            raise Invalid(f"a {kind} value must be a finite number")
        if kind is FactKind.COUNT and not isinstance(value, int):
            raise Invalid(f"a count must be a whole number, got {scalar.raw}")
        if kind in (FactKind.COUNT, FactKind.MONEY) and value < 0:
            raise Invalid(f"a {kind} cannot be negative, got {scalar.raw}")
        if kind is FactKind.PERCENT and not 0 <= value <= 100:
            raise Invalid(f"a percent must be between 0 and 100, got {scalar.raw}")
        if kind is FactKind.MONEY and unit not in CURRENCIES:
            raise Invalid(f"a money value needs 'unit' set to a currency code ({', '.join(CURRENCIES)})")
        return value
    if kind is FactKind.DATE:
        return Date(partial=True).convert(node)
    return Text(max_length=600).convert(node)


def _property(spec_field: Field) -> JSON:
    """A field's JSON Schema; an optional field may be left empty (`note:`), as the validator allows."""
    schema = spec_field.type.json()
    if not spec_field.required and spec_field.required_unless is None:
        schema = {"anyOf": [schema, {"type": "null"}]}
    return {**schema, "description": spec_field.doc}


def json_schema(
    spec: Spec, keyed_by: str | None = "id", id_pattern: str = ID_PATTERN, required_ids: tuple[str, ...] = ()
) -> JSON:
    """JSON Schema (draft 2020-12) for a file of `spec` records keyed by id (or one record).

    `required_ids` are keys the file must have (`index` in pages.yml).
    """
    record: JSON = {
        "type": "object",
        "description": spec.doc,
        "additionalProperties": False,
        "required": [f.name for f in spec.fields if f.required],
        "properties": {f.name: _property(f) for f in spec.fields},
        **spec.json_extra,
    }
    if keyed_by is None:
        return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": spec.name, **record}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{spec.name} file",
        "type": "object",
        "propertyNames": {"pattern": id_pattern},
        **({"required": list(required_ids)} if required_ids else {}),
        "additionalProperties": record,
    }


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


@dataclass(frozen=True)
class ContentFile:
    """One kind of content file: where it lives and the spec of its records.

    `keyed` files map ids to records; the others (section front matter) are a
    single record. The JSON Schemas for editors are generated from this list.
    """

    name: str
    glob: str
    spec: Spec
    keyed: bool = True
    id_pattern: str = ID_PATTERN
    required_ids: tuple[str, ...] = ()

    def json_schema(self) -> JSON:
        return json_schema(self.spec, "id" if self.keyed else None, self.id_pattern, self.required_ids)


CONTENT_FILES: tuple[ContentFile, ...] = (
    ContentFile("sources", "sources.yml", SOURCE),
    ContentFile("facts", "facts/**/*.yml", FACT),
    ContentFile("pages", "pages.yml", PAGE, id_pattern=PAGE_ID, required_ids=("index",)),
    ContentFile("timeline", "timeline.yml", TIMELINE),
    ContentFile("glossary", "glossary.yml", GLOSSARY),
    ContentFile("organisations", "organisations.yml", ORGANISATION),
    ContentFile("charts", "charts.yml", CHART),
    ContentFile("section", "sections/**/*.md (front matter)", SECTION, keyed=False),
)

"""What each kind of content file may hold: one definition, two uses.

The validator checks YAML nodes against these specs (with positions and
"did you mean"), and `json_schema()` turns the same specs into JSON Schema for
editors. Add or change a field here and both follow.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from explainer.diagnostics import Diagnostic, close_match, did_you_mean, error
from explainer.kinds import KindField
from explainer.language.catalog import LANGUAGES, ORIGINAL, qualifiers
from explainer.load.fields import (
    ID_PATTERN,
    JSON,
    Choice,
    Date,
    ExcerptMap,
    FieldType,
    Formula,
    IdList,
    Invalid,
    Language,
    Number,
    Raw,
    Reason,
    SectionList,
    Text,
    TextList,
    Url,
    UrlList,
    describe,
)
from explainer.load.yamlsrc import YMap, YNode, YScalar, YSeq, formula_mark
from explainer.model import ChartKind, Confidence, PageKind
from explainer.site import LICENCES


@dataclass(frozen=True)
class SubRecords(FieldType):
    """A mapping of its own fields (`of`), or with `many` a list of them; checked by the loader with positions."""

    of: Spec
    many: bool = False

    def convert(self, node: YNode) -> YNode:
        if self.many and not isinstance(node, YSeq):
            raise Invalid(f"expected a list of {self.of.name}s, got {describe(node)}")
        if not self.many and not isinstance(node, YMap):
            raise Invalid(f"expected a mapping of {self.of.name} fields, got {describe(node)}")
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
class Nested(FieldType):
    """A mapping checked later against another spec (by its name in this module), with its own positions."""

    spec: str

    def convert(self, node: YNode) -> YNode:
        if not isinstance(node, YMap):
            raise Invalid(f"expected a mapping of fields, got {describe(node)}")
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
                f"expected a mapping of translated fields ({self.spec.fields[0].name}: ...), got {describe(node)}"
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
        return None, [error(path, m.line, m.col, f"{what} should be a mapping of fields, got {describe(node)}")]
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
            m = value.mark if exc.offset is None else formula_mark(value, exc.offset)
            diagnostics.append(error(path, m.line, m.col, f"{name}: {exc}"))
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


NOT_DERIVED = ("value", "as_of", "sources", "evidence", "evidence_in_words")
FACT = Spec(
    name="fact",
    doc="One fact: a value with its kind, as-of date and sources. Keys of a facts file are fact ids.",
    fields=(
        Field(
            "label", Text(max_length=120), "What the value measures, in a few words (shown in cards and tables).", True
        ),
        Field("kind", KindField(), "How the value is checked and formatted.", True),
        Field(
            "value",
            Raw({}),
            "The value: a number for count, number, money, percent; YYYY[-MM[-DD]] for date.",
            required_unless="formula",
        ),
        Field(
            "formula",
            Formula(),
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
        Field("correction", Reason(), "Set when this change corrects a mistake: why, shown in the changes log."),
        Field(
            "evidence",
            ExcerptMap(),
            "Source id -> the source's own words supporting this (at most about 30 words; shown in quotation marks).",
        ),
        Field("evidence_in_words", ExcerptMap(300), "Source id -> why its excerpt gives the value without the figure."),
        *_translations(FACT_FORMS),
    ),
    json_extra={
        "allOf": [
            # A derived fact (`formula`) takes its value, as-of date and sources from its inputs.
            {
                "if": {"required": ["formula"]},
                "then": {
                    "not": {
                        "anyOf": [
                            {"required": [n]} for n in ("value", "as_of", "sources", "evidence", "evidence_in_words")
                        ]
                    }
                },
                "else": {"required": ["value", "as_of", "sources"]},
            },
            # then each kind's rule for `value` and `unit` (`kinds.KindField.rules`)
        ]
    },
)

SOURCE_FORMS = Spec(
    name="source translation",
    doc="The source's words in another language: its note, and the publisher when it holds the site's own "
    "words. Never its title, which stays as published.",
    fields=(
        Field("note", Text(max_length=600), "The note (needed when the source has one)."),
        Field(
            "publisher",
            Text(max_length=120),
            "The publisher as this language writes it, when it differs: a name the organisation uses in this "
            "language, or the site's own words around a name ('communiqué repris par ...').",
        ),
    ),
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
        *_translations(SOURCE_FORMS),
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
        Field("kind", KindField(x_axis=True), "How x values are formatted.", True),
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
        Field("formula", Formula(), "y as a formula over x and [[fact:ID]], + - * / max() min().", True),
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
    rules = [rule for f in spec.fields for rule in f.type.rules()]
    if rules:
        record["allOf"] = [*record.get("allOf", ()), *rules]
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

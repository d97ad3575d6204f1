"""Sources and facts: `content/sources.yml` and `content/facts/**/*.yml`, each entry checked, its
sources known, its evidence and language blocks complete; derived facts are evaluated last
(`derived`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace

from explainer import kinds
from explainer.check.evidence_values import check_values
from explainer.diagnostics import did_you_mean
from explainer.kinds import counted, missing_forms
from explainer.language.locale import ORIGINAL, takes_singular
from explainer.language.strings import language_name
from explainer.load import derived
from explainer.load.fields import REASON_NEEDED, Invalid
from explainer.load.reader import Reader, Record, check_sources, duplicate, not_future
from explainer.load.schema import (
    ARCHIVED,
    FACT,
    FACT_FORMS,
    NOT_DERIVED,
    SOURCE,
    SOURCE_FORMS,
    Checked,
    check_record,
)
from explainer.load.yamlsrc import YNode, YScalar, formula_mark
from explainer.model import (
    ArchivedCopy,
    Fact,
    FactForms,
    Origin,
    Source,
    SourceForms,
)


def load_sources(reader: Reader, today: dt.date) -> tuple[dict[str, Source], set[str]]:
    path = reader.content_dir / "sources.yml"
    if not path.exists():
        reader.error(reader.rel(path), None, "missing file: every site needs its sources")
        reader.unreadable.add("sources.yml")
        return {}, set()
    sources: dict[str, Source] = {}
    records = reader.records(path, SOURCE)
    for record in records:
        # `&`, not `and`, here and in the other loaders: every check runs and
        # reports its error, even once an earlier one has failed.
        ok = not_future(reader, record, "published", today) & not_future(reader, record, "accessed", today)
        archived, archived_ok = _archived(reader, record, today)
        blocks = reader.forms(record, SOURCE_FORMS, f"source '{record.id}'")
        ok &= _source_forms_ok(reader, record, blocks)
        if not (record.ok and ok and archived_ok):
            continue
        v = record.values
        sources[record.id] = Source(
            id=record.id,
            title=v["title"],
            publisher=v["publisher"],
            url=v["url"],
            published=v["published"],
            accessed=v["accessed"],
            note=v.get("note"),
            licence=v.get("licence"),
            language=v.get("language"),
            archived=archived,
            origin=record.origin(),
            translations={lang: SourceForms(**checked.values) for lang, checked in blocks.items()},
        )
    return sources, {r.id for r in records}


def _source_forms_ok(reader: Reader, record: Record, blocks: dict[str, Checked]) -> bool:
    """A note in each published language when the source has one (never the English note on another
    edition's page), and no translated note when it has none."""
    ok = True
    has_note = record.values.get("note") is not None
    for lang, checked in blocks.items():
        if "note" in checked.key_marks and not has_note:
            message = f"'{lang}: note' in source '{record.id}': the source has no English note to translate; remove it"
            reader.error(record.path, checked.key_marks["note"], message)
            ok = False
    for lang in reader.published[1:]:
        if not has_note or (lang in blocks and blocks[lang].values.get("note") is not None):
            continue
        name = language_name(lang)
        if lang not in blocks:
            if lang in record.values:  # a block with a mistake: already reported
                continue
            message = f"source '{record.id}' has no {name} note: add a '{lang}:' block with 'note'"
            reader.error(record.path, record.key, message)
        else:
            message = f"source '{record.id}' has no {name} note: add 'note:' to its '{lang}:' block"
            reader.error(record.path, record.checked.key_marks[lang], message)
        ok = False
    return ok


def _archived(reader: Reader, record: Record, today: dt.date) -> tuple[ArchivedCopy | None, bool]:
    """The source's archived copy, its fields checked where they are written."""
    node = record.values.get("archived")
    if node is None:
        return None, True
    checked, problems = check_record(node, ARCHIVED, record.path, f"archived copy of source '{record.id}'")
    # `url: ...` alone would read as the source's own address: name the field it belongs to.
    problems = [
        replace(d, message=f"archived: {d.message}") if d.message.startswith(("url:", "date:")) else d for d in problems
    ]
    reader.diagnostics.extend(problems)
    if checked is None or problems:
        return None, False
    date = checked.values["date"]
    if date.earliest() > today:
        reader.error(
            record.path,
            checked.nodes["date"],
            f"archived: date {date.iso()} is in the future (today is {today.isoformat()})",
        )
        return None, False
    return ArchivedCopy(checked.values["url"], date), True


def load_facts(
    reader: Reader, source_ids: set[str], today: dt.date, languages: Mapping[str, str | None] | None = None
) -> tuple[dict[str, Fact], set[str]]:
    """Every fact; `languages` gives each source's `language:`, in which its excerpts are read."""
    facts: dict[str, Fact] = {}
    declared: dict[str, Origin] = {}
    files = reader.files_under("facts", ".yml")
    if not files:
        reader.error(reader.rel(reader.content_dir / "facts"), None, "no fact files found")
        reader.unreadable.add("facts")
    formulas: list[Record] = []
    for path in files:
        for record in reader.records(path, FACT):
            if duplicate(reader, record, "fact", declared.get(record.id)):
                continue
            declared[record.id] = record.origin()
            if "formula" in record.checked.key_marks:
                formulas.append(record)
                continue
            fact = _fact(reader, record, source_ids, today)
            if fact is not None:
                fact = _values_quoted(reader, record, fact, languages or {})
                facts[record.id] = fact

    derive_facts(reader, formulas, facts, set(declared))
    return facts, set(declared)


def _fact(reader: Reader, record: Record, source_ids: set[str], today: dt.date) -> Fact | None:
    v = record.values
    ok = record.ok & not_future(reader, record, "as_of", today)
    value = None
    if "kind" in v and "value" in v:
        node: YNode = v["value"]
        try:
            value = kinds.of(v["kind"]).convert(node, v.get("unit"))
        except Invalid as exc:
            reader.error(record.path, node, f"value: {exc}")
            ok = False
    if "kind" in v and "unit" in v and not kinds.of(v["kind"]).takes_unit:
        key = record.checked.key_marks["unit"]
        reader.error(record.path, key, f"a {v['kind']} takes no unit")
        ok = False
    reason = record.checked.nodes.get("correction")
    if isinstance(reason, YScalar) and reason.value is None and not reason.quoted:  # `correction:` left empty
        reader.error(record.path, record.checked.key_marks["correction"], f"correction: {REASON_NEEDED}")
        ok = False
    ok &= check_sources(reader, record, source_ids, "fact")
    evidence, evidence_ok = reader.evidence(record, f"fact '{record.id}'", source_ids)
    blocks = reader.forms(record, FACT_FORMS, f"fact '{record.id}'")
    ok &= record.ok
    if not (ok and evidence_ok) or value is None:
        return None
    fact = Fact(
        id=record.id,
        label=v["label"],
        kind=v["kind"],
        value=value,
        unit=v.get("unit"),
        unit_one=v.get("unit_one"),
        qualifier=v.get("qualifier"),
        as_of=v["as_of"],
        sources=tuple(dict.fromkeys(s for s, _ in v["sources"])),
        note=v.get("note"),
        confidence=v.get("confidence"),
        review_by=v.get("review_by"),
        evidence=evidence,
        correction=v.get("correction"),
        origin=record.origin(),
        translations={lang: FactForms(**checked.values) for lang, checked in blocks.items()},
    )
    return fact if fact_forms_ok(reader, record, fact, blocks) else None


def _values_quoted(reader: Reader, record: Record, fact: Fact, languages: Mapping[str, str | None]) -> Fact:
    """The fact with its accepted excerpts; each excerpt that does not give the value is a warning."""
    v = record.values
    accepted, problems = check_values(
        fact, v.get("evidence", ()), v.get("evidence_in_words", ()), languages, record.path
    )
    reader.diagnostics.extend(problems)
    return replace(fact, evidence_in_words=accepted) if accepted else fact


_FORM_NAMES = {
    "label": "label",
    "value": "text value",
    "unit": "unit noun (plural)",
    "unit_one": "singular unit noun (the value is shown with a number that takes the singular)",
    "note": "note",
}


def _singular_ok(reader: Reader, record: Record, fact: Fact) -> bool:
    """`unit_one` where the value shown takes the singular (`1 server`), and only on a fact with a unit noun."""
    if fact.unit_one is not None and not counted(fact):
        key = record.checked.key_marks["unit_one"]
        reader.error(record.path, key, "unit_one: the fact has no unit noun; remove it")
        return False
    value = fact.value
    if counted(fact) and fact.unit_one is None and isinstance(value, (int, float)) and takes_singular(value, ORIGINAL):
        message = (
            f"fact '{fact.id}' shows a number that takes the singular: add 'unit_one:', the singular of '{fact.unit}'"
        )
        reader.error(record.path, record.checked.nodes["value"], message)
        return False
    return True


def fact_forms_ok(reader: Reader, record: Record, fact: Fact, blocks: dict[str, Checked]) -> bool:
    """Every form the fact needs in each published language, and none it has nothing to translate for."""
    ok = _singular_ok(reader, record, fact)
    for lang, checked in blocks.items():
        for name, key in checked.key_marks.items():
            why = None
            if name == "value" and not kinds.of(fact.kind).translated_value:
                why = f"only a text fact's value is translated; a {fact.kind}'s value is written once"
            elif name in ("unit", "unit_one") and not counted(fact):
                why = (
                    "a currency code is not translated"
                    if kinds.of(fact.kind).currency
                    else "the fact has no unit noun to translate"
                )
            elif name == "note" and fact.note is None:
                why = "the fact has no English note to translate"
            if why is not None:
                reader.error(record.path, key, f"'{lang}: {name}' in fact '{fact.id}': {why}; remove it")
                ok = False
    for lang in reader.published[1:]:
        missing = missing_forms(fact, lang)
        if not missing:
            continue
        name = language_name(lang)
        if lang not in blocks:
            if lang in record.values:  # a block with a mistake: already reported
                continue
            wanted = ", ".join(f"'{m}'" for m in missing)
            message = f"fact '{fact.id}' has no {name} {_FORM_NAMES[missing[0]]}: add a '{lang}:' block with {wanted}"
            reader.error(record.path, record.key, message)
        else:
            for form in missing:
                message = f"fact '{fact.id}' has no {name} {_FORM_NAMES[form]}: add '{form}:' to its '{lang}:' block"
                reader.error(record.path, record.checked.key_marks[lang], message)
        ok = False
    return ok


def derive_facts(reader: Reader, records: list[Record], facts: dict[str, Fact], fact_ids: set[str]) -> None:
    """Derived facts: formulas parsed, their inputs checked, evaluated in dependency order."""

    parsed: dict[str, derived.Formula] = {}
    by_id: dict[str, Record] = {}
    for record in records:
        v, node = record.values, record.checked.nodes["formula"]
        ok = record.ok
        extra = [n for n in NOT_DERIVED if n in record.checked.key_marks]
        if extra:
            names = ", ".join(f"'{n}'" for n in extra)
            message = (
                f"derived fact '{record.id}' takes its value, as-of date and sources from its formula; remove {names}"
            )
            reader.error(record.path, record.checked.key_marks[extra[0]], message)
            ok = False
        kind = kinds.of(v["kind"]) if "kind" in v else None
        problem = kind.unit_problem(v.get("unit")) if kind is not None else None
        if kind is not None and not kind.numeric:
            reader.error(
                record.path, record.checked.nodes["kind"], f"a derived fact is a number; '{kind}' cannot be computed"
            )
            ok = False
        elif problem is not None:
            reader.error(record.path, record.key, problem)
            ok = False
        if "formula" not in v:
            continue
        try:
            formula = derived.parse(v["formula"])
        except derived.FormulaError as exc:
            reader.error(record.path, formula_mark(node, exc.offset), exc.message)
            continue
        for fid in formula.facts:
            if fid not in fact_ids and "facts" not in reader.unreadable:
                hint = did_you_mean(fid, fact_ids)
                at = formula_mark(node, formula.fact_offsets[fid])
                reader.error(record.path, at, f"unknown fact '{fid}' in the formula of '{record.id}'{hint}")
                ok = False
        if ok:
            parsed[record.id], by_id[record.id] = formula, record

    def cycle(fid: str, path: tuple[str, ...]) -> None:
        record = by_id[fid]
        message = f"the formula of '{fid}' depends on itself: {' -> '.join(path)}"
        reader.error(record.path, record.checked.nodes["formula"], message)

    for fid in derived.dependency_order(parsed, cycle):
        record, formula = by_id[fid], parsed[fid]
        node = record.checked.nodes["formula"]
        inputs = [facts.get(i) for i in formula.facts]
        if any(i is None for i in inputs):
            continue  # an input has its own error
        values: dict[str, derived.Quantity] = {}
        for i in inputs:
            assert i is not None
            try:
                values[i.id] = derived.fact_quantity(i)
            except ValueError as exc:
                reader.error(record.path, formula_mark(node, formula.fact_offsets[i.id]), str(exc))
        if len(values) < len(inputs):
            continue
        kind, unit = kinds.of(record.values["kind"]), record.values.get("unit")
        try:
            result = derived.evaluate(formula, values)
        except derived.FormulaError as exc:
            reader.error(record.path, formula_mark(node, exc.offset), exc.message)
            continue
        expected = derived.kind_unit(kind.name, unit)
        if result.unit != expected:
            as_fact = f"a {kind} fact" + (f" in {unit}" if unit and kind.takes_unit else "")
            message = (
                f"unit mismatch: the formula of '{fid}' gives {derived.describe_unit(result.unit)}, "
                f"but {as_fact} needs {derived.describe_unit(expected)}"
            )
            reader.error(record.path, node, message)
            continue
        value = derived.as_value(result, kind.name)
        broken = kind.broken(value)
        if broken is not None:
            reader.error(record.path, node, f"the formula gives {kind.result(value)}, but a {kind} {broken[1]}")
            continue
        used = [i for i in inputs if i is not None]
        v = record.values
        blocks = reader.forms(record, FACT_FORMS, f"fact '{fid}'")  # its words in other languages (`fr:`)
        fact = Fact(
            id=fid,
            label=v["label"],
            kind=kind.name,
            value=value,
            unit=unit,
            qualifier=v.get("qualifier"),
            as_of=max((i.as_of for i in used), key=lambda d: (d.latest(), d.iso())),
            sources=tuple(dict.fromkeys(s for i in used for s in i.sources)),
            note=v.get("note"),
            confidence=v.get("confidence"),
            review_by=v.get("review_by"),
            origin=record.origin(),
            formula=v["formula"],
            inputs=formula.facts,
            translations={lang: FactForms(**checked.values) for lang, checked in blocks.items()},
        )
        if record.ok and fact_forms_ok(reader, record, fact, blocks):
            facts[fid] = fact

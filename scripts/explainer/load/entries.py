"""The optional keyed files: `timeline.yml` (dated events), `glossary.yml` (terms explained in
prose) and `organisations.yml` (who the pages are about)."""

from __future__ import annotations

from explainer import kinds
from explainer.diagnostics import did_you_mean
from explainer.load.reader import (
    Reader,
    check_sources,
    has_forms,
    optional_records,
)
from explainer.load.schema import (
    GLOSSARY,
    GLOSSARY_FORMS,
    ORGANISATION,
    TIMELINE,
    TIMELINE_FORMS,
)
from explainer.model import (
    Fact,
    GlossaryTerm,
    Organisation,
    PartialDate,
    TermForms,
    TimelineEntry,
)


def load_timeline(
    reader: Reader, facts: dict[str, Fact], fact_ids: set[str], source_ids: set[str]
) -> tuple[list[TimelineEntry], set[str]]:
    """Entries read, and the ids of every entry declared (read or not): naming an entry
    whose date could not be read is not a second mistake."""
    entries: list[TimelineEntry] = []
    records = optional_records(reader, "timeline.yml", TIMELINE)
    for record in records:
        v, m = record.values, record.key.mark
        titles = {
            lang: checked.values["title"]
            for lang, checked in reader.forms(record, TIMELINE_FORMS, f"timeline entry '{record.id}'").items()
        }
        ok = record.ok & check_sources(reader, record, source_ids, "timeline entry")
        ok &= has_forms(reader, record, titles, "timeline entry", "title")
        fact_id = v.get("fact")
        evidence: tuple[tuple[str, str], ...] = ()
        if fact_id is None:
            evidence, evidence_ok = reader.evidence(record, f"timeline entry '{record.id}'", source_ids)
            ok &= evidence_ok
        if fact_id is not None:
            node = record.checked.nodes["fact"]
            extra = [name for name in ("date", "sources", "evidence") if name in record.checked.key_marks]
            if extra:
                names = " and ".join(f"'{name}'" for name in extra)
                message = (
                    f"timeline entry '{record.id}' takes its date, sources and evidence from fact '{fact_id}'; "
                    f"remove {names}"
                )
                reader.error(record.path, m, message)
                ok = False
            elif fact_id not in fact_ids and "facts" not in reader.unreadable:
                hint = did_you_mean(fact_id, fact_ids)
                message = f"timeline entry '{record.id}' names unknown fact '{fact_id}'{hint}"
                reader.error(record.path, node, message)
                ok = False
            elif fact_id in facts and not kinds.of(facts[fact_id].kind).dated:
                message = f"timeline entry '{record.id}' needs a date fact; '{fact_id}' is a {facts[fact_id].kind}"
                reader.error(record.path, node, message)
                ok = False
        elif "date" not in record.checked.nodes or "sources" not in record.checked.nodes:
            message = f"timeline entry '{record.id}' needs either 'fact' or both 'date' and 'sources'"
            reader.error(record.path, m, message)
            ok = False
        if not ok:
            continue
        if fact_id is not None:
            fact = facts.get(fact_id)
            if fact is None:
                continue
            assert isinstance(fact.value, PartialDate)
            date, sources, evidence = fact.value, fact.sources, fact.evidence
        else:
            date, sources = v["date"], tuple(dict.fromkeys(s for s, _ in v["sources"]))
        entries.append(TimelineEntry(record.id, date, v["title"], sources, record.origin(), fact_id, evidence, titles))
    return entries, {r.id for r in records}


def load_glossary(reader: Reader, source_ids: set[str]) -> dict[str, GlossaryTerm]:
    terms: dict[str, GlossaryTerm] = {}
    spelled: dict[str, str] = {}
    for record in optional_records(reader, "glossary.yml", GLOSSARY):
        v = record.values
        term_forms = {
            lang: TermForms(**checked.values)
            for lang, checked in reader.forms(record, GLOSSARY_FORMS, f"glossary term '{record.id}'").items()
        }
        ok = record.ok & check_sources(reader, record, source_ids, "glossary term")
        ok &= has_forms(reader, record, term_forms, "glossary term", "term and definition")
        evidence, evidence_ok = reader.evidence(record, f"glossary term '{record.id}'", source_ids)
        ok &= evidence_ok
        for spelling in (v.get("term"), *v.get("aliases", ())):
            if spelling is None:
                continue
            if spelling in spelled:
                m = record.key.mark
                message = (
                    f"glossary term '{record.id}' repeats '{spelling}', already explained by '{spelled[spelling]}'"
                )
                reader.error(record.path, m, message)
                ok = False
            spelled.setdefault(spelling, record.id)
        if ok:
            terms[record.id] = GlossaryTerm(
                id=record.id,
                term=v["term"],
                definition=v["definition"],
                aliases=v.get("aliases", ()),
                sources=tuple(dict.fromkeys(s for s, _ in v.get("sources", ()))),
                evidence=evidence,
                origin=record.origin(),
                translations=term_forms,
            )
    return terms


def load_organisations(reader: Reader) -> dict[str, Organisation]:
    return {
        r.id: Organisation(r.id, r.values["name"], r.values["url"], r.origin(), r.values.get("same_as", ()))
        for r in optional_records(reader, "organisations.yml", ORGANISATION)
        if r.ok
    }

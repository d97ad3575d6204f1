"""Synthetic content for the benchmark: a complete, valid `content/` tree.

`generate(root, Size(facts, sections, pages))` writes `root/content/` with
`sources.yml`, `facts/*.yml` (100 facts a file), `sections/<page>/*.md` whose
prose refers to facts as `[[fact:ID]]`, and `pages.yml` (the home page, the
section pages and a generated sources page). The text is deterministic for a
given size, uses every fact kind, qualifiers, notes, front matter, lists,
tables, admonitions and inline code (where references stay text), so the
check, the merge and MkDocs see what a real explainer gives them, only more.

    python -m bench.generate OUT --size 1000/100/25
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

FACTS_PER_FILE = 100
FACTS_PER_SOURCE = 20
WORDS = [
    "cloud",
    "provider",
    "data",
    "centre",
    "model",
    "training",
    "inference",
    "capacity",
    "customers",
    "region",
    "sovereign",
    "infrastructure",
    "revenue",
    "growth",
    "regulation",
    "compliance",
    "network",
    "storage",
    "compute",
    "latency",
    "engineers",
    "research",
    "contract",
    "partnership",
    "market",
    "investment",
    "operations",
    "energy",
    "cooling",
]
UNITS = ("servers", "customers", "engineers", "sites", "racks")
QUALIFIERS = ("over", "about", "up to", "nearly", "at least")


@dataclass(frozen=True)
class Size:
    facts: int
    sections: int
    pages: int

    @property
    def label(self) -> str:
        return f"{self.facts}/{self.sections}/{self.pages}"

    @classmethod
    def parse(cls, text: str) -> Size:
        """`1000/100/25` (facts/sections/pages)."""
        parts = text.split("/")
        if len(parts) != 3 or not all(p.isdigit() for p in parts):
            raise ValueError(f"size '{text}' is not facts/sections/pages, e.g. 1000/100/25")
        size = cls(*(int(p) for p in parts))
        if size.pages < 2 or size.sections < size.pages - 1 or size.facts < size.sections:
            raise ValueError(f"size '{text}' needs pages >= 2, sections >= pages - 1 and facts >= sections")
        return size


SIZES = (Size(100, 10, 5), Size(1000, 100, 25), Size(10000, 1000, 100))


def fact_id(n: int) -> str:
    return f"topic-{n // FACTS_PER_FILE:03d}.fact-{n:05d}"


def source_id(n: int) -> str:
    return f"source-{n:04d}"


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _sentence(rng: random.Random, n: int = 12) -> str:
    text = _words(rng, n)
    return text[0].upper() + text[1:]


def _fact_entry(n: int, rng: random.Random, sources: int) -> str:
    kind = ("count", "money", "percent", "number", "date", "text")[n % 6]
    year = 2015 + n % 10
    lines = [f"{fact_id(n)}:", f"  label: {_sentence(rng, 4)} {n}", f"  kind: {kind}"]
    if kind == "count":
        lines += [f"  value: {rng.randrange(1, 2_000_000)}", f"  unit: {rng.choice(UNITS)}"]
    elif kind == "money":
        lines += [f"  value: {rng.randrange(1, 500) * 10_000_000}", f"  unit: {rng.choice(('EUR', 'USD'))}"]
    elif kind == "percent":
        lines += [f"  value: {rng.randrange(0, 1000) / 10}"]
    elif kind == "number":
        lines += [f"  value: {rng.randrange(1, 100_000) / 100}", "  unit: gigawatts"]
    elif kind == "date":
        lines += [f"  value: {year}-{1 + n % 12:02d}"]
    else:
        lines += [f'  value: "{_words(rng, 3)}"']
    if n % 4 == 0:
        lines.append(f"  qualifier: {QUALIFIERS[n % len(QUALIFIERS)]}")
    lines.append(f"  as_of: {year}-{1 + n % 12:02d}-{1 + n % 28:02d}")
    # Facts on one topic share sources, as in a real explainer: a page cites a
    # few dozen sources, not all of them, and rendered output grows with content.
    home = n // FACTS_PER_SOURCE % sources
    cited = sorted({home, (home + 1) % sources} if n % 3 == 0 else {home})
    lines.append(f"  sources: [{', '.join(source_id(s) for s in cited)}]")
    # Every citation quotes its source (own generator, so the rest of the text stays as it was), and
    # the quotation ends with the value, as one word, as a source gives it (check.evidence_values).
    quote = random.Random(n)
    value = lines[3].split(": ", 1)[1]
    said = {"money": f" {'€' if 'EUR' in lines[4] else '$'}{value}", "percent": f" {value}%", "text": ""}
    lines += [
        "  evidence:",
        *(f'    {source_id(s)}: "{_words(quote, 12)}{said.get(kind, " " + value)}"' for s in cited),
    ]
    if n % 5 == 0:
        lines.append(f'  note: "{_sentence(rng, 15)}."')
    if n % 9 == 0:
        lines.append("  confidence: single-source")
    return "\n".join(lines) + "\n"


def _source_entry(n: int, rng: random.Random) -> str:
    return (
        f"{source_id(n)}:\n"
        f'  title: "{_sentence(rng, 8)}"\n'
        f"  publisher: Publisher {n % 37}\n"
        f"  url: https://example.org/articles/{n}\n"
        f"  published: {2015 + n % 10}-{1 + n % 12:02d}-{1 + n % 28:02d}\n"
        f"  accessed: 2025-{1 + n % 12:02d}-15\n" + (f'  note: "{_sentence(rng, 10)}."\n' if n % 6 == 0 else "")
    )


def _section(k: int, own: list[int], others: list[int], rng: random.Random) -> str:
    """A section citing its own facts (each once) and a few from elsewhere."""
    refs = [f"[[fact:{fact_id(n)}]]" for n in own]
    cross = [f"[[fact:{fact_id(n)}]]" for n in others]
    paragraphs: list[str] = []
    for i in range(0, len(refs), 4):
        chunk = refs[i : i + 4]
        sentences = [f"{_sentence(rng)} {ref} {_words(rng, 8)}." for ref in chunk]
        paragraphs.append(" ".join(sentences))
    if cross:
        items = "\n".join(f"- {_sentence(rng, 6)}: {ref}" for ref in cross)
        paragraphs.append(f"{_sentence(rng, 10)}:\n\n{items}")
    if k % 3 == 0:
        paragraphs.append(
            f"| {_words(rng, 1)} | {_words(rng, 1)} |\n|---|---|\n"
            f"| {_words(rng, 3)} | {refs[0]} |\n| {_words(rng, 3)} | {_words(rng, 2)} |"
        )
    if k % 4 == 0:
        paragraphs.append(f'!!! note "{_sentence(rng, 3)}"\n\n    {_sentence(rng, 14)} {refs[-1]}.')
    if k % 5 == 0:
        paragraphs.append(f"Write `[[fact:{fact_id(own[0])}]]` to show a value; {_words(rng, 10)}.")
    front = f"---\ntitle: {_sentence(rng, 4)} {k}\n---\n" if k % 7 else ""
    return front + "\n\n".join(paragraphs) + "\n"


def _page_id(p: int) -> str:
    return "index" if p == 0 else f"page-{p:03d}"


def generate(root: Path, size: Size, seed: int = 7) -> Path:
    """Write a valid content tree of `size` under `root/content`; return its path."""
    rng = random.Random(seed)
    content = root / "content"
    (content / "facts").mkdir(parents=True)
    n_sources = max(3, size.facts // FACTS_PER_SOURCE)
    header = "# Synthetic content written by scripts/bench/generate.py.\n\n"
    sources = "\n".join(_source_entry(n, rng) for n in range(n_sources))
    (content / "sources.yml").write_text(header + sources, encoding="utf-8")
    for start in range(0, size.facts, FACTS_PER_FILE):
        entries = [_fact_entry(n, rng, n_sources) for n in range(start, min(start + FACTS_PER_FILE, size.facts))]
        path = content / "facts" / f"topic-{start // FACTS_PER_FILE:03d}.yml"
        path.write_text(header + "\n".join(entries), encoding="utf-8")

    section_pages = size.pages - 1  # the last page is the generated sources page
    per_section = size.facts // size.sections
    page_sections: list[list[str]] = [[] for _ in range(section_pages)]
    for k in range(size.sections):
        page = k * section_pages // size.sections
        section_id = f"{_page_id(page)}/part-{k:04d}"
        first = k * per_section
        last = size.facts if k == size.sections - 1 else first + per_section
        others = [rng.randrange(size.facts) for _ in range(3)]
        path = content / "sections" / f"{section_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_section(k, list(range(first, last)), others, rng), encoding="utf-8")
        page_sections[page].append(section_id)

    pages = [header.rstrip("\n")]
    for p, sections in enumerate(page_sections):
        title = "Synthetic explainer" if p == 0 else f"{_sentence(rng, 3)} {p}"
        listed = "\n".join(f"    - {s}" for s in sections)
        pages.append(
            f"{_page_id(p)}:\n  title: {title}\n  nav_title: Page {p}\n"
            f'  description: "{_sentence(rng, 12)}."\n  sections:\n{listed}'
        )
    pages.append("sources:\n  title: Sources\n  generated: sources")
    (content / "pages.yml").write_text("\n\n".join(pages) + "\n", encoding="utf-8")
    return content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("out", type=Path, help="folder to create content/ in (must not hold one)")
    parser.add_argument("--size", type=Size.parse, default=SIZES[0], help="facts/sections/pages (default 100/10/5)")
    args = parser.parse_args(argv)
    content = generate(args.out, args.size)
    print(f"wrote {content}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

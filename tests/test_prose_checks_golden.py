"""The copy check and the unsourced-claims lint on a large generated project, against a golden file.

The bench generator's 1,000-fact project, with copied runs and typed figures
planted in its sections (outside and inside quotation marks, code, link
addresses and headings; across fact references; in other case, with accents
and curly apostrophes; against an `against:` reference text with '…' gaps),
must give exactly the warnings in tests/golden/prose-checks-1000.txt. That
file was written by the straightforward implementation these checks had
before they were made fast, so it pins every diagnostic they produce.

Run with UPDATE_GOLDEN=1 to rewrite it after an intended change, then review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from pathlib import Path

from bench.generate import Size, generate
from explainer import load_content
from explainer.check.checks import Checks
from explainer.kinds import format_value, of

GOLDEN = Path(__file__).parent / "golden" / "prose-checks-1000.txt"
SIZE = Size(1000, 100, 25)
AGAINST = (
    "article 'Le Monde'",
    "Élan vital of the company’s founders … était déjà présent in every décision they took; "
    "the board's answer [...] came with a second offer of forty-two hundred engineers in Besançon",
)
FIGURES = (
    "In 2019 about 40 million euros went to 4% of the 9 April 2026 budget, or €1.2 billion",
    "Article 83(5) and GPT-4 stay, but 500,000 and 12 per cent do not",
    "`2021` in code, “a quoted 1,234”, [a link](https://example.org/2022) and 3.5 bn",
)


def plant(content_dir: Path, excerpts: list[str], text_fact: str, rng: random.Random) -> None:
    """Append copied and quoted runs and typed figures to every section file."""
    sections = sorted((content_dir / "sections").rglob("*.md"))
    for k, path in enumerate(sections):
        words = rng.choice(excerpts).split()
        start = rng.randrange(0, max(1, len(words) - 8))
        run = " ".join(words[start : start + rng.choice((7, 8, 9, 12))])
        other = " ".join(rng.choice(excerpts).split()[:10])
        lines = [
            f"Plainly, {run} and so on.",
            f"As they wrote, “{other}”, quoted.",
            f"{other.upper()} again, loudly.",
            f"{FIGURES[k % len(FIGURES)]}.",
        ]
        if k % 3 == 0:
            lines.append("The élan vital of the company's founders... était deja present in every decision")
            lines.append("they took; the board’s answer came with a second offer of forty-two hundred engineers.")
        if k % 7 == 0:
            lines.append(f"The committee said [[fact:{text_fact}]] was never part of the plan at all.")
        if k % 5 == 0:
            lines.append(f"## {run}")
            lines.append(f"`{run}` and [{k}](https://example.org/{'-'.join(run.split())})")
        with path.open("a", encoding="utf-8") as f:
            f.write("\n" + "\n\n".join(lines) + "\n")


def prose_warnings(tmp_path: Path) -> list[str]:
    content_dir = generate(tmp_path, SIZE)
    clean = load_content(content_dir, today=dt.date(2026, 11, 26))
    assert clean.content is not None and clean.diagnostics == []
    # Planted copies come from each excerpt's words before the value the generator ends it with.
    excerpts = [
        text.rsplit(" ", 1)[0] if of(fact.kind).quoted_value else text
        for fact in clean.content.facts.values()
        for _, text in fact.evidence
    ]
    text_fact = next(f for f in clean.content.facts.values() if f.kind == "text")
    plant(content_dir, excerpts, text_fact.id, random.Random(10))
    around = ("'minutes'", f"The committee said that {format_value(text_fact, 'en')} was never part of the plan.")
    checks = Checks(against=(AGAINST, around))
    result = load_content(content_dir, today=dt.date(2026, 11, 26), checks=checks)
    assert result.content is not None
    return [str(d) for d in result.diagnostics]


def test_prose_checks_give_the_golden_warnings(tmp_path: Path) -> None:
    got = prose_warnings(tmp_path)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text("\n".join(got) + "\n", encoding="utf-8")
    want = GOLDEN.read_text(encoding="utf-8").splitlines()
    assert len(got) > 500, "the planted content gives many warnings of both checks"
    assert got == want

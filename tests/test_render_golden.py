"""Golden files: each tests/golden/*.yml holds content changes (over the base
tree in tests/cases/base) and the page Markdown they must render to.

A case with `lang: fr` is rendered in French, the site's languages being
English and French; the others are rendered in English with English only,
so they prove the English output is unchanged by the French edition.

Run with UPDATE_GOLDEN=1 to rewrite the expected output after an intended change,
then review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from explainer import load_content, render_site
from helpers import dump_case, load_case, make_tree

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*.yml"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden(case: Path, tmp_path: Path) -> None:
    data = load_case(case)
    content_dir = make_tree(tmp_path, data.get("files"))
    lang = data.get("lang", "en")
    languages = ["en"] if lang == "en" else ["en", lang]
    result = load_content(content_dir, base=tmp_path, today=dt.date(2026, 11, 26), languages=languages)
    assert result.content is not None, "\n".join(map(str, result.diagnostics))
    rendered = {p.page.id: p.markdown for p in render_site(result.content, lang=lang)}
    assert all(p.lang == lang for p in render_site(result.content, lang=lang))
    wanted = {k: v for k, v in rendered.items() if k in data["pages"] or not data["pages"]}
    if os.environ.get("UPDATE_GOLDEN"):
        data["pages"] = wanted
        case.write_text(dump_case(data), encoding="utf-8")
    assert wanted == data["pages"]

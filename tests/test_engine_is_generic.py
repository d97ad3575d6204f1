"""Nothing in the engine (its package: the plugin, the theme overrides and the assets) names this
explainer's pages, facts, sections, sources, timeline entries or organisations: the same package
builds any explainer. The names come from this repository's own content.

The test belongs to the engine's repository; a project made with `make new` installs the engine and
holds its own tests, about its own content, which may use any word. Ids are matched as identifiers, not
as English words: an id with a separator or a digit (`ovhcloud.servers`, `acquisition/deal`,
`vtm-2026`) wherever it stands as a whole token; a plain word (`closed`, `europe`) only where code
names an id: quoted (`"closed"`, `'closed'`, `` `closed` ``), as `fact:closed`, `/closed/`,
`closed.md` or `closed.yml`. An organisation's name (`OVHcloud`, and its first word) is matched as written,
capitals included.

There is no allow-list: an entry for a name the content later drops would make a content-only
change fail CI.
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers import PROJECT, ROOT, project_content

SCANNED = ("scripts", "overrides", "docs")
SUFFIXES = {".py", ".html", ".css", ".js", ".json", ".md", ".yml", ".yaml", ".txt"}
# Tools of this repository only, which the package does not ship.
NOT_ENGINE = ("scripts/bench/",)

PLAIN_WORD = re.compile(r"[A-Za-z]+")
ID_FORMS = ('"{}"', "'{}'", "`{}`", "fact:{}", "/{}/", "{}.md", "{}.yml")
"""How code names an id that is a plain word; anywhere else the word is only English."""


def as_identifier(name: str) -> set[str]:
    """The spellings of an id that name it: itself when it could not be a word, else its ID_FORMS."""
    return {f.format(name) for f in ID_FORMS} if PLAIN_WORD.fullmatch(name) else {name}


def content_names() -> tuple[set[str], set[str]]:
    """Ids (matched in any case) and organisation names (matched as written) of this explainer's
    story, each as the whole token code would name it."""
    c = project_content()
    ids = set(c.facts) | set(c.sources) | set(c.sections) | {e.id for e in c.timeline} | set(c.organisations)
    ids |= {p.id for p in c.pages if not p.generated and p.id != "index"}
    names = {n for org in c.organisations.values() for n in (org.name, org.name.split()[0])}  # OVHcloud, Dragon
    spelled = {form for i in ids for form in as_identifier(i)}
    return {n for n in spelled if len(n.strip("\"'`/:.md")) >= 4}, {n for n in names if len(n) >= 4}


def engine_files() -> list[Path]:
    files = [p for part in SCANNED for p in (ROOT / part).rglob("*") if p.is_file() and p.suffix in SUFFIXES]
    return [p for p in files if not p.relative_to(ROOT).as_posix().startswith(NOT_ENGINE)]


def _pattern(names: set[str], flags: int) -> re.Pattern[str] | None:
    if not names:
        return None
    alternatives = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alternatives})(?![\w-])", flags)  # no word character before or after


def found_names(names: tuple[set[str], set[str]], files: list[Path], root: Path = ROOT) -> set[tuple[str, str]]:
    """(file, name) for each id (any case) or organisation name (as written) found in one of `files`,
    an id given as it is written in content (`closed`, not `"closed"`)."""
    ids, org_names = names
    patterns = [p for p in (_pattern(ids, re.I), _pattern(org_names, 0)) if p is not None]
    spelled = {n.lower(): n for n in ids | org_names}
    hits = set()
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for pattern in patterns:
            for match in pattern.finditer(text):
                name = spelled[match.group(1).lower()]
                hits.add((path.relative_to(root).as_posix(), _bare(name)))
    return hits


def _bare(form: str) -> str:
    """The id inside one of its ID_FORMS (`"closed"` -> `closed`)."""
    for f in ID_FORMS:
        before, after = f.split("{}")
        inner = form[len(before) : len(form) - len(after)]
        if form.startswith(before) and form.endswith(after) and PLAIN_WORD.fullmatch(inner):
            return inner
    return form


def test_the_engine_names_nothing_of_this_explainer() -> None:
    names = content_names()
    assert names[0], f"{PROJECT}/content has no names to look for"
    assert sorted(found_names(names, engine_files())) == []


def test_a_planted_name_is_found(tmp_path: Path) -> None:
    """The check can fail: a fact id written into an engine-like file is found."""
    content = project_content()
    fact_id = max(content.facts, key=len)
    planted = tmp_path / "scripts/explainer/planted.py"
    planted.parent.mkdir(parents=True)
    planted.write_text(f'EXAMPLE = "[[fact:{fact_id}]]"\n', encoding="utf-8")
    assert found_names(content_names(), [planted], tmp_path) == {("scripts/explainer/planted.py", fact_id)}


def test_an_id_that_is_an_ordinary_word_counts_only_where_code_names_it(tmp_path: Path) -> None:
    """A timeline entry `closed` is not found in prose or code that uses the word, only as an id."""
    names = ({form for form in as_identifier("closed")}, {"Larkfield"})
    engine = tmp_path / "scripts/explainer/loader.py"
    engine.parent.mkdir(parents=True)
    engine.write_text(
        '"""Read a file once it is closed; Larkfield\'s larkfield."""\nif f.closed:\n    pass\n', encoding="utf-8"
    )
    assert found_names(names, [engine], tmp_path) == {("scripts/explainer/loader.py", "Larkfield")}
    engine.write_text('ENTRY = "closed"\n', encoding="utf-8")
    assert found_names(names, [engine], tmp_path) == {("scripts/explainer/loader.py", "closed")}

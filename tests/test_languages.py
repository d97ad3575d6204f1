"""Each language is one file, `scripts/explainer/language/<code>.toml`: every interface word of the
site in that language, checked against the original's (`en.toml`) when the catalog is read.

Nothing falls back to English: a word missing from a file is an error naming the file, the
language and the key. And a new language is that one file plus content: a German edition
built here from a copy of the engine with `de.toml` added and nothing else changed in it."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from explainer.language import catalog
from explainer.language.catalog import LANGUAGES, ORIGINAL, LanguageFileError, language
from explainer.web.theme import made_with, palette_in
from helpers import ROOT, copy_project, mkdocs_env, run_mkdocs, scan_page

FILES = ROOT / "scripts/explainer/language"
MINIMAL = Path(__file__).parent / "sites" / "minimal"


def _keys(table: dict[str, Any], prefix: str = "") -> list[str]:
    out = []
    for key, value in table.items():
        if isinstance(value, dict) and f"{prefix}{key}" != "page.facts_count":
            out += _keys(value, f"{prefix}{key}.")
        else:
            out.append(f"{prefix}{key}")
    return out


ORIGINAL_KEYS = _keys(tomllib.loads((FILES / f"{ORIGINAL}.toml").read_text(encoding="utf-8")))


def _has(table: dict[str, Any], dotted: str) -> bool:
    for part in dotted.split("."):
        if not isinstance(table, dict) or part not in table:
            return False
        table = table[part]
    return True


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", ORIGINAL_KEYS)
def test_every_language_has_every_word(lang: str, key: str) -> None:
    data = tomllib.loads((FILES / f"{lang}.toml").read_text(encoding="utf-8"))
    assert _has(data, key), f"{lang}.toml has no '{key}'"


def test_the_languages_are_the_files() -> None:
    assert LANGUAGES[0] == ORIGINAL
    assert set(LANGUAGES) == {p.stem for p in FILES.glob("*.toml")}
    assert set(catalog.catalog()) == set(LANGUAGES)


def _folder(tmp_path: Path, edit: str | None = None, lang: str = "fr") -> Path:
    """A copy of the language files, `lang`'s file passed through `edit` (a regex `old=>new`)."""
    folder = tmp_path / "language"
    folder.mkdir()
    for path in FILES.glob("*.toml"):
        shutil.copy(path, folder)
    if edit is not None:
        old, new = edit.split("=>")
        path = folder / f"{lang}.toml"
        text = path.read_text(encoding="utf-8")
        changed = re.sub(old, new, text, count=1, flags=re.M)
        assert changed != text, edit
        path.write_text(changed, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (r"^tip_says = .*\n=>", r"fr\.toml:\d+:1: error: the \[page\] table has no 'tip_says' \(see en\.toml\)"),
        (r"^made_with = .*\n=>", r"fr\.toml:\d+:1: error: the \[theme\] table has no 'made_with'"),
        (
            r'^(sources_heading = .*)=>\1\nsource_heading = "Sources"',
            r":\d+:1: error: unknown key 'page\.source_heading'",
        ),
        (
            r'\{named\}\{end\}"=>{end}"',
            r":\d+:1: error: 'page\.tip_one_source' has the blanks \{end\}, \{named\}",
        ),
        (r'^disputed_flag = .*=>disputed_flag = ""', r"'page\.disputed_flag' is a text \(in quotes\) and is not empty"),
        (r'^published = .*=>published = "publié le {}"', r"'page\.published' is a list of 3 texts"),
        (r'^typography = .*=>typography = "francais"', r":8:1: error: 'typography' is one of none, french"),
        (r'^locale = .*=>locale = "de_DE"', r":5:1: error: 'locale' 'de_DE' is not a locale of 'fr'"),
        (r'^other = "\{n\} faits"=>other = "{n} faits"\nfew = "{n} faits"', r"'few' is not a plural category of fr"),
        (r'^quote = "=>quote = ', r"fr\.toml:\d+:\d+: error: "),  # not TOML any more: located by the parser
    ],
)
def test_a_broken_language_file_is_refused_at_its_place(tmp_path: Path, edit: str, message: str) -> None:
    with pytest.raises(LanguageFileError, match=message):
        catalog.catalog(_folder(tmp_path, edit))


def test_no_english_fallback() -> None:
    with pytest.raises(catalog.UnsupportedLanguage, match="unsupported language 'de'"):
        language("de")


def test_the_theme_words_and_palette_toggles_in_each_language() -> None:
    palette = [
        {"scheme": "default", "toggle": {"icon": "material/weather-night"}},
        {"scheme": "slate", "toggle": {"icon": "material/weather-sunny"}},
    ]
    for lang in LANGUAGES:
        light, dark = palette_in(palette, lang)
        # Each toggle names where it leads: from the light scheme to the dark one, and back.
        assert light["toggle"]["name"] == language(lang).theme.switch_to["dark"]
        assert dark["toggle"]["name"] == language(lang).theme.switch_to["light"]
        assert light["toggle"]["icon"] == "material/weather-night"
        assert made_with(lang) == language(lang).theme.made_with
    automatic = [{"media": "(prefers-color-scheme)", "toggle": {"icon": "a"}}, *palette]
    assert palette_in(automatic, "en")[2]["toggle"]["name"] == language("en").theme.switch_to["system"]


# --- a third language is one file plus content ------------------------------------------------

GERMAN = {
    # A handful of words translated; the rest of the file is en.toml's as it stands.
    "name": "German",
    "locale": "de_DE",
    "sources_heading": "Quellen",
    "made_with": "Erstellt mit",
    "dark": "Dunkles Design",
    "light": "Helles Design",
}


def _german(english: str) -> str:
    text = english
    for key, word in GERMAN.items():
        text = re.sub(rf'^{key} = ".*"', f'{key} = "{word}"', text, count=1, flags=re.M)
    return text


def _project(dest: Path) -> Path:
    shutil.copytree(MINIMAL / "content", dest / "content")
    shutil.copytree(ROOT / "scripts", dest / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    for part in ("docs", "overrides"):
        (dest / part).symlink_to(ROOT / part, target_is_directory=True)
    # The new language: one file in the engine...
    english = (dest / "scripts/explainer/language/en.toml").read_text(encoding="utf-8")
    (dest / "scripts/explainer/language/de.toml").write_text(_german(english), encoding="utf-8")
    # ...and content: the site's settings, the facts' and pages' words, the sections.
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^(\s+)languages: .*$", r"\1languages: [en, de]", config, flags=re.M)
    config = re.sub(
        r"^(\s+)fr:\n(\s+site_name: ).*\n(\s+site_description: ).*\n(\s+copyright: ).*\n",
        r'\1de:\n\2"Fahrräder"\n\3"Fahrräder in einer Kleinstadt"\n\4"CC BY 4.0"\n',
        config,
        flags=re.M,
    )
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    facts = dest / "content/facts/town.yml"
    text = facts.read_text(encoding="utf-8")
    text = text.replace(
        '  sources: [survey]\n  evidence:\n    survey: "8,400',
        (
            "  sources: [survey]\n  de:\n    label: Fahrräder in der Stadt\n    unit: Fahrräder\n"
            '  evidence:\n    survey: "8,400'
        ),
    )
    text = text.replace(
        '  sources: [survey]\n  evidence:\n    survey: "12.5',
        ('  sources: [survey]\n  de:\n    label: Radwege\n    unit: km\n  evidence:\n    survey: "12.5'),
    )
    facts.write_text(text, encoding="utf-8")
    pages = dest / "content/pages.yml"
    titles = {"Bicycles in a small town": "Fahrräder in einer Kleinstadt", "Numbers": "Zahlen", "References": "Quellen"}
    text = pages.read_text(encoding="utf-8")
    for english_title, german in titles.items():
        text = text.replace(f"  title: {english_title}\n", f"  title: {english_title}\n  de:\n    title: {german}\n")
    pages.write_text(text, encoding="utf-8")
    sections = {
        "start/hello": (None, "Die Umfrage zählte [[fact:town.bicycles]]. Siehe [die Zahlen](numbers.md)."),
        "figures/counted": ("Gezählt", "Die Stadt hat [[fact:town.lanes]] Radwege für [[fact:town.bicycles]]."),
    }
    for name, (title, body) in sections.items():
        original = dest / f"content/sections/{name}.md"
        translates = hashlib.sha256(original.read_bytes()).hexdigest()[:12]
        title_line = f"title: {title}\n" if title else ""
        front = f"---\n{title_line}translates: {translates}\n---\n"
        original.with_suffix(".de.md").write_text(front + body + "\n", encoding="utf-8")
    return dest


@pytest.mark.slow
def test_a_third_language_is_one_file_plus_content_and_builds(tmp_path: Path) -> None:
    project = _project(tmp_path)
    env = mkdocs_env() | {"PYTHONPATH": str(project / "scripts")}  # the copy of the engine, with de.toml
    result = run_mkdocs(project, "build", env=env)
    assert result.returncode == 0, result.stderr
    german = project / "site/de"
    numbers = scan_page(german / "numbers/index.html")
    assert [f["text"] for f in numbers.facts] == ["12,5 km", "8.400 Fahrräder"]  # CLDR de_DE, the fact's German unit
    html = (german / "references/index.html").read_text(encoding="utf-8")
    assert "Quellen" in html and "Erstellt mit" in html and "Dunkles Design" in html
    assert 'lang="de"' in html
    # The engine's other languages are untouched: the original edition still says it in English.
    assert "Made with" in (project / "site/references/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_make_check_reports_a_broken_language_file_at_its_place_without_a_traceback(tmp_path: Path) -> None:
    """A translator's slip in a language file is one located line and exit status 1, like a content mistake."""
    project = copy_project(tmp_path)
    words = project / "scripts/explainer/language/fr.toml"
    words.write_text(words.read_text(encoding="utf-8") + "page = 3\n", encoding="utf-8")
    env = {**mkdocs_env(), "PYTHONPATH": str(project / "scripts")}
    result = subprocess.run(
        [sys.executable, "-m", "explainer", "check"], cwd=project, env=env, capture_output=True, text=True
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = len(words.read_text(encoding="utf-8").splitlines())
    assert f"fr.toml:{lines}:1: error: unknown key" in result.stderr

"""Every language of the site, read from one file each: `language/<code>.toml` (`en.toml`, `fr.toml`).

A language file holds every word the site writes itself in that language
(page strings, chart words, qualifiers, the theme's "Made with" and palette
toggle names) and what its formatting needs beyond CLDR (its CLDR locale,
typography, how a noun follows a scale word...). The list of languages is
the list of files: adding German is adding `de.toml` (a copy of `en.toml`,
translated) and the content's `de:` blocks.

The original language's file (`en.toml`) is the model: every other file has
exactly its keys, each of the same type, and each template the same `{blanks}`
(`{x_mid}` counts as `{x}`: the same blank as it reads mid-sentence). A
plural table (`[page.facts_count]`) has the language's own CLDR categories
instead. Nothing falls back to English: a file that breaks a rule is refused
with `path:line:col: error: message` when the catalog is first read.

TOML rather than YAML: every string is quoted, so a translated word can never
turn into a boolean, a number or a mapping (`no`, `Source : {title}` and a
value starting with `{` all trip YAML), and the standard library reads it.
"""

from __future__ import annotations

import functools
import re
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from babel import Locale, UnknownLocaleError

from explainer.text.typography import RULES as TYPOGRAPHY_RULES

ORIGINAL = "en"
"""The language content is written in; other languages sit beside it in `fr:` blocks."""

HERE = Path(__file__).parent
"""Where the language files are."""

LANGUAGES: tuple[str, ...] = (ORIGINAL, *sorted(p.stem for p in HERE.glob("*.toml") if p.stem != ORIGINAL))
"""Every language the engine has a file for, the original first."""

AFTER_SCALE_RULES = ("plain", "french_de")
"""How a noun follows a scale word (`rules.after_scale`): as it is, or after French `de`/`d’`."""

_PLURAL_TABLES = ("page.facts_count",)
"""Tables keyed by the language's own CLDR plural categories (`one`, `few`, `many`, `other`)."""
_CODE = re.compile(r"^[a-z]{2,3}$")


class UnsupportedLanguage(ValueError):
    """A language code the site has no file for."""

    def __init__(self, lang: str) -> None:
        super().__init__(f"unsupported language '{lang}' (supported: {', '.join(LANGUAGES)})")
        self.lang = lang


class LanguageFileError(ValueError):
    """A language file that breaks a rule: its message is `path:line:col: error: ...`."""


@dataclass(frozen=True)
class Theme:
    """The words of the theme's own templates."""

    made_with: str
    """The footer's "Made with" before the theme's name."""
    switch_to: Mapping[str, str]
    """The palette toggle's name by the scheme it switches to: `light`, `dark`, `system`."""


@dataclass(frozen=True)
class Language:
    """One language file, read and checked."""

    code: str
    """ISO 639 code, the file's name: `fr`."""
    path: Path
    name: str
    """The language's name in English, for messages to editors (`French`)."""
    locale: str
    """The CLDR locale of its numbers, dates and currency names: `en_GB`, `fr_FR`."""
    typography: str
    """The typography rules applied to its text (`text.typography.RULES`): `none`, `french`."""
    money_in_words: bool
    """Large sums as `20 millions d’euros` (currency name) rather than `€20 million` (symbol)."""
    after_scale: str
    """How a noun follows a scale word: one of `AFTER_SCALE_RULES`."""
    first_of_month: str
    """CLDR pattern for the day number on the first of a month: `d'er'` gives the French `1er`."""
    minus_sign: str
    """What stands for CLDR's minus sign in this language's numbers (`−14,2 millions d’euros`)."""
    as_of: tuple[str, str, str]
    """The "as of" phrase for a date known to the day, the month, the year."""
    qualifiers: Mapping[str, str]
    """The qualifier vocabulary (the original file's keys), as written in this language."""
    theme: Theme
    page: Mapping[str, Any]
    """The `[page]` table, as `strings.Strings` fields."""
    charts: Mapping[str, str]
    """The `[charts]` table: charts, derived facts and share images."""


def language(lang: str) -> Language:
    """The language file of `lang`; UnsupportedLanguage when there is none."""
    try:
        return catalog()[lang]
    except KeyError:
        raise UnsupportedLanguage(lang) from None


def qualifiers() -> tuple[str, ...]:
    """The closed qualifier vocabulary, as content writes it: the original language's qualifier keys.

    Read from the original's file alone: the schema asks at import, and a mistake in another
    language's file is then reported when that language is first used, as a located error."""
    return tuple(_original(HERE).qualifiers)


@functools.cache
def _original(folder: Path) -> Language:
    path = folder / f"{ORIGINAL}.toml"
    if not path.is_file():
        raise LanguageFileError(f"{path}:1:1: error: the original language has no file")
    return _language(ORIGINAL, _File(path), _read(path))


@functools.cache
def catalog(folder: Path = HERE) -> Mapping[str, Language]:
    """Every language file of `folder`, read and checked against the original's; LanguageFileError if one is wrong."""
    paths = {p.stem: p for p in sorted(folder.glob("*.toml"))}
    if ORIGINAL not in paths:
        raise LanguageFileError(f"{folder / (ORIGINAL + '.toml')}:1:1: error: the original language has no file")
    original = _read(paths[ORIGINAL])
    found = {ORIGINAL: _language(ORIGINAL, _File(paths[ORIGINAL]), original)}
    for code, path in paths.items():
        if code == ORIGINAL:
            continue
        if not _CODE.match(code):
            message = f"'{path.name}' is not named by a language code such as 'de.toml'"
            raise LanguageFileError(f"{path}:1:1: error: {message}")
        data = _read(path)
        file = _File(path)
        file.compare(data, original)
        found[code] = _language(code, file, data)
    return found


def _read(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, col = (where.group(1), where.group(2)) if where else ("1", "1")
        message = re.sub(r"\s*\(at line \d+, column \d+\)|\s*\(at end of document\)", "", str(exc))
        raise LanguageFileError(f"{path}:{line}:{col}: error: {message}") from None


def _language(code: str, file: _File, data: Mapping[str, Any]) -> Language:
    rules = data.get("rules", {})
    if rules.get("typography") not in TYPOGRAPHY_RULES:
        file.fail("rules.typography", f"'typography' is one of {', '.join(TYPOGRAPHY_RULES)}")
    if rules.get("after_scale") not in AFTER_SCALE_RULES:
        file.fail("rules.after_scale", f"'after_scale' is one of {', '.join(AFTER_SCALE_RULES)}")
    try:
        locale = Locale.parse(data.get("locale"))
    except (UnknownLocaleError, ValueError, TypeError):
        file.fail("locale", f"'locale' is a CLDR locale such as '{code}_{code.upper()}' (got {data.get('locale')!r})")
    if locale.language != code:
        file.fail("locale", f"'locale' '{data['locale']}' is not a locale of '{code}'")
    for key in _PLURAL_TABLES:
        table, name = key.split(".")
        for category in data[table][name]:
            if category not in {*locale.plural_form.tags, "other"}:
                tags = ", ".join(sorted({*locale.plural_form.tags, "other"}))
                file.fail(f"{key}.{category}", f"'{category}' is not a plural category of {code} (it has {tags})")
        if "other" not in data[table][name]:
            file.fail(key, f"'{key}' needs 'other', the plural form used for any number")
    theme = data["theme"]
    return Language(
        code=code,
        path=file.path,
        name=data["name"],
        locale=data["locale"],
        typography=rules["typography"],
        money_in_words=rules["money_in_words"],
        after_scale=rules["after_scale"],
        first_of_month=rules["first_of_month"],
        minus_sign=rules["minus_sign"],
        as_of=tuple(rules["as_of"]),
        qualifiers=dict(data["qualifiers"]),
        theme=Theme(made_with=theme["made_with"], switch_to=dict(theme["switch_to"])),
        page=dict(data["page"]),
        charts=dict(data["charts"]),
    )


class _File:
    """A language file's keys and where they are written, for located errors."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.marks: dict[str, tuple[int, int]] = {}
        table = ""
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            header = re.match(r"\s*\[([^\[\]]+)\]", line)
            key = re.match(r"(\s*)(\"[^\"]+\"|[\w-]+)\s*=", line)
            if header:
                table = header.group(1).strip()
                self.marks.setdefault(table, (number, len(line) - len(line.lstrip()) + 1))
            elif key:
                name = key.group(2).strip('"')
                self.marks.setdefault(f"{table}.{name}" if table else name, (number, len(key.group(1)) + 1))

    def fail(self, key: str, message: str) -> NoReturn:
        """Raise LanguageFileError at `key` (or at its table when the key is not written)."""
        parts = key.split(".")
        while parts and ".".join(parts) not in self.marks:
            parts.pop()
        line, col = self.marks.get(".".join(parts), (1, 1))
        raise LanguageFileError(f"{self.path}:{line}:{col}: error: {message}")

    def compare(self, data: Mapping[str, Any], original: Mapping[str, Any], prefix: str = "") -> None:
        """Check `data` has exactly `original`'s keys, types and blanks."""
        where = f"the [{prefix.rstrip('.')}] table" if prefix else "the file"
        for key in original:
            if key not in data and f"{prefix}{key}" not in _PLURAL_TABLES:
                self.fail(prefix.rstrip("."), f"{where} has no '{key}' (see {ORIGINAL}.toml)")
        for key, value in data.items():
            dotted = f"{prefix}{key}"
            if key not in original:
                if prefix.rstrip(".") in _PLURAL_TABLES:
                    continue
                self.fail(dotted, f"unknown key '{dotted}': {ORIGINAL}.toml has no such word")
            model = original[key]
            if isinstance(model, dict):
                if not isinstance(value, dict):
                    self.fail(dotted, f"'{dotted}' is a table, as in {ORIGINAL}.toml")
                if dotted in _PLURAL_TABLES:
                    for category, text in value.items():
                        self._text(f"{dotted}.{category}", text, model.get("other", ""))
                else:
                    self.compare(value, model, f"{dotted}.")
            elif isinstance(model, list):
                if not isinstance(value, list) or len(value) != len(model):
                    self.fail(dotted, f"'{dotted}' is a list of {len(model)} texts, as in {ORIGINAL}.toml")
                for text, sample in zip(value, model, strict=True):
                    self._text(dotted, text, sample)
            elif isinstance(model, str):
                self._text(dotted, value, model)
            elif type(value) is not type(model):
                self.fail(dotted, f"'{dotted}' is {type(model).__name__}, as in {ORIGINAL}.toml")

    def _text(self, key: str, text: object, model: str) -> None:
        if not isinstance(text, str) or not text.strip():
            self.fail(key, f"'{key}' is a text (in quotes) and is not empty")
        mine, theirs = blanks(text), blanks(model)
        if mine != theirs:
            expected = ", ".join(f"{{{b}}}" for b in sorted(theirs)) or "none"
            self.fail(key, f"'{key}' has the blanks {expected} in {ORIGINAL}.toml (this one: {text!r})")


def blanks(template: str) -> set[str]:
    """The `{blanks}` of a template; `{x_mid}` counts as `{x}` (the same blank, as it reads mid-sentence)."""
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    return {name.removesuffix("_mid") for name in names}

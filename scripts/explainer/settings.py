"""The site's settings: the `explainer` plugin's options in mkdocs.yml, parsed once into typed values.

Each setting is one small class with its check beside it, declared on `Settings` with its default
and a docstring, the way MkDocs declares its own options (`mkdocs.config.config_options`).
`Settings.parse` checks every value and reports each bad one, and each unknown name, at its place
in mkdocs.yml (`mkdocs.yml:LINE:COL: error: ...`), all of them in one run.

The values parsed are MkDocs' (its tags, such as `!ENV`, resolved); places come from the file's
text, composed but never constructed, so its tags do not matter. Read by the MkDocs adapter once
per build and by `python -m explainer check` (`read_settings`). Language codes are checked here
for their shape only: the loader checks each code against the engine's languages, at its line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Generic, Self, TypeVar, cast, overload

import yaml

from explainer.changelog import ChangeLog
from explainer.diagnostics import Diagnostic, did_you_mean, error, sort_diagnostics
from explainer.site import SiteInfo

T = TypeVar("T")
Place = tuple[int, int]
"""Line and column, from 1."""

_LANGUAGE_KEY = re.compile(r"[a-z]{2,3}\Z")
PLUGIN = "explainer"
"""The plugin's name under `plugins:` (its entry point)."""
BLOCK = f"plugins.{PLUGIN}"
"""How messages name the plugin's options."""


class Setting(Generic[T]):
    """One setting: its default, and the check of a value written for it."""

    def __init__(self, default: T) -> None:
        self.default = default
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type) -> Self: ...
    @overload
    def __get__(self, obj: _Block, owner: type) -> T: ...
    def __get__(self, obj: _Block | None, owner: type) -> Self | T:
        if obj is None:
            return self
        return cast(T, obj._values.get(self.name, self.default))

    def check(self, value: object) -> T:
        """`value` as this setting holds it; ValueError saying what is expected."""
        raise NotImplementedError


class Flag(Setting[bool]):
    """`true` or `false`."""

    def check(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise ValueError(f"must be true or false, got {value!r}")
        return value


class Date(Setting[dt.date | None]):
    """A day, written `YYYY-MM-DD` (quoted or not)."""

    def check(self, value: object) -> dt.date | None:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise ValueError(f"must be a date written YYYY-MM-DD, got {value!r}")


class Text(Setting[str | None]):
    """A line of text, not empty."""

    def check(self, value: object) -> str | None:
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"must be text, got {value!r}")
        return value


class Languages(Setting[tuple[str, ...] | None]):
    """Language codes, the original first: `[en, fr]` (one code alone may be written without brackets)."""

    def check(self, value: object) -> tuple[str, ...] | None:
        codes = [value] if isinstance(value, str) else value
        if not isinstance(codes, list) or not codes or not all(isinstance(x, str) for x in codes):
            raise ValueError(f"must be a list of language codes such as [en, fr], got {value!r}")
        return tuple(codes)


class _Block:
    """A mapping of settings: its values, checked, by name; unset ones read as their default."""

    def __init__(self, **values: Any) -> None:
        """Settings given by name (tests, or a tool that makes a site): ValueError for a bad one."""
        known = self.declared()
        self._values: dict[str, object] = {}
        for name, value in values.items():
            if name not in known:
                raise TypeError(f"{type(self).__name__} has no setting '{name}'")
            try:
                self._values[name] = known[name].check(value)
            except ValueError as exc:
                raise ValueError(f"{name} {exc}") from None

    @classmethod
    def declared(cls) -> dict[str, Setting[Any]]:
        """The settings this block declares, by name, in the order written."""
        return {name: s for name, s in vars(cls).items() if isinstance(s, Setting)}

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and vars(other) == vars(self)

    def __hash__(self) -> int:
        return hash(repr(sorted(self._values.items())))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self._values.items())})"


class Translation(_Block):
    """`<lang>:` in the plugin's options: the strings of mkdocs.yml a reader sees, in that language."""

    site_name = Text(None)
    """The site's name in this language (required when `site_name` is set)."""
    site_description = Text(None)
    """Its description (required when `site_description` is set)."""
    copyright = Text(None)
    """The footer's notice (required when `copyright` is set)."""


class Settings(_Block):
    """The `explainer` plugin's options in mkdocs.yml (`plugins: [{explainer: {...}}]`)."""

    languages = Languages(None)
    """The site's languages, the original first; each other one is a whole edition under `/<lang>/`
    (unset: one edition, in `theme.language`)."""
    published = Date(None)
    """The day the explainer was first published (JSON-LD `datePublished`)."""
    publisher = Text(None)
    """Who publishes it (JSON-LD `publisher`)."""
    share_images = Flag(True)
    """A 1200×630 link-preview image per page, in its language."""
    today = Date(None)
    """The day content is checked against (tests, or re-checking a past build); unset: the real date."""
    require_evidence = Flag(True)
    """Warn for each citation without an excerpt."""
    check_copying = Flag(True)
    """Warn for runs of eight or more words copied from a source outside quotation marks."""
    check_claims = Flag(True)
    """Warn for figures and dates typed in prose with no fact behind them."""

    def __init__(self, translations: Mapping[str, Translation] | None = None, **values: Any) -> None:
        super().__init__(**values)
        self.translations: dict[str, Translation] = dict(translations or {})
        """The blocks named by a language code (`fr:`), by code."""

    def replaced(self, **values: Any) -> Settings:
        """These settings with `values` (checked as given by name) in place of theirs."""
        new = Settings(self.translations)
        new._values = {**self._values, **Settings(**values)._values}
        return new

    def translation(self, lang: str) -> Translation:
        """The strings of mkdocs.yml in `lang` (an empty block when there is none)."""
        return self.translations.get(lang) or Translation()

    def site_info(
        self, name: str, url: str | None, changes: ChangeLog, edit_url: str | None = None, epoch: str | None = None
    ) -> SiteInfo:
        """The descriptor of the site named `name` at `url`: these settings' publisher and day of
        publication, modified on the last change in `changes`, else on the day of `epoch`
        (`SOURCE_DATE_EPOCH`, in seconds), else today."""
        modified = changes.last_date or (dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else None)
        return SiteInfo.create(
            name=name,
            url=url,
            publisher=self.publisher,
            published=self.published,
            modified=modified,
            edit_url=edit_url,
            changes=changes,
        )

    @classmethod
    def parse(cls, values: object, source: str = "", path: str = "mkdocs.yml") -> tuple[Settings, list[Diagnostic]]:
        """The settings in `values` (the plugin's options as MkDocs read them; None: all defaults) and an
        error for each bad value or unknown name, placed in `source` (the text of the file at `path`).
        A bad value leaves its setting at its default."""
        settings, problems = cls.parse_by_option(values, source, path)
        return settings, sort_diagnostics(d for _, d in problems)

    @classmethod
    def parse_by_option(
        cls, values: object, source: str = "", path: str = "mkdocs.yml"
    ) -> tuple[Settings, list[tuple[str, Diagnostic]]]:
        """`parse`, each problem with the option it is about (`published`, `fr.site_name`; empty for
        the block itself), as MkDocs reports a plugin's options."""
        problems: list[tuple[tuple[str, ...], bool, str]] = []  # (key path, at the value?, message)
        settings = cls()
        if values is None:
            return settings, []
        if not isinstance(values, Mapping):
            problems.append(((), True, f"{BLOCK} must be a mapping of settings, got {values!r}"))
        else:
            settings._values = _parse_block(cls, values, (), problems)
            for key, block in values.items():
                if isinstance(key, str) and key not in cls.declared() and _LANGUAGE_KEY.match(key):
                    if not isinstance(block, Mapping):
                        problems.append(((key,), True, f"{BLOCK}.{key} must be a mapping, got {block!r}"))
                        continue
                    translation = Translation()
                    translation._values = _parse_block(Translation, block, (key,), problems)
                    settings.translations[key] = translation
        places = _places(source) if problems else {}
        found = []
        for keys, at_value, message in problems:
            key_place, value_place = places.get(keys) or places.get((), ((1, 1), (1, 1)))
            line, col = value_place if at_value else key_place
            found.append((".".join(keys), error(path, line, col, message)))
        return settings, sorted(found, key=lambda pair: (pair[1].line, pair[1].col))


def _parse_block(
    block: type[_Block], values: Mapping[Any, object], keys: tuple[str, ...], problems: list[Any]
) -> dict[str, object]:
    """The checked values of one block; problems appended for bad values and unknown names."""
    declared = block.declared()
    checked: dict[str, object] = {}
    where = ".".join((BLOCK, *keys))
    for key, value in values.items():
        name = str(key)
        setting = declared.get(name)
        if setting is None:
            if block is Settings and _LANGUAGE_KEY.match(name):
                continue  # a language's block, parsed by the caller
            hint = did_you_mean(name, declared) or f" (known: {', '.join(declared)})"
            problems.append(((*keys, name), False, f"unknown setting '{name}' in {where}{hint}"))
            continue
        try:
            checked[name] = setting.check(value)
        except ValueError as exc:
            problems.append(((*keys, name), True, f"{where}.{name} {exc}"))
    return checked


def setting_place(source: str, *keys: str) -> Place:
    """Where the plugin's option `<keys>` is named in `source` (the text of mkdocs.yml): that key's
    line and column, else the `explainer` plugin's, else the start of the file."""
    places = _places(source)
    found = places.get(keys) or places.get(())
    return found[0] if found else (1, 1)


def _compose(source: str) -> yaml.Node | None:
    """The nodes of a YAML text (tags are never constructed); None when it is not YAML."""
    try:
        return yaml.compose(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None


def _at(node: yaml.Node) -> Place:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _child(node: yaml.Node | None, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The key and value nodes of `name` in a mapping node."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == name:
                return key, value
    return None


def _places(source: str) -> dict[tuple[str, ...], tuple[Place, Place]]:
    """Where each of the plugin's options and its value are written: (key, value) places by key
    path (`()` is the plugin's own entry under `plugins:`). Empty when the text is not YAML."""
    plugins = _child(_compose(source), "plugins")
    listed = plugins[1] if plugins else None
    entries = listed.value if isinstance(listed, yaml.SequenceNode) else [listed]
    block = None
    for entry in entries:
        if isinstance(entry, yaml.ScalarNode) and entry.value == PLUGIN:
            return {(): (_at(entry), _at(entry))}  # named without options
        block = block or _child(entry, PLUGIN)
    if block is None:
        return {}
    places: dict[tuple[str, ...], tuple[Place, Place]] = {(): (_at(block[0]), _at(block[1]))}

    def walk(node: yaml.Node, keys: tuple[str, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    places[(*keys, key.value)] = (_at(key), _at(value))
                    walk(value, (*keys, key.value))

    walk(block[1], ())
    return places


def plugin_options(config: object) -> object:
    """The `explainer` plugin's options in a mkdocs.yml read as plain YAML: its mapping, None when
    it is named without options or not at all (`plugins:` as a list, or as a mapping by name)."""
    plugins = config.get("plugins") if isinstance(config, dict) else None
    entries = plugins if isinstance(plugins, list) else [plugins]
    for entry in entries:
        if isinstance(entry, dict) and PLUGIN in entry:
            return entry[PLUGIN]
    return None


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: its own tags (`!ENV`, `!!python/name:`) become null."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def read_settings(config_file: Path) -> tuple[Settings, list[Diagnostic]]:
    """The settings in a mkdocs.yml read without MkDocs (all defaults when the file or the block is
    absent), with its problems; an unreadable file is one problem at its place."""
    if not config_file.is_file():
        return Settings(), []
    path = config_file.name
    try:
        source = config_file.read_text(encoding="utf-8")
        data = yaml.load(source, Loader=_TolerantLoader)
    except UnicodeDecodeError as exc:
        return Settings(), [error(path, 1, 1, f"cannot read: {exc}")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return Settings(), [error(path, line, col, f"cannot read: {getattr(exc, 'problem', None) or exc}")]
    extra = data.get("extra") if isinstance(data, dict) else None
    if isinstance(extra, dict) and "explainer" in extra:  # where settings lived before the plugin (1.0)
        line, col = _extra_place(source)
        message = f"extra.explainer is now the plugin's options: move them under `plugins:` as `- {PLUGIN}:`"
        return Settings(), [error(path, line, col, message)]
    return Settings.parse(plugin_options(data), source, path)


def _extra_place(source: str) -> Place:
    """Where `explainer:` is written under `extra:` (the start of the file if it cannot be found)."""
    extra = _child(_compose(source), "extra")
    found = _child(extra[1] if extra else None, "explainer")
    return _at(found[0]) if found else (1, 1)

"""The `explainer` plugin's options, as MkDocs config options.

    plugins:
      - search
      - explainer:
          languages: [en, fr]
          published: 2026-11-26
          publisher: Example
          fr:
            site_name: ...

Each option is one small typed class whose validation is the engine's own check of that setting
(`explainer.settings`), so MkDocs, `python -m explainer check` and the engine accept and refuse the
same values. A language's block (`fr:` above) holds the strings of mkdocs.yml in that language.
The plugin parses its options with the engine (`ExplainerPlugin.load_config`), which reports every
bad value and unknown name at its place in mkdocs.yml, all in one run; this class is what the
options are once they passed.
"""

from __future__ import annotations

import datetime as dt
from typing import Generic, TypeVar, cast

from mkdocs.config import base
from mkdocs.config import config_options as c

from explainer import Setting, Settings, Translation

T = TypeVar("T")


class EngineSetting(Generic[T], base.BaseConfigOption[T]):
    """A MkDocs option checked as the engine checks its setting."""

    def __init__(self, setting: Setting[T]) -> None:
        super().__init__()
        self.setting = setting
        self.default = setting.default

    def run_validation(self, value: object) -> T:
        if value is None:  # not written (a value written as null never gets here: the engine refuses it first)
            return cast(T, self.default)
        try:
            return self.setting.check(value)
        except ValueError as exc:
            raise base.ValidationError(str(exc)) from None


class TranslationConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__
    """`<lang>:`: the strings of mkdocs.yml a reader sees, in that language."""

    site_name = EngineSetting(Translation.site_name)
    """The site's name in this language (required when `site_name` is set)."""
    site_description = EngineSetting(Translation.site_description)
    """Its description (required when `site_description` is set)."""
    copyright = EngineSetting(Translation.copyright)
    """The footer's notice (required when `copyright` is set)."""


class ExplainerConfig(base.Config):  # type: ignore[no-untyped-call]
    """The plugin's options; the names and defaults are `explainer.Settings`'."""

    languages = EngineSetting(Settings.languages)
    """The site's languages, the original first; each other one is a whole edition under `/<lang>/`
    (unset: one edition, in `theme.language`)."""
    published = EngineSetting[dt.date | None](Settings.published)
    """The day the explainer was first published (JSON-LD `datePublished`)."""
    publisher = EngineSetting(Settings.publisher)
    """Who publishes it (JSON-LD `publisher`)."""
    share_images = EngineSetting(Settings.share_images)
    """A 1200×630 link-preview image per page, in its language."""
    today = EngineSetting[dt.date | None](Settings.today)
    """The day content is checked against (tests, or re-checking a past build); unset: the real date."""
    require_evidence = EngineSetting(Settings.require_evidence)
    """Warn for each citation without an excerpt."""
    check_copying = EngineSetting(Settings.check_copying)
    """Warn for runs of eight or more words copied from a source outside quotation marks."""
    check_claims = EngineSetting(Settings.check_claims)
    """Warn for figures and dates typed in prose with no fact behind them."""
    translations = c.DictOfItems(c.SubConfig(TranslationConfig), default={})
    """The blocks named by a language code (`fr:`), gathered by `ExplainerPlugin.load_config`."""

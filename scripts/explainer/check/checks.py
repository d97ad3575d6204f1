"""Which prose and evidence checks run, and running them.

Three checks can be turned off, each by one setting, for a site whose
content has not caught up yet (all are on by default):

- `require_evidence`: a warning for each citation without an excerpt
  (`evidence.py`);
- `check_copying`: a warning for eight or more words in a row copied from a
  source outside quotation marks (`copying.py`);
- `check_claims`: a warning for a number, amount, percentage or date typed
  in prose with no fact behind it (`claims.py`).

The settings live in `mkdocs.yml` under `extra: explainer:`, read by the
MkDocs hook and by `python -m explainer check` alike; the command's
`--[no-]require-evidence`, `--[no-]check-copying` and `--[no-]check-claims`
override them for one run, and `--against FILE` adds a reference text to
the copy check.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import yaml

from explainer.check.claims import unsourced_claims
from explainer.check.copying import copying
from explainer.diagnostics import Diagnostic
from explainer.model import Content


@dataclass(frozen=True)
class Checks:
    require_evidence: bool = True
    """Warn for each citation without an excerpt."""
    check_copying: bool = True
    """Warn for runs of eight or more words copied from a source outside quotation marks."""
    check_claims: bool = True
    """Warn for figures and dates typed in prose with no fact behind them."""
    against: tuple[tuple[str, str], ...] = ()
    """(label, text) reference texts the copy check compares prose with, besides the excerpts."""
    languages: tuple[str, ...] = ("en",)
    """The site's languages, the original first (`extra.explainer.languages`): which translations are required.

    Codes are checked by the loader, which reports an unknown one at its line in mkdocs.yml."""

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Checks:
        """The checks named in `extra.explainer` of mkdocs.yml; ValueError for a setting that is not true/false."""
        values: dict[str, bool] = {}
        for f in fields(cls):
            if f.name in ("against", "languages") or f.name not in settings:
                continue
            value = settings[f.name]
            if not isinstance(value, bool):
                raise ValueError(f"extra.explainer.{f.name} must be true or false, got {value!r}")
            values[f.name] = value
        languages = settings.get("languages", ["en"])
        if isinstance(languages, str):
            languages = [languages]
        if not isinstance(languages, list) or not languages or not all(isinstance(x, str) for x in languages):
            raise ValueError(
                f"extra.explainer.languages must be a list of language codes such as [en, fr], got {languages!r}"
            )
        return cls(
            require_evidence=values.get("require_evidence", True),
            check_copying=values.get("check_copying", True),
            check_claims=values.get("check_claims", True),
            languages=tuple(languages),
        )

    def with_overrides(
        self,
        require_evidence: bool | None = None,
        check_copying: bool | None = None,
        check_claims: bool | None = None,
    ) -> Checks:
        """These checks with the given settings changed (None keeps one as it is)."""
        return replace(
            self,
            require_evidence=self.require_evidence if require_evidence is None else require_evidence,
            check_copying=self.check_copying if check_copying is None else check_copying,
            check_claims=self.check_claims if check_claims is None else check_claims,
        )

    def with_texts(self, paths: Sequence[Path]) -> Checks:
        """Add reference texts for the copy check; OSError/UnicodeDecodeError when one cannot be read."""
        texts = tuple((f"'{p.name}'", p.read_text(encoding="utf-8")) for p in paths)
        return replace(self, against=self.against + texts)


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its `extra` block: MkDocs' own tags (`!ENV`, `!!python/name:`) become null."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def mkdocs_settings(config_file: Path) -> dict[str, Any]:
    """`extra.explainer` of a mkdocs.yml ({} when the file or the block is absent); ValueError when unreadable."""
    if not config_file.is_file():
        return {}
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ValueError(f"{config_file}: cannot read: {exc}") from None
    extra = data.get("extra") if isinstance(data, dict) else None
    settings = extra.get("explainer") if isinstance(extra, dict) else None
    return settings if isinstance(settings, dict) else {}


def prose_checks(content: Content, checks: Checks, reported: Sequence[Diagnostic] = ()) -> list[Diagnostic]:
    """The copy check and the unsourced-claims check, as the settings say; `reported` is not repeated."""
    out: list[Diagnostic] = []
    if checks.check_copying:
        out += copying(content, checks.against)
    if checks.check_claims:
        out += unsourced_claims(content, reported)
    return out

"""Which prose and evidence checks run, and running them.

Three checks can be turned off, each by one setting, for a site whose
content has not caught up yet (all are on by default):

- `require_evidence`: a warning for each citation without an excerpt
  (`evidence.py`);
- `check_copying`: a warning for eight or more words in a row copied from a
  source outside quotation marks (`copying.py`);
- `check_claims`: a warning for a number, amount, percentage or date typed
  in prose with no fact behind it (`claims.py`).

The settings live in `mkdocs.yml` under `plugins: - explainer:` (its options) (`explainer.settings`),
read by the MkDocs adapter and by `python -m explainer check` alike; the command's
`--[no-]require-evidence`, `--[no-]check-copying` and `--[no-]check-claims`
override them for one run, and `--against FILE` adds a reference text to
the copy check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from explainer.check.claims import unsourced_claims
from explainer.check.copying import copying
from explainer.diagnostics import Diagnostic
from explainer.model import Content
from explainer.settings import Settings


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
    """The site's languages, the original first (`plugins.explainer.languages`): which translations are required.

    Codes are checked by the loader, which reports an unknown one at its line in mkdocs.yml."""

    @classmethod
    def from_settings(cls, settings: Settings) -> Checks:
        """The checks the plugin's options in mkdocs.yml name (`explainer.settings`)."""
        return cls(
            require_evidence=settings.require_evidence,
            check_copying=settings.check_copying,
            check_claims=settings.check_claims,
            languages=settings.languages or ("en",),
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


def prose_checks(content: Content, checks: Checks, reported: Sequence[Diagnostic] = ()) -> list[Diagnostic]:
    """The copy check and the unsourced-claims check, as the settings say; `reported` is not repeated."""
    out: list[Diagnostic] = []
    if checks.check_copying:
        out += copying(content, checks.against)
    if checks.check_claims:
        out += unsourced_claims(content, reported)
    return out

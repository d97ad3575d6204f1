"""`extra.explainer` of mkdocs.yml becomes typed settings once, and every bad setting is reported at
its place in the file, all of them in one run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from explainer import Settings, Translation, read_settings

CONFIG = """\
site_name: A site
site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
extra:
  explainer:
    languages: [en, fr]
    fr:
      site_name: "Un site"
      copyright: "Un avis"
    published: "2026-11-26"
    share_images: false
"""


def write(tmp_path: Path, text: str) -> Path:
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def test_settings_are_typed_values_with_defaults(tmp_path: Path) -> None:
    settings, problems = read_settings(write(tmp_path, CONFIG))
    assert problems == []
    assert settings.languages == ("en", "fr")
    assert settings.published == dt.date(2026, 11, 26)
    assert settings.share_images is False
    assert settings.require_evidence is True  # not written: the default
    assert settings.publisher is None
    assert settings.translation("fr") == Translation(site_name="Un site", copyright="Un avis")
    assert settings.translation("de") == Translation()


def test_no_file_or_no_block_means_every_default(tmp_path: Path) -> None:
    assert read_settings(tmp_path / "mkdocs.yml") == (Settings(), [])
    assert read_settings(write(tmp_path, "site_name: A site\n")) == (Settings(), [])


def test_every_bad_setting_is_reported_at_its_place_in_one_run(tmp_path: Path) -> None:
    text = CONFIG.replace("share_images: false", "share_images: no way").replace(
        '    published: "2026-11-26"\n', '    published: "26/11/2026"\n    share_image: false\n'
    )
    text = text.replace('      site_name: "Un site"\n', '      site_nom: "Un site"\n')
    settings, problems = read_settings(write(tmp_path, text))
    assert [str(d) for d in problems] == [
        "mkdocs.yml:10:7: error: unknown setting 'site_nom' in extra.explainer.fr (did you mean 'site_name'?)",
        "mkdocs.yml:12:16: error: extra.explainer.published must be a date written YYYY-MM-DD, got '26/11/2026'",
        "mkdocs.yml:13:5: error: unknown setting 'share_image' in extra.explainer (did you mean 'share_images'?)",
        "mkdocs.yml:14:19: error: extra.explainer.share_images must be true or false, got 'no way'",
    ]
    assert settings.share_images is True  # a bad value leaves its default
    assert settings.languages == ("en", "fr")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"languages": []}, "extra.explainer.languages must be a list of language codes such as [en, fr], got []"),
        ({"require_evidence": 0}, "extra.explainer.require_evidence must be true or false, got 0"),
        ({"fr": "Un site"}, "extra.explainer.fr must be a mapping, got 'Un site'"),
        ({"fr": {"copyright": ["Un avis"]}}, "extra.explainer.fr.copyright must be"),
        ("yes", "extra.explainer must be a mapping of settings, got 'yes'"),
    ],
)
def test_a_bad_value_says_what_is_expected(values: object, message: str) -> None:
    _, problems = Settings.parse(values)
    assert len(problems) == 1
    assert problems[0].message.startswith(message)
    assert (problems[0].line, problems[0].col) == (1, 1)  # no text given: the start of the file


def test_a_single_language_may_be_written_without_brackets() -> None:
    settings, problems = Settings.parse({"languages": "en"})
    assert (settings.languages, problems) == (("en",), [])


def test_settings_given_by_name_are_checked_too() -> None:
    assert Settings(share_images=False).share_images is False
    with pytest.raises(ValueError, match="share_images must be true or false"):
        Settings(share_images="no")
    with pytest.raises(TypeError, match="no setting 'share_image'"):
        Settings(share_image=False)


def test_each_setting_has_a_docstring() -> None:
    source = Path(__file__).resolve().parents[1] / "scripts/explainer/settings.py"
    text = source.read_text(encoding="utf-8")
    for block in (Settings, Translation):
        for name in block.declared():
            after = text.split(f"\n    {name} = ", 1)[1].split("\n", 2)[1]
            assert after.strip().startswith('"""'), f"{block.__name__}.{name} has no docstring"

"""The `explainer` plugin's options in mkdocs.yml become typed settings once, and every bad setting is
reported at its place in the file, all of them in one run: by `python -m explainer check`
(`read_settings`) and by MkDocs (the plugin's config options), alike."""

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
plugins:
  - search
  - explainer:
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
        '      published: "2026-11-26"\n', '      published: "26/11/2026"\n      share_image: false\n'
    )
    text = text.replace('        site_name: "Un site"\n', '        site_nom: "Un site"\n')
    settings, problems = read_settings(write(tmp_path, text))
    assert [str(d) for d in problems] == [
        "mkdocs.yml:11:9: error: unknown setting 'site_nom' in plugins.explainer.fr (did you mean 'site_name'?)",
        "mkdocs.yml:13:18: error: plugins.explainer.published must be a date written YYYY-MM-DD, got '26/11/2026'",
        "mkdocs.yml:14:7: error: unknown setting 'share_image' in plugins.explainer (did you mean 'share_images'?)",
        "mkdocs.yml:15:21: error: plugins.explainer.share_images must be true or false, got 'no way'",
    ]
    assert settings.share_images is True  # a bad value leaves its default
    assert settings.languages == ("en", "fr")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"languages": []}, "plugins.explainer.languages must be a list of language codes such as [en, fr], got []"),
        ({"require_evidence": 0}, "plugins.explainer.require_evidence must be true or false, got 0"),
        ({"fr": "Un site"}, "plugins.explainer.fr must be a mapping, got 'Un site'"),
        ({"fr": {"copyright": ["Un avis"]}}, "plugins.explainer.fr.copyright must be"),
        ("yes", "plugins.explainer must be a mapping of settings, got 'yes'"),
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


def test_the_old_place_of_the_settings_is_an_error_that_says_where_they_went(tmp_path: Path) -> None:
    text = "site_name: A site\nextra:\n  explainer:\n    languages: [en]\n"
    _, problems = read_settings(write(tmp_path, text))
    assert [str(d) for d in problems] == [
        "mkdocs.yml:3:3: error: extra.explainer is now the plugin's options: "
        "move them under `plugins:` as `- explainer:`"
    ]


def test_the_plugin_named_without_options_or_in_mapping_form(tmp_path: Path) -> None:
    assert read_settings(write(tmp_path, "plugins:\n  - search\n  - explainer\n")) == (Settings(), [])
    settings, problems = read_settings(write(tmp_path, "plugins:\n  explainer:\n    share_images: false\n"))
    assert (settings.share_images, problems) == (False, [])


def test_mkdocs_reads_the_options_as_the_engine_does(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    from explainer.adapter.plugin import ExplainerPlugin

    (tmp_path / "docs").mkdir()
    config = load_config(str(write(tmp_path, CONFIG)))
    plugin = config.plugins["explainer"]
    assert isinstance(plugin, ExplainerPlugin)
    assert plugin.settings == read_settings(tmp_path / "mkdocs.yml")[0]
    assert plugin.config.languages == ("en", "fr")  # typed options, checked by the engine's checks
    assert plugin.config.published == dt.date(2026, 11, 26)
    assert plugin.config.require_evidence is True
    assert plugin.config.translations["fr"]["site_name"] == "Un site"


def test_mkdocs_reports_every_bad_option_at_its_place(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    text = CONFIG.replace("share_images: false", "share_images: no way").replace("published:", "publishd:")
    (tmp_path / "docs").mkdir()
    with pytest.raises(Abort):
        load_config(str(write(tmp_path, text)))
    (error,) = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert error.splitlines() == [
        "Config value 'plugins': Plugin 'explainer' option 'publishd': "
        "mkdocs.yml:13:7: error: unknown setting 'publishd' in plugins.explainer (did you mean 'published'?)",
        "Plugin 'explainer' option 'share_images': "
        "mkdocs.yml:14:21: error: plugins.explainer.share_images must be true or false, got 'no way'",
    ]


def test_the_plugin_options_are_the_settings_each_documented() -> None:
    from explainer.adapter.config import ExplainerConfig, TranslationConfig

    source = (Path(__file__).resolve().parents[1] / "scripts/explainer/adapter/config.py").read_text(encoding="utf-8")
    for options, block in ((ExplainerConfig, Settings), (TranslationConfig, Translation)):
        names = [name for name, _ in options._schema if name != "translations"]
        assert names == list(block.declared())
        for name, _ in options._schema:
            after = source.split(f"\n    {name} = ", 1)[1].split("\n", 2)[1]
            assert after.strip().startswith('"""'), f"{options.__name__}.{name} has no docstring"

"""The JSON Schemas for editors are generated from schema.py, up to date, and named by every content YAML file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from explainer.cli import main
from explainer.load.jsonschemas import (
    CONTENT_FILES,
    MODELINE,
    ContentFile,
    changes,
    mapped,
    schema_file,
    schema_text,
    yaml_files,
)
from helpers import ROOT


def test_generated_files_are_up_to_date() -> None:
    stale = [f"{c.path.relative_to(ROOT)}: {c.why}" for c in changes(ROOT, ROOT / "content")]
    assert not stale, "run `make schemas`:\n" + "\n".join(stale)


@pytest.mark.parametrize("file_type", CONTENT_FILES, ids=[t.name for t in CONTENT_FILES])
def test_each_file_type_has_a_valid_json_schema(file_type: ContentFile) -> None:
    path = schema_file(ROOT, file_type)
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema == json.loads(schema_text(file_type))


def test_every_content_yaml_file_names_its_schema_on_the_first_line() -> None:
    claimed: dict[Path, str] = {}
    for file_type in CONTENT_FILES:
        for path in yaml_files(file_type, ROOT / "content"):
            assert path not in claimed, f"{path} matches both {claimed[path]} and {file_type.name}"
            claimed[path] = file_type.name
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first.startswith(MODELINE), f"{path}: first line is {first!r}"
            target = (path.parent / first.removeprefix(MODELINE)).resolve()
            assert target == schema_file(ROOT, file_type).resolve(), f"{path} names {target}"
            assert target.is_file()
    every_yaml = {p for p in (ROOT / "content").rglob("*") if p.suffix in (".yml", ".yaml")}
    assert every_yaml - set(claimed) == set(), "YAML files no content file type (schema.CONTENT_FILES) covers"
    assert len(claimed) >= 3


def test_vscode_maps_each_yaml_file_type_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    yaml_types = [t for t in CONTENT_FILES if mapped(t)]
    assert len(mapping) == len(yaml_types)
    for file_type in yaml_types:
        globs = mapping[f"scripts/schemas/{file_type.name}.schema.json"]
        matched = {p for g in globs for p in ROOT.glob(g)}
        assert matched == set(yaml_files(file_type, ROOT / "content"))


def _project(tmp_path: Path) -> Path:
    for part in ("content", "scripts/schemas", ".vscode"):
        shutil.copytree(ROOT / part, tmp_path / part)
    return tmp_path


def test_check_names_what_is_out_of_date_and_schemas_fixes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    facts_schema = root / "scripts/schemas/facts.schema.json"
    facts_schema.write_text(facts_schema.read_text().replace('"minimum": 0', '"minimum": 1', 1))
    (root / "scripts/schemas/old.schema.json").write_text("{}\n")
    new_facts = root / "content/facts/new.yml"
    new_facts.write_text("x.y:\n  label: Y\n")

    assert main(["schemas", "--check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/facts/new.yml:1:1: error: first line should be "
        "'# yaml-language-server: $schema=../../scripts/schemas/facts.schema.json'; run `make schemas`",
        "scripts/schemas/facts.schema.json:1:1: error: schema is out of date; run `make schemas`",
        "scripts/schemas/old.schema.json:1:1: error: schema of no content kind in schema.CONTENT_FILES; "
        "run `make schemas`",
        "3 error(s), 0 warning(s)",
    ]

    assert main(["schemas"]) == 0
    assert main(["schemas", "--check"]) == 0
    assert new_facts.read_text().startswith(
        "# yaml-language-server: $schema=../../scripts/schemas/facts.schema.json\nx.y:\n"
    )
    assert not (root / "scripts/schemas/old.schema.json").exists()
    assert "schemas OK" in capsys.readouterr().out

"""The editor's JSON Schemas and the validator agree on good and bad content.

Each file under tests/cases/schemas/<type>/ is one content file of that type
(`<type>` is a name from `schema.CONTENT_FILES`); `good-*` must pass and
`bad-*` must fail, both under the validator (`load_content` on the base tree
of tests/cases/base with the file put in its place; only errors in that file
count) and under the `jsonschema` package with the generated
scripts/schemas/<type>.schema.json. Adding a case is adding a file.

Both sides see the same values: the fixture is read with `yamlsrc.parse` and
`to_plain` (YAML 1.2 core scalars: `2026-03-25`, `no`, `010` are text), as
the validator reads it; section fixtures give their front matter.

Known differences, which the fixtures stay clear of because no per-file JSON
Schema can express them:

- across files: unknown source ids, unknown section ids, duplicate ids in two
  fact files, sections no page uses;
- the calendar: `2026-02-30` matches the date pattern; dates in the future;
- what YAML's quoting says: the validator refuses unquoted `yes`/`no`/`on`/
  `off` as text and trims quoted text before measuring it; JSON has neither;
- whole numbers written with a fraction: `12.0` is an integer to JSON Schema
  but not a count to the validator;
- YAML-level mistakes (duplicate keys, aliases, tags, tabs) never reach either
  schema: the parser reports them;
- a page with an empty `generated:` and no `sections`, and a `pages.yml`
  holding `{}`.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from explainer import load_content
from explainer.load.jsonschemas import CONTENT_FILES, ContentFile, schema_file
from explainer.load.sections import split_front_matter
from explainer.load.yamlsrc import YNode, parse, to_plain
from helpers import CASES, ROOT, make_tree

FIXTURES = CASES / "schemas"
FILE_TYPES = {file_type.name: file_type for file_type in CONTENT_FILES}
CASE_FILES = sorted(p for p in FIXTURES.rglob("*") if p.is_file())
TODAY = dt.date(2026, 11, 26)


def _file_type(case: Path) -> ContentFile:
    return FILE_TYPES[case.parent.name]


def placement(file_type: ContentFile) -> str:
    """Where a file of this type goes in the content tree: `facts/**/*.yml` -> `content/facts/fixture.yml`."""
    pattern = file_type.glob.split(" ")[0]
    return "content/" + pattern.replace("**/", "").replace("*", "fixture")


def validator_errors(case: Path, tmp_path: Path) -> list[str]:
    rel = placement(_file_type(case))
    make_tree(tmp_path, {rel: case.read_text(encoding="utf-8")})
    result = load_content(tmp_path / "content", base=tmp_path, today=TODAY)
    return [str(d) for d in result.diagnostics if d.is_error and d.path == rel]


def fixture_value(case: Path) -> object:
    text = case.read_text(encoding="utf-8")
    node: YNode | None
    if _file_type(case).keyed:
        node, problems = parse(case.name, text)
    else:
        node, _, _, problems = split_front_matter(case.name, text)
    assert not problems, f"the fixture itself must be YAML without syntax errors: {problems}"
    assert node is not None, "the fixture must hold something to check"
    return to_plain(node)


def schema_errors(case: Path) -> list[str]:
    schema = json.loads(schema_file(ROOT, _file_type(case)).read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(fixture_value(case))]


def test_the_catalogue_is_big_enough_and_well_named() -> None:
    assert len(CASE_FILES) >= 20
    for case in CASE_FILES:
        assert case.parent.name in FILE_TYPES, f"{case}: folder must be a content file type ({', '.join(FILE_TYPES)})"
        assert case.name.startswith(("good-", "bad-")), case
    for folder in {case.parent for case in CASE_FILES}:
        names = [c.name for c in CASE_FILES if c.parent == folder]
        assert any(n.startswith("good-") for n in names) and any(n.startswith("bad-") for n in names), folder


@pytest.mark.parametrize("case", CASE_FILES, ids=[f"{c.parent.name}/{c.stem}" for c in CASE_FILES])
def test_validator_and_json_schema_agree(case: Path, tmp_path: Path) -> None:
    expected_valid = case.name.startswith("good-")
    by_validator = validator_errors(case, tmp_path)
    by_schema = schema_errors(case)
    assert (not by_validator) == expected_valid, f"validator: {by_validator or 'no error'}"
    assert (not by_schema) == expected_valid, f"JSON Schema: {by_schema or 'no error'}"


def test_placement_follows_the_glob() -> None:
    assert placement(FILE_TYPES["facts"]) == "content/facts/fixture.yml"
    assert placement(FILE_TYPES["sources"]) == "content/sources.yml"
    assert placement(FILE_TYPES["section"]) == "content/sections/fixture.md"

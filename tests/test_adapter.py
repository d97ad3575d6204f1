"""The MkDocs adapter's serve rebuilds: after the first build, `mkdocs serve` rebuilds with
`dirty=True` through MkDocs' own configuration function, and leaves a builder it does not
recognise (or one asked for `--dirty` or `--clean`) as it is. No server is started here
(`test_serve.py` and `test_dirty_rebuild.py` run real ones)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from explainer.adapter import serve as mkdocs_serve


class FakeServer:
    def __init__(self, builder: Callable[..., None]) -> None:
        self.builder = builder


def mkdocs_builder(is_dirty: bool = False, is_clean: bool = False) -> Callable[..., None]:
    """A builder shaped like the one `mkdocs serve` makes (a closure over its configuration)."""
    serve_url = "http://127.0.0.1:8000/"

    def get_config() -> Any:
        return type("Config", (), {"site_url": None})()

    def builder(config: Any = None) -> None:
        print(get_config, serve_url, is_dirty, is_clean)

    return builder


def test_rebuilds_are_dirty_builds_with_mkdocs_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(mkdocs_serve, "build", lambda config, **kw: calls.append((config, kw)))
    server: Any = FakeServer(mkdocs_builder())
    assert mkdocs_serve.rebuild_changed_pages(server, server.builder) is server
    server.builder()
    [(config, options)] = calls
    assert options == {"serve_url": "http://127.0.0.1:8000/", "dirty": True}
    assert config.site_url == "http://127.0.0.1:8000/"


@pytest.mark.parametrize(
    "builder",
    [mkdocs_builder(is_dirty=True), mkdocs_builder(is_clean=True), lambda: None],
    ids=["--dirty", "--clean", "unknown"],
)
def test_other_builders_are_left_as_they_are(builder: Callable[..., None]) -> None:
    server: Any = FakeServer(builder)
    mkdocs_serve.rebuild_changed_pages(server, builder)
    assert server.builder is builder

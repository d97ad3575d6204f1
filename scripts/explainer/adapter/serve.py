"""What `mkdocs serve` needs to feel instant, used by the plugin (`plugin.py`).

MkDocs watches by polling every half second, rebuilds every page of every language after any
edit and, before each build of each language, walks the installed theme's folders to find the
files to copy. Here a saved folder is noticed at once, a rebuild writes only the pages whose
inputs changed, and the theme's folders are walked once.
"""

from __future__ import annotations

import inspect
import logging
import sysconfig
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from jinja2 import BytecodeCache, FileSystemLoader
from mkdocs.commands.build import build
from watchdog.events import (
    FileAttribEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch
from watchdog.observers.polling import PollingObserver

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.explainer")
BUILD_DELAY = 0.05
"""Seconds of quiet after a change before the rebuild starts (MkDocs: 0.1)."""

_CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileAttribEvent,
    FileDeletedEvent,
    FileMovedEvent,
]
"""What counts as a change, as for MkDocs' polling; notifications also report a file opened or read,
which every build does to the files it watches: a rebuild would start another, forever."""


class _ChangesObserver(Observer):  # type: ignore[misc,valid-type]  # the platform's observer class
    def schedule(
        self,
        event_handler: FileSystemEventHandler,
        path: str | Path,
        *,
        recursive: bool = False,
        event_filter: list[type[FileSystemEvent]] | None = None,
        follow_symlink: bool = False,
    ) -> ObservedWatch:
        return super().schedule(  # type: ignore[no-any-return]
            event_handler,
            path,
            recursive=recursive,
            event_filter=event_filter or _CHANGES,
            follow_symlink=follow_symlink,
        )


_INSTALLED = tuple(Path(sysconfig.get_paths()[key]) for key in ("purelib", "platlib"))


class _ThemeListing(FileSystemLoader):
    """The theme's files as MkDocs lists them before each build to copy the static ones, with the
    installed theme's folders (Material's, about 15,000 files with its icons) walked once per
    `mkdocs serve` session: they do not change while it runs. Folders in the project
    (`overrides/`) are walked every time. Names under a dot-folder (Material's `.icons/`) are left
    out: MkDocs never copies them (its `.*` and `*/.*` patterns)."""

    _listed: ClassVar[dict[str, list[str]]] = {}

    def list_templates(self) -> list[str]:
        names: set[str] = set()
        for folder in self.searchpath:
            listed = self._listed.get(folder)
            if listed is None:
                listed = [n for n in FileSystemLoader(folder).list_templates() if not (n.startswith(".") or "/." in n)]
                if any(Path(folder).is_relative_to(p) for p in _INSTALLED):
                    self._listed[folder] = listed
            names.update(listed)
        return sorted(names)


def list_theme_once(config: MkDocsConfig, templates: BytecodeCache) -> None:
    """Under serve: the theme's Jinja environments list files with `_ThemeListing` (a rebuild of
    both languages spent a third of its time walking Material's folder) and keep compiled templates
    in `templates`, those the search plugin renders before the build's own environment included."""
    theme = config.theme
    make_env = theme.get_env

    def get_env() -> Environment:
        env = make_env()
        env.loader = _ThemeListing(theme.dirs)
        env.bytecode_cache = templates
        return env

    theme.get_env = get_env  # type: ignore[method-assign]


def watch_by_notification(server: LiveReloadServer) -> LiveReloadServer:
    """Notice a saved folder at once: the system's file notifications (inotify on Linux) instead of
    MkDocs' polling, which looks every half second and adds 0.25 s to a reload on average.

    Folders only (`docs/`, the theme, and `content/`, which MkDocs adds after this event): a
    notification watch on a single file such as `mkdocs.yml` is lost when an editor saves by
    replacing the file, so files stay with MkDocs' polling observer, which this plugin starts.
    Where notifications are not available, or run out, everything stays as MkDocs made it.
    """
    native = _ChangesObserver()
    if isinstance(native, PollingObserver):
        return server
    polling = server.observer
    folders = {path: n for path, n in server._watched_paths.items() if Path(path).is_dir()}
    for path, n in folders.items():
        for _ in range(n):
            server.unwatch(path)
    server.observer = native
    try:
        _watch(server, folders)
    except OSError as exc:  # no inotify watch left: back to polling, as MkDocs does
        log.info(f"file notifications unavailable ({exc}); watching by polling")
        native.unschedule_all()
        server.observer = polling
        server._watched_paths = {p: n for p, n in server._watched_paths.items() if p not in folders}
        _watch(server, folders)
        return server
    if any(not Path(path).is_dir() for path in server._watched_paths):
        polling.start()  # a daemon thread: it ends with the process (no on_shutdown, which nested builds call)
    # MkDocs waits this long after the last change before it builds, so that one save's several
    # events make one build. Notifications arrive within a millisecond of each other; polling
    # needed the 0.1 s MkDocs chose.
    server.build_delay = BUILD_DELAY
    return server


def _watch(server: LiveReloadServer, folders: dict[str, int]) -> None:
    """Watch each folder as many times as MkDocs had (`unwatch` counts them down)."""
    for path, n in folders.items():
        for _ in range(n):
            server.watch(path)


class _Quiet(logging.Filter):
    """MkDocs' notes on a dirty build, meant for `--dirty` by hand: a rebuild by
    `rebuild_changed_pages` rewrites every page whose inputs changed, so they would mislead."""

    NOTES = ("A 'dirty' build is being performed", "The directory contains stale files")

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(self.NOTES)


def rebuild_changed_pages(server: LiveReloadServer, builder: Callable[..., None]) -> LiveReloadServer:
    """After the first build, each rebuild writes only the pages whose inputs changed, in every
    edition: MkDocs' own builder rebuilds every page of the site after any edit.

    The plugin tells MkDocs which pages are what they were (`state.page_files`: a page's
    Markdown, head, navigation, and mkdocs.yml, the overrides and `docs/` for all of them) and
    keeps the search entries of the pages it skips, so the site served is the one a full build
    writes. The rebuild is MkDocs' own builder with `dirty=True`; its configuration comes from the
    same function. Under `--dirty` or `--clean`, or should MkDocs' builder change, it stays as it is.
    """
    logging.getLogger("mkdocs.commands.build").addFilter(_Quiet())
    found = inspect.getclosurevars(builder).nonlocals
    get_config, serve_url = found.get("get_config"), found.get("serve_url")
    if not callable(get_config) or not isinstance(serve_url, str) or found.get("is_dirty") or found.get("is_clean"):
        return server

    def rebuild() -> None:
        log.info("Building documentation...")
        config = get_config()
        config.site_url = serve_url
        build(config, serve_url=serve_url, dirty=True)

    server.builder = rebuild
    return server

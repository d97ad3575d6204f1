"""The theme's own words in an edition's language: "Made with" in the footer and the palette toggle's names.

They come from the language's file (`language/<code>.toml`, its `[theme]` table) like every other
interface word. Material names a palette toggle in `theme.palette[].toggle.name`: each entry's toggle
switches to the next entry (the last to the first), so its name says where it leads: to the dark
scheme (`slate`), to the light one, or to the reader's system preference (an entry whose media query
is `(prefers-color-scheme)`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from explainer.language.catalog import language

SYSTEM = "(prefers-color-scheme)"
"""The media query of Material's "automatic" palette entry."""


def made_with(lang: str) -> str:
    """The footer's words before the theme's name: `Made with`, `Réalisé avec`."""
    return language(lang).theme.made_with


def palette_in(palette: Sequence[Mapping[str, Any]], lang: str) -> list[dict[str, Any]]:
    """`theme.palette` with each toggle named in `lang` (entries without a toggle are kept as they are)."""
    names = language(lang).theme.switch_to
    named: list[dict[str, Any]] = []
    for i, entry in enumerate(palette):
        following = palette[(i + 1) % len(palette)]
        target = (
            "system" if following.get("media") == SYSTEM else "dark" if following.get("scheme") == "slate" else "light"
        )
        toggle = entry.get("toggle")
        named.append({**entry, "toggle": {**toggle, "name": names[target]}} if toggle is not None else dict(entry))
    return named

"""A Vega-Lite spec to inline SVG, at build time, with vl-convert (an embedded runtime: no browser,
no network, the same spec gives the same bytes).

The SVG is then made fit for the page:

- `role="img"`, named by a `<title>` and described by a `<desc>` (`aria-labelledby`,
  `aria-describedby`); Vega's own ARIA is off (`config.aria: false`) and the
  roles it still writes inside (`graphics-symbol`, ...) are removed: the
  picture is one image, its parts are told by the description and the table;
- the placeholder colours of `charts` become `currentColor` plus a class
  (`chart-ink`, `chart-grid`, `chart-series`, `chart-mark`), so the site's
  stylesheet colours the chart from the palette's custom properties: it
  follows the light/dark switch and prints in black;
- no `font-family`: text takes the page's own font stack (nothing is loaded);
- no `width`/`height`: the `viewBox` scales it to the column;
- no `style` attribute or element (the Content-Security-Policy allows none),
  no script, no link to anything.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Mapping
from typing import Any

from explainer.render.charts import GRID, INK, MARK, SERIES

ROLES: Mapping[str, str] = {INK: "chart-ink", GRID: "chart-grid", SERIES: "chart-series", MARK: "chart-mark"}
_TAG = re.compile(r"<([a-zA-Z]+)((?:\s+[a-zA-Z][a-zA-Z0-9:_-]*=\"[^\"]*\")*)\s*(/?)>")
_ATTR = re.compile(r'\s+([a-zA-Z][a-zA-Z0-9:_-]*)="([^"]*)"')
_DROP = {"font-family", "aria-roledescription", "pointer-events"}


@functools.lru_cache(maxsize=64)
def _svg(spec_json: str) -> str:
    import vl_convert

    return str(vl_convert.vegalite_to_svg(json.loads(spec_json)))


def vega_svg(spec: Mapping[str, Any]) -> str:
    """Vega's SVG for a spec, as vl-convert writes it (cached: a rebuild reuses unchanged charts)."""
    return _svg(json.dumps(spec, sort_keys=True, ensure_ascii=False))


def _fix_tag(m: re.Match[str]) -> str:
    name, attrs, close = m.group(1), m.group(2), m.group(3)
    pairs = [(k, v) for k, v in _ATTR.findall(attrs) if k not in _DROP and k != "role" and not k.startswith("aria-")]
    classes = [v for k, v in pairs if k == "class"]
    roles = [ROLES[v.lower()] for k, v in pairs if k in ("fill", "stroke") and v.lower() in ROLES]
    pairs = [(k, "currentColor" if k in ("fill", "stroke") and v.lower() in ROLES else v) for k, v in pairs]
    if roles:
        pairs = [(k, v) for k, v in pairs if k != "class"] + [("class", " ".join([*classes, roles[0]]))]
    return f"<{name}" + "".join(f' {k}="{v}"' for k, v in pairs) + (" /" if close else "") + ">"


def inline_svg(spec: Mapping[str, Any], element_id: str, name: str, description: str, variant: str = "") -> str:
    """The chart as one line of inline SVG with its accessible name and description; `variant`
    (`wide`, `narrow`) adds the class `chart__svg--<variant>` the stylesheet shows by screen width."""
    svg = vega_svg(spec)
    svg = _TAG.sub(_fix_tag, svg)
    svg = re.sub(r'\sid="([^"]+)"', lambda m: f' id="{element_id}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{element_id}-{m.group(1)})", svg)
    head = re.match(r"<svg[^>]*>", svg)
    assert head is not None
    viewbox = re.search(r'viewBox="([^"]+)"', head.group(0))
    assert viewbox is not None
    classes = f"chart__svg chart__svg--{variant}" if variant else "chart__svg"
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{classes}" viewBox="{viewbox.group(1)}" role="img" '
        f'aria-labelledby="{element_id}-title" aria-describedby="{element_id}-desc">'
        f'<title id="{element_id}-title">{html.escape(name)}</title>'
        f'<desc id="{element_id}-desc">{html.escape(description)}</desc>'
    )
    body = svg[head.end() :].replace("\n", " ")
    return opening + body

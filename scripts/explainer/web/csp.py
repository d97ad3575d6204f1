"""The Content-Security-Policy of a finished page: inline scripts by hash.

`overrides/partials/csp.html` writes the policy with the placeholder
`CSP_INLINE_SCRIPTS`; `fill` replaces it with the sha256 of every inline
script on that page (Material writes a few small ones, and their text
depends on the page's depth), so no `'unsafe-inline'` is ever needed and any
script a page did not get from the theme is blocked.
"""

from __future__ import annotations

import base64
import hashlib
import re

PLACEHOLDER = "CSP_INLINE_SCRIPTS"
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\s*')
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.I)


def inline_script_hashes(page: str) -> list[str]:
    """CSP sources (`'sha256-...'`) for each inline script a browser would run, in page order."""
    hashes: list[str] = []
    for m in _SCRIPT.finditer(page):
        attrs = m.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I) or _DATA_TYPE.search(attrs):
            continue  # external (allowed by 'self') or data (JSON, JSON-LD): never run
        digest = base64.b64encode(hashlib.sha256(m.group("body").encode("utf-8")).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def fill(page: str) -> str:
    """The page with the placeholder replaced by its inline scripts' hashes."""
    if PLACEHOLDER not in page:
        return page
    return page.replace(PLACEHOLDER, " ".join(inline_script_hashes(page)), 1)


def remove(page: str) -> str:
    """The page without its policy (for `mkdocs serve`, which injects its own script)."""
    return _META.sub("", page, count=1)

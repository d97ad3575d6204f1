"""The Content-Security-Policy of a finished page: the hash of each inline script it runs, nothing else.

The expected hashes were computed apart from the code under test:
`printf '%s' 'console.log(1)' | openssl dgst -sha256 -binary | base64`.
"""

from __future__ import annotations

from explainer.web import csp

LOG = "'sha256-CihokcEcBW4atb/CW/XWsvWwbTjqwQlE9nj9ii5ww5M='"  # console.log(1)
EMPTY = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"  # an empty inline script

HEAD = (
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self' CSP_INLINE_SCRIPTS\">"
)
PAGE = f"""<html><head>{HEAD}
<script>console.log(1)</script>
<script src="assets/bundle.js"></script>
<script id="__config" type="application/json">{{"base": "."}}</script>
<script type="application/ld+json">{{"@type": "Article"}}</script>
</head><body>
<SCRIPT type="text/javascript">console.log(1)</SCRIPT>
<script></script>
</body></html>"""


def test_each_inline_script_that_runs_is_hashed_once_in_page_order() -> None:
    # External scripts are allowed by 'self'; JSON and JSON-LD are data, never run.
    assert csp.inline_script_hashes(PAGE) == [LOG, EMPTY]


def test_fill_writes_the_hashes_into_the_policy() -> None:
    filled = csp.fill(PAGE)
    assert f"script-src 'self' {LOG} {EMPTY}\">" in filled
    assert csp.PLACEHOLDER not in filled
    assert filled.replace(f"{LOG} {EMPTY}", csp.PLACEHOLDER, 1) == PAGE


def test_a_page_without_the_placeholder_is_left_as_it_is() -> None:
    page = "<html><head></head><body><script>console.log(1)</script></body></html>"
    assert csp.fill(page) == page


def test_a_page_without_inline_scripts_allows_none() -> None:
    page = f"<html><head>{HEAD}</head><body></body></html>"
    assert "script-src 'self' \">" in csp.fill(page)


def test_remove_drops_the_policy_for_mkdocs_serve() -> None:
    assert csp.remove(PAGE).startswith("<html><head><script>console.log(1)</script>")
    assert "Content-Security-Policy" not in csp.remove(PAGE)

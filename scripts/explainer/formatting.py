"""Fact values as an English reader sees them: `over 500,000 servers`, `€1.2 billion`, `25 March 2026`.

The formatting itself is the locale layer's (`explainer.locale`, Babel/CLDR);
these names keep the English callers working. New code calls
`locale.format_value(fact, lang)`.
"""

from __future__ import annotations

from .locale import format_large, format_number, format_value

__all__ = ["format_large", "format_number", "format_value"]

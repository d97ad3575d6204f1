"""Facts past their `review_by` date: a warning by default, an error on request."""

from __future__ import annotations

import datetime as dt

from .diagnostics import Diagnostic, Severity
from .model import Content


def overdue(content: Content, today: dt.date, as_errors: bool = False) -> list[Diagnostic]:
    severity = Severity.ERROR if as_errors else Severity.WARNING
    out = []
    for fact in content.facts.values():
        if fact.review_by is not None and fact.review_by.latest() < today:
            o = fact.origin
            message = (
                f"fact '{fact.id}' was due for review on {fact.review_by.human()} "
                f"(as of {fact.as_of.human()}); check its sources and update 'as_of' and 'review_by'"
            )
            out.append(Diagnostic(o.path, o.line, o.col, message, severity))
    return out

"""What may go stale: facts past their `review_by` date (a warning by default, an error on request)
and sources with no archived copy, whose link can rot (a notice)."""

from __future__ import annotations

import datetime as dt

from explainer.diagnostics import Diagnostic, Severity
from explainer.model import Content


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


def unarchived(content: Content) -> list[Diagnostic]:
    """A notice per source with no `archived:` copy.

    A notice, not a warning: a warning fails the strict build, and an editor cannot always make a
    copy (paywalls, archives refusing a site); the fix must never be an invented address.
    """
    out = []
    for source in content.sources.values():
        if source.archived is None:
            o = source.origin
            message = (
                f"source '{source.id}' has no archived copy: if its link rots, readers lose it; save it "
                "(web.archive.org/save), open the copy, then add 'archived:' with its url and date"
            )
            out.append(Diagnostic(o.path, o.line, o.col, message, Severity.NOTICE))
    return out

"""The site descriptor: one value, defaults filled in once."""

from __future__ import annotations

import datetime as dt

from explainer.site import CC_BY_4, LOCAL_URL, SiteInfo


def test_defaults_are_the_local_address_the_site_as_publisher_and_one_date() -> None:
    site = SiteInfo.create("Example explainer", modified=dt.date(2026, 5, 1))
    assert site == SiteInfo(
        name="Example explainer",
        url=LOCAL_URL,
        publisher="Example explainer",
        published=dt.date(2026, 5, 1),
        modified=dt.date(2026, 5, 1),
        licence=CC_BY_4,
    )


def test_given_values_win_and_modified_is_never_before_published() -> None:
    site = SiteInfo.create(
        "Example explainer",
        url="https://example.org/explainer/",
        publisher="Example Newsroom",
        published=dt.date(2026, 6, 1),
        modified=dt.date(2026, 5, 1),
    )
    assert (site.url, site.publisher) == ("https://example.org/explainer/", "Example Newsroom")
    assert (site.published, site.modified) == (dt.date(2026, 6, 1), dt.date(2026, 6, 1))

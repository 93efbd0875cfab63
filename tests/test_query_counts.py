"""Every public page type issues the same number of SQL queries for 5 and for 50 records."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from signatories.models import Signatory
from tests.factories import make_entry, make_insight, make_programme

PAGES = [
    "/", "/toolkit/", "/toolkit/gender-equality/", "/toolkit/gender-equality/?page=2",
    "/toolkit/gender-equality/insight-0/", "/tags/care/", "/initiatives/",
    "/initiatives/metrotalks/", "/initiatives/metrotalks/?country=PE&year=2021",
    "/initiatives/metrotalks/entry-0/", "/signatories/", "/signatories/?group=kind",
    "/search/?q=care", "/join/", "/toolkit/feed.rss", "/initiatives/feed.atom",
    "/initiatives/calendar.ics", "/sitemap.xml", "/sitemap-insights.xml", "/data/",
    "/print/toolkit/", "/fr/toolkit/gender-equality/",
]  # fmt: skip


def add(theme, programme, start, count):
    for n in range(start, start + count):
        make_insight(
            theme=theme, slug=f"insight-{n}", title=f"Care {n}", tags=["care", f"t{n % 9}"]
        )
        make_entry(
            programme, slug=f"entry-{n}", title=f"Care practice {n}", themes=[theme],
            tags=["care"], country="PE", date=datetime.date(2021, 1 + n % 12, 1),
        )  # fmt: skip
        Signatory.objects.create(
            organisation=f"City {n}", kind="government", country=["PE", "FR"][n % 2],
            status="approved",
        )  # fmt: skip


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_content(client, theme, settings):
    # measure rendering, not the page cache
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "pagecache" not in m]
    programme = make_programme(slug="metrotalks")
    add(theme, programme, 0, 15)  # enough for a second page everywhere
    few = {url: queries(client, url) for url in PAGES}
    add(theme, programme, 15, 45)
    many = {url: queries(client, url) for url in PAGES}
    assert many == few
    assert max(few.values()) <= 9, few

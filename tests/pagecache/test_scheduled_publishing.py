"""Content dated in the future appears on its day everywhere, even with every page cached."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from tests.factories import make_entry, make_insight, make_programme

# Late evening, then just after midnight: well within the cache lifetime of a page.
TODAY = datetime.datetime(2026, 3, 2, 23, 0, tzinfo=datetime.UTC)
TOMORROW = datetime.date(2026, 3, 3)


def pages_listing_insights(insight) -> list[str]:
    theme = insight.theme.slug
    return [
        "/", "/fr/", f"/toolkit/{theme}/", "/toolkit/feed.rss", f"/toolkit/{theme}/feed.atom",
        "/sitemap-insights.xml", "/print/toolkit/", "/data/insights.csv", "/tags/planned/",
    ]  # fmt: skip


def pages_listing_entries(entry) -> list[str]:
    programme = entry.programme.slug
    return ["/", "/initiatives/", f"/initiatives/{programme}/", "/initiatives/feed.rss",
            "/sitemap-entries.xml", "/data/entries.json", "/initiatives/calendar.ics"]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["insight", "entry"])
def test_scheduled_content_appears_on_its_day_on_every_cached_page(client, theme, kind):
    with time_machine.travel(TODAY, tick=False):
        if kind == "insight":
            make_insight(theme=theme, tags=["planned"])  # the tag page exists before
            item = make_insight(
                theme=theme, slug="scheduled-insight", published_on=TOMORROW, tags=["planned"]
            )
            pages = pages_listing_insights(item)
        else:
            item = make_entry(
                programme=make_programme(), slug="scheduled-entry", published_on=TOMORROW,
                date=datetime.date(2021, 5, 1),
            )  # fmt: skip
            pages = pages_listing_entries(item)
        for url in pages:  # warm the cache: the item is not public yet
            response = client.get(url)
            assert response.status_code == 200, url
            assert item.slug not in response.content.decode(), url
            assert client.get(url)["X-Page-Cache"] == "hit", url
        assert client.get(item.get_absolute_url()).status_code == 404

    with time_machine.travel(TODAY + datetime.timedelta(minutes=90), tick=False):
        assert timezone.localdate() == TOMORROW
        for url in pages:
            assert item.slug in client.get(url).content.decode(), url
        assert client.get(item.get_absolute_url()).status_code == 200

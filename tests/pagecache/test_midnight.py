"""Midnight makes cold only what changes on that day: keys hold no date, and the content
stamp changes only on a day when scheduled content appears or an update turns overdue."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from commitments.models import Commitment
from commitments.models.commitments import grace_period
from pagecache.fragments import content_stamp
from signatories.models import Signatory
from tests.factories import make_insight

EVENING = datetime.datetime(2026, 3, 2, 23, 0, tzinfo=datetime.UTC)
AFTER_MIDNIGHT = EVENING + datetime.timedelta(minutes=90)
TOMORROW = datetime.date(2026, 3, 3)
THEME_PAGE = "/toolkit/gender-equality/"


@pytest.mark.django_db
def test_at_a_midnight_with_nothing_scheduled_fragments_and_pages_stay_warm(
    client, theme, settings, count_queries
):
    with time_machine.travel(EVENING, tick=False):
        make_insight(theme=theme, title="Shown since last week")
        settings.PAGE_CACHE = False
        count_queries(client, THEME_PAGE)
        warm = count_queries(client, THEME_PAGE)
        count_queries(client, "/toolkit/feed.rss")
        settings.PAGE_CACHE = True
        client.get("/toolkit/")
        stamp = content_stamp()
    with time_machine.travel(AFTER_MIDNIGHT, tick=False):
        assert content_stamp() == stamp
        assert client.get("/toolkit/")["X-Page-Cache"] == "hit"
        settings.PAGE_CACHE = False
        assert count_queries(client, THEME_PAGE) == warm
        assert count_queries(client, "/toolkit/feed.rss") == 0


@pytest.mark.django_db
def test_an_insight_scheduled_for_tomorrow_shows_tomorrow_without_an_edit(client, theme, settings):
    settings.PAGE_CACHE = False  # the fragments alone (the page cache: test_scheduled_…)
    with time_machine.travel(EVENING, tick=False):
        make_insight(theme=theme, title="Already out")
        make_insight(theme=theme, title="Out tomorrow", published_on=TOMORROW)
        for url in (THEME_PAGE, "/toolkit/feed.rss", "/sitemap-insights.xml"):
            client.get(url)
            assert "Out tomorrow" not in client.get(THEME_PAGE).content.decode()
        stamp = content_stamp()
    with time_machine.travel(AFTER_MIDNIGHT, tick=False):
        assert timezone.localdate() == TOMORROW
        assert "Out tomorrow" in client.get(THEME_PAGE).content.decode()
        assert "Out tomorrow" in client.get("/toolkit/feed.rss").content.decode()
        assert content_stamp() == content_stamp() != stamp


@pytest.mark.django_db
def test_an_update_turning_overdue_shows_on_its_day_without_an_edit(client, theme, settings):
    settings.PAGE_CACHE = False
    with time_machine.travel(EVENING, tick=False):
        signatory = Signatory.objects.create(
            organisation="Lima", slug="lima", kind="government", country="PE", status="approved"
        )
        Commitment.objects.create(signatory=signatory, theme=theme, statement="Care")
        # overdue from the day after its due date plus the grace period: tomorrow
        Commitment.objects.update(due_on=timezone.localdate() - grace_period())
        assert "Update overdue" not in client.get("/signatories/lima/").content.decode()
    with time_machine.travel(AFTER_MIDNIGHT, tick=False):
        assert "Update overdue" in client.get("/signatories/lima/").content.decode()


@pytest.mark.django_db
def test_a_process_whose_clock_is_behind_never_stores_under_the_new_days_key(
    client, theme, settings
):
    settings.PAGE_CACHE = False
    with time_machine.travel(EVENING, tick=False):
        make_insight(theme=theme, title="Out tomorrow", published_on=TOMORROW)
    with time_machine.travel(AFTER_MIDNIGHT, tick=False):
        assert "Out tomorrow" in client.get(THEME_PAGE).content.decode()
    with time_machine.travel(EVENING + datetime.timedelta(minutes=59), tick=False):
        assert "Out tomorrow" not in client.get(THEME_PAGE).content.decode()
    with time_machine.travel(AFTER_MIDNIGHT, tick=False):
        assert "Out tomorrow" in client.get(THEME_PAGE).content.decode()

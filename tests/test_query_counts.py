"""Every public page type issues the same number of SQL queries for 5 and for 50 records."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import timezone

from commitments.models import Commitment, Milestone
from pagecache.fragments import content_stamp
from places.models import Place
from signatories.models import Signatory
from tests.factories import make_entry, make_insight, make_programme, make_theme

PAGES = [
    "/", "/toolkit/", "/toolkit/gender-equality/", "/toolkit/gender-equality/?page=2",
    "/toolkit/gender-equality/insight-0/", "/tags/care/", "/initiatives/",
    "/initiatives/metrotalks/", "/initiatives/metrotalks/?country=PE&year=2021",
    "/initiatives/metrotalks/?theme=gender-equality&year=2021", "/initiatives/metrotalks/entry-0/",
    "/signatories/", "/signatories/?group=kind", "/signatories/progress/",
    "/search/?q=care", "/join/", "/toolkit/feed.rss", "/initiatives/feed.atom",
    "/initiatives/calendar.ics", "/sitemap.xml", "/sitemap-insights.xml", "/data/",
    "/print/toolkit/", "/fr/toolkit/gender-equality/", "/places/", "/places/pe/",
    "/places/pe/lima/", "/places/pe/lima/?page=2&entries_page=2", "/places/pe/lima/feed.atom",
    "/fr/places/pe/lima/",
]  # fmt: skip


def add(theme, programme, start, count):
    for n in range(start, start + count):
        make_insight(
            theme=theme, slug=f"insight-{n}", title=f"Care {n}", tags=["care", f"t{n % 9}"]
        )
        make_entry(
            programme, slug=f"entry-{n}", title=f"Care practice {n}", themes=[theme],
            tags=["care"], country="PE", city="Lima", date=datetime.date(2021, 1 + n % 12, 1),
        )  # fmt: skip
        signatory = Signatory.objects.create(
            organisation=f"City {n}", slug=f"city-{n}", kind="government",
            country=["PE", "FR"][n % 2], city="Lima", status="approved",
        )  # fmt: skip
        commitment = Commitment.objects.create(
            signatory=signatory, theme=theme, statement=f"Care {n}",
            status=["planned", "under_way", "achieved"][n % 3],
            progress=(n * 7) % 100 if n % 3 == 1 else None,
        )  # fmt: skip
        Milestone.objects.create(
            commitment=commitment, happened_on=datetime.date(2026, 1 + n % 12, 1), text="Done."
        )


@pytest.fixture
def lima(db):
    """The place of half the signatories (those in Peru) and of every entry."""
    return Place.objects.create(country="PE", slug="lima", name="Lima")


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_content(client, theme, lima, settings, count_queries):
    # measure rendering, not the page cache
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "pagecache" not in m]
    programme = make_programme(slug="metrotalks")
    add(theme, programme, 0, 15)  # enough for a second page everywhere
    cache.clear()  # tag names are kept until a name changes: read them both times
    few = {url: count_queries(client, url) for url in PAGES}
    add(theme, programme, 15, 45)
    cache.clear()
    many = {url: count_queries(client, url) for url in PAGES}
    assert many == few
    assert max(few.values()) <= 10, few  # search, which covers six kinds


@pytest.fixture
def cold_and_warm(count_queries):
    """Queries with every cache empty, then again with the fragments just rendered.

    Not counted: the day of the next scheduled change, which the first request after an
    edit asks once for the whole site (pagecache/schedule.py; pinned below)."""

    def counts(client, url):
        cache.clear()
        content_stamp()
        return count_queries(client, url), count_queries(client, url)

    return counts


# (every cache empty, fragments kept) with the page cache off: what staff, unique searches,
# crawlers and everyone after an edit meet. A change here is a change of a page's cost.
PINNED = {
    "/": (7, 0),
    "/toolkit/": (2, 0),
    # the signatories' commitments in the area: their figures, then the latest updates;
    # kept, the area alone (its page of insights is counted only when its fragment renders)
    "/toolkit/gender-equality/": (9, 1),
    "/toolkit/gender-equality/?page=2": (9, 1),
    "/toolkit/gender-equality/insight-0/": (6, 1),
    "/tags/care/": (6, 3),
    "/initiatives/": (2, 0),
    # kept, the programme alone: its countries and page of entries only when its fragment
    # renders (and the area a filter names)
    "/initiatives/metrotalks/": (6, 1),
    "/initiatives/metrotalks/?country=PE&year=2021": (6, 1),
    "/initiatives/metrotalks/?theme=gender-equality&year=2021": (7, 2),
    "/initiatives/metrotalks/entry-0/": (6, 1),  # and its place (places/sections.py)
    "/signatories/": (6, 2),
    "/signatories/?group=kind": (6, 2),
    "/signatories/city-profile/": (3, 1),  # kept: the signatory alone (its place, commitments)
    "/signatories/map/": (2, 0),
    "/signatories/progress/": (4, 0),
    # SQLite: each kind that can be many its full-text queries and the check of which are
    # shown, one query for the other kinds; PostgreSQL: one statement for all (search/many.py);
    # then the results' objects (the tag "care" shown as best match)
    "/search/?q=care": {"sqlite": (10, 10), "postgresql": (4, 4)}[connection.vendor],
    "/join/": (1, 0),
    # feeds and sitemaps kept like fragments (pagecache/kept.py): nothing to read again
    "/toolkit/feed.rss": (2, 0),
    "/initiatives/feed.atom": (1, 0),
    "/initiatives/calendar.ics": (1, 0),
    "/sitemap.xml": (10, 0),  # one query for each section (places and countries: 2)
    "/sitemap-insights.xml": (2, 0),
    "/data/": (0, 0),
    "/print/toolkit/": (3, 3),
    # one more than in English with every cache empty: the tags' French names (tags/names.py)
    "/fr/toolkit/gender-equality/": (10, 1),
    # places: the place (or the country's test), then each part one query (places/pages.py)
    "/places/": (2, 0),
    "/places/pe/": (5, 1),
    # one more query (the place's entries) narrows what its key insights depend on
    "/places/pe/lima/": (9, 1),
    "/places/pe/lima/?page=2&entries_page=2": (9, 1),
    "/places/pe/lima/feed.atom": (3, 0),
    "/fr/places/pe/lima/": (9, 1),
}


@pytest.mark.django_db
def test_query_counts_are_pinned_per_page_type(client, theme, lima, settings, cold_and_warm):
    settings.PAGE_CACHE = False
    add(theme, make_programme(slug="metrotalks"), 0, 15)
    Signatory.objects.create(
        organisation="City profile", slug="city-profile", kind="government", country="PE",
        status="approved", latitude=-12.05, longitude=-77.04,
    )  # fmt: skip
    measured = {url: cold_and_warm(client, url) for url in PINNED}
    assert measured == PINNED


@pytest.mark.django_db
def test_a_page_from_the_page_cache_costs_no_query(client, theme, lima, django_assert_num_queries):
    add(theme, make_programme(slug="metrotalks"), 0, 15)
    for url in PAGES:
        cache.clear()
        client.get(url)
        with django_assert_num_queries(0):
            assert client.get(url)["X-Page-Cache"] == "hit", url


@pytest.mark.django_db
def test_signed_in_staff_get_fragments_too(
    client, theme, settings, django_user_model, count_queries, cold_and_warm
):
    add(theme, make_programme(slug="metrotalks"), 0, 15)
    client.force_login(django_user_model.objects.create_user("staff", is_staff=True))
    for url in ["/", "/toolkit/gender-equality/"]:
        anonymous = Client()
        settings.PAGE_CACHE = False
        expected = cold_and_warm(anonymous, url)[1]
        settings.PAGE_CACHE = True
        # no page cache for them, but the same fragments, and nothing reads their session
        assert count_queries(client, url) == expected, url


def add_committed(themes, start, count):
    """Approved signatories with commitments and updates; every third one inactive (its
    commitments overdue for years), every other one with an update overdue."""
    for n in range(start, start + count):
        signatory = Signatory.objects.create(
            organisation=f"Committed {n}", kind="government", country=["PE", "FR"][n % 2],
            status="approved", latitude=-12.05, longitude=-77.04 + n,
        )  # fmt: skip
        for theme in themes[: 1 + n % len(themes)]:
            commitment = Commitment.objects.create(
                signatory=signatory, theme=theme, statement=f"Commitment {n}"
            )
            Milestone.objects.create(commitment=commitment, happened_on="2026-01-02", text="Done")
        today = timezone.localdate()
        if n % 3 == 0:
            signatory.commitments.update(due_on=today - datetime.timedelta(days=2000))
        elif n % 2:
            Commitment.objects.filter(pk=commitment.pk).update(
                due_on=today - datetime.timedelta(days=200)
            )


SIGNATORY_PAGES = ["/signatories/", "/signatories/?group=kind", "/signatories/map/", "/",
                   "/signatories/committed-0/"]  # fmt: skip


@pytest.mark.django_db
def test_signatory_pages_cost_the_same_with_many_commitments(client, settings, cold_and_warm):
    """Some signatories inactive, some updates overdue: the same queries for 6 signatories
    as for 46, and for a profile with 1 commitment as with 8; the list and map as pinned."""
    settings.PAGE_CACHE = False
    themes = [make_theme(slug=f"area-{n}") for n in range(8)]
    add_committed(themes, 0, 6)
    Signatory.objects.filter(organisation="Committed 0").update(slug="committed-0")
    few = {url: cold_and_warm(client, url) for url in SIGNATORY_PAGES}
    add_committed(themes, 6, 40)
    first = Commitment.objects.get(signatory__slug="committed-0")
    for theme in themes[1:]:  # the profile measured again with a commitment in every area
        more = Commitment.objects.create(signatory=first.signatory, theme=theme, statement="More")
        Milestone.objects.create(commitment=more, happened_on="2026-01-03", text="Done too")
    many = {url: cold_and_warm(client, url) for url in SIGNATORY_PAGES}
    assert many == few
    assert "Inactive signatories" in client.get("/signatories/").content.decode()
    for url in ("/signatories/", "/signatories/?group=kind", "/signatories/map/"):
        assert few[url] == PINNED[url], url


@pytest.mark.django_db
def test_the_next_scheduled_change_is_asked_once_per_content_version_and_day(
    client, theme, settings, django_assert_num_queries
):
    """Insights, entries, then commitments (overdue and inactive in one query)."""
    settings.PAGE_CACHE = False
    add(theme, make_programme(slug="metrotalks"), 0, 3)
    cache.clear()
    with django_assert_num_queries(3):
        content_stamp()
    with django_assert_num_queries(0):
        content_stamp()

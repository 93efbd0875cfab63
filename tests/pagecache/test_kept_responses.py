"""Feeds and sitemaps kept like fragments: with the page cache off, a repeat costs no query,
and an edit or a withdrawal shows at once."""

import pytest

from commitments.models import Commitment, Milestone
from signatories.models import Signatory
from tests.factories import make_insight, make_programme

FEEDS_AND_SITEMAPS = [
    "/toolkit/feed.rss", "/toolkit/feed.atom", "/toolkit/gender-equality/feed.rss",
    "/toolkit/gender-equality/feed.atom", "/fr/toolkit/feed.rss", "/tags/care/feed.rss",
    "/tags/care/feed.atom", "/initiatives/feed.rss", "/initiatives/feed.atom",
    "/initiatives/calendar.ics", "/initiatives/metrotalks/feed.rss",
    "/initiatives/metrotalks/feed.atom", "/signatories/updates/feed.atom",
    "/signatories/updates/gender-equality/feed.atom", "/sitemap.xml", "/sitemap-pages.xml",
    "/sitemap-insights.xml", "/sitemap-insights.xml?p=1", "/sitemap-signatories.xml",
    "/sitemap-places.xml", "/sitemap-countries.xml",
]  # fmt: skip


@pytest.fixture
def published(theme):
    make_programme(slug="metrotalks")
    insight = make_insight(theme=theme, title="Care at first", tags=["care"])
    signatory = Signatory.objects.create(
        organisation="Lima", slug="lima", kind="government", country="PE", status="approved"
    )
    commitment = Commitment.objects.create(signatory=signatory, theme=theme, statement="Care")
    Milestone.objects.create(commitment=commitment, happened_on="2026-01-02", text="Begun.")
    return insight


@pytest.mark.django_db
@pytest.mark.parametrize("url", FEEDS_AND_SITEMAPS)
def test_a_feed_or_sitemap_is_rendered_once_per_content_version(
    client, settings, published, url, django_assert_num_queries
):
    settings.PAGE_CACHE = False
    first = client.get(url)
    assert first.status_code == 200, url
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]


@pytest.mark.django_db
def test_each_language_and_host_has_its_own_feed(client, settings, published):
    settings.PAGE_CACHE = False
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    english = client.get("/toolkit/feed.rss").content.decode()
    assert "Metropolitan toolkit: new key insights" in english
    assert "<language>fr</language>" in client.get("/fr/toolkit/feed.rss").content.decode()
    other = client.get("/toolkit/feed.rss", HTTP_HOST="other.example").content.decode()
    assert "http://other.example/" in other and "http://testserver/" not in other


@pytest.mark.django_db
def test_an_edit_shows_in_the_feed_and_sitemap_at_once(client, settings, published):
    settings.PAGE_CACHE = False
    assert "Care at first" in client.get("/toolkit/feed.atom").content.decode()
    published.title = "Care, revised"
    published.save()
    assert "Care, revised" in client.get("/toolkit/feed.atom").content.decode()
    published.status = published.Status.DRAFT
    published.save()
    assert "Care, revised" not in client.get("/toolkit/feed.atom").content.decode()
    assert published.slug not in client.get("/sitemap-insights.xml").content.decode()


@pytest.mark.django_db
def test_a_withdrawn_signatory_leaves_the_updates_feed_at_once(client, settings, published):
    settings.PAGE_CACHE = False
    assert "Begun." in client.get("/signatories/updates/feed.atom").content.decode()
    assert "/signatories/lima/" in client.get("/sitemap-signatories.xml").content.decode()
    signatory = Signatory.objects.get(slug="lima")
    signatory.status = Signatory.Status.WITHDRAWN
    signatory.save()
    assert "Begun." not in client.get("/signatories/updates/feed.atom").content.decode()
    assert "/signatories/lima/" not in client.get("/sitemap-signatories.xml").content.decode()


@pytest.mark.django_db
def test_a_made_up_query_shares_the_kept_feed_and_a_bad_page_is_not_kept(
    client, settings, published, django_assert_num_queries
):
    settings.PAGE_CACHE = False
    client.get("/toolkit/feed.rss")
    with django_assert_num_queries(0):
        assert client.get("/toolkit/feed.rss?utm_source=x").status_code == 200
    assert client.get("/sitemap-insights.xml?p=9").status_code == 404
    assert client.get("/sitemap-insights.xml?p=9").status_code == 404
    assert client.get("/toolkit/no-such-area/feed.rss").status_code == 404

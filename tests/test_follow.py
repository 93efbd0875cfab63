"""Feeds, sitemap, robots.txt and sharing metadata."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar

from initiatives.models import Entry
from tests.factories import make_entry, make_insight, make_programme
from toolkit.models import Insight

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def published_and_drafts(theme):
    programme = make_programme(title="MetroTalks", slug="metrotalks")
    make_insight(theme=theme, title="Public insight", slug="public-insight", tags=["care"])
    make_insight(theme=theme, title="Draft insight", slug="draft-insight", tags=["care"],
                 status=Insight.Status.DRAFT)  # fmt: skip
    make_entry(programme, title="Public talk", slug="public-talk", date=datetime.date(2021, 5, 12))
    make_entry(programme, title="Draft talk", slug="draft-talk", date=datetime.date(2021, 5, 13),
               status=Entry.Status.DRAFT)  # fmt: skip
    return programme


def rss_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    return [item.findtext("title") for item in root.iter("item")]


def atom_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/toolkit/feed", ["Public insight"]),
        ("/toolkit/gender-equality/feed", ["Public insight"]),
        ("/tags/care/feed", ["Public insight"]),
        ("/initiatives/feed", ["Public talk"]),
        ("/initiatives/metrotalks/feed", ["Public talk"]),
    ],
)
def test_feeds_parse_as_xml_and_list_only_published_content(
    client, published_and_drafts, url, expected
):
    assert rss_titles(client, f"{url}.rss") == expected
    assert atom_titles(client, f"{url}.atom") == expected


@pytest.mark.django_db
def test_feed_items_link_to_their_pages_and_carry_their_tags(client, published_and_drafts):
    root = ET.fromstring(client.get("/toolkit/feed.rss").content)
    (item,) = root.iter("item")
    assert item.findtext("link") == "http://testserver/toolkit/gender-equality/public-insight/"
    assert "care" in [c.text for c in item.iter("category")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/toolkit/nope/feed.rss", "/tags/nope/feed.atom", "/initiatives/nope/feed.rss"]
)
def test_feeds_of_unknown_things_are_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_tag_feed_of_a_tag_used_only_by_drafts_is_404(client, theme):
    make_insight(theme=theme, tags=["secret"], status=Insight.Status.DRAFT)
    assert client.get("/tags/secret/feed.rss").status_code == 404


@pytest.mark.django_db
def test_calendar_lists_dated_published_entries(client, published_and_drafts):
    make_entry(published_and_drafts, title="Undated talk", date=None)
    response = client.get("/initiatives/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Public talk"]
    assert events[0].decoded("DTSTART") == datetime.date(2021, 5, 12)
    assert str(events[0]["URL"]) == "http://testserver/initiatives/metrotalks/public-talk/"


@pytest.mark.django_db
def test_pages_advertise_their_feeds(client, published_and_drafts):
    home = client.get("/").content.decode()
    theme_page = client.get("/toolkit/gender-equality/").content.decode()
    programme_page = client.get("/initiatives/metrotalks/").content.decode()
    assert 'rel="alternate" type="application/rss+xml"' in home
    assert 'href="/toolkit/feed.rss"' in home and 'href="/initiatives/calendar.ics"' in home
    assert 'href="/toolkit/gender-equality/feed.atom"' in theme_page
    assert 'href="/initiatives/metrotalks/feed.rss"' in programme_page


def sitemap_locations(client):
    """Every <loc> of every sitemap listed in the sitemap index."""
    index = ET.fromstring(client.get("/sitemap.xml").content)
    assert index.tag == f"{SITEMAP}sitemapindex"
    locations = set()
    for sitemap in index.iter(f"{SITEMAP}loc"):
        root = ET.fromstring(client.get(sitemap.text.replace("http://testserver", "")).content)
        locations |= {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    return locations


@pytest.mark.django_db
def test_sitemap_lists_every_public_page_and_no_draft(client, published_and_drafts):
    locations = sitemap_locations(client)
    base = "http://testserver"
    for path in [
        "/", "/toolkit/", "/toolkit/gender-equality/", "/toolkit/gender-equality/public-insight/",
        "/tags/care/", "/initiatives/", "/initiatives/metrotalks/",
        "/initiatives/metrotalks/public-talk/", "/signatories/", "/join/", "/data/",
        "/print/toolkit/",
    ]:  # fmt: skip
        assert base + path in locations, path
    assert not any("draft" in location for location in locations)


@pytest.mark.django_db
def test_robots_txt_points_at_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "admin" not in body  # the admin's path is not advertised


@pytest.mark.django_db
def test_pages_have_canonical_url_description_and_open_graph_tags(client, published_and_drafts):
    insight = Insight.objects.get(slug="public-insight")
    body = client.get(insight.get_absolute_url()).content.decode()
    url = "http://testserver/toolkit/gender-equality/public-insight/"
    assert f'<link rel="canonical" href="{url}">' in body
    assert '<meta name="description" content="A short summary.">' in body
    assert '<meta property="og:title" content="Public insight">' in body
    assert f'<meta property="og:url" content="{url}">' in body
    assert '<meta property="og:description" content="A short summary.">' in body


@pytest.mark.django_db
def test_titles_with_ampersands_are_escaped_once_in_metadata(client, theme):
    insight = make_insight(theme=theme, title="Parks & squares")
    body = client.get(insight.get_absolute_url()).content.decode()
    assert "<title>Parks &amp; squares · Metropolis</title>" in body
    assert '<meta property="og:title" content="Parks &amp; squares">' in body


@pytest.mark.django_db
def test_sitemap_pages_split_every_page_in_every_language_exactly_once(client, theme, monkeypatch):
    monkeypatch.setattr("publishing.sitemaps.PortalSitemap.limit", 4)  # pages end mid-item
    insights = [make_insight(theme=theme, title=f"Insight {n}") for n in range(5)]

    index = ET.fromstring(client.get("/sitemap.xml").content)
    pages = [loc.text for loc in index.iter(f"{SITEMAP}loc") if "insights" in loc.text]
    locations = []
    for page in pages:
        root = ET.fromstring(client.get(page.replace("http://testserver", "")).content)
        locations += [loc.text for loc in root.iter(f"{SITEMAP}loc")]

    assert len(pages) == 4  # 5 insights × 3 languages, 4 to a page
    expected = [
        f"http://testserver{prefix}{insight.get_absolute_url()}"
        for insight in insights
        for prefix in ["", "/fr", "/es"]
    ]
    assert sorted(locations) == sorted(expected)

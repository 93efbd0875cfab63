"""An edit makes stale what shows what it changed, and nothing else (pagecache/shown.py):
pages and fragments keep the tables they read, narrowed by their views to the groups they
show (an area's insights), and the clock read before their view."""

import pytest
from django.core.cache import cache

from pagecache import shown
from pagecache.fragments import content_stamp
from pagecache.shown import PREFIX
from publishing.admin.statuses import set_status
from tests.factories import make_insight, make_theme
from toolkit.models import Insight


def text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def two_areas(theme):
    other = make_theme(title="Public space", slug="public-space", position=5)
    make_insight(theme=theme, title="Care first", slug="care-first", tags=["care"])
    make_insight(theme=other, title="Shade for streets", slug="shade", tags=["heat"])
    return theme, other


UNRELATED = ["/public-space/", "/public-space/shade/"]


@pytest.mark.django_db
def test_an_edit_of_one_insight_leaves_fragments_of_unrelated_areas_warm(
    client, two_areas, settings, count_queries
):
    settings.PAGE_CACHE = False  # fragments only: what staff and crawlers meet
    urls = [f"/toolkit{path}" for path in UNRELATED]
    cold = {url: count_queries(client, url) for url in urls}
    warm = {url: count_queries(client, url) for url in urls}
    assert all(warm[url] < cold[url] for url in urls)  # their fragments are kept

    insight = Insight.objects.get(slug="care-first")
    insight.title_en = "Care comes first"
    insight.save()

    content_stamp()  # the schedule is asked once after each edit, for the whole site
    assert {url: count_queries(client, url) for url in urls} == warm
    assert "Care comes first" in text(client, "/toolkit/gender-equality/")
    assert "Care comes first" in text(client, "/toolkit/gender-equality/care-first/")


SHOWING_IT = [
    "/", "/toolkit/gender-equality/", "/toolkit/gender-equality/care-first/",
    "/tags/care/", "/search/?q=care", "/toolkit/feed.atom", "/toolkit/gender-equality/feed.atom",
    "/fr/toolkit/gender-equality/",
]  # fmt: skip


@pytest.mark.django_db
def test_an_edit_of_one_insight_makes_every_page_that_shows_it_fresh(client, two_areas):
    for url in SHOWING_IT + [f"/toolkit{path}" for path in UNRELATED]:
        assert client.get(url).status_code == 200
    insight = Insight.objects.get(slug="care-first")
    insight.title_en = "Care comes first"
    insight.save()

    for url in SHOWING_IT:
        assert "Care comes first" in text(client, url), url
    for path in UNRELATED:  # whole pages of the other area are still kept
        assert client.get(f"/toolkit{path}")["X-Page-Cache"] == "hit", path


@pytest.mark.django_db
def test_an_insight_moved_to_another_area_leaves_the_old_area_and_reaches_the_new(
    client, two_areas
):
    _theme, other = two_areas
    assert "Care first" in text(client, "/toolkit/gender-equality/")
    assert "Care first" not in text(client, "/toolkit/public-space/")
    insight = Insight.objects.get(slug="care-first")
    insight.theme = other
    insight.save()
    assert "Care first" not in text(client, "/toolkit/gender-equality/")
    assert "Care first" in text(client, "/toolkit/public-space/")
    assert client.get("/toolkit/gender-equality/care-first/").status_code == 404
    assert "Care first" in text(client, "/toolkit/public-space/care-first/")


@pytest.mark.django_db
def test_unpublishing_many_at_once_makes_every_area_fresh(client, two_areas):
    for url in ("/toolkit/gender-equality/", "/toolkit/public-space/"):
        assert "Key insights" in text(client, url)
    set_status(Insight.objects.all(), "draft")
    assert "Care first" not in text(client, "/toolkit/gender-equality/")
    assert "Shade for streets" not in text(client, "/toolkit/public-space/")


@pytest.mark.django_db
def test_an_edit_landing_while_a_page_renders_is_not_kept_as_current(
    client, two_areas, monkeypatch
):
    from django.shortcuts import render

    from pagecache.shown import touch

    def render_then_edit(*args, **kwargs):
        response = render(*args, **kwargs)
        # the edit is committed after the page read the old rows, before they are kept
        Insight.objects.filter(slug="care-first").update(title_en="Edited meanwhile")
        touch(["toolkit_insight", f"toolkit_insight@theme:{two_areas[0].pk}"])
        return response

    monkeypatch.setattr("toolkit.views.render", render_then_edit)
    assert "Care first" in text(client, "/toolkit/gender-equality/")
    monkeypatch.undo()
    assert "Edited meanwhile" in text(client, "/toolkit/gender-equality/")


@pytest.mark.django_db
def test_a_page_whose_tags_the_cache_lost_is_rendered_again(client, two_areas):
    assert text(client, "/toolkit/gender-equality/")
    assert client.get("/toolkit/gender-equality/")["X-Page-Cache"] == "hit"
    assert cache.get(PREFIX + "toolkit_theme") is not None  # the page read areas
    cache.delete(PREFIX + "toolkit_theme")
    shown.tag_versions([], None)  # as a process that has not read them yet
    assert client.get("/toolkit/gender-equality/")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_a_renamed_tag_shows_in_every_language_though_names_are_kept(client, two_areas):
    from taggit.models import Tag

    from tags.models import TagNames

    assert "care" in text(client, "/fr/toolkit/gender-equality/")
    names = TagNames.objects.get(tag__slug="care")
    names.name_fr = "soins"
    names.save()
    assert "soins" in text(client, "/fr/toolkit/gender-equality/")
    assert "soins" in text(client, "/fr/toolkit/gender-equality/care-first/")
    tag = Tag.objects.get(slug="care")
    tag.name = "caring"
    tag.save()
    assert "caring" in text(client, "/toolkit/gender-equality/care-first/")


@pytest.mark.django_db
def test_pages_reading_other_groups_of_insights_stay_kept(client, two_areas):
    """Another tag's page, an entry that does not feed it, the area counts (a title is
    not counted); each goes fresh when an insight of its own changes."""
    from tests.factories import make_entry, make_programme

    programme = make_programme(slug="metrotalks")
    feeding = make_entry(programme, slug="feeding", title="Feeding practice")
    other = make_entry(programme, slug="other", title="Other practice")
    care = Insight.objects.get(slug="care-first")
    feeding.insights.add(care)
    other.insights.add(Insight.objects.get(slug="shade"))
    kept = ["/tags/heat/", "/initiatives/metrotalks/other/", "/toolkit/"]
    fresh = ["/tags/care/", "/initiatives/metrotalks/feeding/"]
    for url in kept + fresh:
        text(client, url)
    care.title_en = "Care comes first"
    care.save()
    for url in kept:
        assert client.get(url)["X-Page-Cache"] == "hit", url
    for url in fresh:
        assert "Care comes first" in text(client, url), url
    care.status = "draft"
    care.save()
    assert "Care comes first" not in text(client, "/initiatives/metrotalks/feeding/")
    assert client.get("/toolkit/")["X-Page-Cache"] == "miss"  # one insight fewer counted


@pytest.mark.django_db
def test_a_process_that_read_the_tags_sees_an_edit_made_by_another(client, two_areas):
    """Tags read are remembered while the clock stands still; any edit moves it."""
    assert "Care first" in text(client, "/toolkit/gender-equality/")
    assert client.get("/toolkit/gender-equality/")["X-Page-Cache"] == "hit"
    # another process edits: the rows change and the tags are stamped, not through this
    # process's signals
    Insight.objects.filter(slug="care-first").update(title_en="Edited elsewhere")
    shown.touch([f"toolkit_insight@theme:{two_areas[0].pk}"])
    assert "Edited elsewhere" in text(client, "/toolkit/gender-equality/")


@pytest.mark.django_db
def test_an_edit_of_one_entry_leaves_other_programmes_and_areas_warm(client, two_areas):
    from initiatives.models import Entry
    from tests.factories import make_entry, make_programme

    care_area, shade_area = two_areas
    talks, cities = make_programme(slug="metrotalks"), make_programme(slug="cities")
    edited = make_entry(talks, slug="edited", title="Care talk", themes=[care_area])
    edited.insights.add(Insight.objects.get(slug="care-first"))
    make_entry(cities, slug="kept", title="Shade policy", themes=[shade_area])
    showing = [
        "/initiatives/metrotalks/", "/initiatives/metrotalks/edited/",
        "/toolkit/gender-equality/", "/toolkit/gender-equality/care-first/", "/",
    ]  # fmt: skip
    kept = ["/initiatives/cities/", "/toolkit/public-space/", "/toolkit/public-space/shade/"]
    for url in showing + kept:
        text(client, url)
    edited = Entry.objects.get(slug="edited")
    edited.title_en = "Care talk, edited"
    edited.save()
    for url in kept:
        assert client.get(url)["X-Page-Cache"] == "hit", url
    for url in showing:
        assert "Care talk, edited" in text(client, url), url
    edited.themes.set([shade_area])  # a change of areas alone reaches both areas
    assert "Care talk, edited" not in text(client, "/toolkit/gender-equality/")
    assert "Care talk, edited" in text(client, "/toolkit/public-space/")

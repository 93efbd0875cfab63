import datetime

import pytest

from initiatives.models import Entry
from tests.factories import make_entry, make_insight, make_programme, make_theme


@pytest.fixture
def metrotalks(db):
    return make_programme(title="MetroTalks", slug="metrotalks", tagline="Talks with experts.")


def titles_on(client, url):
    response = client.get(url)
    body = response.content.decode()
    return response.status_code, {e.title for e in Entry.objects.all() if e.title in body}


@pytest.mark.django_db
def test_index_lists_the_programmes_with_published_entry_counts(client, metrotalks):
    make_entry(metrotalks)
    make_entry(metrotalks, status=Entry.Status.DRAFT)
    body = client.get("/initiatives/").content.decode()
    assert "MetroTalks" in body and "Talks with experts." in body
    assert "1 entry" in body


@pytest.mark.django_db
def test_programme_page_lists_its_published_entries_newest_first(client, metrotalks):
    make_entry(metrotalks, title="Old talk", date=datetime.date(2020, 5, 1))
    make_entry(metrotalks, title="Undated talk", date=None)
    make_entry(metrotalks, title="New talk", date=datetime.date(2021, 6, 1))
    make_entry(metrotalks, title="Draft talk", status=Entry.Status.DRAFT)
    make_entry(title="Another programme's entry")

    body = client.get("/initiatives/metrotalks/").content.decode()

    assert body.index("New talk") < body.index("Old talk") < body.index("Undated talk")
    assert "Draft talk" not in body
    assert "Another programme" not in body


@pytest.fixture
def filter_world(metrotalks):
    climate = make_theme(title="Climate", slug="climate")
    care = make_theme(title="Care", slug="care")
    make_entry(
        metrotalks,
        title="Lima care 2020",
        country="PE",
        date=datetime.date(2020, 4, 1),
        themes=[care],
    )
    make_entry(
        metrotalks,
        title="Lima climate 2021",
        country="PE",
        date=datetime.date(2021, 3, 1),
        themes=[climate],
    )
    make_entry(
        metrotalks,
        title="Bilbao care 2021",
        country="ES",
        date=datetime.date(2021, 9, 1),
        themes=[care, climate],
    )
    make_entry(metrotalks, title="Undated care", country="ES", themes=[care])
    make_entry(
        metrotalks,
        title="Draft care",
        country="PE",
        date=datetime.date(2021, 1, 1),
        themes=[care],
        status=Entry.Status.DRAFT,
    )
    return metrotalks


ALL = {"Lima care 2020", "Lima climate 2021", "Bilbao care 2021", "Undated care"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ALL),
        ("theme=care", {"Lima care 2020", "Bilbao care 2021", "Undated care"}),
        ("theme=climate", {"Lima climate 2021", "Bilbao care 2021"}),
        ("country=PE", {"Lima care 2020", "Lima climate 2021"}),
        ("year=2021", {"Lima climate 2021", "Bilbao care 2021"}),
        ("theme=care&country=PE", {"Lima care 2020"}),
        ("theme=care&year=2021", {"Bilbao care 2021"}),
        ("country=ES&year=2021", {"Bilbao care 2021"}),
        ("theme=climate&country=PE&year=2021", {"Lima climate 2021"}),
        ("theme=care&country=PE&year=2021", set()),
        ("country=FR", set()),
        ("year=1999", set()),
        ("theme=&country=&year=", ALL),
    ],
)
def test_every_filter_combination_returns_the_right_entries(client, filter_world, query, expected):
    status, titles = titles_on(client, f"/initiatives/metrotalks/?{query}")
    assert status == 200
    assert titles == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "theme=no-such-theme",
        "year=abc",
        "country=ZZ",
        "year=99999",
        "year=-1",
        "theme=" + "x" * 5000,
    ],
)
def test_nonsense_filters_give_a_400_page_with_no_entries(client, filter_world, query):
    status, titles = titles_on(client, f"/initiatives/metrotalks/?{query}")
    assert status == 400
    assert titles == set()


@pytest.mark.django_db
def test_filters_stay_in_the_url_and_in_the_form(client, filter_world):
    for _ in range(13):
        make_entry(filter_world, country="PE", date=datetime.date(2021, 1, 1))
    body = client.get("/initiatives/metrotalks/?country=PE&year=2021").content.decode()
    assert '<option value="PE" selected>' in body
    assert '<option value="2021" selected>' in body
    assert 'href="?country=PE&amp;year=2021&amp;page=2"' in body


@pytest.mark.django_db
def test_entry_page_shows_body_people_place_date_themes_tags_and_source(client, metrotalks):
    theme = make_theme(title="Equity in health and care", slug="equity")
    insight = make_insight(theme=theme, title="Treat care as infrastructure")
    draft_insight = make_insight(theme=theme, title="Secret draft", status="draft")
    entry = make_entry(
        metrotalks,
        title="Enabling healthy urban planning",
        city="Lima",
        country="PE",
        date=datetime.date(2021, 5, 12),
        people="A Person, Role, Organisation\nB Person, Other role",
        external_url="https://example.org/video",
        themes=[theme],
        tags=["health"],
    )
    entry.insights.set([insight, draft_insight])

    response = client.get("/initiatives/metrotalks/" + entry.slug + "/")

    body = response.content.decode()
    assert response.status_code == 200
    for text in [
        "<h1>Enabling healthy urban planning</h1>",
        "<strong>detail</strong>",
        "A Person, Role, Organisation",
        "B Person, Other role",
        "Lima, Peru",
        'datetime="2021-05-12"',
        'href="/toolkit/equity/"',
        'href="/tags/health/"',
        'href="https://example.org/video"',
        "Treat care as infrastructure",
    ]:
        assert text in body, text
    assert "Secret draft" not in body


@pytest.mark.django_db
def test_draft_entries_are_invisible_everywhere_public(client, metrotalks):
    theme = make_theme(title="Care", slug="care")
    insight = make_insight(theme=theme, tags=["care"])
    draft = make_entry(
        metrotalks,
        title="Hidden entry",
        themes=[theme],
        tags=["care", "only-draft"],
        status="draft",
    )
    draft.insights.add(insight)

    for url in [
        "/",
        "/initiatives/",
        "/initiatives/metrotalks/",
        "/toolkit/care/",
        insight.get_absolute_url(),
        "/tags/care/",
    ]:
        assert "Hidden entry" not in client.get(url).content.decode(), url
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/tags/only-draft/").status_code == 404


@pytest.mark.django_db
def test_entry_under_the_wrong_programme_is_404(client, metrotalks):
    entry = make_entry()
    assert client.get(f"/initiatives/metrotalks/{entry.slug}/").status_code == 404
    assert client.get("/initiatives/no-such-programme/").status_code == 404


@pytest.mark.django_db
def test_theme_and_insight_pages_show_related_entries_and_home_the_latest(client, metrotalks):
    theme = make_theme(title="Care", slug="care")
    insight = make_insight(theme=theme)
    linked = make_entry(metrotalks, title="Linked practice", themes=[theme])
    linked.insights.add(insight)
    make_entry(metrotalks, title="Unrelated practice")

    theme_page = client.get("/toolkit/care/").content.decode()
    insight_page = client.get(insight.get_absolute_url()).content.decode()
    home = client.get("/").content.decode()

    assert "Linked practice" in theme_page and "Unrelated practice" not in theme_page
    assert "Linked practice" in insight_page and "Unrelated practice" not in insight_page
    assert "Linked practice" in home


@pytest.mark.django_db
def test_tag_page_lists_insights_and_entries(client, metrotalks):
    make_insight(title="An insight on care", tags=["care"])
    make_entry(metrotalks, title="A practice on care", tags=["care"])
    body = client.get("/tags/care/").content.decode()
    assert "An insight on care" in body and "A practice on care" in body
    assert "1 initiative entry" in body

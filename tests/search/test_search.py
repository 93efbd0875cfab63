"""Site search. Runs on both databases: full-text on PostgreSQL, substring on SQLite."""

import datetime
import re

import pytest
from django.db import connection

from pagecache.fragments import content_stamp
from tests.factories import make_entry, make_insight, make_programme, make_theme
from toolkit.models import Insight


def titles(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return re.findall(r'<h2 class="h3"><a href="[^"]+">([^<]+)</a></h2>', response.content.decode())


@pytest.fixture
def content(theme):
    make_insight(
        theme=theme,
        title="Cool streets for summer",
        body="Plant trees so that heatwaves hurt less in dense districts.",
    )
    make_insight(theme=theme, title="Budgets that listen", body="Let residents decide spending.")
    make_insight(
        theme=theme,
        title="Heatwaves need shade",
        body="Public space can protect people.",
        status=Insight.Status.DRAFT,
    )
    make_entry(
        make_programme(title="Cities for Global Health"),
        title="Lima te Escucha",
        summary="Online psychological counselling.",
        body="A service of the Municipalidad de Lima.",
        themes=[theme],
    )


@pytest.mark.django_db
def test_a_word_only_in_one_body_finds_that_insight(client, content):
    assert titles(client, q="heatwaves") == ["Cool streets for summer"]


@pytest.mark.django_db
def test_a_title_match_ranks_above_a_body_only_match(client, theme):
    make_insight(theme=theme, title="Mobility first", body="Walking and cycling matter.")
    make_insight(theme=theme, title="Parks", body="Good for mobility of children.")
    make_insight(theme=theme, title="Streets", body="Nothing relevant here.")
    assert titles(client, q="mobility") == ["Mobility first", "Parks"]


@pytest.mark.django_db
def test_drafts_never_appear(client, content):
    assert "Heatwaves need shade" not in titles(client, q="heatwaves")
    assert "Heatwaves need shade" not in titles(client, q="shade")


@pytest.mark.django_db
def test_search_covers_initiative_entries(client, content):
    assert titles(client, q="counselling") == ["Lima te Escucha"]


@pytest.mark.django_db
def test_results_filter_by_type_and_theme(client, content, theme):
    other = make_theme(title="Other", slug="other")
    make_insight(theme=other, title="Lima elsewhere", body="Lima again.")

    assert titles(client, q="lima", type="entry") == ["Lima te Escucha"]
    assert titles(client, q="lima", type="insight") == ["Lima elsewhere"]
    assert titles(client, q="lima", theme=theme.slug) == ["Lima te Escucha"]


@pytest.mark.django_db
def test_matches_are_highlighted_and_content_escaped(client, theme):
    make_insight(theme=theme, title="Markup", body="Heatwaves <script>alert(1)</script> hurt.")
    body = client.get("/search/", {"q": "heatwaves"}).content.decode()
    assert re.search(r"<mark>heatwaves</mark>", body, re.IGNORECASE)
    assert "<script>alert(1)</script>" not in body


@pytest.mark.django_db
def test_results_are_paginated(client, theme):
    for n in range(25):
        make_insight(theme=theme, title=f"Housing idea {n}", body="Housing.")
    first = client.get("/search/", {"q": "housing"}).content.decode()
    third = client.get("/search/", {"q": "housing", "page": 3}).content.decode()
    assert "25 results" in first and "Page 1 of 3" in first
    assert third.count('class="result"') == 5


@pytest.mark.django_db
@pytest.mark.parametrize(
    "q",
    ["", "   ", "!!!", "&&& ||| !!", "\x01\x02\x1f", "x" * 5000,
     "'; DROP TABLE toolkit_insight; --",
     "<script>", "北京", "(((", "\"unclosed", "-", "a:*", "!", "or"],
)  # fmt: skip
def test_odd_queries_give_a_clear_page(client, content, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Search the toolkit" in body
    if len(q) > 200:
        assert "only its first 200 characters were used" in body


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"q": "x", "type": "nope"}, {"q": "x", "theme": "no-theme"}])
def test_unknown_filters_give_a_400_page(client, content, params):
    response = client.get("/search/", params)
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


@pytest.mark.django_db
def test_null_characters_are_refused_with_a_400(client):
    assert client.get("/search/?q=a%00b").status_code == 400


@pytest.mark.django_db
def test_every_page_has_the_search_box(client, theme):
    body = client.get("/toolkit/").content.decode()
    assert 'role="search"' in body and 'action="/search/"' in body


@pytest.mark.django_db
def test_search_query_count_does_not_grow_with_results(
    client, theme, django_assert_max_num_queries
):
    for n in range(30):
        make_insight(theme=theme, title=f"Housing {n}", tags=["housing"])
        make_entry(title=f"Housing practice {n}", themes=[theme])
    # per kind of many items: where the newest items start, title matches, matches; the
    # kinds of few items (areas, programmes, tags, signatories) in one query (SQLite) or in
    # the ranked union; and the page's items of each kind (here the tag, as best match)
    content_stamp()  # once per content version for the whole site (pagecache/schedule.py)
    with django_assert_max_num_queries(10):
        response = client.get("/search/", {"q": "housing"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "61 results" in body  # with the tag "housing"
    assert body.count('class="result"') == 9  # one page of them, after the best match


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
@pytest.mark.django_db
def test_full_text_search_matches_word_forms_on_postgresql(client, theme):
    make_insight(theme=theme, title="Planning together", body="Residents planned the square.")
    assert titles(client, q="plans") == ["Planning together"]


@pytest.mark.django_db
def test_a_search_matching_very_many_ranks_a_bounded_set_and_says_so(client, theme, monkeypatch):
    monkeypatch.setattr("search.candidates.MAX_RANKED", 3)
    for n in range(5):
        make_insight(theme=theme, title=f"Bicycle lanes {n}", body="Safer cycling.")
    make_insight(theme=theme, title="Ferries", body="Bicycle racks on board.")

    text = client.get("/search/", {"q": "bicycle"}).content.decode()

    # a bounded set is ranked (candidates.py), and the page says there is more
    assert re.search(r"More than \d results for “bicycle”\. Add words to narrow the search\.", text)
    found = titles(client, q="bicycle")
    assert all(title.startswith("Bicycle lanes") for title in found[:4])
    assert found[4:] in ([], ["Ferries"])  # a body-only match ranks last
    assert "1 result for “ferries”." in client.get("/search/", {"q": "ferries"}).content.decode()


@pytest.mark.django_db
def test_an_old_title_match_ranks_first_however_many_newer_body_matches(client, theme, monkeypatch):
    monkeypatch.setattr("search.candidates.MAX_RANKED", 5)
    monkeypatch.setattr("search.candidates.RECENT", 4)  # the newest 4 hold no title match
    make_insight(theme=theme, title="Community kitchens feed the city", slug="the-old-one",
                 published_on=datetime.date(2020, 5, 1))  # fmt: skip
    body = "Community groups ran kitchens, kitchens and more community kitchens."
    for n in range(12):
        make_insight(theme=theme, title=f"Food {n}", slug=f"food-{n}", body=body)
    make_insight(theme=theme, title="Community gardens", slug="half-a-title-match",
                 body="Kitchens too.")  # fmt: skip

    found = titles(client, q="community kitchens")
    assert found[0] == "Community kitchens feed the city"
    assert "Community gardens" not in found[:1]


@pytest.mark.django_db
def test_the_bound_applies_to_each_kind_and_exact_counts_stay_exact(client, theme, monkeypatch):
    monkeypatch.setattr("search.candidates.MAX_RANKED", 3)
    programme = make_programme(title="Learning from Cities")
    for n in range(3):
        make_insight(theme=theme, title=f"Tram {n}")
    for n in range(2):
        make_entry(programme, title=f"Tram city {n}", themes=[theme])

    assert "5 results for “tram”." in client.get("/search/", {"q": "tram"}).content.decode()

    make_insight(theme=theme, title="Tram 3")
    make_insight(theme=theme, title="Tram 4")
    text = client.get("/search/", {"q": "tram"}).content.decode()
    assert "More than 5 results for “tram”." in text  # 5 insights (3 ranked + 1) and 2 entries


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "words"),
    [("/search/", "logement"), ("/fr/search/", "housing"), ("/es/search/", "logement"),
     ("/fr/search/", "vivienda"), ("/search/", "viviendas")],
)  # fmt: skip
def test_search_finds_words_of_any_language_from_a_page_in_any_language(client, theme, page, words):
    insight = make_insight(theme=theme, title="Affordable housing", slug="affordable-housing")
    insight.title_fr, insight.summary_fr = "Le logement abordable", "Du logement pour tous."
    insight.title_es, insight.summary_es = "Vivienda asequible", "Viviendas para todos."
    insight.save()
    make_insight(theme=theme, title="Unrelated", slug="unrelated")
    body = client.get(page, {"q": words}).content.decode()
    assert "/affordable-housing/" in body
    assert "/unrelated/" not in body


@pytest.mark.django_db
def test_searches_that_find_nothing_are_counted_by_day_without_who_searched(client, theme):
    from search.models import UnansweredSearch

    make_insight(theme=theme, title="Housing")
    for words in ["Cable cars", "cable cars", "housing", "me@example.org", "+34 600 000 000"]:
        response = client.get("/search/", {"q": words})
        assert response.status_code == 200
    found = UnansweredSearch.most_frequent()
    assert [(row.words, row.total) for row in found] == [("cable cars", 2)]
    assert "private" in client.get("/search/", {"q": "cable cars"})["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("words", ["mobilite", "MOBILITÉ", "Mobilité", "mobilitë", "velo"])
def test_accents_and_case_do_not_matter(client, theme, words):
    insight = make_insight(theme=theme, title="Walking first", slug="walking-first")
    insight.title_fr, insight.summary_fr = "La mobilité à pied", "Du vélo et de la marche."
    insight.save()
    make_insight(theme=theme, title="Unrelated", slug="unrelated", body="Développer la ville.")
    body = client.get("/fr/search/", {"q": words}).content.decode()
    assert "/walking-first/" in body
    assert "/unrelated/" not in body  # "velo" is not the middle of "développer"


@pytest.mark.django_db
def test_a_filtered_search_finds_older_matches_behind_newer_ones_elsewhere(
    client, theme, monkeypatch
):
    monkeypatch.setattr("search.candidates.MAX_RANKED", 3)
    other = make_theme(title="Public space and housing", slug="public-space-and-housing")
    make_insight(theme=theme, title="Shared plots", slug="plots-here", body="Shared gardens.")
    for n in range(12):
        make_insight(theme=other, title=f"Courtyard {n}", slug=f"elsewhere-{n}",
                     body="Gardens in courtyards.")  # fmt: skip
    assert titles(client, q="gardens", theme=theme.slug) == ["Shared plots"]


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["𞤀", "½", "AND", "NOT near", '"', "*", "title:x", "^", "日本"])
def test_words_the_full_text_syntax_reserves_are_plain_words(client, theme, q):
    make_insight(theme=theme, title="Near and not far", slug="near")
    assert client.get("/search/", {"q": q}).status_code == 200


@pytest.mark.django_db
def test_a_deleted_item_leaves_the_search_index(client, theme):
    insight = make_insight(theme=theme, title="Ephemeral kiosks", slug="kiosks")
    assert titles(client, q="kiosks") == ["Ephemeral kiosks"]
    insight.delete()
    assert titles(client, q="kiosks") == []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_text WHERE search_text MATCH 'kiosks'")
            assert cursor.fetchone()[0] == 0


@pytest.mark.django_db(transaction=True)
def test_emptied_tables_leave_nothing_for_search_to_count(client, theme):
    """`flush` deletes without signals (as between browser tests): what search keeps of the
    old rows goes too, or later searches count ghosts and show pages short of results."""
    from django.core.management import call_command

    for n in range(3):
        make_insight(theme=theme, title=f"Ephemeral kiosks {n}", body="Small shops on squares.")
    call_command("flush", interactive=False, verbosity=0, reset_sequences=False)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_text")
            assert cursor.fetchone()[0] == 0
    kept = make_insight(theme=make_theme(slug="again"), title="Kiosks again", body="Squares.")
    assert titles(client, q="kiosks") == [kept.title]
    assert "1 result for" in client.get("/search/", {"q": "kiosks"}).content.decode()

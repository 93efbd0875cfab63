"""A series page says what it is before what is missing, offers only menus that choose
something, and is kind when it has nothing to show."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command

from tests.factories import make_entry, make_programme


@pytest.fixture
def shipped_content(db):
    call_command("load_content", stdout=StringIO())


def menus(html: str) -> set[str]:
    return set(re.findall(r'<select name="(\w+)"', html))


@pytest.mark.django_db
def test_a_menu_with_fewer_than_two_real_choices_is_not_offered(client, theme):
    talks = make_programme(slug="talks")
    make_entry(talks, themes=[theme])
    make_entry(talks, themes=[theme], country="PE", date=datetime.date(2021, 5, 1))
    assert menus(client.get("/initiatives/talks/").content.decode()) == {"theme"}
    make_entry(talks, country="FR", date=datetime.date(2020, 5, 1))
    assert menus(client.get("/initiatives/talks/").content.decode()) == {"theme", "country", "year"}


@pytest.mark.django_db
def test_a_chosen_filter_keeps_its_menu_even_with_one_choice(client, theme):
    talks = make_programme(slug="talks")
    make_entry(talks, country="PE", date=datetime.date(2021, 5, 1))
    html = client.get("/initiatives/talks/?country=PE&year=2021").content.decode()
    assert menus(html) == {"theme", "country", "year"}


@pytest.mark.django_db
def test_a_series_with_no_entry_says_so_kindly_and_points_elsewhere(client):
    make_programme(slug="quiet", title="Quiet series", description="A series of city talks.")
    html = client.get("/initiatives/quiet/").content.decode()
    assert "matches these filters" not in html
    assert not menus(html)  # nothing to filter
    message = html[html.index('id="entries-heading"') :]
    assert "Nothing of Quiet series is published on this portal yet" in message
    assert 'href="/initiatives/"' in message and 'href="/toolkit/"' in message


@pytest.mark.django_db
def test_filters_that_match_nothing_offer_the_whole_series(client, theme):
    talks = make_programme(slug="talks")
    make_entry(talks, country="PE")
    html = client.get("/initiatives/talks/?country=FR").content.decode()
    assert "No entry matches these filters." in html
    assert html.count('href="/initiatives/talks/"') >= 2  # "Clear filters" and the message


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "missing"),
    [("", "No entry"), ("/fr", "Aucun contenu"), ("/es", "No se ha podido")],
)
def test_learning_from_cities_says_what_it_is_before_what_is_missing(
    client, shipped_content, prefix, missing
):
    html = client.get(f"{prefix}/initiatives/learning-from-cities/").content.decode()
    opening = html[html.index("<h1") :]
    lead = re.search(r'<p class="lead"[^>]*>(.*?)</p>', opening, re.S)[1]
    first_paragraph = re.search(r'<div class="prose"[^>]*>\s*<p>(.*?)</p>', opening, re.S)[1]
    assert missing not in lead and missing not in first_paragraph
    assert missing in opening  # said, but after

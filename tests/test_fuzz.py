"""Property-based tests: whatever a client sends, the portal never answers with a 5xx."""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_entry, make_insight, make_programme

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.text(st.characters(codec="utf-8"), max_size=300)
values = st.one_of(text, st.sampled_from(["", "0", "-1", "1e9", "care", "PE", "2021", "%", "\x00"]))


@pytest.fixture
def world(theme):
    make_insight(theme=theme, title="Heat and care", tags=["care"])
    make_entry(make_programme(slug="metrotalks"), title="A talk", themes=[theme], country="PE")


def get(client, path, params):
    response = client.get(f"{path}?{urlencode(params)}")
    assert response.status_code < 500, (path, params)
    return response


@pytest.mark.django_db
@FUZZ
@given(q=text, kind=values, theme=values, page=values)
def test_search_never_fails(client, world, q, kind, theme, page):
    get(client, "/search/", {"q": q, "type": kind, "theme": theme, "page": page})


@pytest.mark.django_db
@FUZZ
@given(theme=values, country=values, year=values, page=values)
def test_programme_filters_never_fail(client, world, theme, country, year, page):
    get(client, "/initiatives/metrotalks/", {"theme": theme, "country": country, "year": year,
                                               "page": page})  # fmt: skip


@pytest.mark.django_db
@FUZZ
@given(country=values, theme=values, group=values)
def test_signatory_filters_never_fail(client, world, country, theme, group):
    get(client, "/signatories/", {"country": country, "theme": theme, "group": group})


@pytest.mark.django_db
@FUZZ
@given(tag=values, page=values)
def test_theme_page_filters_never_fail(client, world, tag, page):
    get(client, "/toolkit/gender-equality/", {"tag": tag, "page": page})


@pytest.mark.django_db
@FUZZ
@given(path=st.text(st.characters(codec="ascii", exclude_characters="?#"), max_size=80))
def test_arbitrary_paths_never_fail(client, world, path):
    response = client.get("/" + path)
    assert response.status_code < 500, path

"""Search over everything a reader looks for: areas, programmes, tags and signatories too,
each labelled; names that match first; hyphens, digits, languages and accents ignored.
Runs on both databases."""

import re

import pytest

from commitments.models import Commitment
from signatories.models import Signatory
from tags.models import TagNames
from tests.factories import make_entry, make_insight, make_programme, make_theme
from toolkit.models import Insight


def found(client, path="/search/", **params):
    """[(kind label, title)] of the best matches, then of the list, in page order."""
    body = client.get(path, params).content.decode()
    assert "Search the toolkit" in body or "Rechercher" in body or "Buscar" in body
    best = re.findall(
        r'<li class="best-match">\s*<p class="card__kicker">([^<]+)</p>\s*'
        r'<p class="best-match__title"><a href="[^"]+">([^<]+)</a>',
        body,
    )
    listed = re.findall(
        r'<li class="result">\s*<p class="card__kicker">([^<·]+?)\s*(?:·[^\n]*)?</p>\s*'
        r'<h2 class="h3"><a href="[^"]+">([^<]+)</a>',
        body,
    )
    return [("best", kind.strip(), title) for kind, title in best] + [
        ("list", kind.strip(), title) for kind, title in listed
    ]


def titles(client, **params):
    return [title for _where, _kind, title in found(client, **params)]


@pytest.fixture
def portal(theme):
    mobility = make_theme(
        title="Mobility, accessibility and transport", slug="mobility", position=6,
        summary="Streets for walking.", description="Cable cars and night buses.",
    )  # fmt: skip
    mobility.title_fr, mobility.title_es = "Mobilité, accessibilité et transport", "Movilidad"
    mobility.save()
    theme.title_fr, theme.title_es = "Égalité de genre", "Igualdad de género"
    theme.save()
    make_programme(title="Cities for Global Health", slug="cfgh", tagline="Pandemic answers.")
    make_insight(theme=mobility, title="Night buses for carers", slug="night-buses",
                 body="After the Covid-19 lockdowns, carers travelled at night.",
                 tags=["covid-19 recovery"])  # fmt: skip
    make_insight(theme=mobility, title="Parks", slug="parks", body="Green space.")
    return mobility


@pytest.mark.django_db
def test_area_and_programme_descriptions_are_searched_and_labelled(client, portal):
    assert ("list", "Thematic area", "Mobility, accessibility and transport") in found(
        client, q="cable cars"
    )
    assert found(client, q="pandemic") == [("list", "Programme", "Cities for Global Health")]


@pytest.mark.django_db
def test_an_area_whose_name_matches_comes_first_as_best_match(client, portal):
    results = found(client, q="mobility")
    assert results[0] == ("best", "Thematic area", "Mobility, accessibility and transport")
    assert [where for where, *_ in results] == ["best"]  # its insights do not say "mobility"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "q", "area"),
    [("/search/", "mobility", "Mobility, accessibility and transport"),
     ("/fr/search/", "mobilité", "Mobilité, accessibilité et transport")],
)  # fmt: skip
def test_an_area_comes_before_a_shorter_tag_that_also_holds_the_words(
    client, portal, path, q, area
):
    # the tag's short name weighs more in the rank, but a reader naming an area wants it
    make_insight(theme=portal, title="Cycle lanes", slug="cycle-lanes", tags=["active mobility"])
    names = TagNames.objects.get(tag__name="active mobility")
    names.name_fr = "mobilité active"
    names.save()
    best = [(kind, title) for where, kind, title in found(client, path, q=q) if where == "best"]
    assert len(best) == 2
    assert best[0][1] == area


@pytest.mark.django_db
def test_a_tag_whose_name_matches_comes_first_as_best_match(client, portal):
    results = found(client, q="covid")
    assert results[0] == ("best", "Tag", "covid-19 recovery")
    assert ("list", "Key insight", "Night buses for carers") in results


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["covid", "covid-19", "COVID 19", "Covid19", "covid‑19 lockdowns"])
def test_hyphens_and_digits_match_both_ways(client, portal, q):
    assert "Night buses for carers" in titles(client, q=q)


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["covid-19", "Covid 19", "covid19"])
def test_words_joined_by_digits_in_the_text_are_found_written_apart(client, theme, q):
    make_insight(theme=theme, title="Recovery", slug="recovery", body="The Covid19 plan.")
    make_insight(theme=theme, title="Other", slug="other", body="A covid plan for 2019.")
    assert "Recovery" in titles(client, q=q)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "q"),
    [("/search/", "equality"), ("/fr/search/", "égalité"), ("/fr/search/", "EGALITE"),
     ("/es/search/", "equality"), ("/search/", "igualdad"), ("/es/search/", "género")],
)  # fmt: skip
def test_an_area_is_found_by_its_name_in_any_language(client, portal, path, q):
    assert found(client, path, q=q)[0][0] == "best"
    assert len(found(client, path, q=q)) == 1


@pytest.mark.django_db
def test_approved_signatories_are_found_by_their_public_text_and_commitments(client, portal):
    city = Signatory.objects.create(organisation="Ciudad Ejemplo", kind="government",
                                    city="Montréal", country="CA", status="approved")  # fmt: skip
    Commitment.objects.create(signatory=city, theme=portal, statement="Free trams at night.")
    assert ("list", "Signatory", "Ciudad Ejemplo") in found(client, q="trams")
    assert ("list", "Signatory", "Ciudad Ejemplo") in found(client, q="montreal")

    city.commitments.all().delete()
    assert found(client, q="trams") == []  # kept current when a commitment goes


@pytest.mark.django_db
def test_non_public_items_and_contact_details_are_never_found(client, portal):
    Signatory.objects.create(organisation="Pending Tramways", kind="other", status="pending")
    Signatory.objects.create(organisation="Declined Tramways", kind="other", status="declined")
    Signatory.objects.create(
        organisation="Quiet City", kind="government", status="approved",
        contact_name="Tramway Person", contact_email="tramway@example.org",
        message="Tramway secrets.",
    )  # fmt: skip
    make_insight(theme=portal, title="Tramway draft", slug="draft", status=Insight.Status.DRAFT,
                 tags=["tramway"])  # fmt: skip
    make_insight(theme=portal, title="Tramway later", slug="later",
                 published_on="2999-01-01")  # fmt: skip
    assert found(client, q="tramway") == []
    assert found(client, q="tramways") == []
    assert found(client, q="example") == []


@pytest.mark.django_db
def test_a_theme_filter_keeps_its_area_and_the_signatories_committed_to_it(client, portal, theme):
    city = Signatory.objects.create(organisation="Mobility City", kind="government",
                                    status="approved")  # fmt: skip
    city.themes.add(portal)
    assert titles(client, q="mobility", theme=theme.slug) == []
    assert set(titles(client, q="mobility", theme=portal.slug)) == {
        "Mobility, accessibility and transport", "Mobility City",
    }  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "expected"),
    [("theme", "Mobility, accessibility and transport"), ("tag", "covid-19 recovery"),
     ("programme", "Cities for Global Health"), ("insight", "Night buses for carers")],
)  # fmt: skip
def test_results_filter_by_every_kind(client, portal, kind, expected):
    queries = {"theme": "mobility", "tag": "covid", "programme": "health", "insight": "covid"}
    assert titles(client, q=queries[kind], type=kind) == [expected]


@pytest.mark.django_db
def test_an_entry_is_found_by_its_city(client, theme):
    make_entry(title="Listening service", slug="listening", city="Mersin", themes=[theme])
    assert titles(client, q="mersin") == ["Listening service"]

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from signatories.models import Signatory
from tests.factories import make_theme


def make_signatory(n=0, **fields):
    defaults = {
        "organisation": f"Institution {n}",
        "kind": "government",
        "city": f"City {n}",
        "country": "FR",
        "contact_name": f"Private Person {n}",
        "contact_email": f"private{n}@secret.example",
        "contact_role": "Secret role",
        "message": "Private message",
        "status": "approved",
    }
    return Signatory.objects.create(**{**defaults, **fields})


@pytest.mark.django_db
def test_only_approved_signatories_are_listed_with_a_live_count(client):
    make_signatory(1, organisation="Approved Lyon")
    make_signatory(2, organisation="Pending Nantes", status="pending")
    make_signatory(3, organisation="Declined Nice", status="declined")

    body = client.get("/signatories/").content.decode()

    assert "Approved Lyon" in body
    assert "Pending Nantes" not in body and "Declined Nice" not in body
    assert "1 institution is listed here" in body


@pytest.mark.django_db
def test_no_contact_data_is_ever_public(client, theme):
    signatory = make_signatory(1)
    signatory.themes.add(theme)
    assert "private1@secret.example" not in client.get("/").content.decode()
    pages = [
        "/signatories/",
        "/signatories/?group=kind",
        f"/signatories/?country=FR&theme={theme.slug}",
        theme.get_absolute_url(),
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert "Institution 1" in body, url
        for secret in [
            "private1@secret.example",
            "Private Person 1",
            "Secret role",
            "Private message",
        ]:
            assert secret not in body, (url, secret)


@pytest.mark.django_db
def test_grouped_by_region_and_country(client):
    make_signatory(1, organisation="Dakar", country="SN")
    make_signatory(2, organisation="Lima", country="PE")
    make_signatory(3, organisation="Seoul", country="KR")
    make_signatory(4, organisation="Berlin", country="DE")
    make_signatory(5, organisation="Unknown place", country="")

    body = client.get("/signatories/").content.decode()
    body = body[body.rindex("</form>") :]  # after the filters, which name the countries too

    order = ["Africa", "Senegal", "Dakar", "Americas and the Caribbean", "Peru", "Lima",
             "Asia and the Pacific", "Korea", "Seoul", "Europe", "Germany", "Berlin",
             "Country not given", "Unknown place"]  # fmt: skip
    positions = [body.index(text) for text in order]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_grouped_by_kind(client):
    make_signatory(1, organisation="A network", kind="network")
    make_signatory(2, organisation="A government", kind="government")

    body = client.get("/signatories/?group=kind").content.decode()

    assert body.index("Metropolitan, regional or local government") < body.index("A government")
    assert body.index("Network or association") < body.index("A network")


@pytest.mark.django_db
def test_filters_by_country_and_theme_combine(client):
    climate = make_theme(title="Climate", slug="climate")
    housing = make_theme(title="Housing", slug="housing")
    make_signatory(1, organisation="French climate", country="FR").themes.add(climate)
    make_signatory(2, organisation="French housing", country="FR").themes.add(housing)
    make_signatory(3, organisation="Chilean climate", country="CL").themes.add(climate)

    both = client.get("/signatories/?country=fr&theme=climate").content.decode()
    country = client.get("/signatories/?country=FR").content.decode()

    assert "French climate" in both
    assert "French housing" not in both and "Chilean climate" not in both
    assert "French housing" in country and "Chilean climate" not in country


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["country=ZZ", "theme=nope", "group=xyz", "country=%FF", "theme=" + "a" * 5000, "page=1e999"],
)
def test_unknown_filters_answer_400_with_no_list(client, query):
    make_signatory(1, organisation="Listed City")
    response = client.get(f"/signatories/?{query}")
    assert response.status_code == (200 if query.startswith("page") else 400)
    body = response.content.decode()
    assert ("Listed City" in body) == query.startswith("page")


@pytest.mark.django_db
def test_a_known_country_in_lower_case_without_signatories_is_an_empty_list(client):
    make_signatory(1, organisation="Listed City", country="FR")
    response = client.get("/signatories/?country=jp")
    assert response.status_code == 200
    assert "Listed City" not in response.content.decode()
    assert "No signatory matches these filters." in response.content.decode()


@pytest.mark.django_db
def test_null_characters_in_filters_are_a_400(client):
    make_signatory(1)
    response = client.get("/signatories/?country=%00")
    assert response.status_code == 400
    assert "not allowed" in response.content.decode()


@pytest.mark.django_db
def test_theme_page_shows_the_institutions_committed_to_it(client, theme):
    make_signatory(1, organisation="Committed City").themes.add(theme)
    make_signatory(2, organisation="Pending City", status="pending").themes.add(theme)
    make_signatory(3, organisation="Uncommitted City")

    body = client.get(theme.get_absolute_url()).content.decode()

    assert "Committed City" in body
    assert "Pending City" not in body and "Uncommitted City" not in body


@pytest.mark.django_db
def test_home_shows_the_live_count_and_the_way_to_join(client):
    make_signatory(1)
    make_signatory(2)
    make_signatory(3, status="pending")

    body = client.get("/").content.decode()

    assert "2 institutions listed as signatories" in body
    assert 'href="/join/"' in body
    assert 'href="/signatories/ask-your-city/"' in body


@pytest.mark.django_db
def test_ask_your_city_offers_a_ready_made_message_pointing_at_the_form(client):
    body = client.get("/signatories/ask-your-city/").content.decode()
    assert "http://testserver/join/" in body
    assert 'href="mailto:?subject=' in body


@pytest.mark.django_db
def test_list_query_count_does_not_grow_with_signatories(client, theme):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/signatories/?theme={theme.slug}").status_code == 200
        return len(captured)

    for n in range(5):
        make_signatory(n, country="FR").themes.add(theme)
    few = queries()
    for n in range(5, 60):
        make_signatory(n, country=["FR", "BR", "JP", "KE"][n % 4]).themes.add(theme)
    assert queries() == few


@pytest.mark.django_db
def test_the_list_is_paginated_and_groups_stay_in_order(client):
    for n in range(230):
        make_signatory(n, organisation=f"Institution {n:03}", country=["FR", "PE"][n % 2])

    def listing(url):
        body = client.get(url).content.decode()
        return body[body.rindex("</form>") :]  # after the filters, which name the countries

    first, second = listing("/signatories/"), listing("/signatories/?page=2")
    assert "Page 1 of 3" in first
    assert "Peru" in first and "France" not in first  # 115 in the Americas come first
    assert second.index("Americas and the Caribbean") < second.index("Europe")


@pytest.mark.django_db
def test_the_reported_total_is_shown_beside_the_listed_signatories_with_its_date(client):
    from signatories.models import ReportedTotal

    make_signatory(1)
    ReportedTotal.objects.create(
        more_than=30, reported_on="2021-06-29", source="Metropolis news of 29 June 2021"
    )
    for url in ["/", "/signatories/"]:
        body = client.get(url).content.decode()
        assert "Metropolis reported more than 30 signatories on June 29, 2021" in body
        assert "Metropolis news of 29 June 2021" in body
    assert "1 institution is listed here" in client.get("/signatories/").content.decode()

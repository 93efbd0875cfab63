"""Already joined? Names compared for what they name, on SQLite and on PostgreSQL."""

import pytest

from signatories.models import Signatory
from signatories.names import name_key
from signatories.similar import similar_requests


def approved(organisation: str, country: str = "CA", **fields) -> Signatory:
    defaults = {"kind": "government", "city": organisation, "status": "approved"}
    return Signatory.objects.create(
        organisation=organisation, country=country, **{**defaults, **fields}
    )


@pytest.mark.parametrize(
    "name",
    [
        "Montréal",
        "Ville de Montreal",
        "VILLE DE MONTRÉAL",
        "City of Montreal",
        "Mairie de Montréal",
        "Ciudad de Montreal",
        "Ayuntamiento de Montréal",
        "Gobierno de la Ciudad de Montreal",
        "Área Metropolitana de Montreal",
        "Metropolitan Area of Montreal",
        "Metropolitan Government of Montreal",
        "Région Montréal",
        "Montreal Metropolitan Area (CMM)",
        "Montreal City",
        "Montréal!",
    ],
)
def test_the_usual_prefixes_accents_case_and_punctuation_make_no_difference(name):
    assert name_key(name) == "montreal"


def test_a_name_that_is_only_a_kind_of_body_keeps_its_words():
    assert name_key("Region") == "region" and name_key("City of") == "city of"
    assert name_key("北京市人民政府") == ""


@pytest.mark.django_db
def test_ville_de_montreal_is_similar_to_the_approved_montreal_in_its_country_only():
    montreal = approved("Montréal")
    assert similar_requests("Ville de Montreal", "CA", public_only=True) == [montreal]
    assert similar_requests("Área Metropolitana de Montréal", "CA") == [montreal]
    assert similar_requests("Ville de Montreal", "FR", public_only=True) == []
    assert similar_requests("Ville de Québec", "CA", public_only=True) == []


@pytest.mark.django_db
def test_the_join_form_links_the_existing_profile_for_ville_de_montreal(client, join_data):
    montreal = approved("Montréal")
    response = client.post(
        "/join/", join_data(organisation="Ville de Montreal", city="Montréal", country="CA")
    )
    assert response.status_code == 409
    assert f'href="{montreal.get_absolute_url()}"' in response.content.decode()
    assert Signatory.objects.count() == 1


@pytest.mark.django_db
def test_a_request_like_another_by_its_key_is_marked_as_a_possible_duplicate(client, join_data):
    Signatory.objects.create(
        organisation="City of Montreal", kind="government", country="CA", status="pending"
    )
    same = Signatory.objects.active().like(organisation="Ville de Montréal", country="CA", email="")
    assert same.count() == 1
    other = Signatory.objects.active().like(organisation="Ville de Laval", country="CA", email="")
    assert not other.exists()
    name = "北京市人民政府"
    beijing = Signatory.objects.create(organisation=name, kind="government", country="CN")
    assert list(Signatory.objects.like(organisation=name, country="CN", email="")) == [beijing]

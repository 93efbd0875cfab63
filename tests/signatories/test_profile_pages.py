"""A signatory's public profile: only approved ones, its badge, its place in the sitemap,
and the join form pointing to it when a new request resembles it."""

import pytest

from signatories.models import Signatory


@pytest.mark.django_db
def test_pending_and_declined_requests_have_no_profile(client, city):
    city.status = Signatory.Status.PENDING
    city.save()
    assert client.get(city.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_the_badge_is_an_svg_with_the_name_escaped(client, city):
    city.organisation = 'Ville <script>alert("x")</script> & Co'
    city.save()
    response = client.get(f"{city.get_absolute_url()}badge.svg")
    assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
    body = response.content.decode()
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert "· 2020<" in body  # the year, not "2,020"
    profile = client.get(city.get_absolute_url()).content.decode()
    assert "badge.svg" in profile and "&lt;a href=" in profile  # the embed snippet


@pytest.mark.django_db
def test_profiles_have_open_graph_tags_and_are_in_the_sitemap(client, city):
    page = client.get(city.get_absolute_url()).content.decode()
    assert '<meta property="og:type" content="profile">' in page
    sitemap = client.get("/sitemap-signatories.xml").content.decode()
    assert city.get_absolute_url() in sitemap


@pytest.mark.django_db
def test_already_joined_says_so_and_links_the_profile_without_showing_pending_names(
    client, join_data, city
):
    Signatory.objects.create(
        organisation="Zona Metropolitana Secreta", kind="government", country="BR",
        contact_email="x@secret.example",
    )  # fmt: skip
    data = join_data(organisation="Ciudad Ejemplo Metropolitana SA", country="PE")
    response = client.post("/join/", data)
    html = response.content.decode()
    assert response.status_code == 409
    assert f'<a href="{city.get_absolute_url()}">Ciudad Ejemplo Metropolitana</a>' in html
    assert "Ciudad Ejemplo Metropolitana SA" in html  # the input is kept

    # A pending request is never hinted at: the form goes through, marked for the officer.
    sent = client.post("/join/", join_data(organisation="Zona Metropolitana Secretas"))
    assert sent.status_code == 302
    new = Signatory.objects.get(organisation="Zona Metropolitana Secretas")
    assert new.possible_duplicate

"""Countries within a region follow the reader's alphabet, not their codes."""

import pytest

from tests.signatories.test_public_list import make_signatory


def country_headings(client, url):
    body = client.get(url).content.decode()
    body = body[body.rindex("</form>") :]  # after the filters, which name the countries too
    names = ["Germany", "Spain", "France", "Allemagne", "Espagne", "Chine", "Inde"]
    names += ["Émirats arabes unis", "Émirats Arabes Unis"]
    return sorted((body.index(name), name) for name in names if name in body)


@pytest.mark.django_db
def test_countries_of_a_region_are_in_the_order_of_their_translated_names(client):
    for n, country in enumerate(["DE", "ES", "FR", "AE", "CN", "IN"]):
        make_signatory(n, organisation=f"Institution {n}", country=country)
    english = [name for _at, name in country_headings(client, "/signatories/")]
    assert english[:3] == ["France", "Germany", "Spain"]
    french = [name for _at, name in country_headings(client, "/fr/signatories/")]
    assert french[0] == "Chine" and french[1].startswith("Émirats") and french[2] == "Inde"
    assert french[3:] == ["Allemagne", "Espagne", "France"]

"""The map of signatories: inline SVG, accessible links and a table, no script, small."""

from __future__ import annotations

import re

import pytest

from pagecache.fragments import content_stamp
from signatories.models import Signatory


def approved(name, country, city="", lat=None, lon=None, **fields):
    return Signatory.objects.create(
        organisation=name, kind="government", country=country, city=city,
        latitude=lat, longitude=lon, status="approved", **fields,
    )  # fmt: skip


@pytest.fixture
def signatories(db):
    approved("São Paulo", "BR", "São Paulo", -23.55, -46.63)
    approved("Rio de Janeiro", "BR", "Rio de Janeiro", -22.91, -43.17)
    approved("Lisbon", "PT", "Lisbon", 38.72, -9.14)
    Signatory.objects.create(organisation="Pending city", kind="government", country="FR")


@pytest.mark.django_db
def test_countries_with_signatories_are_links_with_accessible_names(client, signatories):
    response = client.get("/signatories/map/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="/places/br/" aria-label="Brazil: 2 signatories">' in html
    assert 'aria-label="Portugal: 1 signatory"' in html
    assert "France" not in html  # a pending request is not on the map
    assert html.count('<use href="#city"') == 3
    table = html[html.index("<table") :]
    assert re.search(r"Brazil</a></th><td class=\"num\">2</td>", table)
    assert "<script" not in html


@pytest.mark.django_db
def test_the_map_page_weighs_under_150_kb_and_the_map_is_on_the_home_page(client, signatories):
    html = client.get("/signatories/map/").content
    assert len(html) < 150 * 1024, len(html)
    home = client.get("/").content.decode()
    assert 'aria-label="Brazil: 2 signatories"' in home


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/fr", "/es"])
def test_the_signatory_list_leads_to_the_map(client, signatories, prefix):
    # the map's breadcrumb puts it under Signatories, where the main menu leads
    html = client.get(f"{prefix}/signatories/").content.decode()
    assert f'href="{prefix}/signatories/map/"' in html


@pytest.mark.django_db
def test_a_withdrawn_signatory_leaves_the_map_at_once(client, signatories):
    assert 'aria-label="Portugal: 1 signatory"' in client.get("/signatories/map/").content.decode()
    Signatory.objects.filter(organisation="Lisbon").update(status="withdrawn")
    Signatory.objects.get(organisation="Lisbon").save()  # as a review does
    html = client.get("/signatories/map/").content.decode()
    assert "Portugal" not in html and html.count('<use href="#city"') == 2


@pytest.mark.django_db
def test_the_map_reads_in_french(client, signatories):
    html = client.get("/fr/signatories/map/").content.decode()
    assert (
        'aria-label="Brésil : 2 signataires"' in html
        or 'aria-label="Brésil: 2 signataires"' in html
    )


@pytest.mark.django_db
def test_the_map_query_count_does_not_grow(client, signatories, django_assert_max_num_queries):
    for n in range(30):
        approved(f"City {n}", "AR", f"City {n}", -30 + n / 10, -60)
    content_stamp()  # once per content version for the whole site (pagecache/schedule.py)
    with django_assert_max_num_queries(3):
        assert client.get("/signatories/map/?fresh").status_code == 200


def segments(d: str):
    """Every straight segment of an SVG path made of M, L, H, V and Z (absolute or relative)."""
    tokens = re.findall(r"[MmLlHhVvZz]|-?\d+(?:\.\d+)?", d)
    x = y = start_x = start_y = 0.0
    command = "M"
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "Zz":
                yield (x, y), (start_x, start_y)
                x, y = start_x, start_y
            continue
        if command in "Hh":
            nx, ny, i = float(tokens[i]) + (x if command == "h" else 0), y, i + 1
        elif command in "Vv":
            nx, ny, i = x, float(tokens[i]) + (y if command == "v" else 0), i + 1
        else:
            nx, ny = float(tokens[i]), float(tokens[i + 1])
            if command.islower():
                nx, ny = nx + x, ny + y
            i += 2
        if command in "Mm":
            start_x, start_y = nx, ny
            command = "l" if command == "m" else "L"  # pairs after a move are lines
        else:
            yield (x, y), (nx, ny)
        x, y = nx, ny


@pytest.mark.django_db
def test_no_line_of_the_map_crosses_more_than_half_the_world(client, signatories):
    html = client.get("/signatories/map/").content.decode()
    width = float(re.search(r'class="map__svg" viewBox="0 0 (\d+) \d+"', html).group(1))
    paths = re.findall(r'<path[^>]* d="([^"]+)"', html)
    assert len(paths) > 150
    too_long = [
        (start, end)
        for d in paths
        for start, end in segments(d)
        if abs(end[0] - start[0]) > width / 2
    ]
    assert not too_long, too_long[:5]


@pytest.mark.django_db
def test_countries_with_as_many_signatories_are_in_the_readers_alphabet(client):
    for country in ["IN", "AE", "CN"]:
        approved(f"Institution in {country}", country)
    html = client.get("/fr/signatories/map/").content.decode()
    table = html[html.index("<table") :]
    rows = re.findall(r'\?country=(\w\w)">', table)
    assert rows == ["CN", "AE", "IN"]  # Chine, Émirats arabes unis, Inde


@pytest.mark.django_db
def test_the_table_adds_up_to_its_total_with_those_without_a_country(client, signatories):
    approved("A network of cities", "")
    html = client.get("/signatories/map/").content.decode()
    table = html.split('<table class="map__table">')[1].split("</table>")[0]
    total = int(re.search(r"by country \((\d+)\)", table)[1])
    rows = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', table)]
    assert total == sum(rows) == 4
    assert "No country given</th>" in table

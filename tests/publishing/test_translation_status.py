"""Translation status: missing, complete or out of date, per language, shown to staff and
(when out of date) to readers."""

import datetime

import pytest
import time_machine

from publishing.translation_status import filter_by_status
from tests.factories import make_insight
from toolkit.models import Insight


def translate(obj, code, **fields):
    for name, value in fields.items():
        setattr(obj, f"{name}_{code}", value)
    obj.save()


@pytest.fixture
def translated(theme):
    insight = make_insight(theme=theme, title="Green roofs", summary="S", body="B")
    translate(insight, "fr", title="Toits verts", summary="S fr", body="B fr")
    return insight


@pytest.mark.django_db
def test_a_new_translation_is_complete_and_an_absent_one_missing(translated):
    assert translated.translation_status("fr") == "complete"
    assert translated.translation_status("es") == "missing"
    assert translated.translation_status("en") == "complete"


@pytest.mark.django_db
def test_changing_the_english_text_makes_translations_out_of_date_until_they_are_edited(
    translated,
):
    with time_machine.travel(datetime.datetime(2026, 5, 4, 12, tzinfo=datetime.UTC)):
        translate(translated, "en", body="A new English body")
    assert translated.translation_status("fr") == "out_of_date"
    assert translated.english_changed_at.date() == datetime.date(2026, 5, 4)
    translate(translated, "fr", body="Un nouveau corps")
    assert translated.translation_status("fr") == "complete"


@pytest.mark.django_db
def test_saving_without_changing_the_english_text_changes_nothing(translated):
    translated.status = "draft"
    translated.save()
    assert translated.translation_status("fr") == "complete"
    assert translated.english_changed_at is None


@pytest.mark.django_db
def test_rows_can_be_filtered_by_status_in_the_database(translated, theme):
    stale = make_insight(theme=theme, title="Stale")
    translate(stale, "fr", title="Périmé", summary="s", body="b")
    translate(stale, "en", summary="Changed")
    make_insight(theme=theme, title="Untranslated")
    insights = Insight.objects.all()
    titles = lambda status: sorted(i.title_en for i in filter_by_status(insights, "fr", status))  # noqa: E731
    assert titles("complete") == ["Green roofs"]
    assert titles("out_of_date") == ["Stale"]
    assert titles("missing") == ["Untranslated"]


@pytest.mark.django_db
def test_staff_see_each_language_status_and_filter_by_it(admin_client, translated, theme):
    translate(make_insight(theme=theme, title="Needs Spanish"), "es", title="")
    listing = admin_client.get("/admin/toolkit/insight/").content.decode()
    assert "EN complete · FR complete · ES missing" in listing
    french_missing = admin_client.get("/admin/toolkit/insight/?translation_fr=missing")
    assert "Needs Spanish" in french_missing.content.decode()
    assert "Green roofs" not in french_missing.content.decode()
    for path in ["toolkit/theme", "initiatives/programme", "initiatives/entry"]:
        response = admin_client.get(f"/admin/{path}/?translation_es=out_of_date")
        assert response.status_code == 200


@pytest.mark.django_db
def test_readers_of_an_out_of_date_translation_see_a_dated_notice_linking_to_english(
    client, translated
):
    url = translated.get_absolute_url()
    assert "data-stale-translation" not in client.get(f"/fr{url}").content.decode()
    with time_machine.travel(datetime.datetime(2026, 5, 4, 12, tzinfo=datetime.UTC)):
        translate(translated, "en", body="A new English body")
    french = client.get(f"/fr{url}").content.decode()
    assert "data-stale-translation" in french
    assert "4 mai 2026" in french and f'href="{url}"' in french
    assert "data-stale-translation" not in client.get(url).content.decode()  # English page
    assert "data-stale-translation" not in client.get(f"/es{url}").content.decode()  # missing
    translate(translated, "fr", body="Corps à jour")
    assert "data-stale-translation" not in client.get(f"/fr{url}").content.decode()

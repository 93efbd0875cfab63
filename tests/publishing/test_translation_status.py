"""Translation status: missing, partial, complete or out of date, per language, shown to
staff and (when out of date) to readers."""

import datetime

import pytest
import time_machine

from publishing.translation_status import STATUSES, filter_by_status
from signatories.models import Signatory
from tests.factories import make_insight
from tests.publishing.test_revisions import insight_form
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
def test_an_english_edit_in_the_admin_leaves_translations_out_of_date(admin_client, theme):
    """Browsers send every text area back with CRLF line ends: the untouched French body
    must not count as a new translation of the new English text."""
    insight = make_insight(theme=theme, body="One line.\nAnother line.")
    translate(insight, "fr", title="Titre", summary="Résumé", body="Une ligne.\nUne autre.")
    form = insight_form(
        insight, title_en="A clearer title", title_fr="Titre", summary_fr="Résumé",
        body_en="One line.\r\nAnother line.", body_fr="Une ligne.\r\nUne autre.",
    )  # fmt: skip

    response = admin_client.post(f"/admin/toolkit/insight/{insight.pk}/change/", form)

    assert response.status_code == 302
    insight.refresh_from_db()
    assert insight.translation_status("fr") == "out_of_date"


@pytest.mark.django_db
def test_line_ends_alone_change_neither_the_english_text_nor_a_translation(theme):
    insight = make_insight(theme=theme, body="One line.\nAnother line.")
    translate(insight, "fr", title="Titre", summary="Résumé", body="Une ligne.\nUne autre.")
    Insight.objects.filter(pk=insight.pk).update(  # hashed before line ends were normalised
        english_hash="an-old-hash", translated_from={"fr": "an-old-hash"}
    )
    insight.refresh_from_db()

    translate(insight, "en", body="One line.\r\nAnother line.")

    assert insight.translation_status("fr") == "complete"
    assert insight.english_changed_at is None


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
def test_a_translation_of_some_fields_only_is_partial_not_missing(theme):
    insight = make_insight(theme=theme, title="Green roofs", summary="S", body="B")
    translate(insight, "fr", title="Toits verts")
    assert insight.translation_status("fr") == "partial"
    assert insight.translation_status("es") == "missing"
    translate(insight, "fr", summary="S fr", body="B fr")
    assert insight.translation_status("fr") == "complete"


@pytest.mark.django_db
def test_an_english_field_written_later_makes_a_complete_translation_partial(theme):
    insight = make_insight(theme=theme, title="Green roofs", summary="S", body="")
    translate(insight, "fr", title="Toits verts", summary="S fr")
    assert insight.translation_status("fr") == "complete"
    translate(insight, "en", body="A body written later")
    assert insight.translation_status("fr") == "partial"


@pytest.mark.django_db
def test_the_database_filter_agrees_with_the_status_of_every_row(translated, theme):
    partial = make_insight(theme=theme, title="Half done")
    translate(partial, "fr", title="À moitié")
    stale = make_insight(theme=theme, title="Stale")
    translate(stale, "fr", title="Périmé", summary="s", body="b")
    translate(stale, "en", summary="Changed")
    make_insight(theme=theme, title="Untranslated")
    make_insight(theme=theme, title="No body", body="")
    insights = Insight.objects.all()
    for code in ["fr", "es"]:
        for wanted in STATUSES:
            found = set(filter_by_status(insights, code, wanted))
            expected = {i for i in insights if i.translation_status(code) == wanted}
            assert found == expected, (code, wanted)
    assert [i.title_en for i in filter_by_status(insights, "fr", "partial")] == ["Half done"]


@pytest.mark.django_db
def test_a_signatory_without_a_role_note_has_nothing_to_translate(db):
    quiet = Signatory.objects.create(organisation="Quiet City", kind="government")
    noted = Signatory.objects.create(organisation="Noted City", kind="government",
                                     public_note="Co-presidency")  # fmt: skip
    signatories = Signatory.objects.all()
    assert quiet.translation_status("fr") == "complete"
    assert list(filter_by_status(signatories, "fr", "complete")) == [quiet]
    assert list(filter_by_status(signatories, "fr", "missing")) == [noted]
    assert not filter_by_status(signatories, "fr", "out_of_date").exists()


@pytest.mark.django_db
def test_staff_see_each_language_status_and_filter_by_it(admin_client, translated, theme):
    translate(make_insight(theme=theme, title="Needs Spanish"), "es", title="")
    half = make_insight(theme=theme, title="Half in French")
    translate(half, "fr", title="À moitié en français")
    listing = admin_client.get("/admin/toolkit/insight/").content.decode()
    assert "English complete · French complete · Spanish missing" in listing
    assert "French partial" in listing
    assert "?translation_fr=partial" in listing  # the filter offers it
    french_partial = admin_client.get("/admin/toolkit/insight/?translation_fr=partial")
    assert "Half in French" in french_partial.content.decode()
    assert "Needs Spanish" not in french_partial.content.decode()
    french_missing = admin_client.get("/admin/toolkit/insight/?translation_fr=missing")
    assert "Needs Spanish" in french_missing.content.decode()
    assert "Green roofs" not in french_missing.content.decode()
    for path in ["toolkit/theme", "initiatives/programme", "initiatives/entry"]:
        for wanted in ["out_of_date", "partial"]:
            response = admin_client.get(f"/admin/{path}/?translation_es={wanted}")
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

"""What staff write for readers beyond titles and bodies is translated too: signatories'
role notes, the reported total's source and entries' people lines are shown in the
reader's language, marked `lang="en"` where they fall back, and go out in the PO export
and back in through its import."""

from __future__ import annotations

import datetime

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from initiatives.models import Entry
from signatories.models import ReportedTotal, Signatory
from tests.factories import make_entry
from tests.html_lang import languages_of

pytestmark = pytest.mark.django_db

CO_PRESIDENCY = "Metropolis Co-Presidency in 2020, when the call was launched"
PRESIDENCY = "Metropolis Presidency in 2020, when the call was launched"
SOURCE = "Metropolis news of 29 June 2021 announcing the toolkit"


@pytest.fixture
def signatories(db):
    def approved(name, note, **fields):
        return Signatory.objects.create(
            organisation=name, kind="government", status="approved", public_note=note, **fields
        )

    montreal = approved("Montréal", CO_PRESIDENCY, public_note_fr="Coprésidence de Metropolis")
    berlin = approved("Berlin", PRESIDENCY)
    total, _new = ReportedTotal.objects.update_or_create(  # a migration records this one
        reported_on=datetime.date(2021, 6, 29),
        defaults={"more_than": 30, "source": SOURCE,
                  "source_es": "Noticia de Metropolis del 29 de junio de 2021"},
    )  # fmt: skip
    return montreal, berlin, total


def test_role_notes_are_shown_in_the_reader_language_or_marked_english(client, signatories):
    montreal, berlin, _total = signatories
    listing = client.get("/fr/signatories/").content.decode()
    assert languages_of(listing, "Coprésidence de Metropolis") == ["fr"]
    assert CO_PRESIDENCY not in listing
    assert languages_of(listing, PRESIDENCY) == ["en"]
    profile = client.get(f"/fr/signatories/{montreal.slug}/").content.decode()
    assert languages_of(profile, "Coprésidence de Metropolis") == ["fr"]
    assert languages_of(
        client.get(f"/fr/signatories/{berlin.slug}/").content.decode(), PRESIDENCY
    ) == ["en"]


def test_the_reported_total_source_is_shown_in_the_reader_language(client, signatories):
    spanish = client.get("/es/signatories/").content.decode()
    assert languages_of(spanish, "Noticia de Metropolis del 29 de junio de 2021") == ["es"]
    assert SOURCE not in spanish
    french = client.get("/fr/signatories/").content.decode()
    assert languages_of(french, SOURCE) == ["en"]


def test_people_lines_are_shown_in_the_reader_language(client):
    entry = make_entry(
        people="Carolina Cosse, Mayor, Montevideo",
        people_es="Carolina Cosse, intendenta, Montevideo",
    )
    url = entry.get_absolute_url()
    spanish = client.get(f"/es{url}").content.decode()
    assert languages_of(spanish, "Carolina Cosse, intendenta, Montevideo") == ["es"]
    assert "Mayor" not in spanish
    assert languages_of(client.get(f"/fr{url}").content.decode(), "Carolina Cosse, Mayor") == ["en"]


def test_the_po_export_holds_role_notes_sources_and_people_and_the_import_writes_them(
    admin_client, signatories
):
    montreal, berlin, total = signatories
    entry = make_entry(people="Pascal Smet, speaker, Brussels")
    exported = admin_client.get("/admin/translations/?export=fr")
    po = polib.pofile(exported.content.decode())
    found = {entry.msgctxt: entry for entry in po}
    assert found[f"signatories.signatory:{berlin.pk}:public_note"].msgid == PRESIDENCY
    assert f"signatories.signatory:{montreal.pk}:public_note" not in found  # done
    assert found[f"signatories.reportedtotal:{total.pk}:source"].msgid == SOURCE
    assert found[f"initiatives.entry:{entry.pk}:people"].msgid == "Pascal Smet, speaker, Brussels"

    french = {
        f"signatories.signatory:{berlin.pk}:public_note": "Présidence de Metropolis en 2020",
        f"signatories.reportedtotal:{total.pk}:source": "Actualité de Metropolis",
        f"initiatives.entry:{entry.pk}:people": "Pascal Smet, intervenant, Bruxelles",
    }
    for item in po:
        item.msgstr = french.get(item.msgctxt, "")
    upload = SimpleUploadedFile("fr.po", str(po).encode())
    checked = admin_client.post("/admin/translations/", {"language": "fr", "file": upload})
    assert checked.status_code == 200
    token = checked.content.decode().split('name="checked" value="')[1].split('"')[0]
    applied = admin_client.post("/admin/translations/", {"language": "fr", "checked": token})
    assert applied.status_code == 302
    berlin.refresh_from_db()
    total.refresh_from_db()
    assert berlin.public_note_fr == "Présidence de Metropolis en 2020"
    assert berlin.translation_status("fr") == "complete"
    assert total.source_fr == "Actualité de Metropolis"
    assert Entry.objects.get(pk=entry.pk).people_fr == "Pascal Smet, intervenant, Bruxelles"


def test_a_changed_role_note_makes_its_translation_out_of_date(signatories):
    montreal, _berlin, _total = signatories
    assert montreal.translation_status("fr") == "complete"
    montreal.public_note = "Metropolis Co-Presidency"
    montreal.save()
    assert montreal.translation_status("fr") == "out_of_date"
    montreal.status = "withdrawn"
    montreal.save(update_fields=["status"])  # no text saved: nothing stamped
    assert Signatory.objects.get(pk=montreal.pk).translation_status("fr") == "out_of_date"

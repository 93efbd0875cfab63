"""The starting content's tags, role notes, reported-total source and people lines load
in French and Spanish with `load_content`, so no English shows on those pages."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from taggit.models import Tag

from initiatives.models import Entry
from signatories.models import ReportedTotal, Signatory
from tags.models import TagNames


@pytest.mark.django_db
def test_load_content_translates_tags_notes_source_and_people(client):
    call_command("load_content", stdout=StringIO())
    assert Tag.objects.count() == TagNames.objects.count() > 20
    for code in ("fr", "es"):
        assert not TagNames.objects.filter(**{f"name_{code}__isnull": True}).exists(), code
        noted = Signatory.objects.exclude(public_note_en="")
        assert noted.count() == 6 and all(s.translation_status(code) == "complete" for s in noted)
        assert ReportedTotal.objects.get().translation_status(code) == "complete"
        for entry in Entry.objects.exclude(people_en=""):
            assert entry.translation_status(code) == "complete", entry.slug
    assert Signatory.objects.get(organisation="Berlin").public_note_fr.startswith(
        "Présidence de Metropolis en 2020"
    )
    assert TagNames.objects.get(tag__name="women").name_es == "mujeres"
    french = client.get("/fr/signatories/").content.decode()
    assert "when the call was launched" not in french
    assert "announcing the toolkit" not in french
    assert "Coprésidence de Metropolis" in french
    assert "<title>Mot-clé « soin »" in client.get("/fr/tags/care/").content.decode()

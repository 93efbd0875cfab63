"""Text shown in English on a French or Spanish page is marked `lang="en"`, field by field:
an untranslated title (often a name) never marks the translated text beside it."""

from __future__ import annotations

import pytest

from tests.factories import make_entry, make_insight, make_programme
from tests.html_lang import languages_of

pytestmark = pytest.mark.django_db


def test_programme_cards_mark_only_what_is_in_english(client):
    make_programme(title="MetroTalks", tagline="Debates.", tagline_fr="Des experts débattent.")
    html = client.get("/fr/initiatives/").content.decode()
    assert languages_of(html, "Des experts débattent.") == ["fr"]
    assert languages_of(html, "MetroTalks")[-1] == "en"


def test_entry_and_insight_cards_mark_each_field(client):
    programme = make_programme(title="Cities for Global Health", title_fr="Villes pour la santé")
    make_entry(programme, title="Lima te Escucha", summary="Counselling.", summary_fr="Écoute.")
    make_insight(title="Night buses", title_fr="Bus de nuit", summary="Buses at night.")
    entries = client.get(f"/fr/initiatives/{programme.slug}/").content.decode()
    assert languages_of(entries, "Écoute.") == ["fr"]
    assert languages_of(entries, "Lima te Escucha") == ["en"]
    home = client.get("/fr/").content.decode()
    assert set(languages_of(home, "Bus de nuit")) == {"fr"}
    assert set(languages_of(home, "Buses at night.")) == {"en"}


def test_a_field_empty_in_english_is_not_called_untranslated(client):
    from django.utils import translation

    from publishing.templatetags.translations import untranslated

    entry = make_entry(people="", body="")
    with translation.override("fr"):
        assert not untranslated(entry, "people") and not untranslated(entry, "body_html")
        entry.summary_fr = ""
        assert untranslated(entry, "summary")

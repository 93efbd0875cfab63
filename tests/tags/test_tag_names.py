"""Tags carry a name per language: tag pages, lists, filters, clouds, feeds and search show
the reader's language, and the English name, marked `lang="en"`, where there is none.
Slugs, and so addresses, never change with the names."""

from __future__ import annotations

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from taggit.models import Tag

from tags.models import TagNames
from tests.factories import make_entry, make_insight
from tests.html_lang import languages_of

pytestmark = pytest.mark.django_db


def name(tag_name: str, **names) -> TagNames:
    names_row = Tag.objects.get(name=tag_name).names
    for code, value in names.items():
        setattr(names_row, f"name_{code}", value)
    names_row.save()
    return names_row


@pytest.fixture
def tagged(theme):
    insight = make_insight(theme=theme, title="Count unpaid care", tags=["care", "women"])
    name("care", fr="soin", es="cuidados")
    return insight


def test_every_tag_gets_its_row_of_names_and_keeps_its_slug_when_renamed(client, theme):
    make_insight(theme=theme, tags=["covid-19 recovery"])
    tag = Tag.objects.get(name="covid-19 recovery")
    name("covid-19 recovery", fr="relance après la covid-19")
    assert tag.names.translation_status("fr") == "complete"
    tag.name = "Covid-19 recovery"
    tag.save()
    tag.refresh_from_db()
    assert tag.slug == "covid-19-recovery" and tag.names.name_en == "Covid-19 recovery"
    assert tag.names.translation_status("fr") == "out_of_date"  # the English changed
    assert client.get("/fr/tags/covid-19-recovery/").status_code == 200


def test_the_tag_page_is_in_the_reader_language(client, tagged):
    html = client.get("/fr/tags/care/").content.decode()
    assert "<title>Mot-clé « soin »" in html
    assert languages_of(html, "soin")[0] == "fr"
    assert "« care »" not in html
    assert "Mot-clé « cuidados »" not in html
    spanish = client.get("/es/tags/care/").content.decode()
    assert "cuidados" in spanish
    english = client.get("/tags/care/").content.decode()
    assert "<h1>care</h1>" in english


def test_a_tag_without_a_translation_shows_english_marked(client, tagged):
    html = client.get("/fr/tags/women/").content.decode()
    assert '<h1><span lang="en">women</span></h1>' in html
    card_page = client.get("/fr/toolkit/gender-equality/").content.decode()
    assert set(languages_of(card_page, "women")) == {"en"}  # on the card and in the filter
    assert set(languages_of(card_page, "soin")) == {"fr"}


def test_lists_filters_and_clouds_show_the_reader_language(client, tagged, theme):
    entry = make_entry(themes=[theme], tags=["care"])
    pages = [
        f"/fr{theme.get_absolute_url()}",  # the area's filter and its cards
        f"/fr{tagged.get_absolute_url()}",  # the insight's tags
        f"/fr{entry.get_absolute_url()}",  # the entry's tags
        "/fr/toolkit/",  # the most used tags
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "soin" in html, url
        assert ">care<" not in html and ">care " not in html, url


def test_the_tag_feed_is_titled_in_the_reader_language(client, tagged):
    rss = client.get("/fr/tags/care/feed.rss").content.decode()
    assert "soin" in rss.split("<item>")[0]


def test_search_finds_tags_by_any_name_and_shows_the_reader_language(client, tagged):
    french = client.get("/fr/search/", {"q": "soin", "type": "tag"}).content.decode()
    assert 'href="/fr/tags/care/">soin</a>' in french
    by_english = client.get("/es/search/", {"q": "care", "type": "tag"}).content.decode()
    assert 'href="/es/tags/care/">cuidados</a>' in by_english
    untranslated = client.get("/fr/search/", {"q": "women", "type": "tag"}).content.decode()
    assert 'href="/fr/tags/women/"><span lang="en">women</span></a>' in untranslated


def test_tag_names_go_out_in_the_po_export_and_come_back_in(admin_client, tagged):
    women = Tag.objects.get(name="women")
    po = polib.pofile(admin_client.get("/admin/translations/?export=fr").content.decode())
    found = {entry.msgctxt: entry for entry in po}
    assert found[f"tags.tagnames:{women.pk}:name"].msgid == "women"
    assert f"tags.tagnames:{Tag.objects.get(name='care').pk}:name" not in found  # done
    for entry in po:
        entry.msgstr = "femmes" if entry.msgctxt == f"tags.tagnames:{women.pk}:name" else ""
    upload = SimpleUploadedFile("fr.po", str(po).encode())
    checked = admin_client.post("/admin/translations/", {"language": "fr", "file": upload})
    token = checked.content.decode().split('name="checked" value="')[1].split('"')[0]
    assert (
        admin_client.post("/admin/translations/", {"language": "fr", "checked": token}).status_code
        == 302
    )
    assert TagNames.objects.get(pk=women.pk).name_fr == "femmes"
    assert "femmes" in admin_client.get("/fr/tags/women/").content.decode()


def test_curators_translate_tag_names_in_the_admin(client, tagged, django_user_model):
    from django.contrib.auth.models import Group

    curator = django_user_model.objects.create_user("curator", password="x", is_staff=True)
    curator.groups.add(Group.objects.get(name="Content curators"))
    client.force_login(curator)
    listing = client.get("/admin/tags/tagnames/")
    assert listing.status_code == 200 and "soin" in listing.content.decode()

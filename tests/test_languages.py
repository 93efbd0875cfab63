"""The interface in English, French and Spanish; content translations with an English fallback."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core import mail  # noqa: F401 - mailoutbox fixture below

from outbox.models import Notification
from signatories.models import Signatory
from tests.factories import make_entry, make_insight, make_programme
from tests.signatories.conftest import started_seconds_ago


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "lang", "text"),
    [
        ("", "en", "Skip to content"),
        ("/fr", "fr", "Aller au contenu"),
        ("/es", "es", "Saltar al contenido"),
    ],
)
def test_each_language_has_its_prefix_html_lang_and_translated_interface(
    client, theme, prefix, lang, text
):
    response = client.get(f"{prefix}/toolkit/")
    body = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}"' in body
    assert text in body


@pytest.mark.django_db
def test_unknown_language_prefixes_are_404(client):
    assert client.get("/de/toolkit/").status_code == 404


@pytest.mark.django_db
def test_every_page_links_its_versions_in_each_language(client, theme):
    insight = make_insight(theme=theme, slug="count-care")
    body = client.get(f"/fr{insight.get_absolute_url()}").content.decode()
    for lang, prefix in [("en", ""), ("fr", "/fr"), ("es", "/es"), ("x-default", "")]:
        href = f"http://testserver{prefix}/toolkit/gender-equality/count-care/"
        assert f'<link rel="alternate" hreflang="{lang}" href="{href}">' in body
    # the switcher keeps the reader on the same page
    assert 'href="/es/toolkit/gender-equality/count-care/" hreflang="es" lang="es"' in body


@pytest.mark.django_db
def test_sitemap_lists_hreflang_alternates(client, theme):
    make_insight(theme=theme, slug="count-care")
    root = ET.fromstring(client.get("/sitemap-insights.xml").content)
    links = [link.attrib for link in root.iter("{http://www.w3.org/1999/xhtml}link")]
    french = "http://testserver/fr/toolkit/gender-equality/count-care/"
    assert {"rel": "alternate", "hreflang": "fr", "href": french} in links
    assert any(link["hreflang"] == "x-default" for link in links)


@pytest.mark.django_db
def test_missing_translations_fall_back_to_english_and_say_so(client, theme):
    insight = make_insight(theme=theme, title="Count unpaid care", body="English body.")

    french = client.get(f"/fr{insight.get_absolute_url()}").content.decode()

    assert '<h1 lang="en">Count unpaid care</h1>' in french
    assert "English body." in french
    assert "pas encore été traduit" in french


@pytest.mark.django_db
def test_translated_content_is_shown_without_the_notice(client, theme):
    insight = make_insight(theme=theme, title="Count unpaid care", body="English body.")
    insight.title_fr = "Compter le travail de soin"
    insight.summary_fr = "Le rendre visible."
    insight.body_fr = "Corps en **français**."
    insight.save()
    url = insight.get_absolute_url()

    french = client.get(f"/fr{url}").content.decode()
    english = client.get(url).content.decode()

    assert "<h1>Compter le travail de soin</h1>" in french
    assert "<strong>français</strong>" in french
    assert "pas encore été traduit" not in french
    assert "<h1>Count unpaid care</h1>" in english


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("", "May 12, 2021"), ("/fr", "12 mai 2021"), ("/es", "12 de mayo de 2021")],
)
def test_dates_are_written_the_way_each_language_writes_them(client, prefix, expected):
    entry = make_entry(make_programme(slug="metrotalks"), date=datetime.date(2021, 5, 12))
    assert expected in client.get(f"{prefix}{entry.get_absolute_url()}").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "lang", "subject"), [
    ("", "en", "We have received your request"),
    ("/fr", "fr", "Nous avons bien reçu votre demande"),
    ("/es", "es", "Hemos recibido su solicitud"),
])  # fmt: skip
def test_applicants_get_emails_in_the_language_they_used(client, prefix, lang, subject, admin_user):
    from signatories import services

    client.post(f"{prefix}/join/", {
        "organisation": "Ciudad", "kind": "government", "city": "Quito", "country": "EC",
        "contact_name": "Ana", "contact_email": "ana@quito.example", "consent": "on",
        "started": started_seconds_ago(),
    })  # fmt: skip
    signatory = Signatory.objects.get()
    assert signatory.language == lang
    acknowledgement = Notification.objects.get(kind="acknowledgement")
    assert subject in acknowledgement.subject
    services.signatory_review(signatory=signatory, status="approved", reviewer=admin_user)
    approval = Notification.objects.get(kind="approved")
    assert f"{prefix}/signatories/" in approval.text_body
    # the officer always reads English
    assert Notification.objects.get(kind="new_request").subject.startswith("New request")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "expected"), [("", "1,200"), ("/fr", "1\xa0200"), ("/es", "1\xa0200")]
)
def test_numbers_are_written_the_way_each_language_writes_them(client, prefix, expected):
    Signatory.objects.bulk_create(
        Signatory(organisation=f"Institution {n}", kind="other", status="approved")
        for n in range(1200)
    )
    assert f"{expected} " in client.get(f"{prefix}/signatories/").content.decode()

"""The admin index says what waits for staff, each count linking to its filtered list."""

import re

import pytest
from django.contrib.auth.models import Group, User

from signatories.models import ReportedTotal, Signatory
from tests.factories import make_insight
from tests.publishing.test_translation_status import translate
from toolkit_portal.roles import CONTENT_CURATORS


@pytest.mark.django_db
def test_the_admin_index_counts_what_waits_and_links_to_it(admin_client, theme):
    Signatory.objects.create(organisation="Pending City", kind="government", country="PE")
    make_insight(theme=theme, status="draft")
    body = admin_client.get("/admin/").content.decode()
    assert (
        'href="/admin/signatories/signatory/?status__exact=pending">Join requests to review: 1'
        in body
    )
    assert 'href="/admin/toolkit/insight/?publication=draft">Draft insights: 1' in body
    assert 'href="/admin/translations/"' in body


@pytest.mark.django_db
def test_the_admin_index_counts_translations_missing_partial_and_out_of_date(admin_client, theme):
    """A new insight with no French at all waits for a translator (it counted 0 when only
    out-of-date translations were counted)."""
    ReportedTotal.objects.all().delete()  # a migration records one, its source in English
    make_insight(theme=theme, title="New, no French at all")
    half = make_insight(theme=theme, title="Title only")
    translate(half, "fr", title="Titre seulement")
    stale = make_insight(theme=theme, title="Stale")
    translate(stale, "fr", title="Périmé", summary="s", body="b")
    translate(stale, "en", summary="Changed")
    body = admin_client.get("/admin/").content.decode()
    waiting = body[body.index('id="curation-module"') : body.index('id="staff-pages-module"')]
    french = waiting[waiting.index('id="backlog-fr"') : waiting.index('id="backlog-es"')]
    assert "Translations into French: 2 missing, 1 partial, 1 out of date" in french
    assert '<a href="/admin/toolkit/insight/?translation_fr=missing">1 missing</a>' in french
    assert '<a href="/admin/toolkit/insight/?translation_fr=partial">1 partial</a>' in french
    assert '<a href="/admin/toolkit/insight/?translation_fr=out_of_date">1 out of date' in french
    assert '<a href="/admin/toolkit/theme/?translation_fr=missing">1 missing</a>' in french
    assert "Translations into Spanish: 4 missing, 0 partial, 0 out of date" in waiting
    assert " FR " not in waiting and "“fr”" not in waiting


@pytest.mark.django_db
def test_curators_are_not_told_about_join_requests(client, theme):
    curator = User.objects.create_user("curator", is_staff=True)
    curator.groups.add(Group.objects.get(name=CONTENT_CURATORS))
    client.force_login(curator)
    body = client.get("/admin/").content.decode()
    assert "Draft insights" in body and "Join requests to review" not in body


@pytest.mark.django_db
def test_country_filters_offer_only_countries_in_use(admin_client):
    Signatory.objects.create(organisation="Lima", kind="government", country="PE")
    body = admin_client.get("/admin/signatories/signatory/").content.decode()
    assert "?country=PE" in body and "?country=FR" not in body
    filtered = admin_client.get("/admin/signatories/signatory/?country=PE").content.decode()
    assert "Lima" in filtered


@pytest.mark.django_db
def test_area_and_programme_filters_offer_only_those_in_use(admin_client, theme):
    from tests.factories import make_entry, make_programme, make_theme

    make_theme(title="Unused area", slug="unused-area")
    make_programme(title="Unused programme", slug="unused-programme")
    make_entry(programme=make_programme(title="Used programme"), themes=[theme])
    body = admin_client.get("/admin/initiatives/entry/").content.decode()
    assert "Used programme" in body and theme.title in body
    assert "Unused programme" not in body and "Unused area" not in body


@pytest.mark.django_db
def test_what_waits_comes_first_and_every_section_has_a_readable_name(admin_client):
    body = admin_client.get("/admin/").content.decode()
    main = body[body.index('id="content-main"') : body.index('id="content-related"')]
    # inside the main column (outside it, a header's band ran behind the whole app list)
    assert main.index('id="curation-module"') < main.index('id="staff-pages-module"')
    assert main.index('id="staff-pages-module"') < main.index('class="app-auth module')
    sections = re.findall(r'class="section" title="[^"]*">([^<]+)</a>', body)
    assert "Tags" in sections and "Taggit" not in sections
    assert len(sections) == len(set(sections))

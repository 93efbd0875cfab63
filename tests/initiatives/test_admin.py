import pytest

from initiatives.models import Entry
from tests.factories import make_entry, make_programme, make_theme


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/initiatives/programme/", "/admin/initiatives/entry/"])
def test_staff_see_the_changelists(admin_client, url):
    make_entry(make_programme(title="MetroTalks"), title="A listed talk", country="PE")
    body = admin_client.get(url).content.decode()
    assert "MetroTalks" in body


@pytest.mark.django_db
def test_entry_changelist_filters_by_programme_theme_country_and_status(admin_client):
    talks = make_programme(title="MetroTalks")
    theme = make_theme(title="Care")
    make_entry(talks, title="Talk in Lima", country="PE", themes=[theme])
    make_entry(title="Practice in Bilbao", country="ES", status="draft")
    url = "/admin/initiatives/entry/"

    assert (
        "Practice in Bilbao"
        not in admin_client.get(f"{url}?programme__id__exact={talks.pk}").content.decode()
    )
    assert (
        "Practice in Bilbao"
        not in admin_client.get(f"{url}?themes__id__exact={theme.pk}").content.decode()
    )
    assert "Talk in Lima" not in admin_client.get(f"{url}?country=ES").content.decode()
    assert "Talk in Lima" not in admin_client.get(f"{url}?status__exact=draft").content.decode()
    assert "Talk in Lima" in admin_client.get(f"{url}?q=Lima").content.decode()


@pytest.mark.django_db
def test_publish_and_unpublish_entries_in_bulk(admin_client):
    entry = make_entry(status="draft")
    url = "/admin/initiatives/entry/"
    response = admin_client.post(
        url, {"action": "publish", "_selected_action": [entry.pk]}, follow=True
    )
    assert "1 item published." in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == Entry.Status.PUBLISHED
    admin_client.post(url, {"action": "unpublish", "_selected_action": [entry.pk]})
    entry.refresh_from_db()
    assert entry.status == Entry.Status.DRAFT


@pytest.mark.django_db
def test_entry_add_form_prepopulates_the_slug(admin_client):
    body = admin_client.get("/admin/initiatives/entry/add/").content.decode()
    assert "prepopulated_fields" in body or "data-prepopulated-fields" in body
    assert "body_html" not in body

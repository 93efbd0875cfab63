"""Revisions: every admin save keeps a version; history shows what changed; restore and
recover work like edits (rendered, searchable, public at once); erased data leaves them."""

import re

import pytest
from reversion.models import Version

from signatories.models import Signatory
from tests.factories import make_entry, make_insight, make_programme
from toolkit.models import Insight


def insight_form(insight, **changes):
    data = {
        "theme": insight.theme_id, "slug": insight.slug, "status": "published",
        "published_on": "2021-06-29", "source_url": "",
        "title_en": insight.title_en, "summary_en": insight.summary_en, "body_en": insight.body_en,
        "title_fr": "", "summary_fr": "", "body_fr": "", "title_es": "", "summary_es": "",
        "body_es": "", "tags": "", "review_by": insight.review_by or "",
    }  # fmt: skip
    return {**data, **changes}


def edit(admin_client, insight, **changes):
    response = admin_client.post(
        f"/admin/toolkit/insight/{insight.pk}/change/", insight_form(insight, **changes)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    insight.refresh_from_db()


@pytest.fixture
def edited(admin_client, theme):
    insight = make_insight(theme=theme, title="Original title", body="Original **body**.")
    edit(admin_client, insight)
    edit(admin_client, insight, title_en="Second title", title_fr="Second titre")
    return insight


@pytest.mark.django_db
def test_every_admin_save_keeps_a_version_with_who_and_when(edited, admin_user):
    versions = Version.objects.get_for_object(edited)
    assert versions.count() == 2
    assert all(v.revision.user == admin_user for v in versions)


@pytest.mark.django_db
def test_the_history_shows_each_field_that_changed_in_every_language(admin_client, edited):
    body = admin_client.get(f"/admin/toolkit/insight/{edited.pk}/history/").content.decode()
    assert "Original title" in body and "Second title" in body and "Second titre" in body
    assert body.count("Restore this version") == 1  # not for the current one


@pytest.mark.django_db
def test_the_history_names_each_field_once_with_its_languages_side_by_side(admin_client, edited):
    body = admin_client.get(f"/admin/toolkit/insight/{edited.pk}/history/").content.decode()
    tables = re.findall(r'<table class="version-changes">.*?</table>', body, re.S)
    newest = tables[0]
    assert not any("[en]" in table or "[fr]" in table for table in tables)
    assert newest.count('scope="rowgroup" rowspan="2">Title</th>') == 1
    english = newest.index("<td>English</td><td>Original title</td><td>Second title</td>")
    french = newest.index("<td>French</td><td>—</td><td>Second titre</td>")
    assert english < french


@pytest.mark.django_db
def test_restoring_is_called_restoring_on_its_page_and_in_the_history(admin_client, edited):
    oldest = Version.objects.get_for_object(edited).order_by("pk").first()
    url = f"/admin/toolkit/insight/{edited.pk}/history/{oldest.pk}/"
    page = admin_client.get(url).content.decode()
    assert "revert" not in page.lower()
    assert "| Restore the version of" in page

    admin_client.post(url, insight_form(edited, title_en="Original title", title_fr=""))

    history = admin_client.get(f"/admin/toolkit/insight/{edited.pk}/history/").content.decode()
    assert "revert" not in history.lower() and "Restored the version of" in history


@pytest.mark.django_db
def test_restoring_a_version_saves_it_renders_it_and_shows_it_publicly_at_once(
    admin_client, client, edited
):
    page = edited.get_absolute_url()
    assert "Second title" in client.get(page).content.decode()  # cached now
    oldest = Version.objects.get_for_object(edited).order_by("pk").first()
    form = insight_form(
        edited, title_en="Original title", title_fr="", body_en="Restored **body**."
    )
    response = admin_client.post(f"/admin/toolkit/insight/{edited.pk}/history/{oldest.pk}/", form)
    assert response.status_code == 302
    edited.refresh_from_db()
    assert edited.title == "Original title"
    assert "<strong>body</strong>" in edited.body_html_en
    assert Version.objects.get_for_object(edited).count() == 3  # restoring is a new version
    public = client.get(page).content.decode()
    assert "Original title" in public and "Second title" not in public


@pytest.mark.django_db
def test_the_restore_form_is_filled_with_the_old_version(admin_client, edited):
    oldest = Version.objects.get_for_object(edited).order_by("pk").first()
    body = admin_client.get(f"/admin/toolkit/insight/{edited.pk}/history/{oldest.pk}/")
    assert 'value="Original title"' in body.content.decode()


@pytest.mark.django_db
def test_a_deleted_item_can_be_recovered(admin_client, client, theme):
    entry = make_entry(programme=make_programme(), title="Recover me", themes=[theme])
    form = {
        "programme": entry.programme_id, "slug": entry.slug, "status": "published",
        "published_on": "2021-06-29", "title_en": "Recover me", "summary_en": "s",
        "body_en": "b", "themes": [theme.pk], "tags": "",
    }  # fmt: skip
    assert (
        admin_client.post(f"/admin/initiatives/entry/{entry.pk}/change/", form).status_code == 302
    )
    admin_client.post(f"/admin/initiatives/entry/{entry.pk}/delete/", {"post": "yes"})
    version = Version.objects.get_deleted(type(entry)).get()
    listing = admin_client.get("/admin/initiatives/entry/recover/").content.decode()
    assert "Recover me" in listing
    response = admin_client.post(f"/admin/initiatives/entry/recover/{version.pk}/", form)
    assert response.status_code == 302
    recovered = type(entry).objects.get(slug=entry.slug)
    assert list(recovered.themes.all()) == [theme]
    assert client.get(recovered.get_absolute_url()).status_code == 200


def save_request_in_admin(admin_client, signatory):
    form = {
        "organisation": signatory.organisation, "kind": signatory.kind, "city": "Lima",
        "country": "PE", "website": "", "themes": [], "public_note": "",
        "contact_name": "Rosa Private", "contact_role": "Officer",
        "contact_email": "rosa@private.example", "message": "Private message",
        "notifications-TOTAL_FORMS": "0", "notifications-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = admin_client.post(f"/admin/signatories/signatory/{signatory.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:3000]


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["erase", "delete"])
def test_erasing_or_deleting_a_request_erases_its_contact_details_from_every_version(
    admin_client, how
):
    signatory = Signatory.objects.create(
        organisation="Lima", kind="government", country="PE", contact_email="rosa@private.example"
    )
    save_request_in_admin(admin_client, signatory)
    save_request_in_admin(admin_client, signatory)
    stored = lambda: " ".join(v.serialized_data for v in Version.objects.get_for_object(signatory))  # noqa: E731
    assert "rosa@private.example" in stored() and "Rosa Private" in stored()
    if how == "erase":
        from signatories.services import signatory_erase_contact

        signatory_erase_contact(signatory=Signatory.objects.get(pk=signatory.pk))
    else:
        admin_client.post(f"/admin/signatories/signatory/{signatory.pk}/delete/", {"post": "yes"})
    assert Version.objects.get_for_object(signatory).count() == 2
    for private in ["rosa@private.example", "Rosa Private", "Private message", "Officer"]:
        assert private not in stored()


@pytest.mark.django_db
def test_history_of_a_request_hides_contact_details_from_staff_without_the_permission(
    admin_client, client, django_user_model
):
    from django.contrib.auth.models import Permission

    signatory = Signatory.objects.create(organisation="Lima", kind="government", country="PE")
    save_request_in_admin(admin_client, signatory)
    reviewer = django_user_model.objects.create_user("reviewer", is_staff=True)
    reviewer.user_permissions.add(Permission.objects.get(codename="view_signatory"))
    client.force_login(reviewer)
    body = client.get(f"/admin/signatories/signatory/{signatory.pk}/history/").content.decode()
    assert "Lima" in body
    assert "rosa@private.example" not in body and "Rosa Private" not in body
    full = admin_client.get(f"/admin/signatories/signatory/{signatory.pk}/history/")
    assert "rosa@private.example" in full.content.decode()


@pytest.mark.django_db
def test_versions_are_not_public(client, edited):
    for url in [f"/admin/toolkit/insight/{edited.pk}/history/", "/admin/toolkit/insight/recover/"]:
        assert client.get(url).status_code == 302  # to the login page
    assert Insight.objects.count() == 1


@pytest.mark.django_db
def test_bulk_publishing_keeps_a_version_of_each_item_it_changes(admin_client, theme):
    drafts = [make_insight(theme=theme, status="draft") for _ in range(2)]
    published = make_insight(theme=theme)
    admin_client.post(
        "/admin/toolkit/insight/",
        {"action": "publish", "_selected_action": [i.pk for i in [*drafts, published]]},
    )
    for draft in drafts:
        version = Version.objects.get_for_object(draft).get()
        assert version.field_dict["status"] == "published"
        assert version.revision.get_comment() == "Published (bulk action)."
    assert not Version.objects.get_for_object(published).exists()  # it did not change

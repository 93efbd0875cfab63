"""Least privilege: the staff groups declared in toolkit_portal/roles.py, tested both ways."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command

from signatories.models import Signatory
from tests.factories import make_insight, make_theme
from toolkit_portal.roles import (
    CONTENT_CURATORS,
    GROUP_PERMISSIONS,
    POLICY_OFFICERS,
    TRANSLATORS,
    codename,
    keep_staff_groups_in_step,
)


def staff_in(group_name, client):
    user = User.objects.create_user(group_name.split()[0].lower(), is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return client


@pytest.fixture
def request_from_someone(db):
    return Signatory.objects.create(
        organisation="Secret City", kind="government", country="FR",
        contact_name="Private Person", contact_email="private@secret.example",
    )  # fmt: skip


@pytest.mark.django_db
def test_migrate_creates_every_group():
    names = set(Group.objects.values_list("name", flat=True))
    assert names >= {CONTENT_CURATORS, POLICY_OFFICERS, TRANSLATORS}


@pytest.mark.django_db
def test_a_content_curator_edits_the_toolkit_and_initiatives(client):
    curator = staff_in(CONTENT_CURATORS, client)
    theme = make_theme()
    insight = make_insight(theme=theme)
    for url in [
        "/admin/toolkit/theme/", "/admin/toolkit/insight/add/",
        f"/admin/toolkit/insight/{insight.pk}/change/", "/admin/initiatives/entry/add/",
        "/admin/initiatives/programme/add/", "/admin/taggit/tag/",
    ]:  # fmt: skip
        assert curator.get(url).status_code == 200, url

    response = curator.post(
        f"/admin/toolkit/insight/{insight.pk}/change/",
        {
            "theme": theme.pk, "title_en": "Edited by a curator", "slug": insight.slug,
            "summary_en": "A summary.", "body_en": "A body.", "status": "published",
            "published_on": "2021-01-01", "tags": "",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    insight.refresh_from_db()
    assert insight.title == "Edited by a curator"


@pytest.mark.django_db
def test_a_content_curator_never_sees_join_requests(client, request_from_someone):
    curator = staff_in(CONTENT_CURATORS, client)
    assert curator.get("/admin/signatories/signatory/").status_code == 403
    change = f"/admin/signatories/signatory/{request_from_someone.pk}/change/"
    assert curator.get(change).status_code == 403
    assert curator.get("/admin/outbox/notification/").status_code == 403
    assert "private@secret.example" not in curator.get("/admin/").content.decode()
    assert "Join requests" not in curator.get("/admin/").content.decode()


@pytest.mark.django_db
def test_a_policy_officer_reviews_requests_and_sees_contacts(client, request_from_someone):
    officer = staff_in(POLICY_OFFICERS, client)
    change = f"/admin/signatories/signatory/{request_from_someone.pk}/change/"
    assert "private@secret.example" in officer.get(change).content.decode()

    officer.post(
        "/admin/signatories/signatory/",
        {"action": "approve", "_selected_action": [request_from_someone.pk]},
    )
    request_from_someone.refresh_from_db()
    assert request_from_someone.status == "approved"


@pytest.mark.django_db
def test_a_policy_officer_cannot_edit_content(client):
    officer = staff_in(POLICY_OFFICERS, client)
    insight = make_insight()
    assert officer.get("/admin/toolkit/insight/").status_code == 403
    assert officer.get(f"/admin/toolkit/insight/{insight.pk}/change/").status_code == 403
    assert officer.get("/admin/initiatives/entry/add/").status_code == 403
    assert officer.get("/admin/auth/user/").status_code == 403


@pytest.mark.django_db
def test_a_translator_edits_content_and_its_translations_but_adds_and_deletes_nothing(
    client, request_from_someone
):
    translator = staff_in(TRANSLATORS, client)
    insight = make_insight()
    for url in ["/admin/", "/admin/translations/", "/admin/translations/?export=fr",
                f"/admin/toolkit/insight/{insight.pk}/change/", "/admin/tags/tagnames/",
                "/admin/toolkit/insight/?translation_fr=missing"]:  # fmt: skip
        assert translator.get(url).status_code == 200, url
    for url in ["/admin/toolkit/insight/add/", f"/admin/toolkit/insight/{insight.pk}/delete/",
                "/admin/signatories/signatory/", "/admin/outbox/notification/"]:  # fmt: skip
        assert translator.get(url).status_code == 403, url
    assert "Join requests" not in translator.get("/admin/").content.decode()


@pytest.mark.django_db
def test_no_group_may_manage_users_or_groups():
    for name in GROUP_PERMISSIONS:
        codenames = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert not {c for c in codenames if c.endswith(("_user", "_group", "_permission"))}


@pytest.mark.django_db
def test_every_migrate_puts_the_groups_back_as_declared():
    officers = Group.objects.get(name=POLICY_OFFICERS)
    officers.permissions.remove(officers.permissions.get(codename="view_contact_details"))
    officers.permissions.add(Permission.objects.get(codename="delete_user"))
    Group.objects.filter(name=CONTENT_CURATORS).delete()

    call_command("migrate", verbosity=0)

    assert set(codenames_of(POLICY_OFFICERS)) == declared(POLICY_OFFICERS)
    assert set(codenames_of(CONTENT_CURATORS)) == declared(CONTENT_CURATORS)


def test_a_group_naming_a_permission_that_does_not_exist_fails_loudly(db, monkeypatch):
    monkeypatch.setitem(GROUP_PERMISSIONS, POLICY_OFFICERS, {("signatories", "nothing"): ["view"]})
    with pytest.raises(LookupError, match="view_nothing"):
        keep_staff_groups_in_step()


def codenames_of(name):
    return Group.objects.get(name=name).permissions.values_list("codename", flat=True)


def declared(name):
    return {
        codename(a, model)
        for (_, model), actions in GROUP_PERMISSIONS[name].items()
        for a in actions
    }

"""Officers find the commitments due soon, overdue or of inactive signatories, and may
push a due date back once per cycle, with a note kept beside it; odd input is a form
error, never a server error."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitments.models import Extension
from outbox.models import Notification
from tests.commitments.cycle import (
    BEGUN,
    DUE,
    INACTIVE_FROM,
    approved_update,
    commit,
    days,
    on,
)
from tests.factories import make_theme
from toolkit_portal.roles import CONTENT_CURATORS, POLICY_OFFICERS


@pytest.fixture
def commitment(city):
    return commit(city, make_theme(title="Mobility", slug="mobility"))[0]


@pytest.fixture
def officer(client, db):
    user = User.objects.create_user("officer", is_staff=True)
    user.groups.add(Group.objects.get(name=POLICY_OFFICERS))
    return user


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def extend_url(commitment) -> str:
    return f"/admin/commitments/commitment/{commitment.pk}/extend/"


def change_url(commitment) -> str:
    return f"/admin/commitments/commitment/{commitment.pk}/change/"


@pytest.mark.django_db
def test_an_officer_extends_a_due_date_once_per_cycle_with_a_note(client, officer, commitment):
    with on(DUE - days(10)):
        client.force_login(officer)
        page = client.get(change_url(commitment)).content.decode()
        assert f'href="{extend_url(commitment)}"' in page
        form = client.get(extend_url(commitment)).content.decode()
        assert 'name="note"' in form and "90 days later" in form

        done = client.post(extend_url(commitment), {"note": "Elections in the city."})
        assert done.status_code == 302 and done["Location"] == change_url(commitment)
        commitment.refresh_from_db()
        assert commitment.due_on == DUE + days(90)
        extension = Extension.objects.get()
        assert (extension.granted_by, extension.note) == (officer, "Elections in the city.")
        assert (extension.due_before, extension.due_after) == (DUE, DUE + days(90))
        assert "Elections in the city." in client.get(change_url(commitment)).content.decode()

        again = client.post(extend_url(commitment), {"note": "More time."}, follow=True)
        assert "already been extended in this cycle" in again.content.decode()
        assert "was granted" in client.get(extend_url(commitment)).content.decode()
    commitment.refresh_from_db()
    assert commitment.due_on == DUE + days(90) and Extension.objects.count() == 1


@pytest.mark.django_db
def test_the_signatory_is_told_its_new_due_date_in_its_language_without_the_note(
    client, officer, city, commitment
):
    city.language = "fr"
    city.save(update_fields=["language"])
    with on(DUE - days(10)):
        client.force_login(officer)
        client.post(extend_url(commitment), {"note": "Internal: elections in the city."})

    email = Notification.objects.get(kind="commitment_extended")
    assert email.to == city.contact_email
    assert "Mobility" in email.text_body or "mobilit" in email.text_body.lower()
    assert "/fr/" in email.text_body and "Internal" not in email.text_body + email.html_body
    assert str((DUE + days(90)).year) in email.subject


@pytest.mark.django_db
def test_no_email_about_an_extension_without_an_address(client, officer, city, commitment):
    city.contact_email = ""
    city.save(update_fields=["contact_email"])
    with on(DUE - days(10)):
        client.force_login(officer)
        assert client.post(extend_url(commitment), {"note": "Why."}).status_code == 302
    assert not Notification.objects.filter(kind="commitment_extended").exists()


@pytest.mark.django_db
def test_the_next_cycle_may_be_extended_again(client, officer, city, commitment):
    with on(DUE - days(10)):
        client.force_login(officer)
        client.post(extend_url(commitment), {"note": "First."})
        approved_update(city, mobility={"status": "achieved"})
        assert client.post(extend_url(commitment), {"note": "Second."}).status_code == 302
    commitment.refresh_from_db()
    assert commitment.due_on == DUE - days(10) + days(365 + 90)
    assert Extension.objects.count() == 2


@pytest.mark.django_db
def test_staff_who_may_not_change_commitments_cannot_extend(client, commitment):
    curator = User.objects.create_user("curator", is_staff=True)
    curator.groups.add(Group.objects.get(name=CONTENT_CURATORS))
    client.force_login(curator)
    assert client.post(extend_url(commitment), {"note": "Please."}).status_code in (403, 404)
    assert not Extension.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("note", ["", "   ", "\x00", "Late\x00 again", "x" * 1001, "x" * 100_000])
def test_bad_notes_are_form_errors_and_extend_nothing(admin_client, commitment, note):
    response = admin_client.post(extend_url(commitment), {"note": note})
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.due_on == DUE and not Extension.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["abc", "99999999999999999999999999", "-1", "%00", "1e999"])
def test_forged_addresses_of_the_extension_page_are_404(admin_client, commitment, path):
    assert admin_client.post(f"/admin/commitments/commitment/{path}/extend/").status_code == 404


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    note=st.one_of(
        st.text(max_size=1200), st.sampled_from(["\x00", "a\x00b", "x" * 20_000, " \n\t"])
    ),
    extra=st.dictionaries(st.sampled_from(["note", "due_on", "days", "_save"]), st.text()),
)
def test_the_extension_form_never_fails_whatever_it_is_sent(admin_client, commitment, note, extra):
    response = admin_client.post(extend_url(commitment), {**extra, "note": note})
    assert response.status_code in (302, 400)
    commitment.refresh_from_db()
    assert commitment.due_on in (BEGUN + days(365), DUE + days(90))
    assert Extension.objects.count() <= 1


@pytest.mark.django_db
def test_officers_filter_commitments_by_reporting_and_see_the_overdue_count(client, officer, city):
    areas = [make_theme(slug="gender-equality"), make_theme(slug="mobility")]
    due_soon, late = commit(city, areas[0]), commit(city, areas[1], day=BEGUN - days(200))
    changelist = "/admin/commitments/commitment/"
    with on(DUE - days(20)):
        client.force_login(officer)
        soon = page(client, f"{changelist}?reporting=due_soon")
        overdue = page(client, f"{changelist}?reporting=overdue")
        assert f"/{due_soon[0].pk}/change/" in soon and f"/{late[0].pk}/change/" not in soon
        assert f"/{late[0].pk}/change/" in overdue and f"/{due_soon[0].pk}/change/" not in overdue
        assert f'href="{changelist}?reporting=overdue">Commitments with an update overdue: 1' in (
            page(client, "/admin/")
        )
        nobody = page(client, f"{changelist}?reporting=inactive")
        assert f"/{due_soon[0].pk}/change/" not in nobody and f"/{late[0].pk}/change/" not in nobody
    with on(INACTIVE_FROM):
        client.force_login(officer)
        assert f"/{due_soon[0].pk}/change/" in page(client, f"{changelist}?reporting=inactive")
        assert client.get(f"{changelist}?reporting=%00x").status_code < 500

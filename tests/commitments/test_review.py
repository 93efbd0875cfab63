"""The officer decides on a profile update's own page; the admin home counts those waiting."""

import pytest
from django.contrib.auth.models import Group, User

from commitments.models import ProfileChange
from commitments.profile_updates import current_profile
from outbox.models import Notification
from signatories.models import Signatory


def pending_change(signatory, **proposed) -> ProfileChange:
    before = current_profile(signatory)
    return ProfileChange.objects.create(
        signatory=signatory, before=before, proposed={**before, **proposed}
    )


def page_of(change) -> str:
    return f"/admin/commitments/profilechange/{change.pk}/change/"


@pytest.mark.django_db
def test_decline_on_the_update_page_asks_for_a_reason_sent_in_the_signatorys_language(
    admin_client, city
):
    change = pending_change(city, profile="Nuevo texto")
    html = admin_client.get(page_of(change)).content.decode()
    assert 'name="_approve"' in html and 'name="_decline"' in html
    asked = admin_client.post(page_of(change), {"note": "", "_decline": "1"})
    confirm = f"/admin/commitments/profilechange/{change.pk}/decline/"
    assert asked.status_code == 302 and asked["Location"] == confirm
    assert '<textarea name="reason"' in admin_client.get(confirm).content.decode()
    change.refresh_from_db()
    assert change.status == "pending"

    done = admin_client.post(confirm, {"reason": "El texto debe describir la ciudad."})
    assert done.status_code == 302 and done["Location"] == page_of(change)
    change.refresh_from_db()
    assert (change.status, change.note) == ("declined", "El texto debe describir la ciudad.")
    email = Notification.objects.get(kind="change_declined")
    assert "El texto debe describir la ciudad." in email.text_body
    assert "Estimada" in email.text_body or "Estimado" in email.text_body
    city.refresh_from_db()
    assert city.profile == ""


@pytest.mark.django_db
def test_the_admin_home_counts_profile_updates_waiting(admin_client, client, city):
    pending_change(city, profile="One")
    pending_change(city, profile="Two")
    ProfileChange.objects.filter(proposed__profile="Two").update(status="declined")
    body = admin_client.get("/admin/").content.decode()
    listed = "/admin/commitments/profilechange/?status__exact=pending"
    assert f'href="{listed}">Profile updates to review: 1' in body
    from toolkit_portal.roles import CONTENT_CURATORS

    curator = User.objects.create_user("curator", is_staff=True)
    curator.groups.add(Group.objects.get(name=CONTENT_CURATORS))
    client.force_login(curator)
    assert "Profile updates to review" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_view_on_site_of_an_update_is_the_profile_and_none_when_it_has_none(admin_client, city):
    change = pending_change(city, profile="New")
    html = admin_client.get(page_of(change)).content.decode()
    assert f'href="{city.get_absolute_url()}"' in html and "View on site" in html
    pending = Signatory.objects.create(organisation="Pending", kind="government", country="PE")
    other = pending_change(pending, profile="Not public")
    assert "View on site" not in admin_client.get(page_of(other)).content.decode()

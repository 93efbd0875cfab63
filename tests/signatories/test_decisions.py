"""The officer decides on a request's own page: Approve, or Decline with a reason."""

import pytest
from django.contrib.auth.models import Permission, User

from outbox.models import Notification
from signatories.models import Signatory
from tests.signatories.test_admin import CHANGELIST, make_signatory


def page_of(signatory) -> str:
    return f"{CHANGELIST}{signatory.pk}/change/"


def change_data(signatory) -> dict:
    """The change form as the officer sends it, nothing edited."""
    return {
        "organisation": signatory.organisation, "kind": signatory.kind, "city": signatory.city,
        "country": signatory.country.code, "contact_name": signatory.contact_name,
        "contact_email": signatory.contact_email, "notifications-TOTAL_FORMS": "0",
        "notifications-INITIAL_FORMS": "0",
    }  # fmt: skip


@pytest.mark.django_db
def test_a_pending_request_has_approve_and_decline_buttons_a_decided_one_not(admin_client):
    pending = make_signatory()
    approved = make_signatory(organisation="Done", status="approved", contact_email="d@x.ex")
    html = admin_client.get(page_of(pending)).content.decode()
    assert 'name="_approve"' in html and 'name="_decline"' in html
    html = admin_client.get(page_of(approved)).content.decode()
    assert 'name="_approve"' not in html and 'name="_decline"' not in html


@pytest.mark.django_db
def test_approve_on_the_page_publishes_and_the_welcome_links_the_new_profile(
    admin_client, admin_user
):
    signatory = make_signatory(organisation="Ville de Lyon", language="fr")
    response = admin_client.post(page_of(signatory), {**change_data(signatory), "_approve": "1"})
    assert response.status_code == 302 and response["Location"] == page_of(signatory)
    signatory.refresh_from_db()
    assert (signatory.status, signatory.reviewed_by) == ("approved", admin_user)
    welcome = Notification.objects.get(kind="approved")
    assert "/fr/signatories/ville-de-lyon/" in welcome.text_body
    assert "/fr/signatories/ville-de-lyon/" in welcome.html_body
    assert "Son profil public est en ligne" in welcome.text_body


@pytest.mark.django_db
def test_decline_asks_for_a_reason_and_writes_it_in_the_applicants_language(admin_client):
    signatory = make_signatory(language="fr")
    asked = admin_client.post(page_of(signatory), {**change_data(signatory), "_decline": "1"})
    confirm = f"{CHANGELIST}{signatory.pk}/decline/"
    assert asked.status_code == 302 and asked["Location"] == confirm
    page = admin_client.get(confirm)
    assert page.status_code == 200 and '<textarea name="reason"' in page.content.decode()
    signatory.refresh_from_db()
    assert signatory.status == "pending"  # nothing decided before the confirmation

    done = admin_client.post(confirm, {"reason": "Votre ville n’est pas une métropole."})
    assert done.status_code == 302 and done["Location"] == page_of(signatory)
    signatory.refresh_from_db()
    assert signatory.status == "declined"
    (email,) = Notification.objects.filter(kind="declined")
    assert "Votre ville n’est pas une métropole." in email.text_body
    assert "Nous vous remercions de l'intérêt" in email.text_body
    assert "Le motif donné par le responsable des politiques :" in email.text_body
    again = admin_client.post(confirm, {"reason": "Twice"})
    assert again.status_code == 302 and Notification.objects.filter(kind="declined").count() == 1


@pytest.mark.django_db
def test_a_decline_without_a_reason_says_none(admin_client):
    signatory = make_signatory()
    admin_client.post(f"{CHANGELIST}{signatory.pk}/decline/", {"reason": ""})
    email = Notification.objects.get(kind="declined")
    assert "reason" not in email.text_body.lower()


@pytest.mark.django_db
def test_the_bulk_decline_asks_first_like_deleting_does(admin_client):
    one = make_signatory(organisation="One", contact_email="one@x.example")
    two = make_signatory(organisation="Two", contact_email="two@x.example")
    selected = {"action": "decline", "_selected_action": [one.pk, two.pk]}
    asked = admin_client.post(CHANGELIST, selected)
    html = asked.content.decode()
    assert asked.status_code == 200 and "One" in html and "Two" in html
    assert '<textarea name="reason"' in html
    assert Signatory.objects.filter(status="declined").count() == 0

    done = admin_client.post(
        CHANGELIST, {**selected, "confirmed": "yes", "reason": "Not a government."}, follow=True
    )
    assert "2 requests declined." in done.content.decode()
    assert Signatory.objects.filter(status="declined").count() == 2
    bodies = Notification.objects.filter(kind="declined").values_list("text_body", flat=True)
    assert len(bodies) == 2 and all("Not a government." in body for body in bodies)


@pytest.mark.django_db
def test_deciding_needs_the_change_permission_and_an_existing_request(client, admin_client):
    signatory = make_signatory()
    assert admin_client.get(f"{CHANGELIST}999999/decline/").status_code == 404
    assert admin_client.get(f"{CHANGELIST}abc/decline/").status_code == 404
    viewer = User.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_signatory"))
    client.force_login(viewer)
    assert client.post(f"{CHANGELIST}{signatory.pk}/decline/", {"reason": ""}).status_code == 404
    assert 'name="_decline"' not in client.get(page_of(signatory)).content.decode()
    signatory.refresh_from_db()
    assert signatory.status == "pending"

"""The outbox in the admin: failed emails listed and sent again, for staff who may read
them; what each email is about, and finding it by that record."""

import pytest
from django.contrib.auth.models import Permission, User

from outbox.models import Notification
from tests.signatories.test_admin import make_signatory


@pytest.mark.django_db
def test_failed_notifications_are_listed_and_can_be_resent(admin_client):
    signatory = make_signatory()
    failed = Notification.objects.create(
        about=signatory,
        kind="acknowledgement",
        to="claire@some.example",
        subject="We have received your request",
        text_body="x",
        html_body="<p>x</p>",
        message_id="<1@test>",
        status="failed",
        attempts=40,
        last_error="ConnectionRefusedError",
    )

    listing = admin_client.get("/admin/outbox/notification/?status__exact=failed")
    admin_client.post(
        "/admin/outbox/notification/", {"action": "resend", "_selected_action": [failed.pk]}
    )

    assert "We have received your request" in listing.content.decode()
    failed.refresh_from_db()
    assert failed.status == "pending"
    assert failed.attempts == 0
    assert failed.message_id == "<1@test>"


@pytest.mark.django_db
def test_change_permission_on_notifications_alone_does_not_show_them(client):
    user = User.objects.create_user("clerk", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_notification"))
    client.force_login(user)
    signatory = make_signatory()
    notification = Notification.objects.create(
        about=signatory, kind="acknowledgement", to="claire@some.example",
        subject="Thanks", text_body="Dear Claire", html_body="<p>Dear Claire</p>",
        message_id="<n1@test>",
    )  # fmt: skip

    assert client.get("/admin/outbox/notification/").status_code == 403
    change = client.get(f"/admin/outbox/notification/{notification.pk}/change/")
    assert change.status_code == 403


@pytest.mark.django_db
def test_an_email_shows_what_it_is_about_and_is_found_by_it(admin_client):
    signatory = make_signatory(organisation="Ciudad Buscada")
    notification = Notification.objects.create(
        about=signatory, kind="acknowledgement", to="claire@some.example",
        subject="Thanks", text_body="Dear Claire", html_body="<p>Dear Claire</p>",
        message_id="<n2@test>",
    )  # fmt: skip

    change = admin_client.get(f"/admin/outbox/notification/{notification.pk}/change/")
    found = admin_client.get("/admin/outbox/notification/?q=Buscada")
    missed = admin_client.get("/admin/outbox/notification/?q=Elsewhere")

    assert "Ciudad Buscada" in change.content.decode()
    assert "Thanks" in found.content.decode()
    assert "Thanks" not in missed.content.decode()

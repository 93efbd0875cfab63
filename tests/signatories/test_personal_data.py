"""Personal data of join requests: erased after a decline, exported or erased on request."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from outbox.models import Notification
from signatories import services
from signatories.models import Signatory
from tests.signatories.test_admin import CHANGELIST, make_signatory

CONTACT = {
    "contact_name": "Dana Person",
    "contact_role": "Mayor's office",
    "contact_email": "dana@person.example",
    "message": "Please add us.",
}


def declined(days_ago: int, **fields) -> Signatory:
    signatory = make_signatory(**{**CONTACT, **fields})
    signatory.status = Signatory.Status.DECLINED
    signatory.reviewed_at = timezone.now() - datetime.timedelta(days=days_ago)
    signatory.save()
    Notification.objects.create(
        about=signatory, kind="declined", to=signatory.contact_email, subject="Your request",
        text_body="Dear Dana Person", html_body="<p>Dear Dana Person</p>",
        message_id=f"<{signatory.pk}@test>", status="sent",
    )  # fmt: skip
    return signatory


def assert_erased(signatory: Signatory) -> None:
    signatory.refresh_from_db()
    assert all(getattr(signatory, field) == "" for field in CONTACT)
    assert signatory.contact_erased_at is not None
    assert not signatory.notifications.exists()
    assert signatory.organisation  # the institution and its review stay


@pytest.mark.django_db
def test_declined_contacts_are_erased_after_the_configured_days(settings):
    settings.ERASE_DECLINED_AFTER_DAYS = 30
    old = declined(31, organisation="Old")
    recent = declined(29, organisation="Recent", contact_email="recent@person.example")
    pending = make_signatory(organisation="Pending", contact_email="pending@person.example")

    out = StringIO()
    call_command("erase_declined_contacts", stdout=out)

    assert "1 declined request" in out.getvalue()
    assert_erased(old)
    recent.refresh_from_db()
    pending.refresh_from_db()
    assert recent.contact_email == "recent@person.example" and recent.notifications.exists()
    assert pending.contact_email == "pending@person.example"
    assert services.declined_contacts_erase() == 0  # nothing left to do the second time


@pytest.mark.django_db
def test_the_worker_erases_on_its_rounds(settings):
    settings.ERASE_DECLINED_AFTER_DAYS = 1
    old = declined(2)
    call_command("run_worker", "--once", stdout=StringIO())
    assert_erased(old)


@pytest.mark.django_db
def test_staff_export_one_requests_personal_data_as_json(admin_client):
    signatory = declined(1)

    response = admin_client.post(
        CHANGELIST, {"action": "export_personal_data", "_selected_action": [signatory.pk]}
    )

    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    [data] = json.loads(response.content)
    assert data["join_request"]["contact_email"] == "dana@person.example"
    assert data["join_request"]["message"] == "Please add us."
    assert data["emails"][0]["text_body"] == "Dear Dana Person"


@pytest.mark.django_db
def test_staff_erase_one_requests_personal_data_after_confirming(admin_client):
    signatory = declined(1)
    other = declined(1, organisation="Other", contact_email="other@person.example")
    data = {"action": "erase_contact", "_selected_action": [signatory.pk]}

    confirm = admin_client.post(CHANGELIST, data)
    assert confirm.status_code == 200
    assert "This cannot be undone" in confirm.content.decode()
    signatory.refresh_from_db()
    assert signatory.contact_email  # nothing erased before the confirmation

    done = admin_client.post(CHANGELIST, {**data, "confirmed": "yes"}, follow=True)
    assert "Contact details erased from 1 request" in done.content.decode()
    assert_erased(signatory)
    other.refresh_from_db()
    assert other.contact_email == "other@person.example"


@pytest.mark.django_db
def test_staff_without_the_contact_permission_can_neither_export_nor_erase(editor):
    signatory = declined(1)
    for action in ["export_personal_data", "erase_contact"]:
        response = editor.post(
            CHANGELIST, {"action": action, "_selected_action": [signatory.pk], "confirmed": "yes"}
        )
        assert b"dana@person.example" not in response.content
    signatory.refresh_from_db()
    assert signatory.contact_email == "dana@person.example"


@pytest.mark.django_db
def test_the_privacy_notice_says_how_long_contacts_are_kept(client, settings):
    settings.ERASE_DECLINED_AFTER_DAYS = 45
    text = client.get("/join/privacy/").content.decode()
    assert "erased" in text and "45 days after the decision" in text


@pytest.mark.django_db
def test_exports_and_erasures_are_recorded_in_the_admin_history(admin_client):
    signatory = declined(1)
    selected = {"_selected_action": [signatory.pk]}
    admin_client.post(CHANGELIST, {"action": "export_personal_data", **selected})
    admin_client.post(CHANGELIST, {"action": "erase_contact", "confirmed": "yes", **selected})

    history = admin_client.get(f"{CHANGELIST}{signatory.pk}/history/").content.decode()
    assert "Personal data exported." in history
    assert "Contact details erased." in history


@pytest.mark.django_db
def test_erased_contact_details_cannot_be_typed_back_in(admin_client):
    signatory = declined(1)
    services.signatory_erase_contact(signatory=signatory)
    page = admin_client.get(f"{CHANGELIST}{signatory.pk}/change/").content.decode()
    assert 'name="contact_email"' not in page


@pytest.mark.django_db
def test_a_request_approved_again_is_not_erased(settings):
    settings.ERASE_DECLINED_AFTER_DAYS = 1
    signatory = declined(5)
    Signatory.objects.filter(pk=signatory.pk).update(status=Signatory.Status.APPROVED)
    assert services.declined_contacts_erase() == 0
    signatory.refresh_from_db()
    assert signatory.contact_email == "dana@person.example"

"""A database from before the outbox app keeps every email, what it was about, and the
staff groups' permissions on it."""

import pytest

from tests.migrating import migrate, migrate_to_latest

BEFORE = [
    ("signatories", "0014_possible_duplicates_kept_and_address_requests"),
    ("subscriptions", "0003_addresses_in_one_form"),
    ("outbox", None),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_emails_move_to_the_outbox_with_their_request_and_permissions():
    old = migrate(BEFORE)
    signatory = old.get_model("signatories", "Signatory").objects.create(
        organisation="Kept City", kind="government", contact_email="kept@city.example"
    )
    emails = old.get_model("signatories", "Notification").objects
    emails.create(
        signatory=signatory, kind="acknowledgement", to="kept@city.example", subject="Kept",
        text_body="t", html_body="h", message_id="<kept@test>",
    )  # fmt: skip
    emails.create(
        kind="digest", to="reader@example.org", subject="Digest", text_body="t", html_body="h",
        message_id="<digest@test>",
    )  # fmt: skip
    old.get_model("signatories", "AddressRequest").objects.create(
        kind="update_link", email="kept@city.example", payload={"signatory": signatory.pk}
    )

    new = migrate_to_latest()

    ContentType = new.get_model("contenttypes", "ContentType")
    Notification = new.get_model("outbox", "Notification")
    kept = Notification.objects.get(message_id="<kept@test>")
    assert (kept.subject, kept.about_id) == ("Kept", signatory.pk)
    assert kept.about_type == ContentType.objects.get(app_label="signatories", model="signatory")
    assert Notification.objects.get(message_id="<digest@test>").about_id is None
    assert new.get_model("outbox", "AddressRequest").objects.get().email == "kept@city.example"
    assert not ContentType.objects.filter(app_label="signatories", model="notification").exists()
    officers = new.get_model("auth", "Group").objects.get(name="Policy officers")
    assert officers.permissions.filter(
        content_type__app_label="outbox", codename="view_notification"
    ).exists()

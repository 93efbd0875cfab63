import csv
import io

import pytest

from outbox.models import Notification
from signatories.models import Signatory

CHANGELIST = "/admin/signatories/signatory/"


def make_signatory(**fields):
    defaults = {
        "organisation": "Some City",
        "kind": "government",
        "city": "Some",
        "country": "FR",
        "contact_name": "Claire Contact",
        "contact_email": "claire@some.example",
    }
    return Signatory.objects.create(**{**defaults, **fields})


@pytest.mark.django_db
def test_changelist_lists_pending_requests_first(admin_client):
    make_signatory(organisation="Approved earlier", status="approved", contact_email="a@x.example")
    make_signatory(organisation="Waiting for review", contact_email="w@x.example")

    body = admin_client.get(CHANGELIST).content.decode()

    assert body.index("Waiting for review") < body.index("Approved earlier")


@pytest.mark.django_db
def test_changelist_filters_and_searches(admin_client):
    make_signatory(organisation="Lisbon Region", country="PT", contact_email="l@x.example")
    make_signatory(organisation="Quito", country="EC", kind="network", contact_email="q@x.example")

    by_country = admin_client.get(CHANGELIST + "?country=PT").content.decode()
    by_kind = admin_client.get(CHANGELIST + "?kind__exact=network").content.decode()
    by_search = admin_client.get(CHANGELIST + "?q=q@x.example").content.decode()

    assert "Lisbon Region" in by_country and "Quito" not in by_country
    assert "Quito" in by_kind and "Lisbon Region" not in by_kind
    assert "Quito" in by_search and "Lisbon Region" not in by_search


@pytest.mark.django_db
def test_approve_action_records_who_and_when_and_queues_the_email(admin_client, admin_user):
    first = make_signatory(contact_email="one@x.example", organisation="One")
    second = make_signatory(contact_email="two@x.example", organisation="Two")

    response = admin_client.post(
        CHANGELIST, {"action": "approve", "_selected_action": [first.pk, second.pk]}, follow=True
    )

    assert "2 requests approved" in response.content.decode()
    for signatory in (first, second):
        signatory.refresh_from_db()
        assert signatory.status == "approved"
        assert signatory.reviewed_by == admin_user
        assert signatory.reviewed_at is not None
    assert Notification.objects.filter(kind="approved").count() == 2


@pytest.mark.django_db
def test_decline_action_queues_the_decline_email_once(admin_client):
    signatory = make_signatory()
    for _ in range(2):
        admin_client.post(
            CHANGELIST,
            {"action": "decline", "_selected_action": [signatory.pk], "confirmed": "yes"},
        )
    signatory.refresh_from_db()
    assert signatory.status == "declined"
    assert Notification.objects.filter(kind="declined").count() == 1


@pytest.mark.django_db
def test_approving_a_second_request_of_an_approved_institution_is_refused_with_a_warning(
    admin_client,
):
    old = make_signatory(status="declined")
    make_signatory(contact_email="new@x.example", status="approved")  # asked again, approved

    response = admin_client.post(
        CHANGELIST, {"action": "approve", "_selected_action": [old.pk]}, follow=True
    )

    assert "already has an approved request" in response.content.decode()
    old.refresh_from_db()
    assert old.status == "declined"


@pytest.mark.django_db
def test_export_csv_has_the_selection_with_contacts_for_permitted_staff(admin_client):
    signatory = make_signatory(organisation="=HYPERLINK(1)", message="Hello")
    make_signatory(organisation="Not selected", contact_email="n@x.example")

    response = admin_client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [signatory.pk]}
    )

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1
    assert rows[0]["organisation"] == "'=HYPERLINK(1)"  # no formula injection
    assert rows[0]["country"] == "FR"
    assert rows[0]["contact_email"] == "claire@some.example"


@pytest.mark.django_db
def test_staff_without_the_permission_never_see_contact_details(editor):
    signatory = make_signatory()

    change_page = editor.get(f"{CHANGELIST}{signatory.pk}/change/").content.decode()
    export = editor.post(CHANGELIST, {"action": "export_csv", "_selected_action": [signatory.pk]})
    search = editor.get(CHANGELIST + "?q=claire@some.example").content.decode()

    assert "Some City" in change_page
    assert "claire@some.example" not in change_page
    assert "Claire Contact" not in change_page
    assert "claire" not in export.content.decode()
    assert "Some City" not in search  # contact fields are not searchable for them
    assert editor.get("/admin/outbox/notification/").status_code == 403


@pytest.mark.django_db
def test_signatory_change_page_shows_its_notifications(admin_client):
    signatory = make_signatory()
    Notification.objects.create(
        about=signatory,
        kind="acknowledgement",
        to="claire@some.example",
        subject="s",
        text_body="x",
        html_body="x",
        message_id="<2@test>",
    )
    body = admin_client.get(f"{CHANGELIST}{signatory.pk}/change/").content.decode()
    assert "Acknowledgement, to the applicant" in body


@pytest.mark.django_db
def test_view_on_site_never_fails_and_answers_the_same_for_hidden_and_missing_requests(
    admin_client,
):
    from django.contrib.contenttypes.models import ContentType
    from django.test import Client

    pending = make_signatory(contact_email="p@x.example")
    declined = make_signatory(organisation="Other", status="declined", contact_email="d@x.ex")
    approved = make_signatory(organisation="Public City", status="approved", contact_email="a@x.ex")
    kind = ContentType.objects.get_for_model(Signatory).pk
    client = Client(raise_request_exception=False)
    client.cookies = admin_client.cookies

    answers = set()
    for pk in (pending.pk, declined.pk, 10**6, "abc", str(2**70)):
        address = f"/admin/r/{kind}/{pk}/"
        response = client.get(address)
        answers.add((response.status_code, response.content.decode().replace(address, "")))
    assert len(answers) == 1 and next(iter(answers))[0] == 404
    shown = client.get(f"/admin/r/{kind}/{approved.pk}/")
    assert shown.status_code == 302 and shown["Location"].endswith("/signatories/public-city/")

    def change_page(signatory):
        return admin_client.get(f"{CHANGELIST}{signatory.pk}/change/").content.decode()

    assert "View on site" not in change_page(pending)
    assert "View on site" in change_page(approved)

"""Every join request knows where it came from: the public form, staff (imported or entered
in the admin) or the starting content loaded at setup; the admin shows it and filters by it,
and a database from before keeps its rows told apart."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from signatories.models import Signatory
from tests.migrating import migrate, migrate_to_latest

CHANGELIST = "/admin/signatories/signatory/"


@pytest.mark.django_db
def test_the_public_form_makes_web_requests(client, join_data):
    assert client.post("/join/", join_data()).status_code == 302
    assert Signatory.objects.get().source == Signatory.Source.WEB


@pytest.mark.django_db
def test_the_setup_loader_marks_what_it_loads(client, join_data):
    client.post("/join/", join_data(organisation="Sent Through The Form"))
    call_command("load_content", stdout=StringIO())
    sources = dict(Signatory.objects.values_list("organisation", "source"))
    assert sources.pop("Sent Through The Form") == "web"
    assert len(sources) == 13 and set(sources.values()) == {"setup"}


@pytest.mark.django_db
def test_a_request_staff_add_in_the_admin_is_imported(admin_client):
    response = admin_client.post(
        f"{CHANGELIST}add/",
        {"organisation": "Added By Hand", "kind": "government", "public_note_en": "",
         "notifications-TOTAL_FORMS": 0, "notifications-INITIAL_FORMS": 0},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Signatory.objects.get().source == Signatory.Source.IMPORTED


@pytest.mark.django_db
def test_the_admin_list_shows_the_source_and_filters_by_it(admin_client):
    Signatory.objects.create(organisation="From The Form", kind="government")
    Signatory.objects.create(organisation="From Setup", kind="government", source="setup")
    listed = admin_client.get(CHANGELIST).content.decode()
    assert "Loaded at setup" in listed and "Web form" in listed
    filtered = admin_client.get(f"{CHANGELIST}?source__exact=setup").content.decode()
    assert "From Setup" in filtered and "From The Form" not in filtered


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rows_from_before_are_told_apart_by_their_consent_and_review():
    old = migrate([("signatories", "0018_role_notes_and_sources_in_every_language")])
    Old = old.get_model("signatories", "Signatory")
    now = timezone.now()
    made = {
        # the setup loader: approved, never reviewed, no consent
        "Loaded": {"status": "approved"},
        "Loaded then withdrawn": {"status": "withdrawn"},
        # the public form always records consent
        "Sent": {"status": "pending", "consent_at": now},
        "Sent and approved": {"status": "approved", "consent_at": now, "reviewed_at": now},
        # added by staff in the admin: no consent, pending or reviewed
        "Added": {"status": "pending"},
        "Added and approved": {"status": "approved", "reviewed_at": now},
    }
    for n, (name, fields) in enumerate(made.items()):
        Old.objects.create(organisation=name, kind="government", slug=f"s-{n}", **fields)

    new = migrate_to_latest()

    rows = new.get_model("signatories", "Signatory").objects.values_list("organisation", "source")
    sources = dict(rows)
    assert sources == {
        "Loaded": "setup", "Loaded then withdrawn": "setup", "Sent": "web",
        "Sent and approved": "web", "Added": "imported", "Added and approved": "imported",
    }  # fmt: skip

"""A database from before the commitments app keeps every commitment and update, and the
policy officers keep their permissions on them."""

import datetime

import pytest

from tests.migrating import migrate, migrate_to_latest

BEFORE = [("signatories", "0015_outbox_moved_to_its_app"), ("commitments", None)]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_commitments_move_with_their_rows_and_permissions():
    old = migrate(BEFORE)
    theme = old.get_model("toolkit", "Theme").objects.create(
        position=1, title_en="Area", title="Area", slug="area", summary="s"
    )
    signatory = old.get_model("signatories", "Signatory").objects.create(
        organisation="Kept City", kind="government", status="approved", slug="kept-city"
    )
    commitment = old.get_model("signatories", "Commitment").objects.create(
        signatory=signatory, theme=theme, statement="Kept promise"
    )
    old.get_model("signatories", "Milestone").objects.create(
        commitment=commitment, happened_on=datetime.date(2026, 1, 2), text="Kept step"
    )

    new = migrate_to_latest()

    kept = new.get_model("commitments", "Commitment").objects.get()
    assert (kept.statement, kept.signatory_id) == ("Kept promise", signatory.pk)
    assert kept.milestones.get().text == "Kept step"
    officers = new.get_model("auth", "Group").objects.get(name="Policy officers")
    granted = officers.permissions.filter(content_type__app_label="commitments")
    assert {"change_profilechange", "add_milestone"} <= set(
        granted.values_list("codename", flat=True)
    )

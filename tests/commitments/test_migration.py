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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_commitments_are_due_a_year_after_their_last_update_or_start():
    old = migrate(
        [
            ("commitments", "0002_content_types_follow_the_models"),
            ("signatories", "0018_role_notes_and_sources_in_every_language"),
            ("toolkit", "0012_theme_search_vectors"),
        ]
    )
    theme = old.get_model("toolkit", "Theme").objects.create(
        position=1, title_en="Area", title="Area", slug="area", summary="s"
    )
    Signatory = old.get_model("signatories", "Signatory")
    Commitment = old.get_model("commitments", "Commitment")
    signatory = Signatory.objects.create(
        organisation="Old City", kind="government", status="approved", slug="old-city",
        reviewed_at=moment(datetime.date(2025, 2, 1)),
    )  # fmt: skip
    updated = Commitment.objects.create(
        signatory=signatory, theme=theme, statement="Updated",
        created_at=moment(datetime.date(2025, 3, 1)),
    )  # fmt: skip
    old.get_model("commitments", "Milestone").objects.create(
        commitment=updated, happened_on=datetime.date(2025, 1, 5), text="Step",
        published_at=moment(datetime.date(2025, 6, 1)),
    )  # fmt: skip
    other = old.get_model("toolkit", "Theme").objects.create(
        position=2, title_en="Other", title="Other", slug="other", summary="s"
    )
    approved_later = Commitment.objects.create(
        signatory=signatory, theme=other, statement="Stated before approval",
        created_at=moment(datetime.date(2025, 1, 1)),
    )  # fmt: skip

    new = migrate_to_latest()

    dated = new.get_model("commitments", "Commitment").objects.in_bulk()
    assert (dated[updated.pk].last_reported_on, dated[updated.pk].due_on) == (
        datetime.date(2025, 6, 1), datetime.date(2026, 6, 1)
    )  # fmt: skip
    assert dated[approved_later.pk].due_on == datetime.date(2026, 2, 1)


def moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)

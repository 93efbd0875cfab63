"""The publishing-core migrations keep every row of a database that already has content."""

import datetime

import pytest

from tests.migrating import migrate, migrate_to_latest

BEFORE = [
    ("toolkit", "0005_published_newest_index"),
    ("initiatives", "0005_published_newest_index"),
    ("signatories", "0004_staff_groups"),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrating_a_database_with_content_keeps_every_row_and_dates_entries():
    old = migrate(BEFORE)
    Theme, Insight = old.get_model("toolkit", "Theme"), old.get_model("toolkit", "Insight")
    Programme, Entry = (
        old.get_model("initiatives", "Programme"),
        old.get_model("initiatives", "Entry"),
    )
    theme = Theme.objects.create(
        position=1, title_en="Area", title="Area", slug="area", summary="s"
    )
    Insight.objects.create(
        theme=theme,
        title="Kept insight",
        slug="kept-insight",
        summary="s",
        body="b",
        status="published",
        published_on=datetime.date(2021, 6, 29),
    )
    programme = Programme.objects.create(position=1, title="P", slug="p", tagline="t")
    entry = Entry.objects.create(
        programme=programme,
        title="Kept entry",
        slug="kept-entry",
        summary="s",
        status="published",
        date=datetime.date(2021, 5, 12),
    )
    Entry.objects.filter(pk=entry.pk).update(
        created_at=datetime.datetime(2024, 1, 2, 3, 4, tzinfo=datetime.UTC)
    )  # fmt: skip

    new = migrate_to_latest()

    insight = new.get_model("toolkit", "Insight").objects.get()
    entry = new.get_model("initiatives", "Entry").objects.get()
    assert (insight.title, insight.published_on) == ("Kept insight", datetime.date(2021, 6, 29))
    assert entry.title == "Kept entry"
    assert entry.date == datetime.date(2021, 5, 12)  # the event date is untouched
    assert entry.published_on == datetime.date(2024, 1, 2)  # public since it was created
    assert entry.review_by == datetime.date(2025, 1, 1)  # a year after it was written
    assert insight.review_by is not None
    reported = new.get_model("signatories", "ReportedTotal").objects.get()
    assert (reported.more_than, reported.reported_on) == (30, datetime.date(2021, 6, 29))

"""Reminders 30 and 7 days before an update is due: each once, one email per signatory,
in its language, with a fresh update link; none for signatories that are not public."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command

from commitments import reporting
from commitments.models import Reminder, UpdateLink
from outbox.models import Notification
from signatories.models import Signatory
from tests.commitments.cycle import DUE, approved_update, commit, days, on, run_reminder_chore
from tests.factories import make_theme
from tests.signatories.conftest import CONTACT


@pytest.fixture
def areas(db):
    return [
        make_theme(title="Gender equality", slug="gender-equality", position=4),
        make_theme(title="Mobility", slug="mobility", position=6),
    ]


def reminders() -> list[Notification]:
    return list(Notification.objects.filter(kind="commitment_reminder").order_by("pk"))


@pytest.mark.django_db
def test_reminders_go_30_and_7_days_before_once_each_however_often_the_chore_runs(city, areas):
    commit(city, *areas)
    expected = {-31: 0, -30: 1, -29: 1, -8: 1, -7: 2, -1: 2, 0: 2, 1: 2}
    written = {}
    for offset in expected:
        with on(DUE + days(offset)):
            run_reminder_chore()
            run_reminder_chore()  # the worker again, or a second worker
        written[offset] = len(reminders())
    assert written == expected

    first, second = reminders()
    assert (first.to, second.to) == (CONTACT, CONTACT)
    assert first.about == city and first.priority == Notification.Priority.BULK
    # one email lists both commitments, in the signatory's language (Spanish)
    assert "10 de enero de 2028" in first.subject
    for email in (first, second):
        assert "Gender equality" in email.text_body and "Mobility" in email.text_body
    assert Reminder.objects.filter(days_before=30).count() == 2
    assert Reminder.objects.filter(days_before=7).count() == 2
    assert UpdateLink.objects.filter(signatory=city).count() == 2  # a fresh link each time


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_one_reminder_whose_link_opens_the_update_form(
    client, smtp_server, city, areas
):
    commit(city, *areas)
    with on(DUE - days(30)):
        for _ in range(2):
            call_command("run_worker", "--once", stdout=StringIO())
        (mail,) = smtp_server.handler.to(CONTACT)
        body = mail.get_body(("plain",)).get_content()
        link = re.search(r"https?://[^/\s]+(/\S*/signatories/update/\S+/)", body).group(1)
        assert client.get(link).status_code == 200
    assert "/es/signatories/ciudad-ejemplo-metropolitana/" in body
    with on(DUE - days(30) + days(8)):  # the link lasts COMMITMENT_REMINDER_LINK_DAYS (7)
        assert client.get(link).status_code == 410


@pytest.mark.django_db
def test_a_reminder_is_written_in_the_signatorys_language(city, areas):
    city.language = "fr"
    city.save()
    commit(city, areas[0])
    with on(DUE - days(7)):
        run_reminder_chore()
    (email,) = reminders()
    assert "10 janvier 2028" in email.subject and "/fr/signatories/" in email.text_body


@pytest.mark.django_db
def test_commitments_due_around_the_same_time_share_one_email(city, areas):
    commit(city, areas[0])
    commit(city, areas[1], day=DUE - days(365 - 10))  # due ten days later
    with on(DUE - days(30)):
        assert run_reminder_chore() == 1
    with on(DUE + days(10) - days(30)):
        assert run_reminder_chore() == 0  # reminded with the first
    (email,) = reminders()
    assert "Gender equality" in email.text_body and "Mobility" in email.text_body


@pytest.mark.django_db
def test_a_worker_that_was_away_sends_only_the_latest_reminder(city, areas):
    commit(city, areas[0])
    with on(DUE - days(5)):
        assert run_reminder_chore() == 1
    assert list(Reminder.objects.values_list("days_before", flat=True)) == [7]


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["withdrawn", "declined", "pending", "approved-unpublished"])
def test_signatories_that_are_not_public_get_no_reminder(city, areas, status):
    commit(city, *areas)
    if status == "approved-unpublished":
        Signatory.objects.filter(pk=city.pk).update(slug="")
    else:
        Signatory.objects.filter(pk=city.pk).update(status=status)
    for offset in (-30, -7):
        with on(DUE + days(offset)):
            assert run_reminder_chore() == 0
            # as if it changed between the worker's look and its email
            assert reporting.signatory_remind(signatory_id=city.pk, today=DUE + days(offset)) == 0
    assert not reminders() and not Reminder.objects.exists()


@pytest.mark.django_db
def test_a_signatory_without_a_contact_address_gets_no_reminder(city, areas):
    commit(city, areas[0])
    Signatory.objects.filter(pk=city.pk).update(contact_email="")
    with on(DUE - days(30)):
        assert run_reminder_chore() == 0
    assert not Reminder.objects.exists()


def as_seen_before_the_other_worker_wrote(commitments, today):
    """What a worker that read the commitments before another recorded their reminders saw."""
    seen = list(commitments)
    for commitment in seen:
        commitment.stage = 30
    return seen


@pytest.mark.django_db
def test_a_reminder_claimed_by_another_worker_in_between_is_not_written_twice(
    city, areas, monkeypatch
):
    commit(city, *areas)
    with on(DUE - days(30)):
        assert reporting.signatory_remind(signatory_id=city.pk, today=DUE - days(30)) == 1
        monkeypatch.setattr(reporting, "wanting_reminder", as_seen_before_the_other_worker_wrote)
        monkeypatch.setattr(reporting, "due_together", lambda signatory, prompting, **_: prompting)
        assert reporting.signatory_remind(signatory_id=city.pk, today=DUE - days(30)) == 0
    assert len(reminders()) == 1 and Reminder.objects.count() == 2
    assert UpdateLink.objects.count() == 1  # the second email's link went with it


@pytest.mark.django_db
def test_an_approved_update_begins_the_next_cycle_and_its_reminders(city, areas):
    (commitment,) = commit(city, areas[0])
    with on(DUE - days(30)):
        run_reminder_chore()
    with on(DUE - days(20)):
        approved_update(city, milestone_on=DUE - days(21), **{"gender-equality": {}})
    commitment.refresh_from_db()
    assert (commitment.last_reported_on, commitment.due_on) == (DUE - days(20), DUE + days(345))
    with on(DUE - days(7)):
        assert run_reminder_chore() == 0  # the old due date is gone
    with on(DUE + days(345 - 30)):
        assert run_reminder_chore() == 1
    assert len(reminders()) == 2

"""What the reporting-cycle tests share: days to travel to, commitments begun on a given
day, the reminder chore as the worker runs it, and an approved update."""

from __future__ import annotations

import copy
import datetime

import time_machine
from django.contrib.auth.models import User

from commitments.models import Commitment, ProfileChange
from commitments.profile_updates import current_profile, profile_change_review
from jobs.registry import CHORES

BEGUN = datetime.date(2027, 1, 10)
DUE = datetime.date(2028, 1, 10)  # a year (365 days) later
GRACE_OVER = DUE + datetime.timedelta(days=60)  # the last day before "Update overdue"
INACTIVE_FROM = GRACE_OVER + datetime.timedelta(days=366)  # a full year of being overdue
REMINDER_CHORE = "Reminders of commitment updates written"


def on(day: datetime.date, hour: int = 12):
    """Travel to noon (by default) of `day`, with the clock stopped."""
    moment = datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)
    return time_machine.travel(moment, tick=False)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def commit(signatory, *themes, day: datetime.date = BEGUN) -> list[Commitment]:
    with on(day):
        return [
            Commitment.objects.create(
                signatory=signatory, theme=theme, statement=f"Act on {theme.title}."
            )
            for theme in themes
        ]


def run_reminder_chore() -> int:
    chore = next(chore for chore in CHORES if chore.name == REMINDER_CHORE)
    return chore.run()


def approved_update(signatory, *, milestone_on: datetime.date | None = None, **commitments):
    """An officer approves an update sent by the signatory; `commitments` maps an area's
    slug to the changes sent for it (a new dated update when `milestone_on` is given)."""
    before = current_profile(signatory)
    proposed = copy.deepcopy(before)
    for slug, changes in commitments.items():
        proposed["commitments"][slug].update(changes)
        if milestone_on:
            proposed["commitments"][slug]["milestone"] = {
                "date": milestone_on.isoformat(), "text": "Progress made."
            }  # fmt: skip
    change = ProfileChange.objects.create(signatory=signatory, before=before, proposed=proposed)
    officer, _ = User.objects.get_or_create(username="officer", is_staff=True)
    assert profile_change_review(change=change, approve=True, reviewer=officer)
    return change

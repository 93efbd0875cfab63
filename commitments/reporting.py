"""The reporting cycle's work: reminders before updates are due (a chore of the worker),
an officer's extension, and a new cycle when a signatory is approved.

Reminders go REMINDER_DAYS (30, then 7) before a due date to the signatory's contact, in
its language, with a fresh update link. One email lists every commitment of the
signatory due within GROUPED_WITHIN of those that prompted it. A Reminder row per
commitment, due date and stage, written in the email's transaction under a lock on the
signatory and a unique constraint, makes each reminder go once, however often and by
however many workers the chore runs; a worker that was down sends the latest one due,
not both.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, models, transaction
from django.db.models import Case, Exists, OuterRef, Value, When
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from outbox.emails import email_enqueue
from outbox.models import Notification
from signatories.models import Signatory

from .models import Commitment, Extension, Reminder
from .profile_updates import update_link_create

REMINDER_DAYS = (30, 7)
GROUPED_WITHIN = datetime.timedelta(days=14)


class ReportingEmail(models.TextChoices):
    """The outbox's kind of reminder email (registered in apps.py)."""

    REMINDER = "commitment_reminder", _("Update of commitments due, to the signatory")
    EXTENDED = "commitment_extended", _("Due date of a commitment moved, to the signatory")


class AlreadyExtended(Exception):
    """The cycle's one extension has already been granted."""


def wanting_reminder(commitments: models.QuerySet, today: datetime.date) -> models.QuerySet:
    """Those due for a reminder today (`stage`: 7 within a week of the due date, else
    30) that have not had it, nor a later one, for this due date."""
    stages = [When(due_on__lte=today + datetime.timedelta(days=d), then=Value(d)) for d in
              sorted(REMINDER_DAYS)]  # fmt: skip
    reminded = Reminder.objects.filter(
        commitment=OuterRef("pk"), due_on=OuterRef("due_on"), days_before__lte=OuterRef("stage")
    )
    return (
        commitments.due_within(max(REMINDER_DAYS), today)
        .annotate(stage=Case(*stages, output_field=models.PositiveSmallIntegerField()))
        .filter(~Exists(reminded))
    )


def reminders_send(*, today: datetime.date | None = None) -> int:
    """The worker's chore: write the reminders due; how many emails were written."""
    today = today or timezone.localdate()
    waiting = wanting_reminder(Commitment.objects.public(), today)
    signatory_ids = set(waiting.values_list("signatory_id", flat=True))
    return sum(signatory_remind(signatory_id=pk, today=today) for pk in sorted(signatory_ids))


def signatory_remind(*, signatory_id: int, today: datetime.date) -> int:
    """One email to a public signatory about its commitments due; 1 if it was written."""
    try:
        with transaction.atomic():
            signatory = (
                Signatory.objects.select_for_update()
                .approved()
                .exclude(slug="")
                .exclude(contact_email="")
                .filter(pk=signatory_id)
                .first()
            )
            if signatory is None:
                return 0
            prompting = list(wanting_reminder(signatory.commitments.all(), today))
            if not prompting:  # another worker has just sent it
                return 0
            stage = min(c.stage for c in prompting)
            listed = due_together(signatory, prompting, stage=stage, today=today)
            Reminder.objects.bulk_create(
                Reminder(commitment=c, due_on=c.due_on, days_before=stage) for c in listed
            )
            reminder_enqueue(signatory, listed)
    except IntegrityError:  # recorded by another worker in between: theirs is sent
        return 0
    return 1


def due_together(
    signatory: Signatory, prompting: list[Commitment], *, stage: int, today: datetime.date
) -> list[Commitment]:
    """The commitments one reminder lists: those that prompted it, and the others due
    soon after that have not had this reminder."""
    until = max(c.due_on for c in prompting) + GROUPED_WITHIN
    reminded = Reminder.objects.filter(
        commitment=OuterRef("pk"), due_on=OuterRef("due_on"), days_before__lte=stage
    )
    return list(
        signatory.commitments.filter(due_on__range=(today, until))
        .filter(~Exists(reminded))
        .select_related("theme")
        .order_by("due_on", "theme__position")
    )


def reminder_enqueue(signatory: Signatory, commitments: list[Commitment]) -> Notification:
    valid_for = datetime.timedelta(days=settings.COMMITMENT_REMINDER_LINK_DAYS)
    with translation.override(signatory.language):
        profile_url = settings.SITE_URL + signatory.get_absolute_url()
    return email_enqueue(
        about=signatory,
        kind=ReportingEmail.REMINDER,
        to=signatory.contact_email,
        reply_to=settings.POLICY_OFFICER_EMAIL,
        language=signatory.language,
        priority=Notification.Priority.BULK,
        context={
            "signatory": signatory,
            "commitments": commitments,
            "due_on": min(c.due_on for c in commitments),
            "update_url": update_link_create(signatory, valid_for=valid_for),
            "link_expires_on": timezone.localdate() + valid_for,
            "profile_url": profile_url,
            "grace_days": settings.COMMITMENT_GRACE_DAYS,
        },
    )


def commitment_extend(*, commitment: Commitment, officer: AbstractBaseUser, note: str) -> Extension:
    """Push the due date back COMMITMENT_EXTENSION_DAYS, recording who, when and why.

    Raises AlreadyExtended when this cycle has had its extension."""
    try:
        with transaction.atomic():
            commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
            began = commitment.last_reported_on
            if commitment.extensions.filter(cycle_began_on=began).exists():
                raise AlreadyExtended
            later = commitment.due_on + datetime.timedelta(days=settings.COMMITMENT_EXTENSION_DAYS)
            extension = Extension(
                commitment=commitment, cycle_began_on=began, due_before=commitment.due_on,
                due_after=later, note=note, granted_by=officer,
            )  # fmt: skip
            extension.full_clean(validate_constraints=False)
            extension.save()
            commitment.due_on = later
            commitment.save(update_fields=["due_on", "updated_at"])
            extension_tell(extension)
    except IntegrityError as error:  # granted by another officer in between
        raise AlreadyExtended from error
    return extension


def extension_tell(extension: Extension) -> None:
    """The signatory hears of its new due date, in its language (never the officer's note,
    which is for staff)."""
    signatory = extension.commitment.signatory
    if not signatory.contact_email or signatory.status != Signatory.Status.APPROVED:
        return
    with translation.override(signatory.language):
        profile_url = settings.SITE_URL + signatory.get_absolute_url()
    email_enqueue(
        about=signatory,
        kind=ReportingEmail.EXTENDED,
        to=signatory.contact_email,
        reply_to=settings.POLICY_OFFICER_EMAIL,
        language=signatory.language,
        context={"signatory": signatory, "extension": extension, "profile_url": profile_url},
    )


def cycle_begins_on_approval(sender, instance: Signatory, **kwargs) -> None:
    """A signatory approved, or approved again, begins its commitments' cycles that day."""
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "status" not in update_fields:
        return
    if instance.status == Signatory.Status.APPROVED and instance.reviewed_at:
        day = timezone.localdate(instance.reviewed_at)
        Commitment.objects.filter(signatory=instance).reported_on(day)

"""What signatories commit to, per thematic area, and the progress they report.

Each commitment has a reporting cycle: an update is due COMMITMENT_UPDATE_EVERY_DAYS after
the cycle began (its creation, its signatory's approval, the signatory's last approved
update of it, or a new dated update); COMMITMENT_GRACE_DAYS later it is overdue. A
signatory whose commitments have all been overdue for a year is inactive.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Exists, Min, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from signatories.models import Signatory
from toolkit.models import Theme

PROGRESS_ONLY_UNDER_WAY = _("A percentage goes only with a commitment under way.")

INACTIVE_AFTER_OVERDUE = datetime.timedelta(days=365)


def cycle_length() -> datetime.timedelta:
    return datetime.timedelta(days=settings.COMMITMENT_UPDATE_EVERY_DAYS)


def grace_period() -> datetime.timedelta:
    return datetime.timedelta(days=settings.COMMITMENT_GRACE_DAYS)


def first_due_date() -> datetime.date:
    """A new commitment's first update is due one cycle after today."""
    return timezone.localdate() + cycle_length()


class CommitmentQuerySet(models.QuerySet):
    def public(self) -> CommitmentQuerySet:
        return self.filter(signatory__status=Signatory.Status.APPROVED).exclude(signatory__slug="")

    def due_within(self, days: int, today: datetime.date) -> CommitmentQuerySet:
        return self.filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=days))

    def overdue(self, today: datetime.date) -> CommitmentQuerySet:
        return self.filter(due_on__lt=today - grace_period())

    def reported_on(self, day: datetime.date) -> int:
        """Begin a new cycle on `day`, for those whose cycle began before it."""
        return self.filter(last_reported_on__lt=day).update(
            last_reported_on=day, due_on=day + cycle_length()
        )


def next_change_of_standing(today: datetime.date) -> datetime.date | None:
    """The first day after `today` on which a public commitment turns overdue, or its
    signatory may turn inactive (if it was its latest due date: a day too many at worst)."""
    overdue_after = grace_period()
    inactive_after = overdue_after + INACTIVE_AFTER_OVERDUE
    found = Commitment.objects.public().aggregate(
        overdue=Min("due_on", filter=Q(due_on__gte=today - overdue_after)),
        inactive=Min("due_on", filter=Q(due_on__gte=today - inactive_after)),
    )
    one_day = datetime.timedelta(days=1)
    days = [
        found["overdue"] and found["overdue"] + overdue_after + one_day,
        found["inactive"] and found["inactive"] + inactive_after + one_day,
    ]
    return min(filter(None, days), default=None)


def signatory_inactive(today: datetime.date) -> Q:
    """Whether a signatory (the outer query) has commitments, all overdue for a year."""
    theirs = Commitment.objects.filter(signatory=OuterRef("pk"))
    recent = theirs.filter(due_on__gte=today - grace_period() - INACTIVE_AFTER_OVERDUE)
    return Q(Exists(theirs)) & ~Q(Exists(recent))


class Commitment(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        ACHIEVED = "achieved", _("Achieved")

    signatory = models.ForeignKey(
        Signatory, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("signatory")
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("theme")
    )
    statement = models.TextField(
        _("statement"), max_length=600, help_text=_("What the institution commits to do.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("how far along (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Only for a commitment under way, as the signatory states it."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    last_reported_on = models.DateField(
        _("last updated"), default=timezone.localdate, editable=False
    )
    due_on = models.DateField(_("next update due"), default=first_due_date, editable=False)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        db_table = "signatories_commitment"
        ordering = ["theme__position"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.UniqueConstraint(fields=["signatory", "theme"], name="one_commitment_per_area"),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="progress_at_most_100"
            ),
        ]
        indexes = [models.Index(fields=["due_on"], name="commitment_due_on")]

    def __str__(self) -> str:
        return f"{self.signatory}: {self.theme}"

    def clean(self) -> None:
        if self.progress is not None and self.status != self.Status.UNDER_WAY:
            raise ValidationError({"progress": PROGRESS_ONLY_UNDER_WAY})

    @property
    def overdue(self) -> bool:
        return self.due_on < timezone.localdate() - grace_period()

    @property
    def overdue_for_a_year(self) -> bool:
        """As signatory_inactive() has it, for a commitment already loaded."""
        return self.due_on < timezone.localdate() - grace_period() - INACTIVE_AFTER_OVERDUE


class MilestoneQuerySet(models.QuerySet):
    def public(self) -> MilestoneQuerySet:
        return self.filter(commitment__signatory__status=Signatory.Status.APPROVED).exclude(
            commitment__signatory__slug=""
        )

    def latest_first(self) -> MilestoneQuerySet:
        return self.select_related("commitment__signatory", "commitment__theme").order_by(
            "-happened_on", "-pk"
        )


class Milestone(models.Model):
    """A dated update that says what happened on a commitment."""

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("commitment"),
    )
    happened_on = models.DateField(_("date"))
    text = models.TextField(_("what happened"), max_length=1000)
    published_at = models.DateTimeField(_("published"), default=timezone.now, editable=False)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        db_table = "signatories_milestone"
        ordering = ["-happened_on", "-pk"]
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    def __str__(self) -> str:
        return f"{self.commitment} ({self.happened_on:%Y-%m-%d})"

    def save(self, *args, **kwargs) -> None:
        adding = self._state.adding
        super().save(*args, **kwargs)
        if adding:  # reporting progress begins the commitment's next cycle
            day = timezone.localdate(self.published_at)
            Commitment.objects.filter(pk=self.commitment_id).reported_on(day)

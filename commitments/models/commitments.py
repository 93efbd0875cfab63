"""What signatories commit to, per thematic area, and the progress they report."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from signatories.models import Signatory
from toolkit.models import Theme

PROGRESS_ONLY_UNDER_WAY = _("A percentage goes only with a commitment under way.")


class CommitmentQuerySet(models.QuerySet):
    def public(self) -> CommitmentQuerySet:
        return self.filter(signatory__status=Signatory.Status.APPROVED).exclude(signatory__slug="")


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

    def __str__(self) -> str:
        return f"{self.signatory}: {self.theme}"

    def clean(self) -> None:
        if self.progress is not None and self.status != self.Status.UNDER_WAY:
            raise ValidationError({"progress": PROGRESS_ONLY_UNDER_WAY})


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

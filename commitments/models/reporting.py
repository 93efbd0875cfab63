"""The record of the reporting cycle: reminders sent before a due date, each once, and
the one extension an officer may grant per cycle."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .commitments import Commitment


class Reminder(models.Model):
    """A reminder emailed `days_before` a commitment's due date; the constraint makes it
    once per due date, however many workers run."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("commitment")
    )
    due_on = models.DateField(_("due date reminded of"))
    days_before = models.PositiveSmallIntegerField(_("days before"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "due_on", "days_before"], name="one_reminder_per_due_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commitment} ({self.due_on:%Y-%m-%d}, -{self.days_before})"


class Extension(models.Model):
    """More time for an update, granted by a policy officer: once per cycle, which the
    cycle's first day identifies."""

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="extensions",
        verbose_name=_("commitment"),
    )
    cycle_began_on = models.DateField(_("cycle began on"), editable=False)
    due_before = models.DateField(_("due before"), editable=False)
    due_after = models.DateField(_("due after"), editable=False)
    note = models.TextField(_("note"), max_length=1000)
    granted_at = models.DateTimeField(_("granted"), default=timezone.now, editable=False)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("granted by"),
    )

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "cycle_began_on"], name="one_extension_per_cycle"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commitment}: {self.due_before:%Y-%m-%d} → {self.due_after:%Y-%m-%d}"

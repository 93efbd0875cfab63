"""Signatories keep their profile current without an account: an emailed single-use link
opens a form; what they send waits for a policy officer's decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from signatories.models import Signatory


class UpdateLink(models.Model):
    """A link emailed to a signatory's contact address; only a hash of its secret is kept."""

    signatory = models.ForeignKey(
        Signatory,
        on_delete=models.CASCADE,
        related_name="update_links",
        verbose_name=_("signatory"),
    )
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("sent"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires"), editable=False)
    used_at = models.DateTimeField(_("used"), null=True, blank=True, editable=False)

    class Meta:
        db_table = "signatories_updatelink"
        ordering = ["-created_at"]
        verbose_name = _("update link")
        verbose_name_plural = _("update links")

    def __str__(self) -> str:
        return f"{self.signatory} ({self.created_at:%Y-%m-%d %H:%M})"


class ProfileChange(models.Model):
    """Changes a signatory sent through its link, waiting for review; kept as a record."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    signatory = models.ForeignKey(
        Signatory,
        on_delete=models.CASCADE,
        related_name="profile_changes",
        verbose_name=_("signatory"),
    )
    link = models.OneToOneField(
        UpdateLink, on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )
    before = models.JSONField(_("profile before"), editable=False)
    proposed = models.JSONField(_("proposed profile"), editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("reviewed by"),
    )
    note = models.TextField(
        _("note to the signatory"),
        blank=True,
        max_length=1000,
        help_text=_("Sent with the decision, e.g. why a change was declined."),
    )

    class Meta:
        db_table = "signatories_profilechange"
        ordering = ["-submitted_at"]
        verbose_name = _("profile update")
        verbose_name_plural = _("profile updates")
        indexes = [models.Index(fields=["status", "-submitted_at"])]

    def __str__(self) -> str:
        return f"{self.signatory} ({self.submitted_at:%Y-%m-%d})"

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobs.models import QueuedJob


class AddressRequest(QueuedJob):
    """Something asked for an email address whose answer must not tell whether the
    address is known here: an update link, a subscription.

    The page only stores this row and answers; the worker looks the address up and
    writes any email, so the page takes the same path (and time) for every address.
    The row holds an address, so it is deleted once answered.
    """

    class Status(models.TextChoices):
        PENDING = QueuedJob.PENDING, _("Waiting")
        FAILED = QueuedJob.FAILED, _("Failed")

    lease_seconds = 60

    kind = models.CharField(_("kind"), max_length=30)
    email = models.EmailField(_("email address"))
    payload = models.JSONField(_("what was asked"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )

    class Meta:
        verbose_name = _("request by email address")
        verbose_name_plural = _("requests by email address")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return self.kind

    def gives_up(self, now: datetime.datetime) -> bool:
        return now >= self.queued_at + datetime.timedelta(hours=1)

    def mark_done(self) -> None:
        AddressRequest.objects.filter(pk=self.pk).delete()

    @classmethod
    def forget_stale(cls, now: datetime.datetime | None = None) -> int:
        """Rows that failed for good still hold an address: gone after a day."""
        cutoff = (now or timezone.now()) - datetime.timedelta(days=1)
        return cls.objects.filter(queued_at__lt=cutoff).delete()[0]

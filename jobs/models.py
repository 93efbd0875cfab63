"""The shape of every queue the worker takes jobs from.

A job is a row written in the same transaction as what it is about (an email to send,
renditions to make), so committing the change and queueing its follow-up are one act.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class QueuedJobQuerySet(models.QuerySet):
    def due(self, now: datetime.datetime) -> QueuedJobQuerySet:
        return self.filter(status=QueuedJob.PENDING, next_attempt_at__lte=now)


class QueuedJob(models.Model):
    """A unit of background work, claimed by one worker at a time under a lease.

    Subclasses add what the job is about, a `status` field with their own wording of
    these three states, and `mark_done()`.
    """

    PENDING = "pending"
    FAILED = "failed"

    # How long a worker owns a job it is doing; if it dies, another one redoes it after.
    lease_seconds: int = 300
    # The order due jobs are taken in; a queue may put a priority first.
    claim_order: tuple[str, ...] = ("next_attempt_at", "pk")

    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)

    objects = QueuedJobQuerySet.as_manager()

    class Meta:
        abstract = True

    def gives_up(self, now: datetime.datetime) -> bool:
        """Whether a failure now is the last one: the job is then marked failed."""
        raise NotImplementedError

    def mark_done(self) -> None:
        raise NotImplementedError

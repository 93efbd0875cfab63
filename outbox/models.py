"""The outbox: emails waiting to be sent (Notification), and requests by email address
that the worker answers so that pages never tell whether an address is known
(AddressRequest). Both tables keep the names they had in signatories/."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobs.models import QueuedJob

from .registry import email_kind_choices


class Notification(QueuedJob):
    """An email waiting in the outbox, written in the same transaction as what it is about.

    The worker (`manage.py run_worker`) claims due rows, sends them and retries
    failures with back-off, so a dead mail server delays an email but never loses it.
    """

    class Priority(models.IntegerChoices):
        PEOPLE_WAITING = 0, _("Someone is waiting for it")
        BULK = 1, _("Bulk (digests)")

    class Status(models.TextChoices):
        PENDING = QueuedJob.PENDING, _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = QueuedJob.FAILED, _("Failed")

    # Keep it well above EMAIL_TIMEOUT, or a slow send may be sent twice.
    lease_seconds = settings.NOTIFICATION_LEASE_SECONDS
    # Join emails and links go before any number of digests.
    claim_order = ("priority", "next_attempt_at", "pk")

    # The record the email is about (a join request), whose erasure takes the email along.
    about_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about (kind of record)"),
    )
    about_id = models.PositiveBigIntegerField(_("about (record)"), null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    kind = models.CharField(_("kind"), max_length=20, choices=email_kind_choices)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.PEOPLE_WAITING
    )
    # Extra headers, e.g. List-Unsubscribe on digests.
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    to = models.EmailField(_("to"))
    reply_to = models.EmailField(_("reply to"), blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    text_body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML"))
    # Kept across retries so a receiver can recognise a duplicate delivery.
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        db_table = "signatories_notification"
        ordering = ["-queued_at"]
        verbose_name = _("email notification")
        verbose_name_plural = _("email notifications")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(
                fields=["status", "priority", "next_attempt_at"], name="outbox_claim_order"
            ),
            models.Index(fields=["about_type", "about_id"], name="outbox_about"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.to}"

    def gives_up(self, now: datetime.datetime) -> bool:
        after = datetime.timedelta(seconds=settings.NOTIFICATION_GIVE_UP_AFTER_SECONDS)
        return now >= self.queued_at + after

    def mark_done(self) -> None:
        Notification.objects.filter(pk=self.pk).update(
            status=self.Status.SENT, sent_at=timezone.now(), last_error=""
        )


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
        db_table = "signatories_addressrequest"
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

"""Readers who follow areas and programmes by email, and the emails sent to them."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import Programme
from lib.addresses import normalise_email
from outbox.models import Notification
from places.models import Place
from toolkit.models import Theme

NOTICE_VERSION = "2026-11-27.1"  # bump whenever the subscription notice changes


def new_secret() -> str:
    return secrets.token_urlsafe(16)


class SubscriptionQuerySet(models.QuerySet):
    def active(self) -> SubscriptionQuerySet:
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Subscription(models.Model):
    class Rhythm(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")

    # Personal data: never public; in the admin only with the contact-details permission.
    email = models.EmailField(_("email address"))
    themes = models.ManyToManyField(Theme, blank=True, verbose_name=_("thematic areas"))
    programmes = models.ManyToManyField(Programme, blank=True, verbose_name=_("programmes"))
    places = models.ManyToManyField(Place, blank=True, verbose_name=_("places"))
    everything = models.BooleanField(_("everything"), default=False)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    rhythm = models.CharField(
        _("rhythm"), max_length=10, choices=Rhythm.choices, default=Rhythm.WEEKLY
    )
    consent_at = models.DateTimeField(_("consent given at"))
    consent_version = models.CharField(_("notice version"), max_length=20)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    # What became visible before this moment has been sent (or predates the subscription).
    covered_until = models.DateTimeField(_("digests cover up to"), null=True, blank=True)
    # Part of every link: a new secret (on erasure or re-subscription) voids old links.
    secret = models.CharField(max_length=32, default=new_secret, editable=False)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [models.UniqueConstraint(Lower("email"), name="one_subscription_per_address")]
        indexes = [models.Index(fields=["confirmed_at", "unsubscribed_at", "rhythm"])]

    def __str__(self) -> str:
        return f"{self.get_rhythm_display()} ({self.get_language_display()})"

    def save(self, *args, **kwargs) -> None:
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None

    @property
    def has_left(self) -> bool:
        return self.unsubscribed_at is not None

    @property
    def masked_email(self) -> str:
        """Enough of the address for its owner to know it, e.g. "a•••@example.org"."""
        local, _at, domain = self.email.rpartition("@")
        return f"{local[:1]}•••@{domain}"


class SubscriberEmail(models.TextChoices):
    """The outbox's kinds of email to readers (registered in apps.py)."""

    SUBSCRIPTION_CONFIRM = "subscribe_confirm", _("Subscription to confirm, to the reader")
    DIGEST = "digest", _("Digest, to a subscriber")


class SubscriptionEmail(models.Model):
    """An email sent to a subscriber through the outbox: a confirmation or a digest.

    A digest is unique per subscription and period start, so a period is never sent twice.
    """

    class Kind(models.TextChoices):
        CONFIRM = "confirm", _("Confirmation")
        DIGEST = "digest", _("Digest")

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="emails")
    notification = models.OneToOneField(Notification, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    period_start = models.DateTimeField(null=True, blank=True)
    period_end = models.DateTimeField(null=True, blank=True)
    items = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "period_start"],
                condition=Q(kind="digest"),
                name="one_digest_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.period_start or ''})"

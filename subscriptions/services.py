"""Subscribing (double opt-in), confirming, changing, leaving, and erasing subscribers."""

from __future__ import annotations

import contextlib
import datetime
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from initiatives.models import Programme
from lib.addresses import normalise_email
from outbox.emails import email_build
from outbox.models import Notification
from places.models import Place
from toolkit.models import Theme

from .links import CONFIRM_DAYS, absolute_link
from .models import NOTICE_VERSION, SubscriberEmail, Subscription, SubscriptionEmail, new_secret

UNSUBSCRIBED_KEPT_DAYS = 30


def enqueue_email(
    subscription: Subscription,
    *,
    template: str,
    kind: str,
    context: dict[str, Any],
    headers: dict[str, str] | None = None,
    priority: int = Notification.Priority.PEOPLE_WAITING,
) -> Notification:
    notification = build_email(
        subscription, template=template, kind=kind, context=context, headers=headers,
        priority=priority,
    )  # fmt: skip
    notification.save()
    return notification


def build_email(subscription, *, template, kind, context, headers=None, priority=0) -> Notification:
    """An unsaved outbox row, written in the subscriber's language."""
    with translation.override(subscription.language):
        manage_url = absolute_link(subscription, "manage")
    return email_build(
        kind=kind,
        template=template,
        to=subscription.email,
        language=subscription.language,
        context={**context, "subscription": subscription, "manage_url": manage_url},
        priority=priority,
        headers=headers,
    )


def unsubscribe_headers(subscription: Subscription) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail programs show "Unsubscribe" and POST to the URL."""
    url = absolute_link(subscription, "unsubscribe")
    mailbox = settings.UNSUBSCRIBE_MAILTO or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return {
        "List-Unsubscribe": f"<{url}>, <mailto:{mailbox}?subject=unsubscribe>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def subscription_answer(email: str, payload: dict[str, Any]) -> None:
    """The worker's half of a sign-up (outbox/address_requests.py): the page answered
    the same whatever the address, and only here does what follows depend on it."""
    choices = {
        **payload,
        "themes": list(Theme.objects.filter(pk__in=payload["themes"])),
        "programmes": list(Programme.objects.filter(pk__in=payload["programmes"])),
        "places": list(Place.objects.filter(pk__in=payload.get("places", []))),
    }
    subscription_request(email=email, choices=choices)


def subscription_request(*, email: str, choices: dict[str, Any]) -> None:
    """Ask for a subscription: confirm a new address, remind a subscribed one."""
    with contextlib.suppress(IntegrityError):  # the same address twice at once: one stands
        request_once(normalise_email(email), choices)


def request_once(email: str, choices: dict[str, Any]) -> None:
    with transaction.atomic():
        existing = Subscription.objects.select_for_update().filter(email=email).first()
        if existing is not None and existing.is_active:
            # Preferences change only through links sent to the address itself.
            enqueue_email(
                existing,
                template="subscribe_already",
                kind=SubscriberEmail.SUBSCRIPTION_CONFIRM,
                context={},
            )
            return
        subscription = existing or Subscription(email=email)
        if subscription.pk is None or subscription.has_left:
            # a fresh subscription, perhaps not asked for by whoever had it: old links end.
            # While it waits for confirmation the secret stays, so that every confirmation
            # link sent (a double click, a second try) works until its own time runs out.
            subscription.secret = new_secret()
        subscription.confirmed_at = subscription.unsubscribed_at = None
        subscription.consent_at, subscription.consent_version = timezone.now(), NOTICE_VERSION
        subscription.created_at = timezone.now()  # the 7 days to confirm start again
        subscription.covered_until = None
        subscription.save()  # the row is locked (or new): saving all of it is safe here
        preferences_set(subscription, choices)
        notification = enqueue_email(
            subscription,
            template="subscribe_confirm",
            kind=SubscriberEmail.SUBSCRIPTION_CONFIRM,
            context={"confirm_url": absolute_link(subscription, "confirm"), "days": CONFIRM_DAYS},
        )
        SubscriptionEmail.objects.create(
            subscription=subscription, notification=notification, kind="confirm"
        )


def preferences_set(subscription: Subscription, choices: dict[str, Any]) -> None:
    for field in ("everything", "language", "rhythm"):
        setattr(subscription, field, choices[field])
    if subscription.pk is None:
        subscription.save()
    else:  # never write back a covered_until that a digest run has moved on since
        subscription.save(update_fields=["everything", "language", "rhythm"])
    subscription.themes.set(choices["themes"])
    subscription.programmes.set(choices["programmes"])
    subscription.places.set(choices.get("places", []))


def subscription_confirm(*, subscription: Subscription) -> None:
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.covered_until = subscription.confirmed_at  # what is new from now on
        subscription.save(update_fields=["confirmed_at", "covered_until"])


def subscription_resume(*, subscription: Subscription) -> None:
    """Follow again, from a manage link of an address that left (its owner's link), with
    consent given again; what was published while away is not sent."""
    now = timezone.now()
    subscription.unsubscribed_at = None
    subscription.consent_at, subscription.consent_version = now, NOTICE_VERSION
    subscription.covered_until = now
    subscription.save(
        update_fields=["unsubscribed_at", "consent_at", "consent_version", "covered_until"]
    )


def unsubscribe(*, subscription: Subscription) -> None:
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])


def subscriber_erase(*, subscription: Subscription) -> None:
    """The subscription and every email written to it, outbox rows included."""
    with transaction.atomic():
        Notification.objects.filter(pk__in=subscription.emails.values("notification_id")).delete()
        subscription.delete()


def subscriber_personal_data(*, subscription: Subscription) -> dict[str, Any]:
    return {
        "email": subscription.email,
        "themes": sorted(t.slug for t in subscription.themes.all()),
        "programmes": sorted(p.slug for p in subscription.programmes.all()),
        "places": sorted(f"{p.country.code.lower()}/{p.slug}" for p in subscription.places.all()),
        "everything": subscription.everything,
        "language": subscription.language,
        "rhythm": subscription.rhythm,
        "consent_at": subscription.consent_at,
        "consent_version": subscription.consent_version,
        "created_at": subscription.created_at,
        "confirmed_at": subscription.confirmed_at,
        "unsubscribed_at": subscription.unsubscribed_at,
        "emails": [
            {
                "kind": e.kind,
                "subject": e.notification.subject,
                "queued_at": e.notification.queued_at,
            }
            for e in subscription.emails.select_related("notification")
        ],
    }


def stale_subscriptions_erase(*, now: datetime.datetime | None = None) -> int:
    """Unconfirmed after CONFIRM_DAYS, or unsubscribed UNSUBSCRIBED_KEPT_DAYS ago: erased."""
    now = now or timezone.now()
    stale = Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - datetime.timedelta(days=CONFIRM_DAYS)
    ) | Subscription.objects.filter(
        unsubscribed_at__lt=now - datetime.timedelta(days=UNSUBSCRIBED_KEPT_DAYS)
    )
    erased = 0
    for subscription in stale:
        subscriber_erase(subscription=subscription)
        erased += 1
    return erased

"""Signed links in subscription emails. Each carries the subscription's id and secret, so
a new secret (erasure, a fresh subscription) voids every older link."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from .models import Subscription

CONFIRM_DAYS = 7  # unconfirmed subscriptions are erased after this too


def token_for(subscription: Subscription, purpose: str) -> str:
    return signing.dumps([subscription.pk, subscription.secret], salt=f"subscriptions.{purpose}")


def subscription_for(token: str, purpose: str, max_age_days: int | None = None) -> Subscription:
    """The subscription behind a link; Subscription.DoesNotExist if forged, old or voided."""
    max_age = None if max_age_days is None else max_age_days * 86400
    try:
        pk, secret = signing.loads(token, salt=f"subscriptions.{purpose}", max_age=max_age)
        return Subscription.objects.get(pk=int(pk), secret=str(secret))
    except (signing.BadSignature, ValueError, TypeError, OverflowError) as error:
        raise Subscription.DoesNotExist from error


def absolute_link(subscription: Subscription, purpose: str) -> str:
    with translation.override(subscription.language):
        path = reverse(f"subscriptions:{purpose}", args=[token_for(subscription, purpose)])
    return settings.SITE_URL + path

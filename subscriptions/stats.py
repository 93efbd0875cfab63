"""Counts of active subscriptions for staff: never an address."""

from __future__ import annotations

from django.db.models import Count, Q

from initiatives.models import Programme
from toolkit.models import Theme

from .models import Subscription


def subscriber_counts() -> dict:
    active = Subscription.objects.active()
    follows = Q(subscription__confirmed_at__isnull=False, subscription__unsubscribed_at=None)
    return {
        "total": active.count(),
        "pending": Subscription.objects.filter(confirmed_at=None).count(),
        "everything": active.filter(everything=True).count(),
        "by_rhythm": list(active.values("rhythm").annotate(n=Count("pk")).order_by("rhythm")),
        "by_language": list(active.values("language").annotate(n=Count("pk")).order_by("language")),
        "by_theme": Theme.objects.annotate(n=Count("subscription", filter=follows)).order_by(
            "position"
        ),
        "by_programme": Programme.objects.annotate(
            n=Count("subscription", filter=follows)
        ).order_by("position"),
    }

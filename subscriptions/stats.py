"""Counts of active subscriptions for staff: never an address."""

from __future__ import annotations

from django.conf import settings
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
        "by_rhythm_and_language": by_rhythm_and_language(active),
        "by_theme": Theme.objects.annotate(n=Count("subscription", filter=follows)).order_by(
            "position"
        ),
        "by_programme": Programme.objects.annotate(
            n=Count("subscription", filter=follows)
        ).order_by("position"),
    }


def by_rhythm_and_language(active) -> dict:
    """A row for every rhythm (by its label) with a count for every language (by its name)
    and in all; then the totals of each language."""
    counted = active.values_list("rhythm", "language").annotate(n=Count("pk")).order_by()
    found = {(rhythm, language): n for rhythm, language, n in counted}
    codes = [code for code, _name in settings.LANGUAGES]
    rows = []
    for rhythm, label in Subscription.Rhythm.choices:
        counts = [found.get((rhythm, code), 0) for code in codes]
        rows.append({"rhythm": label, "counts": counts, "total": sum(counts)})
    totals = [sum(column) for column in zip(*(row["counts"] for row in rows), strict=True)]
    return {
        "languages": [name for _code, name in settings.LANGUAGES],
        "rows": rows,
        "totals": totals,
        "total": sum(totals),
    }

"""Digests: one email per subscriber per week or month with what was newly published in
what they follow. No new content, no email; a period is never sent twice.

Built for thousands of subscribers: the period's content is read once, then each
subscriber's share is picked in memory, and the emails are written to the outbox in bulk
with a lower priority than join emails, which the worker sends first.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from initiatives.models import Entry
from signatories.models import Milestone, Notification, Signatory
from toolkit.models import Insight

from .models import Subscription, SubscriptionEmail
from .services import build_email, unsubscribe_headers

BATCH = 500
LIST_OF = {"insight": "insights", "entry": "entries", "signatory": "signatories",
           "update": "updates"}  # fmt: skip


def period_end(rhythm: str, today: datetime.date) -> datetime.date:
    """The first day after the last complete period: a Monday, or the 1st of a month."""
    if rhythm == Subscription.Rhythm.MONTHLY:
        return today.replace(day=1)
    return today - datetime.timedelta(days=today.weekday())


@dataclass
class Item:
    kind: str  # insight, entry, signatory, update
    day: datetime.date
    obj: object
    themes: frozenset[int]
    programme: int | None = None


@dataclass
class Share:
    insights: list = field(default_factory=list)
    entries: list = field(default_factory=list)
    signatories: list = field(default_factory=list)
    updates: list = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.insights) + len(self.entries) + len(self.signatories) + len(self.updates)


def new_content(start: datetime.date, end: datetime.date) -> list[Item]:
    """Everything published in [start, end), read once for every subscriber."""
    insights = Insight.objects.published().filter(published_on__gte=start, published_on__lt=end)
    entries = (
        Entry.objects.published()
        .filter(published_on__gte=start, published_on__lt=end)
        .select_related("programme")
        .prefetch_related("themes")
    )
    joined = (
        Signatory.objects.approved()
        .exclude(slug="")
        .filter(reviewed_at__date__gte=start, reviewed_at__date__lt=end)
        .prefetch_related("themes")
    )
    updates = (
        Milestone.objects.public()
        .filter(published_at__date__gte=start, published_at__date__lt=end)
        .select_related("commitment__signatory", "commitment__theme")
    )

    def areas(item) -> frozenset[int]:
        return frozenset(theme.pk for theme in item.themes.all())

    return [
        *(Item("insight", i.published_on, i, frozenset([i.theme_id]))
          for i in insights.select_related("theme")),
        *(Item("entry", e.published_on, e, areas(e), e.programme_id) for e in entries),
        *(Item("signatory", s.reviewed_at.date(), s, areas(s)) for s in joined),
        *(Item("update", m.published_at.date(), m, frozenset([m.commitment.theme_id]))
          for m in updates),
    ]  # fmt: skip


def share_of(subscription: Subscription, items: Iterable[Item], end: datetime.date) -> Share:
    themes = {t.pk for t in subscription.themes.all()}
    programmes = {p.pk for p in subscription.programmes.all()}
    share = Share()
    for item in items:
        if not (subscription.covered_until <= item.day < end):
            continue
        followed = (
            subscription.everything
            or bool(item.themes & themes)
            or (item.programme is not None and item.programme in programmes)
        )
        if followed:
            getattr(share, LIST_OF[item.kind]).append(item.obj)
    return share


def digests_queue(*, now: bool = False) -> int:
    """Queue the digests that are due (or, with now=True, everything new up to today)."""
    today = timezone.localdate()
    queued = 0
    for rhythm in Subscription.Rhythm.values:
        end = today + datetime.timedelta(days=1) if now else period_end(rhythm, today)
        due = Subscription.objects.active().filter(rhythm=rhythm, covered_until__lt=end)
        first = due.order_by("covered_until").values_list("covered_until", flat=True).first()
        if first is None:
            continue
        items = new_content(first, end)
        subscriptions = due.prefetch_related("themes", "programmes").order_by("pk")
        batch: list[Subscription] = []
        for subscription in subscriptions.iterator(chunk_size=BATCH):
            batch.append(subscription)
            if len(batch) == BATCH:
                queued += queue_batch(batch, items, end)
                batch = []
        queued += queue_batch(batch, items, end)
    return queued


def queue_batch(subscriptions: list[Subscription], items: list[Item], end: datetime.date) -> int:
    emails, records = [], []
    for subscription in subscriptions:
        share = share_of(subscription, items, end)
        if share:
            emails.append(digest_email(subscription, share, end))
            records.append(
                SubscriptionEmail(
                    subscription=subscription,
                    kind="digest",
                    items=len(share),
                    period_start=subscription.covered_until,
                    period_end=end,
                )  # fmt: skip
            )
        subscription.covered_until = end
    try:
        with transaction.atomic():
            Notification.objects.bulk_create(emails)
            for record, email in zip(records, emails, strict=True):
                record.notification = email
            SubscriptionEmail.objects.bulk_create(records)
            Subscription.objects.bulk_update(subscriptions, ["covered_until"])
    except IntegrityError:  # another worker queued this period first: nothing twice
        return 0
    return len(emails)


def digest_email(subscription: Subscription, share: Share, end: datetime.date) -> Notification:
    with translation.override(subscription.language):
        context = {
            "share": share,
            "start": subscription.covered_until,
            "end": end - datetime.timedelta(days=1),
            "site_url": settings.SITE_URL,
        }
        return build_email(
            subscription,
            template="digest",
            kind=Notification.Kind.DIGEST,
            context=context,
            headers=unsubscribe_headers(subscription),
            priority=Notification.Priority.BULK,
        )

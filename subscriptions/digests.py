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
from django.db.models import Q
from django.utils import timezone, translation

from commitments.models import Milestone
from initiatives.models import Entry
from outbox.models import Notification
from signatories.models import Signatory
from toolkit.models import Insight

from .models import SubscriberEmail, Subscription, SubscriptionEmail
from .services import build_email, unsubscribe_headers

BATCH = 500
LIST_OF = {"insight": "insights", "entry": "entries", "signatory": "signatories",
           "update": "updates"}  # fmt: skip


def period_end(rhythm: str, today: datetime.date) -> datetime.datetime:
    """The start of the current period: midnight on Monday, or on the 1st of the month."""
    day = (
        today.replace(day=1)
        if rhythm == Subscription.Rhythm.MONTHLY
        else (today - datetime.timedelta(days=today.weekday()))
    )
    return midnight(day)


def midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def visible_since(item) -> datetime.datetime:
    """When readers could first see a published item: on its first publication, or on
    its publication date if that came later (scheduled content)."""
    dated = midnight(item.published_on)
    return max(item.first_published_at or dated, dated)


@dataclass
class Item:
    kind: str  # insight, entry, signatory, update
    seen: datetime.datetime  # when it became visible
    obj: object
    themes: frozenset[int]
    programme: int | None = None
    place: int | None = None


@dataclass
class Share:
    insights: list = field(default_factory=list)
    entries: list = field(default_factory=list)
    signatories: list = field(default_factory=list)
    updates: list = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.insights) + len(self.entries) + len(self.signatories) + len(self.updates)


def new_content(start: datetime.datetime, end: datetime.datetime) -> list[Item]:
    """Everything that became visible in [start, end), read once for every subscriber."""
    recent = Q(first_published_at__gte=start) | Q(published_on__gte=start.date())
    insights = Insight.objects.published().filter(recent)
    entries = (
        Entry.objects.published()
        .filter(recent)
        .select_related("programme", "place_link")
        .prefetch_related("themes")
    )
    joined = (
        Signatory.objects.approved()
        .exclude(slug="")
        .filter(reviewed_at__gte=start, reviewed_at__lt=end)
        .select_related("place_link")
        .prefetch_related("themes")
    )
    updates = (
        Milestone.objects.public()
        .filter(published_at__gte=start, published_at__lt=end)
        .select_related("commitment__signatory__place_link", "commitment__theme")
    )

    def areas(item) -> frozenset[int]:
        return frozenset(theme.pk for theme in item.themes.all())

    items = [
        *(Item("insight", visible_since(i), i, frozenset([i.theme_id]))
          for i in insights.select_related("theme")),
        *(Item("entry", visible_since(e), e, areas(e), e.programme_id, place_of(e))
          for e in entries),
        *(Item("signatory", s.reviewed_at, s, areas(s), place=place_of(s)) for s in joined),
        *(Item("update", m.published_at, m, frozenset([m.commitment.theme_id]),
               place=place_of(m.commitment.signatory))
          for m in updates),
    ]  # fmt: skip
    return [item for item in items if start <= item.seen < end]


def place_of(item) -> int | None:
    """The place of an entry or a signatory (places/: the link may not exist yet)."""
    link = getattr(item, "place_link", None)
    return link.place_id if link else None


def share_of(subscription: Subscription, items: Iterable[Item], end: datetime.datetime) -> Share:
    themes = {t.pk for t in subscription.themes.all()}
    programmes = {p.pk for p in subscription.programmes.all()}
    places = {p.pk for p in subscription.places.all()}
    share = Share()
    for item in items:
        if not (subscription.covered_until <= item.seen < end):
            continue
        followed = (
            subscription.everything
            or bool(item.themes & themes)
            or (item.programme is not None and item.programme in programmes)
            or (item.place is not None and item.place in places)
        )
        if followed:
            getattr(share, LIST_OF[item.kind]).append(item.obj)
    return share


def digests_queue(*, now: bool = False) -> int:
    """Queue the digests that are due (or, with now=True, everything new up to today)."""
    today = timezone.localdate()
    queued = 0
    for rhythm in Subscription.Rhythm.values:
        end = timezone.now() if now else period_end(rhythm, today)
        due = Subscription.objects.active().filter(rhythm=rhythm, covered_until__lt=end)
        first = due.order_by("covered_until").values_list("covered_until", flat=True).first()
        if first is None:
            continue
        items = new_content(first, end)
        subscriptions = due.prefetch_related("themes", "programmes", "places").order_by("pk")
        batch: list[Subscription] = []
        for subscription in subscriptions.iterator(chunk_size=BATCH):
            batch.append(subscription)
            if len(batch) == BATCH:
                queued += queue_batch(batch, items, end)
                batch = []
        queued += queue_batch(batch, items, end)
    return queued


def queue_batch(
    subscriptions: list[Subscription], items: list[Item], end: datetime.datetime
) -> int:
    planned = []
    for subscription in subscriptions:
        share = share_of(subscription, items, end)
        email = digest_email(subscription, share, end) if share else None
        planned.append((subscription, email, len(share)))
        subscription.covered_until, subscription.previous_until = end, subscription.covered_until
    try:
        return write(planned, end)
    except IntegrityError:  # another run queued some of these: go one by one, skip those
        return sum(write_or_skip(one, end) for one in planned)


def write(planned: list, end: datetime.datetime) -> int:
    """The batch's emails and their records in bulk, and everyone's progress, at once."""
    queued = [(s, email, n) for s, email, n in planned if email is not None]
    with transaction.atomic():
        Notification.objects.bulk_create([email for _s, email, _n in queued])
        SubscriptionEmail.objects.bulk_create(
            SubscriptionEmail(
                subscription=s,
                notification=email,
                kind="digest",
                items=n,
                period_start=s.previous_until,
                period_end=end,
            )  # fmt: skip
            for s, email, n in queued
        )
        Subscription.objects.bulk_update([s for s, *_rest in planned], ["covered_until"])
    return len(queued)


def write_or_skip(one: tuple, end: datetime.datetime) -> int:
    try:
        return write([one], end)
    except IntegrityError:
        Subscription.objects.filter(pk=one[0].pk).update(covered_until=end)
        return 0


def digest_email(subscription: Subscription, share: Share, end: datetime.datetime) -> Notification:
    with translation.override(subscription.language):
        context = {
            "share": share,
            "start": timezone.localtime(subscription.covered_until).date(),
            "end": timezone.localtime(end - datetime.timedelta(microseconds=1)).date(),
            "site_url": settings.SITE_URL,
        }
        return build_email(
            subscription,
            template="digest",
            kind=SubscriberEmail.DIGEST,
            context=context,
            headers=unsubscribe_headers(subscription),
            priority=Notification.Priority.BULK,
        )

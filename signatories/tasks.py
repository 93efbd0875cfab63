"""The outbox worker: claims due notifications, sends them, retries with back-off.

Several workers may run at once: a row is claimed by moving its next attempt a lease
into the future, under `select_for_update(skip_locked=True)` and a conditional update,
so no two workers send the same row. A worker killed mid-send leaves the row to be
claimed again when the lease ends: delivery is at least once, with a stable Message-ID.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Notification

logger = logging.getLogger(__name__)

MAX_RETRY_SECONDS = 15 * 60


def retry_delay(attempts: int) -> datetime.timedelta:
    """30 s after the first failure, doubling, capped at a quarter of an hour."""
    first = settings.NOTIFICATION_FIRST_RETRY_SECONDS
    return datetime.timedelta(seconds=min(first * 2 ** max(attempts - 1, 0), MAX_RETRY_SECONDS))


def claim_next(now: datetime.datetime) -> Notification | None:
    with transaction.atomic():
        candidate = (
            Notification.objects.due(now)
            .select_for_update(skip_locked=True)
            .order_by("next_attempt_at", "pk")
            .first()
        )
        if candidate is None:
            return None
        claimed = Notification.objects.filter(
            pk=candidate.pk,
            status=Notification.Status.PENDING,
            next_attempt_at=candidate.next_attempt_at,
        ).update(
            next_attempt_at=now + datetime.timedelta(seconds=settings.NOTIFICATION_LEASE_SECONDS),
            attempts=F("attempts") + 1,
        )
    if not claimed:  # another worker took it between our read and our update
        return claim_next(now)
    candidate.attempts += 1
    return candidate


def send(notification: Notification, connection) -> None:
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.text_body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.to],
        reply_to=[notification.reply_to] if notification.reply_to else None,
        headers={"Message-ID": notification.message_id},
        connection=connection,
    )
    message.attach_alternative(notification.html_body, "text/html")
    message.send()


def record_failure(notification: Notification, error: Exception, now: datetime.datetime) -> None:
    give_up_at = notification.queued_at + datetime.timedelta(
        seconds=settings.NOTIFICATION_GIVE_UP_AFTER_SECONDS
    )
    failed = now >= give_up_at
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.FAILED if failed else Notification.Status.PENDING,
        next_attempt_at=now + retry_delay(notification.attempts),
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )
    # Neither address nor message in the log (an SMTP error may quote the recipient):
    # logs outlive the erasure of personal data. The full error is kept in last_error.
    logger.warning(
        "Notification %s (%s) failed (attempt %d%s): %s",
        notification.pk,
        notification.kind,
        notification.attempts,
        ", giving up" if failed else "",
        type(error).__name__,
    )


def close_quietly(connection) -> None:
    try:
        connection.close()
    except Exception:  # noqa: BLE001 - a broken connection cannot be closed cleanly
        logger.debug("Mail connection closed with an error", exc_info=True)


def deliver_due_notifications(now: datetime.datetime | None = None, limit: int = 100) -> int:
    """Send up to `limit` due notifications; return how many were sent.

    Stops at the first failure: the mail server is probably down, and the rest wait
    for the next pass instead of each waiting out its own timeout now.
    """
    sent = 0
    connection = get_connection(fail_silently=False)
    try:
        for _ in range(limit):
            current = now or timezone.now()
            notification = claim_next(current)
            if notification is None:
                break
            try:
                send(notification, connection)
            except Exception as error:  # noqa: BLE001 - any mail failure means "retry later"
                record_failure(notification, error, current)
                break
            Notification.objects.filter(pk=notification.pk).update(
                status=Notification.Status.SENT, sent_at=timezone.now(), last_error=""
            )
            sent += 1
    finally:
        close_quietly(connection)
    return sent

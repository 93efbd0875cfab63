"""The outbox: sends due notifications through the shared job queue (`jobs.queue`).

Delivery is at least once, with a stable Message-ID so a receiver can drop duplicates.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from jobs.queue import work_through

from .models import Notification

logger = logging.getLogger(__name__)


def send(notification: Notification, connection) -> None:
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.text_body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.to],
        reply_to=[notification.reply_to] if notification.reply_to else None,
        headers={**notification.headers, "Message-ID": notification.message_id},
        connection=connection,
    )
    message.attach_alternative(notification.html_body, "text/html")
    message.send()


def close_quietly(connection) -> None:
    try:
        connection.close()
    except Exception:  # noqa: BLE001 - a broken connection cannot be closed cleanly
        logger.debug("Mail connection closed with an error", exc_info=True)


def deliver_due_notifications(now: datetime.datetime | None = None, limit: int = 100) -> int:
    """Send up to `limit` due notifications over one connection; return how many were sent.

    Stops at the first failure: the mail server is probably down, and the rest wait
    for the next pass instead of each waiting out its own timeout now.
    """
    connection = get_connection(fail_silently=False)
    try:
        return work_through(
            Notification,
            lambda notification: send(notification, connection),
            now=now,
            limit=limit,
            stop_at_failure=True,
        )
    finally:
        close_quietly(connection)

from __future__ import annotations

from django.utils import timezone

from .models import Notification


def notification_resend(*, notification: Notification) -> None:
    """Put a failed (or sent) notification back in the outbox, with the same Message-ID."""
    now = timezone.now()
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.PENDING, attempts=0, queued_at=now, next_attempt_at=now
    )

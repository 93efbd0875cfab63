"""Requests whose answer must not depend on an address (update links, subscriptions).

A page calls `address_request_queue()` and answers the same whatever the address; the
worker hands each row to the handler its app registered, in `AppConfig.ready`, with the
kind of email that answers it. One address gets at most EMAILS_PER_ADDRESS_PER_DAY such
emails a day: asking again and again neither floods its owner nor tells anything.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from jobs.queue import work_through

from .models import AddressRequest, Notification

EMAILS_PER_ADDRESS_PER_DAY = 3

Handler = Callable[[str, dict[str, Any]], None]
HANDLERS: dict[str, Handler] = {}
ANSWER_KINDS: set[str] = set()  # the kinds of email that answer such requests


def register_address_handler(kind: str, handler: Handler, *, answered_by: str) -> None:
    """`handler(email, payload)` answers requests of `kind` with emails of kind `answered_by`."""
    HANDLERS[kind] = handler
    ANSWER_KINDS.add(answered_by)


def address_request_queue(*, kind: str, email: str, payload: dict[str, Any]) -> None:
    if kind not in HANDLERS:
        raise ValueError(f"No handler for address requests of kind {kind!r}")
    AddressRequest.objects.create(kind=kind, email=email, payload=payload)


def emails_answered_today(email: str) -> int:
    since = timezone.now() - datetime.timedelta(days=1)
    return Notification.objects.filter(
        to=email, kind__in=ANSWER_KINDS, queued_at__gte=since
    ).count()


def answer(request: AddressRequest) -> None:
    if emails_answered_today(request.email) >= EMAILS_PER_ADDRESS_PER_DAY:
        return  # dropped: the owner has had enough of these today
    HANDLERS[request.kind](request.email, request.payload)


def answer_address_requests(now: datetime.datetime | None = None, limit: int = 100) -> int:
    return work_through(AddressRequest, answer, now=now, limit=limit)

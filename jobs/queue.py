"""Claiming, finishing and retrying jobs: the one mechanism every queue shares.

Several workers may run at once: a row is claimed by moving its next attempt a lease
into the future, under `select_for_update(skip_locked=True)` and a conditional update,
so no two workers do the same row. A worker killed mid-job leaves the row to be claimed
again when the lease ends: each job runs at least once, so jobs must be idempotent
(emails keep a stable Message-ID; renditions overwrite the same files).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import QueuedJob

logger = logging.getLogger(__name__)

MAX_RETRY_SECONDS = 15 * 60


def retry_delay(attempts: int) -> datetime.timedelta:
    """30 s after the first failure, doubling, capped at a quarter of an hour."""
    first = settings.JOB_FIRST_RETRY_SECONDS
    return datetime.timedelta(seconds=min(first * 2 ** max(attempts - 1, 0), MAX_RETRY_SECONDS))


def claim_next(model: type[QueuedJob], now: datetime.datetime) -> QueuedJob | None:
    with transaction.atomic():
        candidate = (
            model.objects.due(now)
            .select_for_update(skip_locked=True)
            .order_by(*model.claim_order)
            .first()
        )
        if candidate is None:
            return None
        claimed = model.objects.filter(
            pk=candidate.pk, status=model.PENDING, next_attempt_at=candidate.next_attempt_at
        ).update(
            next_attempt_at=now + datetime.timedelta(seconds=candidate.lease_seconds),
            attempts=F("attempts") + 1,
        )
    if not claimed:  # another worker took it between our read and our update
        return claim_next(model, now)
    candidate.attempts += 1
    return candidate


def record_failure(job: QueuedJob, error: Exception, now: datetime.datetime) -> None:
    failed = job.gives_up(now)
    type(job).objects.filter(pk=job.pk).update(
        status=job.FAILED if failed else job.PENDING,
        next_attempt_at=now + retry_delay(job.attempts),
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )
    # Only the job's kind and number in the log: an error may quote personal data
    # (an SMTP error quotes the recipient), and logs outlive erasure. The full error
    # is kept in last_error.
    logger.warning(
        "%s %s failed (attempt %d%s): %s",
        type(job).__name__,
        job.pk,
        job.attempts,
        ", giving up" if failed else "",
        type(error).__name__,
    )


def work_through(
    model: type[QueuedJob],
    handle: Callable[[QueuedJob], None],
    *,
    now: datetime.datetime | None = None,
    limit: int = 100,
    stop_at_failure: bool = False,
) -> int:
    """Do up to `limit` due jobs of one queue; return how many were done.

    `stop_at_failure` suits jobs that fail together (a mail server down): the rest wait
    for the next pass instead of each waiting out its own timeout now.
    """
    done = 0
    for _ in range(limit):
        current = now or timezone.now()
        job = claim_next(model, current)
        if job is None:
            break
        try:
            handle(job)
        except Exception as error:  # noqa: BLE001 - any failure means "retry later"
            record_failure(job, error, current)
            if stop_at_failure:
                break
            continue
        job.mark_done()
        done += 1
    return done

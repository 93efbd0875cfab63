"""What public pages show that changes with the date alone, without an edit: content
published for a later day, a commitment's update turning overdue. Keys hold not today's
date but the day from which what they show holds, so that at a midnight when nothing is
due every page and fragment stays warm.

Each app registers, in its AppConfig.ready, `changes_on(rule)`: `rule(today)` is the next
day after `today` on which something its public pages show changes, or None.

The cache holds, for the current content version, `(version, since, until)`: computed on
day `since`, nothing shown changes before day `until` (None: not without an edit). On
every request (one cache read, with the version's) the stamp is `version:since` for any
day in [since, until): the same content, so the same keys. On `until` or later the rules
run again (a few queries) and `since` becomes today; they run too once per new version,
as an edit may have scheduled something. No worker chore to be late, no bump to race:
several processes computing at once write the same value, and a process whose clock is
behind `since` keys by its own day, so it never stores yesterday's page under today's key.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.cache import cache
from django.utils import timezone

from .versions import VERSION_KEY, content_version

SCHEDULE_KEY = "content-schedule"

Rule = Callable[[datetime.date], datetime.date | None]
RULES: list[Rule] = []


def changes_on(rule: Rule) -> None:
    if rule not in RULES:
        RULES.append(rule)


def next_change(today: datetime.date) -> datetime.date | None:
    days = [day for day in (rule(today) for rule in RULES) if day is not None]
    return min(days, default=None)


def scheduled_stamp() -> str:
    """The content version and the day since which what pages show has held."""
    stored = cache.get_many([VERSION_KEY, SCHEDULE_KEY])
    version = stored.get(VERSION_KEY) or content_version()
    today = timezone.localdate()
    known = stored.get(SCHEDULE_KEY)
    if known is None or known[0] != version or (known[2] is not None and known[2] <= today):
        known = (version, today, next_change(today))
        cache.set(SCHEDULE_KEY, known, timeout=None)  # as long as the version itself
    since = known[1] if known[1] <= today else today
    return f"{version}:{since.isoformat()}"

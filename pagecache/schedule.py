"""What public pages show that changes with the date alone, without an edit: content
published for a later day, a commitment's update turning overdue. Keys hold not today's
date but the day from which what they show holds, so that at a midnight when nothing is
due every page and fragment stays warm.

Each app registers, in its AppConfig.ready, `changes_on(rule)`: `rule(today)` is the next
day after `today` on which something its public pages show changes, or None.

The cache holds `(version, clock, since, until)`: as of the content version and the
clock of the last edit (shown.py), nothing shown changes by date before day `until`
(None: not without an edit) since day `since`. On every request (one cache read, with the
version's and the clock's) the stamp is `version:since` for any day in [since, until):
the same content, so the same keys. On `until` or later the rules run again (a few
queries) and `since` becomes today; they run too once after each edit, as it may have
scheduled something, keeping `since`. No worker chore to be late, no bump to race:
several processes computing at once write the same value, and a process whose clock is
behind `since` keys by its own day, so it never stores yesterday's page under today's key.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.cache import cache
from django.utils import timezone

from .shown import CLOCK_KEY, read_clock
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


def read_stamp() -> tuple[str, int]:
    """(the content version and the day since which what pages show has held, the clock
    of the last edit: shown.py), in one cache read."""
    stored = cache.get_many([VERSION_KEY, SCHEDULE_KEY, CLOCK_KEY])
    version = stored.get(VERSION_KEY) or content_version()
    clock = read_clock(stored.get(CLOCK_KEY))
    today = timezone.localdate()
    known = stored.get(SCHEDULE_KEY)
    if stale(known, version, clock, today):
        since = known[2] if still_holds(known, version, today) else today
        known = (version, clock, since, next_change(today))
        cache.set(SCHEDULE_KEY, known, timeout=None)  # as long as the version itself
    since = known[2] if known[2] <= today else today
    return f"{version}:{since.isoformat()}", clock


def stale(known, version: int, clock: int, today) -> bool:
    """The rules must run again: unknown, another version, an edit (it may have scheduled
    something), or the day of the next change has come."""
    return (
        known is None
        or len(known) != 4
        or known[:2] != (version, clock)
        or (known[3] is not None and known[3] <= today)
    )


def still_holds(known, version: int, today) -> bool:
    """After an edit, before the next change's day, the day `since` still holds: the
    edit itself makes stale what it changed (shown.py), not every page."""
    return (
        known is not None
        and len(known) == 4
        and known[0] == version
        and known[2] <= today
        and (known[3] is None or today < known[3])
    )

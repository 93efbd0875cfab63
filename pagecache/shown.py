"""What each kept page, fragment and response shows, so that an edit makes cold only what
it changed.

Reads: while a request renders, each SQL statement it runs is looked at for the tables of
watched models (`versions.invalidate_on`). What it read is what it shows: no list to keep
up to date by hand, and nothing a template reads is missed. A view may narrow its reads of
a table to scopes (`narrow(Insight, "theme:3")`: every insight it reads is in area 3);
it then depends on those scopes of the table, not on every row of it. Reads that run no
SQL on a watched table (a cache of names, a full-text table kept from the content) are
declared with `reads(*models)` or `reads_everything()`.

Writes: an edit moves a clock forward and stamps with it the edited table, and each scope
the item was and is in (versions.py). Bulk updates stamp every scope of the table (`*`).

Kept: a page, fragment or response keeps the tags it read and the clock read before its
view ran (with the content stamp, `read_stamp`); it is served while none of its tags is
newer than that clock. An edit committed while a page renders is newer than the clock
the page was kept with, so the page is never served. A tag missing from the cache counts
as newer (evicted: no way to know), and the clock starts from the time of day in
milliseconds, so a cache that lost it never counts back.
"""

from __future__ import annotations

import contextlib
import re
import time
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection

CLOCK_KEY = "content-clock"
PREFIX = "shown:"
EVERY_SCOPE = "*"
# the group of every item, read for how many there are (counts), not for what they say
LISTED = "listed"

# watched table → its model's label (versions.invalidate_on fills it)
TABLES: dict[str, str] = {}


@dataclass
class Reads:
    """What one request has read so far, and the clock read before its view ran."""

    clock: int
    tables: set[str] = field(default_factory=set)
    scopes: dict[str, set[str]] = field(default_factory=dict)
    inherited: set[str] = field(default_factory=set)  # tags of the kept parts it served

    def __call__(self, execute, sql, params, many, context):
        self.tables.update(tables_in(sql))
        return execute(sql, params, many, context)

    def tags(self) -> list[str]:
        tags = set(self.inherited)
        for table in self.tables:
            scopes = self.scopes.get(table)
            if scopes:
                tags.update(f"{table}@{scope}" for scope in (*scopes, EVERY_SCOPE))
            else:
                tags.add(table)
        return sorted(tags)


current: ContextVar[Reads | None] = ContextVar("pagecache_reads", default=None)
_pattern: list[re.Pattern] = []


def tables_in(sql: str) -> set[str]:
    if not _pattern:
        names = sorted(TABLES, key=len, reverse=True)
        _pattern.append(re.compile(r'"(' + "|".join(names) + r')"'))
    return set(_pattern[0].findall(sql))


def watch_table(table: str, label: str) -> None:
    TABLES[table] = label
    _pattern.clear()


@contextlib.contextmanager
def recording(clock: int):
    """Record what the code inside reads (the page cache middleware, around each view)."""
    reads = Reads(clock)
    token = current.set(reads)
    try:
        with connection.execute_wrapper(reads):
            yield reads
    finally:
        current.reset(token)


def reads(*models) -> None:
    """The current request shows these models' rows though it ran no SQL on them."""
    if (now := current.get()) is not None:
        now.tables.update(model._meta.db_table for model in models)


def reads_everything() -> None:
    """The current request shows what any watched model holds (search: its full-text
    rows are made from many tables, and a search finding nothing reads none of them)."""
    if (now := current.get()) is not None:
        now.tables.update(TABLES)


def narrow(model, *scopes: str) -> None:
    """Every row of `model` the current request reads is in one of `scopes` (as the
    model's `invalidate_on(..., scopes=…)` names them): it depends on those alone."""
    if (now := current.get()) is not None:
        now.scopes.setdefault(model._meta.db_table, set()).update(scopes)


# Writes


def initial_clock() -> int:
    return int(time.time() * 1000)


def read_clock(stored) -> int:
    if stored is None:
        cache.add(CLOCK_KEY, initial_clock(), timeout=None)
        stored = cache.get(CLOCK_KEY, initial_clock())
    return stored


def touch(tags) -> None:
    """Make everything kept that read one of `tags` stale. The clock moves on once more
    after the tags are stamped: a clock read after that sees them (`tag_versions`)."""
    try:
        clock = cache.incr(CLOCK_KEY)
    except ValueError:  # no clock yet (or the cache lost it)
        cache.add(CLOCK_KEY, initial_clock(), timeout=None)
        clock = cache.incr(CLOCK_KEY)
    cache.set_many({PREFIX + tag: clock for tag in tags}, timeout=None)
    cache.incr(CLOCK_KEY)


def version_of(model) -> int | None:
    """The clock of the last edit of `model`'s table (None: none known)."""
    return cache.get(PREFIX + model._meta.db_table)


# Kept entries


# the tags' clocks as read in this process since the clock was last seen to move
_known: dict = {"clock": None, "tags": {}}


def tag_versions(tags, clock: int | None) -> dict[str, int]:
    """{tag: its clock} for those of `tags` the cache holds. Tags change only with the
    clock, so while it reads the same, what this process read of them still holds."""
    if clock is None or _known["clock"] != clock:
        _known.update(clock=clock, tags={})
    known = _known["tags"]
    missing = [tag for tag in tags if tag not in known]
    if missing:
        found = cache.get_many([PREFIX + tag for tag in missing])
        known.update({key.removeprefix(PREFIX): value for key, value in found.items()})
    return {tag: known[tag] for tag in tags if tag in known}


def still_shown(stored: dict) -> bool:
    """Whether nothing `stored` read has changed since it was kept."""
    tags = stored.get("tags", ())
    if not tags:
        return "clock" in stored
    now = current.get()
    found = tag_versions(tags, now.clock if now is not None else None)
    return len(found) == len(tags) and max(found.values()) <= stored["clock"]


def served(stored) -> dict | None:
    """`stored` if it still shows the current content; its tags then count as read by
    the current request (a page kept with a kept fragment depends on what it read)."""
    if not isinstance(stored, dict) or not still_shown(stored):
        return None
    if (now := current.get()) is not None:
        now.inherited.update(stored["tags"])
    return stored


def with_tags(payload: dict) -> dict | None:
    """`payload` with what the current request has read and its clock (None outside a
    recorded request: nothing to keep). Tags never stamped yet are stamped 0, so that an
    eviction is told apart from a table nobody edited."""
    now = current.get()
    if now is None:
        return None
    tags = now.tags()
    known = tag_versions(tags, now.clock)
    for tag in tags:
        if tag not in known:
            cache.add(PREFIX + tag, 0, timeout=None)
    return {**payload, "tags": tags, "clock": now.clock}

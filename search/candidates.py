"""Which matches are ranked. Ranking reads every candidate, so candidates are bounded: the
newest MAX_RANKED + 1 items whose title holds every word, and the newest MAX_RANKED + 1
matches of any kind. A title match therefore ranks above body matches however old it is;
a search matching more than MAX_RANKED says so and asks for more words.

On PostgreSQL candidates are narrow rows (SearchRow: `item` is the item's id); on SQLite,
the items' own rows."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

MAX_RANKED = 200
# On PostgreSQL, how many of the newest items are looked through first for the newest
# matches.
RECENT = 2000


def plain(queryset: QuerySet) -> QuerySet:
    """The same rows without the translation layer's per-row work (ids and ranks only)."""
    return QuerySet(model=queryset.model, query=queryset.query.chain())


def candidates(queryset: QuerySet, condition: Q, in_title: Q) -> tuple[list[int], list[int]]:
    """(the newest title matches, the newest matches), each at most MAX_RANKED + 1: the
    items' ids, from SearchRow rows (PostgreSQL)."""
    ids = queryset.order_by("-item").values_list("item", flat=True)
    oldest_recent = list(ids[RECENT - 1 : RECENT])  # none: fewer items than RECENT
    return (
        newest_matching(queryset, in_title, oldest_recent),
        newest_matching(queryset, condition, oldest_recent),
    )


def newest(queryset: QuerySet) -> list[int]:
    ids = queryset.order_by("-item").values_list("item", flat=True)
    return list(ids[: MAX_RANKED + 1])


def newest_matching(queryset: QuerySet, condition: Q, oldest_recent: list[int]) -> list[int]:
    """The newest matches, found the way that is fast for them whatever the planner
    guesses: among the newest RECENT items (words many items use), else through the
    full-text index (words few items use; ordering by `item + 0` keeps PostgreSQL from
    walking the whole table newest first looking for them)."""
    rows = queryset.filter(condition)
    if not oldest_recent:
        return newest(rows)
    found = newest(rows.filter(item__gte=oldest_recent[0]))
    if len(found) > MAX_RANKED:
        return found
    through_index = rows.order_by((F("item") + 0).desc()).values_list("item", flat=True)
    return list(through_index[: MAX_RANKED + 1])

"""Search on SQLite, through its full-text table (FTS5, `search_text`, kept by
publishing/search_vectors.py): accents and case ignored, each word as the start of a word,
ranked by BM25 with a title word weighing as ten of the text (its `rank`, set by the
migration).

Ranking reads every row it ranks, so as on PostgreSQL only the newest matches are ranked
(candidates.py): one query finds where the newest `limit` matches of a kind start, and
ranks the matches from there on.
"""

from __future__ import annotations

from django.db import connection

from publishing.search_vectors import KIND_SHIFT, KINDS, fold

MAX_WORDS = 10
ALL = 1 << 62
NEWEST_RANKED = """
SELECT rowid - %(first)s, -rank FROM search_text
WHERE search_text MATCH %(match)s AND rowid BETWEEN COALESCE((
    SELECT rowid FROM search_text
    WHERE search_text MATCH %(match)s AND rowid BETWEEN %(first)s AND %(last)s
    ORDER BY rowid DESC LIMIT 1 OFFSET %(oldest)s
  ), %(first)s) AND %(last)s
ORDER BY rank
"""


def match_expression(query: str, *, any_word: bool = False, title_only: bool = False) -> str:
    """An FTS5 query: every word (or one, not a number) as the start of a word; "" for no
    word."""
    words = fold(query).split()[:MAX_WORDS]
    if any_word:
        words = [word for word in words if not word.isdigit()] or words
    words = [f'"{word}"*' for word in words]
    match = (" OR " if any_word else " AND ").join(words)
    return f"title : ({match})" if title_only and match else match


def newest_ranked(model, query: str, limit: int | None, **kwargs) -> list[tuple[int, float]]:
    """[(pk, score), …] of the newest `limit` matches of `model` (None: all), best first."""
    match = match_expression(query, **kwargs)
    if not match:
        return []  # punctuation alone finds nothing
    first = KINDS[model._meta.label_lower] << KIND_SHIFT
    bounds = {"match": match, "first": first, "last": first + (1 << KIND_SHIFT) - 1}
    with connection.cursor() as cursor:
        oldest = ALL if limit is None else limit - 1  # past the last match: from the first
        cursor.execute(NEWEST_RANKED, {**bounds, "oldest": oldest})
        return cursor.fetchall()


SHOWN = "EXISTS (SELECT 1 FROM ({sql}) AS shown WHERE shown.pk = search_text.rowid - {start})"
IN_KINDS_RANKED = """
SELECT rowid, -rank, rowid IN (
    SELECT rowid FROM search_text WHERE search_text MATCH %s AND rowid BETWEEN %s AND %s
  )
FROM search_text WHERE search_text MATCH %s AND rowid BETWEEN %s AND %s AND ({shown})
ORDER BY rank LIMIT %s
"""


def ranked_in_kinds(kinds: dict[int, tuple | None], query: str, **kwargs) -> list[tuple]:
    """[(kind, pk, score, 1 if the title holds every word), …] of kinds with few rows,
    best first, in one query. `kinds`: number → the SQL and parameters of the ids shown,
    or None when every row is."""
    match = match_expression(query, **kwargs)
    if not match:
        return []
    first, last = min(kinds) << KIND_SHIFT, (max(kinds) + 1 << KIND_SHIFT) - 1
    shown, shown_params = [], []
    for number, ids in kinds.items():
        start = number << KIND_SHIFT
        if ids is None:
            shown.append(f"rowid BETWEEN {start} AND {start + (1 << KIND_SHIFT) - 1}")
            continue
        sql, params = ids
        # the row's own check (correlated): the rule is run for the rows found only
        shown.append(SHOWN.format(sql=sql, start=start))
        shown_params += params
    title = match_expression(query, title_only=True)
    sql = IN_KINDS_RANKED.format(shown=" OR ".join(shown))
    with connection.cursor() as cursor:
        cursor.execute(sql, [title, first, last, match, first, last, *shown_params, IN_KINDS_LIMIT])
        return [
            (rowid >> KIND_SHIFT, rowid & (1 << KIND_SHIFT) - 1, score, in_title)
            for rowid, score, in_title in cursor.fetchall()
        ]


# Thousands of signatories may match one word: enough for MAX_RANKED + 1 of each kind.
IN_KINDS_LIMIT = 2000

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
    """An FTS5 query: every word (or one) as the start of a word; "" for no word."""
    words = [f'"{word}"*' for word in fold(query).split()[:MAX_WORDS]]
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

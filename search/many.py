"""The kinds that can be many (insights, entries) on PostgreSQL, ranked from their narrow
rows (publishing.SearchRow) in one statement with the rest of the search (query.py).

Ranking reads every candidate, so candidates are bounded (candidates.py): the newest
MAX_RANKED + 1 public rows whose title holds every word, and the newest MAX_RANKED + 1 that
match. Each is looked for the way that is fast for it whatever the planner guesses: among
the newest RECENT rows (words many items use), and only when fewer turn up there through
the full-text index (words few items use; ordering by `item + 0` keeps PostgreSQL from
walking the whole kind newest first looking for them). The newest are read in order from
a subquery, which keeps the planner from the full-text index there (for a common word it
would read every row's entry) and stops at the last candidate needed.
"""

from __future__ import annotations

from django.utils import timezone

from publishing.models import SearchRow
from publishing.search_vectors import CONFIGS, KINDS

from . import candidates as bounds

TABLE = SearchRow._meta.db_table
FUNCTIONS = {"websearch": "websearch_to_tsquery", "plain": "plainto_tsquery"}

# {n}: the kind's name; {shown}: its public rows (with the theme's, when narrowed to one).
CANDIDATES = """
{n}_recent_titles AS (
  SELECT item FROM (
    SELECT item, title_vector FROM {table} WHERE {shown} ORDER BY item DESC LIMIT {recent}
  ) AS newest
  WHERE title_vector @@ (SELECT title FROM words) ORDER BY item DESC LIMIT {limit}
), {n}_recent AS (
  SELECT item FROM (
    SELECT item, search_vector FROM {table} WHERE {shown} ORDER BY item DESC LIMIT {recent}
  ) AS newest
  WHERE search_vector @@ (SELECT every FROM words) ORDER BY item DESC LIMIT {limit}
), {n}_candidates AS (
  SELECT item FROM {n}_recent_titles
  UNION SELECT item FROM {n}_recent
  UNION (
    SELECT item FROM {table}
    WHERE {shown} AND title_vector @@ (SELECT title FROM words)
      AND (SELECT count(*) FROM {n}_recent_titles) < {limit}
    ORDER BY item + 0 DESC LIMIT {limit}
  ) UNION (
    SELECT item FROM {table}
    WHERE {shown} AND search_vector @@ (SELECT every FROM words)
      AND (SELECT count(*) FROM {n}_recent) < {limit}
    ORDER BY item + 0 DESC LIMIT {limit}
  )
)"""
RANKED = """
SELECT item AS pk,
  ts_rank(search_vector, (SELECT ranked FROM words))
    + CASE WHEN title_vector @@ (SELECT title FROM words) THEN {bonus} ELSE 0.0 END
    ::double precision AS rank,
  '{n}' AS kind, {some_words} AS some_words, false AS best
FROM {table} WHERE kind = {number} AND item IN (SELECT item FROM {n}_candidates)
"""


def tsquery(terms, *, distinct: bool = False) -> tuple[str, list]:
    """The words read in each language's configuration, any of them matching (as
    query.search_query). `distinct`: each reading once (most words read the same in two
    or three languages), which makes the full-text index's scan cheaper, not the rank."""
    parts, params = [], []
    for config in CONFIGS.values():
        for text, search_type in terms:
            parts.append(f"{FUNCTIONS[search_type]}(%s::regconfig, %s)")
            params += [config, text]
    if distinct:
        return DISTINCT.format(queries=", ".join(parts)), params
    return " || ".join(parts), params


DISTINCT = """(
  SELECT string_agg(DISTINCT '(' || q::text || ')', ' | ')::tsquery
  FROM unnest(ARRAY[{queries}]) AS q WHERE numnode(q) > 0
)"""


def shown(number: int, theme) -> tuple[str, list]:
    """The public rows of kind `number` (search/kinds.py's rule, on SearchRow)."""
    sql = f"kind = {number:d} AND published AND published_on <= %s"
    params = [timezone.localdate()]
    if theme:
        sql += " AND themes @> ARRAY[%s]::integer[]"
        params.append(theme.pk)
    return sql, params


def statement(kinds: dict, theme, every_terms, title_terms, *, any_word: bool, bonus: float):
    """(the WITH clause, the SELECT of each kind's ranked rows, their parameters in order)
    for `kinds`: name → model."""
    every, every_params = tsquery(every_terms, distinct=True)
    title, title_params = tsquery(title_terms, distinct=True)
    ranked, ranked_params = tsquery(every_terms)
    ctes = [f"words AS (SELECT {every} AS every, {title} AS title, {ranked} AS ranked)"]
    params = [*every_params, *title_params, *ranked_params]
    selects = []
    for name, model in kinds.items():
        number = KINDS[model._meta.label_lower]
        rows, rows_params = shown(number, theme)
        ctes.append(
            CANDIDATES.format(
                n=name,
                table=TABLE,
                shown=rows,
                recent=bounds.RECENT,
                limit=bounds.MAX_RANKED + 1,
            )
        )
        params += rows_params * 4  # {shown} appears four times, in this order
        selects.append(
            RANKED.format(
                n=name,
                table=TABLE,
                bonus=bonus,
                some_words="true" if any_word else "false",
                number=number,
            )
        )
    return "WITH " + ", ".join(ctes), selects, params

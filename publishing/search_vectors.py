"""What every piece of published content keeps so that search can find it, kept current on
save. Querying it is the search app's business; keeping it current is the content's.

- PostgreSQL: a weighted vector of title (A), summary (B) and body (C) in every language,
  each stemmed in its language, and a vector of the titles alone (title matches rank
  first). The text search configurations drop accents (`unaccent`), so "mobilite" finds
  "mobilité".
- SQLite: the same text folded (lower case, no accents, one space between words), titles
  apart, for a word-prefix search.
"""

from __future__ import annotations

import re
import unicodedata

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import QuerySet

LANGUAGES = ("en", "fr", "es")
# PostgreSQL text search configurations, by language: the built-in ones plus `unaccent`
# (created by publishing/migrations/0002_accent_insensitive_search.py).
CONFIGS = {"en": "portal_english", "fr": "portal_french", "es": "portal_spanish"}
WEIGHTS = [("title", "A"), ("summary", "B"), ("body", "C")]
NOT_A_WORD = re.compile(r"[\W_]+")


def full_text() -> bool:
    return connection.vendor == "postgresql"


def fold(text: str) -> str:
    """Lower case, accents removed, words separated by single spaces, one space either side
    (so that " word" finds a word that starts with it)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return f" {' '.join(NOT_A_WORD.sub(' ', plain).split())} "


def search_vector(fields=WEIGHTS) -> SearchVector:
    vector = None
    for code, config in CONFIGS.items():
        for field, weight in fields:
            part = SearchVector(f"{field}_{code}", weight=weight, config=config)
            vector = part if vector is None else vector + part
    return vector


def rebuild_search_vectors(queryset: QuerySet) -> int:
    """Refresh what search reads for every row of `queryset`."""
    if full_text():
        return queryset.update(
            search_vector=search_vector(), title_vector=search_vector(WEIGHTS[:1])
        )
    rows = list(queryset.only(*(f"{f}_{code}" for f, _w in WEIGHTS for code in LANGUAGES)))
    for row in rows:
        titles = [getattr(row, f"title_{code}") or "" for code in LANGUAGES]
        texts = [getattr(row, f"{f}_{code}") or "" for f, _w in WEIGHTS for code in LANGUAGES]
        row.folded_title, row.folded_text = fold(" ".join(titles)), fold(" ".join(texts))
    return queryset.model.objects.bulk_update(rows, ["folded_title", "folded_text"], batch_size=500)

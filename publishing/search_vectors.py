"""The weighted full-text vector every piece of published content keeps (PostgreSQL only).

Title (A), summary (B) and body (C), in every language, each stemmed in its language.
Querying it is the search app's business; keeping it current is the content's.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import QuerySet

# PostgreSQL text search configurations, by language.
CONFIGS = {"en": "english", "fr": "french", "es": "spanish"}
WEIGHTS = [("title", "A"), ("summary", "B"), ("body", "C")]


def full_text() -> bool:
    return connection.vendor == "postgresql"


def search_vector() -> SearchVector:
    vector = None
    for code, config in CONFIGS.items():
        for field, weight in WEIGHTS:
            part = SearchVector(f"{field}_{code}", weight=weight, config=config)
            vector = part if vector is None else vector + part
    return vector


def rebuild_search_vectors(queryset: QuerySet) -> int:
    """Refresh the vectors of every row of `queryset` (SQLite searches the text instead)."""
    return queryset.update(search_vector=search_vector()) if full_text() else 0

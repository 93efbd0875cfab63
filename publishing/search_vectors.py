"""What every piece of published content keeps so that search can find it, kept current on
save. Querying it is the search app's business; keeping it current is the content's.

- PostgreSQL: a weighted vector of title (A), summary (B) and body (C) in every language,
  each stemmed in its language, and a vector of the titles alone (title matches rank
  first). The text search configurations drop accents (`unaccent`), so "mobilite" finds
  "mobilité".
- SQLite: a full-text table (FTS5, `search_text`) with the titles and the rest of the text
  in every language, also without accents. Its row id encodes the item: `kind << 40 | pk`,
  so that each kind's rows are one range.

Both are created by publishing/migrations/0002_accent_insensitive_search.py.
"""

from __future__ import annotations

import re
import unicodedata

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import QuerySet

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
CONFIGS = settings.SEARCH_CONFIGURATIONS
WEIGHTS = [("title", "A"), ("summary", "B"), ("body", "C")]
# model label → its number in SQLite's full-text table, registered by the content's app
KINDS: dict[str, int] = {}
KIND_SHIFT = 40
NOT_A_WORD = re.compile(r"[\W_]+")


def register_search_kind(model, number: int) -> None:
    """A content app says in its `AppConfig.ready` that `model` is searched. `number` is
    stored in SQLite's full-text table with each row: it must never change or be reused."""
    label = model._meta.label_lower
    taken = {kind: other for other, kind in KINDS.items() if other != label}
    if number in taken or KINDS.get(label, number) != number:
        raise ImproperlyConfigured(f"Search kind {number} of {label} is taken: {KINDS}")
    KINDS[label] = number


def full_text() -> bool:
    return connection.vendor == "postgresql"


def fold(text: str) -> str:
    """Lower case, accents removed, words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(NOT_A_WORD.sub(" ", plain).split())


def search_vector(fields=WEIGHTS) -> SearchVector:
    vector = None
    for code, config in CONFIGS.items():
        for field, weight in fields:
            part = SearchVector(f"{field}_{code}", weight=weight, config=config)
            vector = part if vector is None else vector + part
    return vector


def joined(texts) -> str:
    return " ".join(text for text in texts if text)


def rebuild_search_vectors(queryset: QuerySet) -> int:
    """Refresh what search reads for every row of `queryset`."""
    if full_text():
        return queryset.update(
            search_vector=search_vector(), title_vector=search_vector(WEIGHTS[:1])
        )
    if connection.vendor != "sqlite":
        return 0
    kind = KINDS[queryset.model._meta.label_lower]
    titles = [f"title_{code}" for code in LANGUAGES]
    texts = [f"{field}_{code}" for field in ("summary", "body") for code in LANGUAGES]
    rows = [
        (kind << KIND_SHIFT | pk, joined(values[:3]), joined(values[3:]))
        for pk, *values in queryset.order_by().values_list("pk", *titles, *texts).iterator()
    ]
    with connection.cursor() as cursor:
        cursor.executemany("DELETE FROM search_text WHERE rowid = %s", [row[:1] for row in rows])
        cursor.executemany("INSERT INTO search_text (rowid, title, text) VALUES (%s, %s, %s)", rows)
    return len(rows)


def forget_search_text(instance) -> None:
    """Remove a deleted item from SQLite's full-text table (PostgreSQL's vectors go with it)."""
    if connection.vendor != "sqlite":
        return
    row = KINDS[instance._meta.label_lower] << KIND_SHIFT | instance.pk
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_text WHERE rowid = %s", [row])

"""The portal's own words, per language, and "Did you mean …?" for searches that find
little: each word of the query that the content does not use is replaced by the closest
one it does (trigram similarity on PostgreSQL, difflib on SQLite)."""

from __future__ import annotations

import difflib
import re
from collections import Counter

from django.contrib.postgres.lookups import TrigramSimilar
from django.contrib.postgres.search import TrigramSimilarity
from django.db import transaction
from django.db.models import F

from pagecache.versions import bump_content_version
from publishing.search_vectors import LANGUAGES, fold, full_text

from .models import Word
from .query import searchable

WORD = re.compile(r"\b[^\W\d_]{3,40}\b")
SIMILAR_ENOUGH = 0.75  # difflib ratio (SQLite)
TRIGRAM_SIMILAR_ENOUGH = 0.35  # pg_trgm similarity (PostgreSQL)


def refresh_words() -> int:
    """Rebuild the list of words from published titles and summaries; returns its size."""
    rows = []
    for code in LANGUAGES:
        counts, shown = Counter(), {}
        for queryset in searchable().values():
            for title, summary in queryset.values_list(f"title_{code}", f"summary_{code}"):
                for word in WORD.findall(f"{title or ''} {summary or ''}".lower()):
                    key = fold(word).strip()
                    counts[key] += 1
                    shown.setdefault(key, word)
        rows += [Word(word=shown[k], folded=k, language=code, count=n) for k, n in counts.items()]
    before = set(Word.objects.values_list("language", "folded"))
    with transaction.atomic():
        Word.objects.all().delete()
        # another worker may be rebuilding the same list at the same moment
        Word.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    if before != {(row.language, row.folded) for row in rows}:
        bump_content_version()  # kept search pages may offer words that are gone
    return len(rows)


def did_you_mean(query: str, language: str) -> str:
    """The query with unknown words replaced by the closest known ones, or ""."""
    words = fold(query).split()[:10]
    known = Word.objects.filter(language=language)
    seen = dict(known.filter(folded__in=words).values_list("folded", "word"))
    suggestion, changed = [], False
    for word in words:
        closest = seen.get(word) or (len(word) >= 3 and closest_word(known, word))
        suggestion.append(closest or word)
        changed = changed or (closest and fold(closest).strip() != word)
    return " ".join(suggestion) if changed else ""


def closest_word(known, word: str) -> str | None:
    if full_text():
        best = (
            known.filter(TrigramSimilar(F("folded"), word))  # the % operator: uses the index
            .annotate(similarity=TrigramSimilarity("folded", word))
            .filter(similarity__gte=TRIGRAM_SIMILAR_ENOUGH)
            .order_by("-similarity", "-count")
            .values_list("word", flat=True)
            .first()
        )
        return best
    forms = dict(known.filter(folded__startswith=word[:1]).values_list("folded", "word"))
    match = difflib.get_close_matches(word, forms, n=1, cutoff=SIMILAR_ENOUGH)
    return forms[match[0]] if match else None

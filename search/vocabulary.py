"""The portal's own words, per language: every word of what search covers (titles, texts
and bodies of every kind; a text that is not translated counts in every language). And
"Did you mean …?" for searches that find nothing holding every word: each word of the query
that the content uses in no language is replaced by the closest one it uses, in the
reader's language if it can (trigram similarity on PostgreSQL, difflib on SQLite); a word
the portal uses is never replaced."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

from django.contrib.postgres.lookups import TrigramSimilar
from django.contrib.postgres.search import TrigramSimilarity
from django.db import transaction
from django.db.models import F
from django.utils.html import escape, format_html
from django.utils.translation import get_language

from pagecache.versions import bump_content_version
from publishing.search_vectors import LANGUAGES, documents, fold, full_text

from .kinds import searchable
from .models import Word

WORD = re.compile(r"\b[^\W\d_]{3,40}\b")
SIMILAR_ENOUGH = 0.75  # difflib ratio (SQLite)
TRIGRAM_SIMILAR_ENOUGH = 0.35  # pg_trgm similarity (PostgreSQL)


def refresh_words() -> int:
    """Rebuild the list of words from what search covers; returns its size."""
    counts = {code: Counter() for code in LANGUAGES}
    shown = {code: {} for code in LANGUAGES}
    for queryset in searchable().values():
        for _pk, texts in documents(queryset):
            for code, _weight, text in texts:
                for word in WORD.findall(text.lower()):
                    key = fold(word)
                    for language in [code] if code else LANGUAGES:
                        counts[language][key] += 1
                        shown[language].setdefault(key, word)
    rows = [
        Word(word=shown[code][key], folded=key, language=code, count=count)
        for code in LANGUAGES
        for key, count in counts[code].items()
        if 0 < len(key) <= 100
    ]
    before = set(Word.objects.values_list("language", "folded"))
    with transaction.atomic():
        Word.objects.all().delete()
        # another worker may be rebuilding the same list at the same moment
        Word.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    if before != {(row.language, row.folded) for row in rows}:
        bump_content_version()  # kept search pages may offer words that are gone
    return len(rows)


@dataclass
class Suggestion:
    text: str
    language: str  # that of the words put in: the reader's unless all come from another

    def __str__(self) -> str:
        """Marked with its language where it is not the page's (screen readers switch)."""
        if self.language == get_language():
            return escape(self.text)
        return format_html('<span lang="{}">{}</span>', self.language, self.text)


def did_you_mean(query: str, language: str) -> Suggestion | None:
    """The query with the words the portal uses in no language replaced by the closest it
    uses, or None (every word is the portal's, or none is close)."""
    words = fold(query).split()[:10]
    checked = [word for word in words if WORD.fullmatch(word)]  # not numbers or letters
    known = set(Word.objects.filter(folded__in=checked).values_list("folded", flat=True))
    replaced = {word: closest(word, language) for word in checked if word not in known}
    found = {word: match for word, match in replaced.items() if match}
    if not found:
        return None
    text = " ".join(found[word][0] if word in found else word for word in words)
    languages = {match_language for _match, match_language in found.values()}
    return Suggestion(text, languages.pop() if len(languages) == 1 else language)


def closest(word: str, language: str) -> tuple[str, str] | None:
    """The closest word (and its language) in the reader's language, else in any."""
    words = Word.objects.all()
    return closest_word(words.filter(language=language), word) or closest_word(words, word)


def closest_word(known, word: str) -> tuple[str, str] | None:
    if full_text():
        return (
            known.filter(TrigramSimilar(F("folded"), word))  # the % operator: uses the index
            .annotate(similarity=TrigramSimilarity("folded", word))
            .filter(similarity__gte=TRIGRAM_SIMILAR_ENOUGH)
            .order_by("-similarity", "-count")
            .values_list("word", "language")
            .first()
        )
    forms = {
        folded: (shown, code)
        for folded, shown, code in known.filter(folded__startswith=word[:1])
        .order_by("count")
        .values_list("folded", "word", "language")
    }
    match = difflib.get_close_matches(word, forms, n=1, cutoff=SIMILAR_ENOUGH)
    return forms[match[0]] if match else None

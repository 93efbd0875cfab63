from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from publishing.search_vectors import fold

KEEP_DAYS = 90
LOOKS_PERSONAL = re.compile(r"@|\d[\d\s().+-]{5,}\d")


@dataclass
class Unanswered:
    """Searches that found nothing, of one folded form: the spelling most used, in the
    language it was most searched in (none kept: the default), and how many times in all."""

    words: str
    language: str
    total: int

    @property
    def language_name(self) -> str:
        return dict(settings.LANGUAGES).get(self.language) or _("not kept")

    @property
    def url(self) -> str:
        """The same search again, on the public site."""
        with translation.override(self.language or settings.LANGUAGE_CODE):
            return f"{reverse('search:search')}?{urlencode({'q': self.words})}"


class UnansweredSearch(models.Model):
    """How often, each day, a search found nothing: what readers look for and miss.

    Only the words (in lower case), the language of the page and a daily count are kept,
    nothing about who searched, for KEEP_DAYS; words that look like an email address or a
    phone number are not kept at all. `folded` is the words as search reads them (accents
    and case folded), by which staff see them grouped.
    """

    words = models.CharField(_("words"), max_length=200)
    folded = models.CharField(_("folded"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)  # none: before kept
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "words", "language", "day", name="one_row_per_words_language_and_day"
            )
        ]
        indexes = [models.Index(fields=["day"])]
        verbose_name = _("search that found nothing")
        verbose_name_plural = _("searches that found nothing")

    def __str__(self) -> str:
        return self.words

    @classmethod
    def record(cls, words: str, language: str = "") -> None:
        if LOOKS_PERSONAL.search(words):
            return
        today = timezone.localdate()
        words = words.lower()[:200]
        row, _created = cls.objects.get_or_create(
            words=words, language=language, day=today, defaults={"folded": fold(words)[:200]}
        )
        cls.objects.filter(pk=row.pk).update(count=F("count") + 1)
        cls.objects.filter(day__lt=today - datetime.timedelta(days=KEEP_DAYS)).delete()

    @classmethod
    def most_frequent(cls, limit: int = 20) -> list[Unanswered]:
        """The `limit` folded forms searched most often in the last KEEP_DAYS, most first."""
        since = timezone.localdate() - datetime.timedelta(days=KEEP_DAYS)
        recent = cls.objects.filter(day__gte=since)
        top = recent.values("folded").annotate(total=Sum("count")).order_by("-total", "folded")
        totals = {row["folded"]: row["total"] for row in top[:limit]}
        spellings = (
            recent.filter(folded__in=totals)
            .values_list("folded", "words", "language")
            .annotate(n=Sum("count"))
            .order_by()
        )
        chosen = most_used(spellings)
        return [Unanswered(*chosen[key], total) for key, total in totals.items()]


def most_often(counts: Counter) -> list:
    """The keys of `counts`, the most counted first; ties in the order of the keys."""
    return sorted(counts, key=lambda key: (-counts[key], key))


def most_used(spellings) -> dict[str, tuple[str, str]]:
    """folded form → (its spelling searched most often, the language it was most searched
    in), from (folded, words, language, times) rows; ties go to the first alphabetically."""
    by_spelling, by_language = Counter(), Counter()
    for folded, words, language, times in spellings:
        by_spelling[folded, words] += times
        by_language[folded, words, language] += times
    spelling, language = {}, {}
    for folded, words in most_often(by_spelling):
        spelling.setdefault(folded, words)
    for folded, words, code in most_often(by_language):
        if spelling[folded] == words:
            language.setdefault(folded, code)
    return {folded: (words, language[folded]) for folded, words in spelling.items()}


class Word(models.Model):
    """A word of the portal's own content, in one language: what "Did you mean …?" offers.

    Rebuilt from published titles and summaries by the worker (hourly) and by
    `refresh_words`; searched by trigram similarity on PostgreSQL, difflib on SQLite.
    """

    word = models.CharField(_("word"), max_length=100)
    folded = models.CharField(max_length=100)  # lower case, no accents
    language = models.CharField(_("language"), max_length=8)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint("language", "folded", name="one_word_per_language_and_form")
        ]
        indexes = [GinIndex(fields=["folded"], name="word_trigrams", opclasses=["gin_trgm_ops"])]
        verbose_name = _("word")
        verbose_name_plural = _("words")

    def __str__(self) -> str:
        return self.word

from __future__ import annotations

import datetime
import re

from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEEP_DAYS = 90
LOOKS_PERSONAL = re.compile(r"@|\d[\d\s().+-]{5,}\d")


class UnansweredSearch(models.Model):
    """How often, each day, a search found nothing: what readers look for and miss.

    Only the words and a daily count are kept, nothing about who searched, for KEEP_DAYS;
    words that look like an email address or a phone number are not kept at all.
    """

    words = models.CharField(_("words"), max_length=200)
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint("words", "day", name="one_row_per_words_and_day")]
        indexes = [models.Index(fields=["day"])]
        verbose_name = _("search that found nothing")
        verbose_name_plural = _("searches that found nothing")

    def __str__(self) -> str:
        return self.words

    @classmethod
    def record(cls, words: str) -> None:
        if LOOKS_PERSONAL.search(words):
            return
        today = timezone.localdate()
        row, _created = cls.objects.get_or_create(words=words.lower()[:200], day=today)
        cls.objects.filter(pk=row.pk).update(count=F("count") + 1)
        cls.objects.filter(day__lt=today - datetime.timedelta(days=KEEP_DAYS)).delete()

    @classmethod
    def most_frequent(cls, limit: int = 20):
        since = timezone.localdate() - datetime.timedelta(days=KEEP_DAYS)
        return (
            cls.objects.filter(day__gte=since)
            .values("words")
            .annotate(total=Sum("count"))
            .order_by("-total", "words")[:limit]
        )


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

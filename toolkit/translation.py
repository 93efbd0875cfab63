"""Fields that staff translate in the admin (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from publishing.translation import COLLECTION_FIELDS, PUBLISHED_CONTENT_FIELDS

from .models import Insight, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = [*COLLECTION_FIELDS, "summary"]


@register(Insight)
class InsightTranslation(TranslationOptions):
    fields = PUBLISHED_CONTENT_FIELDS

"""Fields that staff translate in the admin (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Insight, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ["title", "summary", "description", "description_html"]


@register(Insight)
class InsightTranslation(TranslationOptions):
    fields = ["title", "summary", "body", "body_html"]

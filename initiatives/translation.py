"""Fields that staff translate in the admin (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Entry, Programme


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ["title", "tagline", "description", "description_html"]


@register(Entry)
class EntryTranslation(TranslationOptions):
    fields = ["title", "summary", "body", "body_html"]

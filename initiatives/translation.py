"""Fields that staff translate in the admin (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from publishing.translation import COLLECTION_FIELDS, PUBLISHED_CONTENT_FIELDS

from .models import Entry, Programme


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = [*COLLECTION_FIELDS, "tagline"]


@register(Entry)
class EntryTranslation(TranslationOptions):
    fields = [*PUBLISHED_CONTENT_FIELDS, "people"]  # roles and organisations are words too

"""Tag names are translated like content (django-modeltranslation), and tracked: the PO
export offers the missing ones, and a renamed English tag makes its translations stale."""

from modeltranslation.translator import TranslationOptions, register

from .models import TagNames


@register(TagNames)
class TagNamesTranslation(TranslationOptions):
    fields = ["name"]

"""Alt text in every language of the portal (django-modeltranslation): required in
English, the others fall back to it until written (MODELTRANSLATION_FALLBACK_LANGUAGES)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Image


@register(Image)
class ImageTranslation(TranslationOptions):
    fields = ["alt_text"]

"""Alt text is written in every language of the portal (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Image


@register(Image)
class ImageTranslation(TranslationOptions):
    fields = ["alt_text"]

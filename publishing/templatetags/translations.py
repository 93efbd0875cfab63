from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


@register.filter
def untranslated(obj, field="title"):
    """True when `obj.<field>` has no translation in the page's language (English is shown)."""
    language = get_language()
    if not language or language == settings.LANGUAGE_CODE:
        return False
    return not getattr(obj, f"{field}_{language}", None)


@register.simple_tag
def lang_if_untranslated(obj, field="title"):
    """` lang="en"` for content shown in English on a page in another language."""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE) if untranslated(obj, field) else ""

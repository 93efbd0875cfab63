from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language

from publishing.translation_status import OUT_OF_DATE

register = template.Library()


@register.filter
def untranslated(obj, field="title"):
    """True when `obj.<field>` is shown in English on a page in another language: it has
    English text and no translation into the page's language (an empty field is neither)."""
    language = get_language()
    if not language or language == settings.LANGUAGE_CODE or obj is None:
        return False
    english = getattr(obj, f"{field}_{settings.LANGUAGE_CODE}", None)
    return bool(english) and not getattr(obj, f"{field}_{language}", None)


@register.simple_tag
def lang_if_untranslated(obj, field="title"):
    """` lang="en"` for content shown in English on a page in another language; put it on
    the element holding that one field, never around translated text too."""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE) if untranslated(obj, field) else ""


@register.simple_tag
def in_language(obj, field):
    """`obj.<field>` in the page's language, as HTML; in English inside `<span lang="en">`
    when it has no translation (for text set inside a translated sentence)."""
    if untranslated(obj, field):
        return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, getattr(obj, field))
    return conditional_escape(getattr(obj, field))


@register.inclusion_tag("includes/stale_translation.html", takes_context=True)
def stale_translation_notice(context, obj):
    """On a French or Spanish page whose English original changed after the translation:
    a short notice with the date, linking to the English page."""
    language = get_language()
    stale = (
        language
        and language != settings.LANGUAGE_CODE
        and obj.translation_status(language) == OUT_OF_DATE
    )
    if not stale:
        return {"stale": False}
    # the path alone: the notice may be kept in a fragment shared by every visitor
    english_url = translate_url(context["request"].path, settings.LANGUAGE_CODE)
    return {"stale": True, "changed": obj.english_changed_at, "english_url": english_url}

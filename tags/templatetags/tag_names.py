from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html

from tags.names import shown_name

register = template.Library()


@register.simple_tag(takes_context=True)
def tag_name(context, tag, plain=False):
    """A tag's name in the page's language; in English inside `<span lang="en">` when it
    has no translation (`plain=True`: the text alone, for titles and attributes)."""
    name, in_english = shown_name(tag, request=context.get("request"))
    if plain:
        return name
    if in_english:
        return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, name)
    return conditional_escape(name)

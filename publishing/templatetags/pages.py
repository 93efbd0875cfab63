from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, param, number):
    """The current query string with `param` set to `number` (other filters kept)."""
    query = context["request"].GET.copy()
    query[param] = number
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def page_sections(context, page, obj):
    """The sections other apps registered for this kind of page (publishing.sections)."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    from publishing.sections import sections_for

    request = context.get("request")
    return mark_safe(  # noqa: S308 - templates rendered with autoescaping
        "".join(
            render_to_string(template, section, request=request)
            for template, section in sections_for(page, obj)
        )
    )

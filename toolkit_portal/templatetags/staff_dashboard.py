"""The link to the staff dashboard, naming what this person will find there."""

from django import template

from toolkit_portal.dashboard import link_text

register = template.Library()


@register.simple_tag(takes_context=True)
def dashboard_link_text(context) -> str:
    return link_text(context["request"].user)

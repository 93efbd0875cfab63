"""`{% signatory_map %}`: the SVG map, its legend and its table, from worldmap.maps."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from worldmap.maps import signatory_map

register = template.Library()


def country_paths(data: dict) -> str:
    """Plain countries in one hidden group; countries with signatories as links."""
    plain, linked = [], []
    for country in data["world"]["countries"]:
        on_map = data["shaded"].get(country["code"])
        if on_map is None:
            plain.append((country["d"],))
            continue
        linked.append(
            format_html(
                '<a href="{}" aria-label="{}"><title>{}</title>'
                '<path class="map__shade--{}" d="{}"/></a>',
                reverse("places:country", kwargs={"country": on_map.code.lower()}),
                on_map.label,
                on_map.label,
                on_map.shade,
                country["d"],
            )  # fmt: skip
        )
    hidden = format_html_join("", '<path d="{}"/>', plain)
    links = format_html_join("", "{}", ((link,) for link in linked))
    return format_html('<g class="map__land" aria-hidden="true">{}</g>{}', hidden, links)


def city_marks(data: dict) -> str:
    """One circle defined once and placed per city: a few bytes a mark. A city with a
    place page is a link to it, with an accessible name."""
    marks = format_html_join("", '<use href="#city" x="{}" y="{}"/>', data["marks"])
    linked = format_html_join(
        "",
        '<a href="{}" aria-label="{}" class="map__place"><title>{}</title>'
        '<use href="#city" x="{}" y="{}"/></a>',
        (
            (mark.place.get_absolute_url(), mark.label, mark.label, mark.x, mark.y)
            for mark in data["place_marks"]
        ),
    )
    return format_html(
        '<g aria-hidden="true"><defs><circle id="city" class="map__city" r="4"/></defs>{}</g>{}',
        marks,
        linked,
    )


@register.inclusion_tag("worldmap/map.html")
def signatory_map_figure(heading_level: int = 2, with_table: bool = True):
    data = signatory_map()
    world = data["world"]
    svg = format_html(
        '<svg class="map__svg" viewBox="0 0 {} {}" role="group" aria-labelledby="map-title">'
        '<title id="map-title">{}</title>{}{}</svg>',
        world["width"], world["height"], _("World map of the signatories"),
        country_paths(data), city_marks(data),
    )  # fmt: skip
    return {**data, "svg": svg, "heading_level": heading_level, "with_table": with_table}

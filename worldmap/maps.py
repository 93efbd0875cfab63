"""The map of signatories, drawn on the server as inline SVG: no script, no tiles.

Countries are shaded by how many approved signatories they have; each one with
signatories is a link with an accessible name ("Brazil: 2 signatories") to its page of
places, and the same numbers are in a table beside the map, linked to the list filtered
by the country. A city mark whose signatories have a place links to the place's page.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries as country_names

from lib.collation import collation_key
from places.models import Place
from signatories.models import Signatory

DATA = Path(__file__).parent / "data" / "countries.json"
SHADES = 4  # classes map__shade--1 (fewest) to --4 (most)


@cache
def world() -> dict:
    data = json.loads(DATA.read_text())
    for country in data["countries"]:
        country["code"] = country_names.alpha2(country["numeric"]) or ""
    return data


@dataclass(frozen=True)
class PlaceMark:
    x: int
    y: int
    place: Place
    count: int

    @property
    def label(self) -> str:
        return ngettext(
            "%(place)s: %(count)s signatory", "%(place)s: %(count)s signatories", self.count
        ) % {"place": self.place.name, "count": self.count}


@dataclass(frozen=True)
class CountryOnMap:
    code: str
    name: str
    count: int
    shade: int  # 0: no signatory

    @property
    def label(self) -> str:
        return ngettext(
            "%(country)s: %(count)s signatory", "%(country)s: %(count)s signatories", self.count
        ) % {"country": self.name, "count": self.count}


def shade_of(count: int, most: int) -> int:
    if not count:
        return 0
    return min(SHADES, 1 + (count - 1) * SHADES // max(most, 1))


def project(latitude, longitude) -> tuple[int, int]:
    """Whole units of the map (a thousandth of its width), like its country paths."""
    data = world()
    x = (float(longitude) + 180) * data["scale"]
    y = (data["top"] - float(latitude)) * data["scale"]
    return round(x), round(y)


def signatory_map() -> dict:
    """Everything the map and its table show, from one query. Inactive signatories are
    counted apart, not on the map."""
    listed = Signatory.objects.approved().exclude(slug="").with_activity()
    fields = ["country", "city", "latitude", "longitude", "inactive", "place_link__place"]
    everyone = list(listed.values_list(*fields))
    rows = [row[:4] for row in everyone if not row[4]]
    counts = Counter(country for country, *_rest in rows if country)
    most = max(counts.values(), default=0)
    shaded = {
        code: CountryOnMap(code, str(country_names.name(code)), n, shade_of(n, most))
        for code, n in counts.items()
    }
    # Signatories in one city share one mark, a link when they have a place.
    placed = place_marks([row for row in everyone if not row[4]])
    marks = sorted(
        {project(lat, lon) for *_place, lat, lon in rows if lat is not None and lon is not None}
        - {(mark.x, mark.y) for mark in placed}
    )
    table = sorted(shaded.values(), key=lambda c: (-c.count, collation_key(c.name)))
    legend = legend_for(most)
    return {"world": world(), "shaded": shaded, "marks": marks, "place_marks": placed,
            "table": table, "legend": legend, "total": len(rows),
            "without_country": len(rows) - counts.total(),
            "inactive": len(everyone) - len(rows)}  # fmt: skip


def place_marks(rows) -> list[PlaceMark]:
    """A linked mark per place, where its signatories are (the first one's position),
    read in one query, and none when no signatory on the map has a place."""
    at: dict[int, tuple[int, int]] = {}
    counts: Counter = Counter()
    for _country, _city, lat, lon, _inactive, place in rows:
        if place is not None and lat is not None and lon is not None:
            at.setdefault(place, project(lat, lon))
            counts[place] += 1
    places = Place.objects.filter(pk__in=list(at)).only("country", "slug", "name") if at else []
    return [PlaceMark(*at[p.pk], place=p, count=counts[p.pk]) for p in places]


def legend_for(most: int) -> list[tuple[int, str]]:
    """(shade, "2 to 3 signatories") for each shade that can occur."""
    if not most:
        return []
    ranges: dict[int, list[int]] = {}
    for n in range(1, most + 1):
        ranges.setdefault(shade_of(n, most), []).append(n)
    return [(shade, range_label(ns[0], ns[-1])) for shade, ns in sorted(ranges.items())]


def range_label(low: int, high: int) -> str:
    if low == high:
        return ngettext("%(n)s signatory", "%(n)s signatories", low) % {"n": low}
    return _("%(low)s to %(high)s signatories") % {"low": low, "high": high}

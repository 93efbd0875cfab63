"""/places/, a country's page and a place's page, in every language."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django_countries import countries as country_names

from pagecache.fragments import lazy

from . import pages
from .models import Place


def places_index(request):
    return render(request, "places/index.html", {"countries": lazy(pages.countries_with_pages)})


def country_detail(request, country):
    code = pages.country_code(country)
    context = {
        "code": code,
        "country_name": country_names.name(code),
        "here": lazy(pages.in_country, code),
        "fragment": request.get_full_path(),
    }
    return render(request, "places/country.html", context)


def place_detail(request, country, place):
    if country != country.lower():
        raise Http404  # one address per place
    place = get_object_or_404(Place, country=country.upper(), slug=place)
    context = {
        "place": place,
        "signatories": lazy(pages.signatories_at, place, request.GET.get("page")),
        "entries": lazy(pages.entries_at, place, request.GET.get("entries_page")),
        "insights": lazy(pages.insights_fed_by, place),
        "neighbours": lazy(pages.neighbours_of, place),
        "fragment": request.get_full_path(),
    }
    return render(request, "places/place.html", context)

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from toolkit.models import Insight

from .forms import EntryFilterForm
from .models import Entry, Programme

ENTRIES_PER_PAGE = 12


def initiatives_index(request):
    programmes = Programme.objects.annotate(
        entry_count=Count("entries", filter=Q(entries__status=Entry.Status.PUBLISHED))
    )
    latest = Entry.objects.published().for_listing()[:6]
    return render(
        request, "initiatives/index.html", {"programmes": programmes, "latest_entries": latest}
    )


def programme_detail(request, programme):
    programme = get_object_or_404(Programme, slug=programme)
    entries = Entry.objects.published().filter(programme=programme)
    years = entries.dates("date", "year", order="DESC")
    country_codes = set(entries.exclude(country="").values_list("country", flat=True))
    form = EntryFilterForm(request.GET or None, country_codes=country_codes)

    status = 200
    if form.is_bound and not form.is_valid():
        entries, status = entries.none(), 400
    elif form.is_bound:
        entries = form.filter(entries)

    page = Paginator(entries.for_listing(), ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "initiatives/programme_detail.html",
        {
            "programme": programme,
            "page": page,
            "form": form,
            "years": [d.year for d in years],
            "filtered": form.is_bound and any(form.data.get(f) for f in form.fields),
        },
        status=status,
    )


def entry_detail(request, programme, entry):
    entry = get_object_or_404(
        Entry.objects.published()
        .select_related("programme")
        .prefetch_related(
            "themes",
            "tags",
            Prefetch("insights", queryset=Insight.objects.published().select_related("theme")),
        ),
        programme__slug=programme,
        slug=entry,
    )
    return render(request, "initiatives/entry_detail.html", {"entry": entry})

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from pagecache.fragments import lazy

from .forms import EntryFilterForm
from .models import Entry, Programme

ENTRIES_PER_PAGE = 12
LATEST_ENTRIES = 6


def initiatives_index(request):
    programmes = Programme.objects.with_entry_counts()
    latest = Entry.objects.published().for_listing()[:LATEST_ENTRIES]
    return render(
        request, "initiatives/index.html", {"programmes": programmes, "latest_entries": latest}
    )


def programme_detail(request, programme):
    programme = get_object_or_404(Programme.objects.select_related("image"), slug=programme)
    published = Entry.objects.published().filter(programme=programme)
    countries = published.exclude(country="").order_by().values_list("country", flat=True)
    countries = countries.distinct()
    form = EntryFilterForm(request.GET or None, country_codes=countries)
    entries = form.filter(published) if form.is_bound else published
    page = Paginator(entries.for_listing(), ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "programme": programme,
        "page": page,
        "form": form,
        "years": lazy(years_of, published),
        "filtered": form.is_bound and form.filtered,
    }
    status = 400 if form.is_bound and form.errors else 200
    context["fragment"] = request.get_full_path() if status == 200 else None
    return render(request, "initiatives/programme_detail.html", context, status=status)


def years_of(entries) -> list[int]:
    return [day.year for day in entries.dates("date", "year", order="DESC")]


def entry_page(entry: Entry) -> tuple[str, dict]:
    """The template and context of an entry's page (also for previews of drafts)."""
    insights = entry.insights.published().select_related("theme")
    return "initiatives/entry_detail.html", {"entry": entry, "related_insights": insights}


def programme_page(programme: Programme) -> tuple[str, dict]:
    """A programme's page without its filters (for previews)."""
    page = Paginator(programme.entries.published().for_listing(), ENTRIES_PER_PAGE).get_page(1)
    form = EntryFilterForm(country_codes=())
    context = {"programme": programme, "page": page, "form": form, "years": [], "filtered": False}
    context["fragment"] = None  # a preview is never kept
    return "initiatives/programme_detail.html", context


def entry_detail(request, programme, entry):
    # its themes, tags, documents and insights are read by the template, only when its
    # fragment is not kept
    entry = get_object_or_404(
        Entry.objects.published().select_related("programme", "image"),
        programme__slug=programme,
        slug=entry,
    )
    template, context = entry_page(entry)
    return render(request, template, context)

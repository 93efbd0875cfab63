from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from pagecache.fragments import lazy
from pagecache.shown import narrow
from toolkit.models import Insight, fed_by

from .forms import EntryFilterForm
from .models import Entry, Programme, in_programme

ENTRIES_PER_PAGE = 12
LATEST_ENTRIES = 6


def initiatives_index(request):
    programmes = Programme.objects.with_entry_counts()
    latest = Entry.objects.published().for_listing()[:LATEST_ENTRIES]
    return render(
        request, "initiatives/index.html", {"programmes": programmes, "latest_entries": latest}
    )


def programme_page(programme: Programme, *, query=None, address=None) -> tuple[str, dict]:
    """The template and context of a programme's page, for its view (with the reader's
    filter `query` and the `address` that keys its cached fragment) and for its preview."""
    narrow(Entry, in_programme(programme.pk))  # it reads no entry of another programme
    published = Entry.objects.published().filter(programme=programme)
    countries = published.exclude(country="").order_by().values_list("country", flat=True)
    form = EntryFilterForm(query or None, country_codes=countries.distinct())
    entries = form.filter(published) if form.is_bound else published
    page_number = query.get("page") if query else None
    filter_errors = form.errors if form.is_bound else {}
    paginator = Paginator(entries.for_listing(), ENTRIES_PER_PAGE)
    context = {
        "programme": programme,
        "page": lazy(paginator.get_page, page_number),  # read in the fragment alone
        "form": form,
        "years": lazy(years_of, published),
        "filtered": form.is_bound and form.filtered,
        "filter_errors": filter_errors,
        "fragment": address if address and not filter_errors else None,
    }
    return "initiatives/programme_detail.html", context


def programme_detail(request, programme):
    programme = get_object_or_404(Programme.objects.select_related("image"), slug=programme)
    template, context = programme_page(
        programme, query=request.GET, address=request.get_full_path()
    )
    return render(request, template, context, status=400 if context["filter_errors"] else 200)


def years_of(entries) -> list[int]:
    return [day.year for day in entries.dates("date", "year", order="DESC")]


def entry_page(entry: Entry) -> tuple[str, dict]:
    """The template and context of an entry's page (also for previews of drafts)."""
    narrow(Insight, fed_by(entry.pk))  # it reads only the insights it feeds
    insights = entry.insights.published().select_related("theme")
    return "initiatives/entry_detail.html", {"entry": entry, "related_insights": insights}


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

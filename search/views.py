from django.core.paginator import Paginator
from django.shortcuts import render

from . import query as site_search
from .forms import SearchForm

RESULTS_PER_PAGE = 10


def search(request):
    form = SearchForm(request.GET)
    context = {"form": form, "query": "", "page": None, "results": []}
    if not form.is_valid():
        return render(request, "search/results.html", context, status=400)

    query, kind, theme = (form.cleaned_data[f] for f in ("q", "type", "theme"))
    context["query"] = query
    context["truncated"] = len(form.data.get("q", "")) > site_search.MAX_QUERY_LENGTH
    if query:
        hits = site_search.ranked_hits(query, kind=kind, theme=theme)
        page = Paginator(hits, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        context["page"] = page
        context["many"] = site_search.more_than(hits)
        context["results"] = site_search.results(list(page.object_list), query)
    return render(request, "search/results.html", context)

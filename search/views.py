from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import get_language

from pagecache.shown import reads_everything

from . import query as site_search
from .forms import SearchForm
from .models import UnansweredSearch
from .vocabulary import did_you_mean

RESULTS_PER_PAGE = 10


def search(request):
    form = SearchForm(request.GET)
    context = {"form": form, "query": "", "page": None, "results": []}
    if not form.is_valid():
        return render(request, "search/results.html", context, status=400)
    context.update(found(request, form.cleaned_data))
    response = render(request, "search/results.html", context)
    if context["query"] and not context["results"]:
        UnansweredSearch.record(context["query"], get_language() or "")
        patch_cache_control(response, private=True)  # each one is counted, not cached
    return response


def found(request, data: dict) -> dict:
    """The page of results for a valid search, with what the template says about it."""
    query = data["q"]
    context = {"query": query}
    reads_everything()  # a new item anywhere may match
    context["truncated"] = len(request.GET.get("q", "")) > site_search.MAX_QUERY_LENGTH
    if query:
        hits = site_search.ranked_hits(query, kind=data["type"], theme=data["theme"])
        page = Paginator(hits, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        context.update(page=page, many=site_search.more_than(hits))
        context["results"] = site_search.results(list(page.object_list), query)
        every_word = any(not hit["some_words"] for hit in hits)
        if not every_word and (other := did_you_mean(query, get_language())):
            kept = {name: request.GET[name] for name in ("type", "theme") if request.GET.get(name)}
            other_url = f"{reverse('search:search')}?{urlencode({'q': other.text, **kept})}"
            context.update(suggestion=other, suggestion_url=other_url)
    return context

"""A tag's page: everything public with this tag, insights then initiative entries."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from initiatives.models import Entry
from pagecache.shown import narrow
from toolkit.models import Insight, tagged

PER_PAGE = 12


def tag_detail(request, tag):
    tag = get_object_or_404(Tag, slug=tag)
    narrow(Insight, tagged(tag.pk))  # it reads no insight or entry without the tag
    narrow(Entry, tagged(tag.pk))
    insights = Insight.objects.published().filter(tags=tag).for_listing()
    entries = Entry.objects.published().filter(tags=tag).for_listing()
    page = Paginator(insights, PER_PAGE).get_page(request.GET.get("page"))
    entry_page = Paginator(entries, PER_PAGE).get_page(request.GET.get("entries_page"))
    if not page.paginator.count and not entry_page.paginator.count:
        raise Http404  # a tag used only by drafts is not public
    context = {"tag": tag, "page": page, "entry_page": entry_page}
    return render(request, "tags/tag_detail.html", {**context, "fragment": request.get_full_path()})

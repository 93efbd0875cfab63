from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag, TaggedItem

from pagecache.fragments import lazy
from pagecache.shown import LISTED, narrow

from .forms import TagFilterForm
from .models import Insight, Theme, feeding, in_theme

RELATED_ENTRIES = 6
INSIGHTS_PER_PAGE = 12
THEME_TAGS = 30  # the most used tags of a theme, offered as filters
POPULAR_TAGS = 20


def tags_with_counts(insights, limit: int) -> list[Tag]:
    """The `limit` tags most used by the given insights, each with `num_insights`: counted
    in the tagging table alone, without joining the insights' wide rows."""
    rows = (
        TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Insight),
            object_id__in=insights.values("pk"),
        )
        .values("tag_id", "tag__name", "tag__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "tag__name")[:limit]
    )
    tags = []
    for row in rows:
        tag = Tag(id=row["tag_id"], name=row["tag__name"], slug=row["tag__slug"])
        tag.num_insights = row["n"]
        tags.append(tag)
    return tags


def toolkit_index(request):
    narrow(Insight, LISTED)  # it counts insights, and shows none
    themes = Theme.objects.with_insight_counts()
    popular_tags = lazy(tags_with_counts, Insight.objects.published(), POPULAR_TAGS)
    return render(request, "toolkit/index.html", {"themes": themes, "popular_tags": popular_tags})


def theme_page(theme: Theme, *, query=None, address=None) -> tuple[str, dict]:
    """The template and context of an area's page, for its view (with the reader's filter
    `query` and the `address` that keys its cached fragment) and for its preview (neither)."""
    form = TagFilterForm(query or {})
    narrow(Insight, in_theme(theme.pk))  # it reads no insight or entry of another area
    narrow(theme.entries.model, in_theme(theme.pk))
    published = Insight.objects.published().filter(theme=theme)
    insights, tag = form.filter(published) if form.is_valid() else (published.none(), None)
    page_number = query.get("page") if query else None
    context = {
        "theme": theme,
        # read in the page's fragment alone: nothing counted or built when it is kept
        "page": lazy(insights_page, insights, page_number),
        "theme_tags": lazy(tags_with_counts, published, THEME_TAGS),
        "tag_slug": form.data.get("tag", ""),
        "selected_tag": tag,
        "filter_errors": form.errors,
        "related_entries": lazy(related_entries, theme),
        # an unknown tag, a bad filter or a preview is not kept
        "fragment": address if address and (tag or not form.data.get("tag")) else None,
    }
    return "toolkit/theme_detail.html", context


def insights_page(insights, number):
    return Paginator(insights.for_listing(), INSIGHTS_PER_PAGE).get_page(number)


def related_entries(theme: Theme):
    return theme.entries.published().for_listing()[:RELATED_ENTRIES]


def theme_detail(request, theme):
    theme = get_object_or_404(Theme.objects.select_related("image"), slug=theme)
    template, context = theme_page(theme, query=request.GET, address=request.get_full_path())
    return render(request, template, context, status=400 if context["filter_errors"] else 200)


def insight_page(insight: Insight) -> tuple[str, dict]:
    """The template and context of an insight's page (also for previews of drafts)."""
    narrow(Insight, in_theme(insight.theme_id))  # it, and its neighbours in its area
    context = {"insight": insight, "theme": insight.theme, "neighbours": lazy(insight.neighbours)}
    return "toolkit/insight_detail.html", {**context, "entries": lazy(entries_of, insight)}


def entries_of(insight: Insight) -> dict[str, list]:
    """The entries curators related to it: those it cites (by their source or page) apart
    from the others, which it may not draw on."""
    narrow(insight.related_entries.model, feeding(insight.pk))  # the entries feeding it
    related = insight.related_entries.published().for_listing()[:RELATED_ENTRIES]
    entries: dict[str, list] = {"cited": [], "others": []}
    for entry in related:
        cited = insight.cites(entry.external_url, entry.get_absolute_url())
        entries["cited" if cited else "others"].append(entry)
    return entries


def insight_detail(request, theme, insight):
    # tags and documents are read by the template, only when its fragment is not kept
    insight = get_object_or_404(
        Insight.objects.published().select_related("theme", "image"),
        theme__slug=theme,
        slug=insight,
    )
    template, context = insight_page(insight)
    return render(request, template, context)


def print_toolkit(request, theme=None):
    """The whole toolkit, or one area, as one document for printing."""
    themes = Theme.objects.prefetch_related(
        Prefetch("insights", queryset=Insight.objects.published().prefetch_related("tags"))
    )
    if theme:
        themes = themes.filter(slug=theme)
        if not themes:
            raise Http404
    return render(request, "toolkit/print.html", {"themes": themes, "single": bool(theme)})

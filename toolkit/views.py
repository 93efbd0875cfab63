from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from initiatives.models import Entry

from .models import Insight, Theme

RELATED_ENTRIES = 6

INSIGHTS_PER_PAGE = 12
THEME_TAGS = 30  # the most used tags of a theme, offered as filters


def tags_with_counts(insights):
    """Tags used by the given insights, most used first, each with `num_insights`."""
    return (
        Tag.objects.filter(insight__in=insights)
        .annotate(num_insights=Count("insight", distinct=True))
        .order_by("-num_insights", "name")
    )


def toolkit_index(request):
    themes = Theme.objects.with_insight_counts()
    popular_tags = tags_with_counts(Insight.objects.published())[:20]
    return render(request, "toolkit/index.html", {"themes": themes, "popular_tags": popular_tags})


def theme_detail(request, theme):
    theme = get_object_or_404(Theme, slug=theme)
    insights = Insight.objects.published().filter(theme=theme)
    theme_tags = tags_with_counts(insights)[:THEME_TAGS]

    selected_tag = None
    tag_slug = request.GET.get("tag", "")
    if tag_slug:
        selected_tag = Tag.objects.filter(slug=tag_slug).first()
        insights = insights.filter(tags=selected_tag) if selected_tag else insights.none()

    page = Paginator(insights.for_listing(), INSIGHTS_PER_PAGE).get_page(request.GET.get("page"))
    committed = theme.signatories.approved().only("organisation", "city", "country")
    related_entries = Entry.objects.published().filter(themes=theme).for_listing()
    return render(
        request,
        "toolkit/theme_detail.html",
        {
            "theme": theme,
            "committed": committed,
            "related_entries": related_entries[:RELATED_ENTRIES],
            "page": page,
            "theme_tags": theme_tags,
            "tag_slug": tag_slug,
            "selected_tag": selected_tag,
        },
    )


def insight_detail(request, theme, insight):
    insight = get_object_or_404(
        Insight.objects.published().select_related("theme").prefetch_related("tags"),
        theme__slug=theme,
        slug=insight,
    )
    newer, older = insight.neighbours()
    related_entries = Entry.objects.published().filter(insights=insight).for_listing()
    return render(
        request,
        "toolkit/insight_detail.html",
        {
            "insight": insight,
            "theme": insight.theme,
            "newer": newer,
            "older": older,
            "related_entries": related_entries[:RELATED_ENTRIES],
        },
    )


def tag_detail(request, tag):
    """Everything public with this tag: insights, then initiative entries, each paginated."""
    tag = get_object_or_404(Tag, slug=tag)
    insights = Insight.objects.published().filter(tags=tag).for_listing()
    entries = Entry.objects.published().filter(tags=tag).for_listing()
    page = Paginator(insights, INSIGHTS_PER_PAGE).get_page(request.GET.get("page"))
    entry_page = Paginator(entries, INSIGHTS_PER_PAGE).get_page(request.GET.get("entries_page"))
    if not page.paginator.count and not entry_page.paginator.count:
        # A tag used only by drafts is not public.
        raise Http404
    return render(
        request, "toolkit/tag_detail.html", {"tag": tag, "page": page, "entry_page": entry_page}
    )


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

from django.urls import path

from pagecache.kept import kept
from publishing.feeds import atom

from . import views
from .feeds import InsightsFeed, ThemeInsightsFeed

app_name = "toolkit"

urlpatterns = [
    path("toolkit/", views.toolkit_index, name="index"),
    path("toolkit/feed.rss", kept(InsightsFeed()), name="feed_rss"),
    path("toolkit/feed.atom", kept(atom(InsightsFeed)()), name="feed_atom"),
    path("toolkit/<slug:theme>/feed.rss", kept(ThemeInsightsFeed()), name="theme_feed_rss"),
    path("toolkit/<slug:theme>/feed.atom", kept(atom(ThemeInsightsFeed)()), name="theme_feed_atom"),
    path("toolkit/<slug:theme>/", views.theme_detail, name="theme"),
    path("toolkit/<slug:theme>/<slug:insight>/", views.insight_detail, name="insight"),
    path("print/toolkit/", views.print_toolkit, name="print"),
    path("print/toolkit/<slug:theme>/", views.print_toolkit, name="print_theme"),
]

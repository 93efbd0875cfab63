from django.urls import path

from pagecache.kept import kept
from publishing.feeds import atom

from . import feeds, views
from .feeds import EntriesFeed, ProgrammeEntriesFeed

app_name = "initiatives"

urlpatterns = [
    path("initiatives/", views.initiatives_index, name="index"),
    path("initiatives/feed.rss", kept(EntriesFeed()), name="feed_rss"),
    path("initiatives/feed.atom", kept(atom(EntriesFeed)()), name="feed_atom"),
    path("initiatives/calendar.ics", kept(feeds.calendar), name="calendar"),
    path(
        "initiatives/<slug:programme>/feed.rss",
        kept(ProgrammeEntriesFeed()),
        name="programme_feed_rss",
    ),
    path(
        "initiatives/<slug:programme>/feed.atom",
        kept(atom(ProgrammeEntriesFeed)()),
        name="programme_feed_atom",
    ),
    path("initiatives/<slug:programme>/", views.programme_detail, name="programme"),
    path("initiatives/<slug:programme>/<slug:entry>/", views.entry_detail, name="entry"),
]

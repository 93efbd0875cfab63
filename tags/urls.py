from django.urls import path

from pagecache.kept import kept
from publishing.feeds import atom

from . import views
from .feeds import TagInsightsFeed

app_name = "tags"

urlpatterns = [
    path("tags/<str:tag>/", views.tag_detail, name="tag"),
    path("tags/<str:tag>/feed.rss", kept(TagInsightsFeed()), name="tag_feed_rss"),
    path("tags/<str:tag>/feed.atom", kept(atom(TagInsightsFeed)()), name="tag_feed_atom"),
]

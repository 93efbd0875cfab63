from django.urls import path

from pagecache.kept import kept

from . import feeds, views

app_name = "commitments"

# Under /signatories/, as when they were part of the signatories app.
urlpatterns = [
    path("signatories/updates/feed.atom", kept(feeds.UpdatesFeed()), name="updates_feed"),
    path(
        "signatories/updates/<slug:theme>/feed.atom",
        kept(feeds.ThemeUpdatesFeed()),
        name="theme_updates_feed",
    ),
    path("signatories/progress/", views.progress, name="progress"),
    path("signatories/update/<str:token>/", views.update_profile, name="update_profile"),
    path("signatories/<slug:slug>/update/", views.request_update_link, name="request_update_link"),
]

from django.urls import path

from . import feeds, profile_views, views

app_name = "signatories"

urlpatterns = [
    path("join/", views.join, name="join"),
    path("join/thanks/", views.thanks, name="thanks"),
    path("join/privacy/", views.privacy, name="privacy"),
    path("signatories/", views.signatory_list, name="list"),
    path("signatories/ask-your-city/", views.ask_your_city, name="ask_your_city"),
    path("signatories/updates/feed.atom", feeds.UpdatesFeed(), name="updates_feed"),
    path(
        "signatories/updates/<slug:theme>/feed.atom",
        feeds.ThemeUpdatesFeed(),
        name="theme_updates_feed",
    ),
    path(
        "signatories/update/<str:token>/",
        profile_views.update_profile,
        name="update_profile",
    ),
    path("signatories/<slug:slug>/", profile_views.profile, name="profile"),
    path("signatories/<slug:slug>/badge.svg", profile_views.badge, name="badge"),
    path(
        "signatories/<slug:slug>/update/",
        profile_views.request_update_link,
        name="request_update_link",
    ),
]

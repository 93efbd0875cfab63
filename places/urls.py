from django.urls import path

from pagecache.kept import kept

from . import views
from .feeds import PlaceFeed

app_name = "places"

urlpatterns = [
    path("places/", views.places_index, name="index"),
    path("places/<slug:country>/", views.country_detail, name="country"),
    path("places/<slug:country>/<slug:place>/", views.place_detail, name="place"),
    path("places/<slug:country>/<slug:place>/feed.atom", kept(PlaceFeed()), name="place_feed"),
]

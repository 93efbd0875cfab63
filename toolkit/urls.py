from django.urls import path

from . import views

app_name = "toolkit"

urlpatterns = [
    path("toolkit/", views.toolkit_index, name="index"),
    path("toolkit/<slug:theme>/", views.theme_detail, name="theme"),
    path("toolkit/<slug:theme>/<slug:insight>/", views.insight_detail, name="insight"),
    path("tags/<slug:tag>/", views.tag_detail, name="tag"),
]

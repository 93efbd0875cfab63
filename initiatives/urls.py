from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("initiatives/", views.initiatives_index, name="index"),
    path("initiatives/<slug:programme>/", views.programme_detail, name="programme"),
    path("initiatives/<slug:programme>/<slug:entry>/", views.entry_detail, name="entry"),
]

from django.urls import path

from . import views

app_name = "worldmap"

urlpatterns = [path("signatories/map/", views.signatory_map_page, name="map")]

from django.urls import path

from . import views

app_name = "publishing"

urlpatterns = [path("share/<str:token>/", views.shared_draft, name="shared")]

from django.urls import path

from . import views

app_name = "signatories"

urlpatterns = [
    path("join/", views.join, name="join"),
    path("join/thanks/", views.thanks, name="thanks"),
    path("join/privacy/", views.privacy, name="privacy"),
    path("signatories/", views.signatory_list, name="list"),
    path("signatories/ask-your-city/", views.ask_your_city, name="ask_your_city"),
    path("signatories/<slug:slug>/", views.profile, name="profile"),
    path("signatories/<slug:slug>/badge.svg", views.badge, name="badge"),
]

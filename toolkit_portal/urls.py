from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("search/", views.search, name="search"),
    path("admin/", admin.site.urls),
    path("", include("toolkit.urls")),
    path("", include("signatories.urls")),
    path("", include("initiatives.urls")),
]

admin.site.site_header = _("Metropolis toolkit administration")
admin.site.site_title = _("Metropolis toolkit")
admin.site.index_title = _("Curate the toolkit")

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from media_library.views import document_file, media_file
from opendata.urls import file_patterns as open_data_files
from opendata.urls import page_patterns as open_data_pages
from pagecache.kept import kept
from publishing.views import translation_files

from . import views
from .dashboard import staff_dashboard
from .sitemaps import SITEMAPS

# Language-neutral addresses: machines and staff.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("healthz/live", views.liveness, name="liveness"),
    path("favicon.ico", views.favicon),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        kept(sitemap_views.index, query=("p",)),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        kept(sitemap_views.sitemap, query=("p",)),
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    *open_data_files,
    # Documents, wherever they are stored, while published content uses them.
    path("documents/<path:name>", document_file, name="document_file"),
    *(
        # Renditions kept on this server's disk; a bucket or the proxy may serve them.
        [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media_file, name="media_file")]
        if settings.MEDIA_URL.startswith("/")
        else []
    ),
    path(
        f"{settings.ADMIN_PATH}translations/",
        admin.site.admin_view(translation_files),
        name="translation_files",
    ),
    path(
        f"{settings.ADMIN_PATH}dashboard/",
        admin.site.admin_view(staff_dashboard),
        name="staff_dashboard",
    ),
    # Before the admin's own: "View on site" that never fails on an item with no page.
    path(
        f"{settings.ADMIN_PATH}r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(views.view_on_site),
        name="view_on_site",
    ),
    path(settings.ADMIN_PATH, admin.site.urls),
]

# Pages for people: English at /…, French at /fr/…, Spanish at /es/….
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("accessibility/", views.accessibility, name="accessibility"),
    *open_data_pages,
    path("", include("search.urls")),
    path("", include("publishing.urls")),
    path("", include("toolkit.urls")),
    path("", include("tags.urls")),
    path("", include("places.urls")),
    path("", include("subscriptions.urls")),
    path("", include("worldmap.urls")),  # before signatories/<slug>/
    path("", include("commitments.urls")),  # signatories/update/…, before signatories/<slug>/
    path("", include("signatories.urls")),
    path("", include("initiatives.urls")),
    prefix_default_language=False,
)

admin.site.site_header = _("Metropolitan toolkit administration")
admin.site.site_title = _("Metropolitan toolkit")
admin.site.index_title = _("Curate the toolkit")
handler500 = "toolkit_portal.views.server_error"

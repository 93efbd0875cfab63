from django.urls import path, re_path

from . import views

# The files are language-neutral: toolkit_portal/urls.py mounts them without a prefix.
file_patterns = [
    re_path(r"^data/(?P<name>[a-z]+)\.(?P<fmt>json|csv)$", views.dataset_download, name="dataset"),
]
page_patterns = [path("data/", views.data_index, name="data")]

"""Conventions every model and admin of the portal keeps, checked so that a new one
cannot forget them (README: "How the portal fits together")."""

import ast
import re
import sys

from django.apps import apps
from django.conf import settings
from django.contrib import admin

from pagecache.versions import WATCHED
from publishing.admin import InputSafeAdminMixin

# third-party admins the portal keeps as they come (reached only by superusers)
AS_THEY_COME = {"auth", "axes", "reversion"}


def test_every_admin_refuses_forged_filters_and_selections_with_a_4xx():
    missing = [
        f"{model._meta.label} ({type(model_admin).__name__})"
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label not in AS_THEY_COME
        and not isinstance(model_admin, InputSafeAdminMixin)
    ]
    assert not missing, f"add InputSafeAdminMixin to: {missing}"


# models no public page shows, so saving them needs no page to go cold, with the reason
SHOWN_ON_NO_PUBLIC_PAGE = {
    "RenditionJob": "work for the worker; the picture it makes is watched",
    "ShareLink": "a share link opens a draft, which is never cached",
    "UnansweredSearch": "for the staff dashboard",
    "Word": "the search vocabulary, rebuilt from content that is watched",
    "SearchRow": "search's rows, kept from watched content (search pages read every table)",
    "AddressRequest": "work for the worker",
    "Notification": "the outbox",
    "ProfileChange": "waits for review; its approval saves watched models",
    "UpdateLink": "private to a signatory",
    "Reminder": "private to a signatory",
    "Extension": "its grant saves the commitment, which is watched",
    "Subscription": "private to a reader",
    "SubscriptionEmail": "private to a reader",
    "Subscription_programmes": "private to a reader",
    "Subscription_themes": "private to a reader",
    "Subscription_places": "private to a reader",
}


def test_every_model_a_public_page_shows_makes_pages_cold_when_it_changes():
    project = {
        config.label
        for config in apps.get_app_configs()
        if config.path.startswith(str(settings.BASE_DIR)) and not config.path.startswith(sys.prefix)
    }
    unwatched = {
        model._meta.label
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in project | {"taggit"}
        and model._meta.label not in WATCHED
        and model._meta.object_name not in SHOWN_ON_NO_PUBLIC_PAGE
    }
    assert not unwatched, f"call invalidate_on() in their app's ready(), or list them: {unwatched}"


def test_no_module_below_the_content_names_a_content_model():
    """Bottom layers learn of content through registrations (README), never by name."""
    above = ("toolkit", "initiatives", "signatories", "subscriptions", "tags", "search")
    label = re.compile(rf"^({'|'.join(above)})\.[A-Za-z]+$")
    named = [
        f"{path.relative_to(settings.BASE_DIR)}: {node.value}"
        for package in ("lib", "jobs", "pagecache", "publishing", "media_library")
        for path in (settings.BASE_DIR / package).rglob("*.py")
        if "migrations" not in path.parts
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and label.match(node.value)
    ]
    assert not named, named


def test_every_registration_happens_in_an_app_config_ready():
    """One place to look for what an app plugs in: its apps.py (README). Admin and version
    registrations stay in admin.py, where Django's autodiscovery looks for them."""
    at_import = [
        f"{path.relative_to(settings.BASE_DIR)}:{node.lineno}"
        for path in settings.BASE_DIR.glob("*/**/*.py")
        if path.parts[len(settings.BASE_DIR.parts)] not in {".venv", "tests", "bench"}
        and path.name not in {"apps.py", "admin.py"}
        for node in ast.parse(path.read_text()).body
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and ast.unparse(node.value.func).split(".")[-1].startswith(("register", "invalidate_on"))
    ]
    assert not at_import, at_import

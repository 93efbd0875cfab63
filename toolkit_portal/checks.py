"""System checks that stop a production deployment with a setting that would quietly misbehave.

They apply with DEBUG off only: a laptop runs on the defaults.
"""

from __future__ import annotations

import ipaddress
import os
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register

DEFAULT_POLICY_OFFICER_EMAIL = "policy-officer@example.org"
LEASE_MARGIN = 3  # a lease this many times EMAIL_TIMEOUT leaves room for a slow send


def is_local(url: str) -> bool:
    """No host, or one that only this machine can reach."""
    host = (urlsplit(url).hostname or "").rstrip(".")
    if not host or host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


@register("deployment")
def production_settings(app_configs, **kwargs) -> list[Error]:
    if settings.DEBUG:
        return []
    errors = []
    backend = settings.CACHES["default"]["BACKEND"].lower()
    if "locmem" in backend or "dummy" in backend:
        errors.append(
            Error(
                "The cache is local to each process (or no cache at all).",
                hint="Set CACHE_URL=redis://…: rate limits and page invalidation must be "
                "shared by every process.",
                id="portal.E001",
            )
        )
    if is_local(settings.SITE_URL):
        errors.append(
            Error(
                f"SITE_URL is not a public address ({settings.SITE_URL!r}).",
                hint="Set SITE_URL to the public address: links in emails and feeds use it.",
                id="portal.E002",
            )
        )
    if settings.POLICY_OFFICER_EMAIL == DEFAULT_POLICY_OFFICER_EMAIL:
        errors.append(
            Error(
                "POLICY_OFFICER_EMAIL is the example address.",
                hint="Set POLICY_OFFICER_EMAIL: join requests are announced to it.",
                id="portal.E003",
            )
        )
    if settings.NOTIFICATION_LEASE_SECONDS < LEASE_MARGIN * settings.EMAIL_TIMEOUT:
        errors.append(
            Error(
                f"NOTIFICATION_LEASE_SECONDS ({settings.NOTIFICATION_LEASE_SECONDS}) is not well "
                f"above EMAIL_TIMEOUT ({settings.EMAIL_TIMEOUT}).",
                hint=f"Keep the lease at least {LEASE_MARGIN} times EMAIL_TIMEOUT, or a slow "
                "send may be claimed by a second worker and sent twice.",
                id="portal.E004",
            )
        )
    return errors


def refuse_to_serve_with_bad_settings() -> None:
    """Called by wsgi.py and asgi.py: an app server never runs `manage.py check` itself."""
    from django.core import checks
    from django.core.exceptions import ImproperlyConfigured

    errors = [e for e in checks.run_checks(tags=["deployment"]) if e.is_serious()]
    errors = [e for e in errors if not e.is_silenced()]
    if errors:
        raise ImproperlyConfigured("\n".join(str(error) for error in errors))


@register()
def renamed_settings(app_configs, **kwargs) -> list[Warning]:
    """An environment that still uses a setting's old name works, and is told the new one."""
    return [
        Warning(
            f"{old} is now called {new}; the old name is still read, but set {new} instead.",
            id="portal.W001",
        )
        for old, new in settings.RENAMED_SETTINGS.items()
        if old in os.environ and new not in os.environ
    ]

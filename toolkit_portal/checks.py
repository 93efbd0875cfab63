"""System checks that stop a production deployment with a setting that would quietly misbehave.

They apply with DEBUG off only: a laptop runs on the defaults.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register

DEFAULT_POLICY_OFFICER_EMAIL = "policy-officer@example.org"
LEASE_MARGIN = 3  # a lease this many times EMAIL_TIMEOUT leaves room for a slow send


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@register("deployment")
def production_settings(app_configs, **kwargs) -> list[Error]:
    if settings.DEBUG:
        return []
    errors = []
    if "locmem" in settings.CACHES["default"]["BACKEND"].lower():
        errors.append(
            Error(
                "The cache is local to each process.",
                hint="Set CACHE_URL=redis://…: rate limits and page invalidation must be "
                "shared by every process.",
                id="portal.E001",
            )
        )
    if is_loopback(settings.SITE_URL):
        errors.append(
            Error(
                f"SITE_URL is a loopback address ({settings.SITE_URL}).",
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

"""Pages shown before they are public: admin previews and reviewers' share links.

A preview is the public template with the public context, marked `noindex`, with a notice
on top, and never stored: `no-store` keeps it out of the page cache and every proxy.
"""

from __future__ import annotations

from collections.abc import Callable

from django.shortcuts import render
from django.utils.cache import patch_cache_control


def render_preview(request, page: tuple[str, dict], *, notice: str, status: int = 200):
    template, context = page
    response = render(
        request,
        template,
        {**context, "noindex": True, "preview_notice": notice},
        status=status,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


# model -> function giving (template, context) of an item's public page
PAGES: dict[type, Callable[[object], tuple[str, dict]]] = {}


def register_page(model: type, page: Callable[[object], tuple[str, dict]]) -> None:
    """Each content app says in its `AppConfig.ready` how its items' pages are made."""
    PAGES[model] = page


def page_of(item) -> tuple[str, dict]:
    return PAGES[type(item)](item)

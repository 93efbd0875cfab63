"""Whole responses kept like fragments: feeds and sitemaps, which show only public content
and nothing per visitor, but cost a full render on every request the page cache does not
answer (staff, crawlers, `DJANGO_PAGE_CACHE=false`, the first request after an edit).

Keyed like any fragment (the content stamp, read by the middleware before the view, and
the language) and served, like one, while nothing it read has changed (shown.py); keyed
also by what else the response shows: the site's address (feeds and
sitemaps write absolute links), the path, and only the query parameters the view reads,
so that made-up parameters do not fill the cache. Only 200 responses are kept.
"""

from __future__ import annotations

import functools
import logging

from django.core.cache import cache
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.template.response import SimpleTemplateResponse

from .fragments import FRAGMENT_TIMEOUT, fragment_key
from .shown import served, with_tags

logger = logging.getLogger(__name__)

HEADERS_NOT_KEPT = {"set-cookie", "etag", "x-page-cache"}


def response_key(request, stamp: str, query: tuple[str, ...]) -> str:
    domain, port = split_domain_port(request.get_host())
    read = [(name, request.GET.getlist(name)) for name in query]
    return fragment_key(["response", request.scheme, domain, port, request.path, read], stamp)


def kept(view, *, query: tuple[str, ...] = ()):
    """`view` (a function or a Feed instance), its 200 responses kept per content stamp."""

    @functools.wraps(view)
    def keeping(request, *args, **kwargs):
        stamp = getattr(request, "content_stamp", None)
        if stamp is None or request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = response_key(request, stamp, query)
        try:
            stored = served(cache.get(key))
        except Exception:  # the cache is down: render
            logger.warning("Fragment cache unavailable", exc_info=True)
            return view(request, *args, **kwargs)
        if stored is not None:
            response = HttpResponse(stored["content"])
            for header, value in stored["headers"].items():
                response[header] = value
            return response
        response = view(request, *args, **kwargs)
        if isinstance(response, SimpleTemplateResponse):
            response.render()  # sitemaps answer with a template response
        if response.status_code == 200 and not response.streaming and not response.cookies:
            headers = {h: v for h, v in response.items() if h.lower() not in HEADERS_NOT_KEPT}
            try:
                if entry := with_tags({"content": response.content, "headers": headers}):
                    cache.set(key, entry, FRAGMENT_TIMEOUT)
            except Exception:
                logger.warning("Fragment cache unavailable", exc_info=True)
        return response

    return keeping

"""A cache of whole public pages for anonymous visitors, with exact invalidation.

Every cached page keeps what it read (the tables of watched models, narrowed by its view
to the groups it shows) and the clock read before its view ran; it is served only while
none of them has been edited since (see `shown.py`; each app names its models in
`versions.py`). An edit therefore makes stale the pages that read what it changed, and
no other; nothing is ever served that is older than the last edit it shows. Content
dated in the future appears when its day comes without any edit: the key holds the day
of the last such change (`schedule.py`), not today's. With a shared cache (Redis,
`CACHE_URL`) every process sees the same pages, tags and clock.

What is never cached: requests with a session (staff, anyone logged in), or with pending
messages; anything but GET and HEAD; responses that are not 200, that set a cookie, that
carry a CSRF token, or that ask not to be cached. A page whose only per-visitor parts are
such tokens (the join form) declares them as holes: it is stored with placeholders, and
each visitor gets fresh values filled in (see `holes.py`).

If the cache itself is unreachable, pages are served uncached rather than not at all.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.http.request import split_domain_port
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags

from .holes import fill_holes, punch_holes
from .schedule import read_stamp
from .shown import recording, served, with_tags

logger = logging.getLogger(__name__)

PAGE_TIMEOUT = 60 * 60 * 24
# Every header the view set is replayed (e.g. CORS on open data) but these: per response.
HEADERS_NOT_KEPT = {"set-cookie", "etag", "x-page-cache"}


def cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path.startswith(f"/{settings.ADMIN_PATH}")
    )


def cacheable_response(request, response) -> bool:
    holes = getattr(response, "page_cache_holes", ())
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # a page carrying a CSRF token is cached only with the token punched out
        and ("csrf" in holes or not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
        and "private" not in response.get("Cache-Control", "")
        and "no-cache" not in response.get("Cache-Control", "")
    )


def page_key(request, stamp: str) -> str:
    # "Host.", "host" and "HOST" are one site: one key (split_domain_port lowers the name
    # and drops the trailing dot).
    domain, port = split_domain_port(request.get_host())
    address = f"{request.scheme}://{domain}:{port}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page:{stamp}:{digest}"


def carries_visitor_tokens(request, response) -> bool:
    """A CSRF token or a time stamp made for this visitor: no shared cache may keep it."""
    return bool(getattr(response, "page_cache_holes", ())) or bool(
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def probe(request) -> bool:
    """Load balancers' health probes: they must not wait on the cache."""
    return request.path in ("/healthz", "/healthz/live")


def admin(request) -> bool:
    """Never cached, and keeps no fragment (its previews render theirs): no stamp."""
    return request.path.startswith(f"/{settings.ADMIN_PATH}")


class AnonymousPageCacheMiddleware:
    """Serve and store anonymous visitors' pages; answer If-None-Match with 304."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.serve(request)
        if carries_visitor_tokens(request, response):
            patch_cache_control(response, private=True)
        return response

    def serve(self, request):
        if probe(request) or admin(request):
            return self.get_response(request)
        try:  # read before the view reads any content: fragments are keyed by it too
            request.content_stamp, clock = read_stamp()
        except Exception:  # the cache is down: serve the page without it
            logger.warning("Page cache unavailable", exc_info=True)
            request.content_stamp = None
            return self.get_response(request)
        with recording(clock):
            return self.serve_recorded(request)

    def serve_recorded(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        key = page_key(request, request.content_stamp)
        try:
            stored = served(cache.get(key))
        except Exception:
            logger.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        if stored is not None:
            return self.replay(request, stored)

        response = self.get_response(request)
        if cacheable_response(request, response):
            etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
            if not getattr(response, "page_cache_holes", ()):
                response["ETag"] = etag
            holes = list(getattr(response, "page_cache_holes", ()))
            stored = {
                "content": punch_holes(response.content, holes),
                "headers": {h: v for h, v in response.items() if h.lower() not in HEADERS_NOT_KEPT},
                "etag": None if holes else etag,
                "holes": holes,
            }
            try:
                cache.set(key, with_tags(stored), PAGE_TIMEOUT)
            except Exception:
                logger.warning("Page cache unavailable", exc_info=True)
            response["X-Page-Cache"] = "miss"
        return response

    def replay(self, request, stored):
        etag = stored["etag"]  # pages with holes differ per visitor: no ETag
        if etag and etag in parse_etags(request.headers.get("If-None-Match", "")):
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(fill_holes(request, stored["content"], stored["holes"]))
        for header, value in stored["headers"].items():
            response[header] = value
        if etag:
            response["ETag"] = etag
        response["X-Page-Cache"] = "hit"
        response.page_cache_holes = stored["holes"]
        if not stored["holes"]:
            patch_cache_control(response, public=True, max_age=0)
        return response

"""Links compared as readers see them: `http://www.example.org/a/` is `https://example.org/a`."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

HREF = re.compile(r"""href=["']([^"']+)["']""")


def link_key(url: str) -> str:
    """The address without scheme, `www.`, fragment or trailing slash, in lower case."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{parts.path.rstrip('/')}{query}".lower()


def links_in(html: str) -> set[str]:
    """The `link_key` of every link in `html`."""
    return {link_key(href) for href in HREF.findall(html or "")}

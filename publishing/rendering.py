"""Markdown to safe HTML, rendered once when content is saved."""

from __future__ import annotations

import re

import markdown
import nh3
from django.conf import settings

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "dl", "dt", "em", "h2", "h3", "h4",
    "h5", "h6", "hr", "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody",
    "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
HEADING_TAG = re.compile(r"<(/?)h([1-5])\b")


def render_markdown(text: str) -> str:
    """Render markdown to HTML and strip anything that could run script or restyle the page.

    Headings are demoted one level: every page has exactly one h1, its title.
    """
    html = markdown.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    html = HEADING_TAG.sub(lambda m: f"<{m[1]}h{int(m[2]) + 1}", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def render_markdown_translations(obj, source: str, target: str) -> None:
    """Render `obj.<source>_<lang>` into `obj.<target>_<lang>` for every language."""
    for code, _name in settings.LANGUAGES:
        text = getattr(obj, f"{source}_{code}", "") or ""
        setattr(obj, f"{target}_{code}", render_markdown(text))

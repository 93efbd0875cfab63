"""`{% fragment "name" key… %}…{% endfragment %}`: a part of a page rendered once per content
stamp and language (and the keys given), then served from the cache while nothing it
read has changed (`shown.py`: what the request read up to the fragment's end, the view's
reads included). Unlike whole pages, fragments are used for every visitor, signed in or
not, and with the page cache off.

Rendered each time instead: in previews (`preview_notice` in the context: drafts must
never be stored), when a key is None or missing from the context (the view found the
request invalid: nothing to keep), outside a request, and when the cache is unreachable.
"""

from __future__ import annotations

import logging

from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe

from pagecache.fragments import FRAGMENT_TIMEOUT, fragment_key
from pagecache.shown import served, with_tags

logger = logging.getLogger(__name__)
register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, keys):
        self.nodelist, self.keys = nodelist, keys

    def render(self, context):
        parts = [key.resolve(context, ignore_failures=True) for key in self.keys]
        stamp = getattr(context.get("request"), "content_stamp", None)
        if context.get("preview_notice") or None in parts or stamp is None:
            return self.nodelist.render(context)
        key = fragment_key(parts, stamp)
        try:
            stored = served(cache.get(key))
        except Exception:  # the cache is down: render the fragment
            logger.warning("Fragment cache unavailable", exc_info=True)
            return self.nodelist.render(context)
        if stored is not None:
            return mark_safe(stored["html"])  # noqa: S308 - rendered by this node's template
        html = self.nodelist.render(context)
        try:
            if kept := with_tags({"html": str(html)}):
                cache.set(key, kept, FRAGMENT_TIMEOUT)
        except Exception:
            logger.warning("Fragment cache unavailable", exc_info=True)
        return html


@register.tag("fragment")
def do_fragment(parser, token):
    keys = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not keys:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, keys)

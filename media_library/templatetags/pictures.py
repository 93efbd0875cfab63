"""Pictures on pages: `{% picture insight.image "full" sizes="..." %}` gives a `<picture>`
with WebP and fallback `srcset`s, width and height (no layout shift), lazy by default."""

from __future__ import annotations

from django import template
from django.core.files.storage import default_storage

register = template.Library()

FALLBACKS = ("jpeg", "png")


def renditions_of(image, shape: str, kinds) -> list[dict]:
    return sorted(
        (
            {**r, "url": default_storage.url(r["name"])}
            for r in image.renditions
            if r["shape"] == shape and r["format"] in kinds
        ),
        key=lambda r: r["width"],
    )


def rendition(image, shape: str, width: int) -> dict | None:
    """The fallback rendition of `shape` closest to `width` and not wider, if made."""
    if image is None or not image.renditions:
        return None
    candidates = renditions_of(image, shape, FALLBACKS)
    fitting = [r for r in candidates if r["width"] <= width] or candidates[:1]
    return fitting[-1] if fitting else None


def srcset(renditions: list[dict]) -> str:
    return ", ".join(f"{r['url']} {r['width']}w" for r in renditions)


@register.inclusion_tag("includes/picture.html")
def picture(image, shape="full", sizes="100vw", loading="lazy", default_width=640, caption=False):
    if image is None or not image.renditions:
        return {"image": None}
    fallback = renditions_of(image, shape, FALLBACKS)
    return {
        "image": image,
        "webp_srcset": srcset(renditions_of(image, shape, ("webp",))),
        "fallback_srcset": srcset(fallback),
        "src": rendition(image, shape, default_width),
        "sizes": sizes,
        "loading": loading,
        "caption": caption,
    }


@register.simple_tag(takes_context=True)
def og_image_url(context, image) -> str:
    """An absolute address of a large fallback rendition for Open Graph and feeds."""
    chosen = rendition(image, "full", 1280)
    if chosen is None:
        return ""
    url = chosen["url"]
    return url if url.startswith(("http://", "https://")) else f"{context.get('origin', '')}{url}"

"""Resized copies of an image for `srcset`: WebP, with JPEG (or PNG where it is
transparent) for browsers without WebP.

Two shapes: "full" keeps the picture's proportions (detail pages), "card" is cut to 4:3
around the focal point (lists). Names carry a digest of what they were made from, so a
rendition never changes under its URL and may be cached for a year.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PillowImage
from PIL import ImageOps

SHAPES = {"full": (320, 640, 1280), "card": (320, 400, 640)}
CARD_RATIO = 4 / 3
QUALITY = {"webp": 78, "jpeg": 80}


@dataclass(frozen=True)
class Rendition:
    shape: str
    format: str  # "webp", "jpeg" or "png"
    width: int
    height: int
    name: str
    size: int  # bytes

    def as_dict(self) -> dict:
        return self.__dict__.copy()


def widths_for(shape: str, original_width: int) -> list[int]:
    """The shape's widths that do not enlarge the picture (at least one)."""
    fitting = [width for width in SHAPES[shape] if width <= original_width]
    return fitting or [original_width]


def crop_to_card(picture: PillowImage.Image, focal_x: int | None, focal_y: int | None):
    centre = (
        (focal_x if focal_x is not None else 50) / 100,
        (focal_y if focal_y is not None else 50) / 100,
    )
    return ImageOps.fit(picture, card_size(picture), centering=centre)


def card_size(picture: PillowImage.Image) -> tuple[int, int]:
    width, height = picture.size
    if width / height > CARD_RATIO:
        return round(height * CARD_RATIO), height
    return width, round(width / CARD_RATIO)


def has_transparency(picture: PillowImage.Image) -> bool:
    return picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info


def encode(picture: PillowImage.Image, kind: str) -> bytes:
    out = io.BytesIO()
    if kind == "jpeg":
        picture.convert("RGB").save(
            out, "JPEG", quality=QUALITY["jpeg"], optimize=True, progressive=True
        )
    elif kind == "webp":
        picture.save(out, "WEBP", quality=QUALITY["webp"], method=4)
    else:
        picture.save(out, "PNG", optimize=True)
    return out.getvalue()


def make_renditions(image) -> list[Rendition]:
    """Make and store every rendition of `image` (a media_library Image); return them."""
    with image.file.open("rb") as source:
        picture = PillowImage.open(io.BytesIO(source.read()))
        picture.seek(0)  # an animated GIF gives its first frame
        picture = picture.convert("RGBA" if has_transparency(picture) else "RGB")
    picture.info = {}  # pixels only: an original stored with a comment must not pass it on
    fallback = "png" if picture.mode == "RGBA" else "jpeg"
    # New widths or qualities give new names too, so no cached copy is ever stale.
    digest = hashlib.sha256(repr((image.look(), SHAPES, QUALITY)).encode()).hexdigest()[:10]
    made = []
    for shape in SHAPES:
        base = crop_to_card(picture, image.focal_x, image.focal_y) if shape == "card" else picture
        for width in widths_for(shape, base.width):
            height = max(1, round(base.height * width / base.width))
            resized = base.resize((width, height), PillowImage.Resampling.LANCZOS)
            for kind in ("webp", fallback):
                name = f"images/renditions/{image.pk}-{digest}/{shape}-{width}.{kind}"
                if default_storage.exists(name):
                    default_storage.delete(name)  # a retried job overwrites, never piles up
                data = encode(resized, kind)
                stored = default_storage.save(name, ContentFile(data))
                made.append(Rendition(shape, kind, width, height, stored, len(data)))
    return made


def delete_renditions(renditions: list[dict]) -> None:
    delete_files([rendition["name"] for rendition in renditions])


def delete_files(names: list[str]) -> None:
    for name in names:
        if name:
            default_storage.delete(name)

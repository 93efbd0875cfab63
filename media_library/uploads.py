"""Checks every upload before it is stored: real content, an allowed type, a size limit.

Images are opened with Pillow (a renamed SVG, HTML or PDF fails there), re-encoded
without their metadata (EXIF holds camera GPS positions) and turned upright. PDFs are
parsed with pypdf; encrypted ones and those carrying scripts are refused (`pdfs.py`).
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image as PillowImage
from PIL import ImageOps, UnidentifiedImageError
from pypdf import PdfReader

from .pdfs import active_content

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
MAX_PIXELS = 50_000_000  # past this a file is a decompression bomb, not a photograph
PIXEL_INFO = {"transparency"}  # what `info` may keep: how pixels look, nothing about them

FILE_NAME_LIKE = re.compile(
    r"""^(
        .*\.(jpe?g|png|gif|webp|svg|tiff?|heic|bmp)       # ends with an image extension
      | (img|dsc|dscn|dcim|pxl|mvimg|screenshot|photo|image|pic|scan)[\s_-]*\d[\w-]*
      | \d{8}[_-]\d{6}\w*                                  # 20240101_123456
      | [\w-]*[_-][\w-]*\d[\w-]*                           # one word with _ or - and digits
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


def refuse_file_name_alt_text(text: str) -> None:
    stripped = text.strip()
    if stripped and FILE_NAME_LIKE.match(stripped):
        raise ValidationError(
            _("“%(text)s” looks like a file name. Describe what the picture shows."),
            code="file_name_alt",
            params={"text": stripped},
        )


def refuse_too_big(upload, limit: int) -> None:
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_big",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )


def looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in text[:1024]


def clean_image_upload(upload) -> ContentFile:
    """The upload, checked and re-encoded without metadata; ValidationError if refused."""
    refuse_too_big(upload, settings.IMAGE_MAX_UPLOAD_BYTES)
    upload.seek(0)
    data = upload.read()
    if looks_like_svg(data[:2048]):
        raise ValidationError(
            _("SVG files are refused: they can carry scripts. Upload a JPEG, PNG, WebP or GIF."),
            code="svg",
        )
    picture = open_picture(data)
    cleaned = io.BytesIO()
    save_without_metadata(picture, cleaned)
    stem = PurePath(upload.name or "image").stem[:80] or "image"
    return ContentFile(cleaned.getvalue(), name=f"{stem}.{IMAGE_FORMATS[picture.format]}")


def open_picture(data: bytes) -> PillowImage.Image:
    not_an_image = ValidationError(
        _("This file is not a picture Pillow can read. Upload a JPEG, PNG, WebP or GIF."),
        code="not_an_image",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PillowImage.DecompressionBombWarning)
            header = PillowImage.open(io.BytesIO(data))  # reads the header, decodes nothing
            refuse_by_header(header)
            header.verify()  # checks the whole file's structure
            picture = PillowImage.open(io.BytesIO(data))
            picture.load()
    except (PillowImage.DecompressionBombError, PillowImage.DecompressionBombWarning) as error:
        raise too_many_pixels() from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise not_an_image from error
    return picture


def refuse_by_header(picture: PillowImage.Image) -> None:
    """Type and size, known before any pixel is decoded: a small file may decode into
    hundreds of megabytes."""
    if picture.format not in IMAGE_FORMATS:
        raise ValidationError(
            _("Only JPEG, PNG, WebP or GIF pictures are accepted; this one is %(format)s."),
            code="wrong_type",
            params={"format": picture.format or "?"},
        )
    # An animated GIF counts every frame (Pillow skips through them without decoding).
    if picture.width * picture.height * getattr(picture, "n_frames", 1) > MAX_PIXELS:
        raise too_many_pixels()


def too_many_pixels() -> ValidationError:
    return ValidationError(
        _("The picture has more than %(limit)s million pixels."),
        code="too_many_pixels",
        params={"limit": MAX_PIXELS // 1_000_000},
    )


def save_without_metadata(picture: PillowImage.Image, out: io.BytesIO) -> None:
    """Pixels, colour profile and transparency; no comment, EXIF, XMP or text chunk.

    Pillow's encoders copy some of these from `info` unless told otherwise: JPEG and GIF
    write `info["comment"]` back.
    """
    kind = picture.format
    if kind == "GIF":
        # Animated GIFs keep their frames. The encoder reads the first frame's info again
        # as it saves, so clearing it is not enough: an empty comment given here wins.
        picture.save(out, format="GIF", save_all=True, comment=b"")
        return
    upright = ImageOps.exif_transpose(picture)  # camera orientation applied, then dropped
    upright.info = {key: value for key, value in upright.info.items() if key in PIXEL_INFO}
    options = {"icc_profile": picture.info.get("icc_profile")}
    if kind == "JPEG":
        upright = upright.convert("RGB") if upright.mode not in ("RGB", "L") else upright
        options.update(quality=92, optimize=True)
    elif kind == "WEBP":
        options.update(quality=92)
    upright.save(out, format=kind, **{k: v for k, v in options.items() if v is not None})


def clean_pdf_upload(upload) -> tuple[int, int]:
    """(size in bytes, pages) of a checked PDF; ValidationError if refused."""
    refuse_too_big(upload, settings.DOCUMENT_MAX_UPLOAD_BYTES)
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    not_a_pdf = ValidationError(
        _("This file is not a PDF document that can be read."), code="not_a_pdf"
    )
    if not data.startswith(b"%PDF-"):
        raise not_a_pdf
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
        if not encrypted:
            pages = len(reader.pages)
            refused = active_content(reader)
    except Exception as error:  # pypdf meets hostile bytes with errors of every kind
        raise not_a_pdf from error
    if encrypted:
        raise ValidationError(
            _("The PDF is protected by a password; upload it without."), code="encrypted"
        )
    if pages == 0:
        raise not_a_pdf
    if refused:
        raise ValidationError(
            _(
                "The PDF contains scripts, launch actions, forms that send data, rich media "
                "or embedded files; save it without them."
            ),
            code="pdf_script",
        )
    return len(data), pages

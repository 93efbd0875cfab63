"""Pictures and PDFs made on the fly for the tests (no stock or invented pictures ship)."""

from __future__ import annotations

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from pypdf import PdfWriter
from pypdf.actions import JavaScript

GPS_IFD = 0x8825


def picture_bytes(
    kind: str = "JPEG", size=(1600, 1000), mode: str = "RGB", gps: bool = False
) -> bytes:
    picture = PillowImage.new(mode, size, (40, 120, 90) if mode == "RGB" else (40, 120, 90, 128))
    for x in range(0, size[0], 50):  # some detail, so sizes are realistic
        for y in range(0, size[1], 50):
            picture.putpixel((x, y), (255, 255, 255) if mode == "RGB" else (255, 255, 255, 255))
    out = io.BytesIO()
    options = {}
    if gps:
        exif = PillowImage.Exif()
        exif[0x010F] = "Camera maker"
        exif[GPS_IFD] = {1: "N", 2: (41.0, 23.0, 0.0), 3: "E", 4: (2.0, 10.0, 0.0)}
        options["exif"] = exif
    picture.save(out, kind, **options)
    return out.getvalue()


def huge_png(width: int, height: int) -> bytes:
    """A PNG of `width` × `height` green RGB pixels, compressed row by row: a file of a
    few hundred kilobytes, without ever holding the decoded picture in memory."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\x28\x78\x5a" * width  # filter byte, then the pixels
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def picture_upload(name="harbour.jpg", kind="JPEG", **options) -> SimpleUploadedFile:
    content_types = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
    return SimpleUploadedFile(
        name, picture_bytes(kind, **options), content_type=content_types.get(kind, "image/gif")
    )


def pdf_bytes(pages: int = 2, script: bool = False) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if script:
        writer.add_open_action(JavaScript("app.alert('hello');"))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_fields(**overrides) -> dict:
    """A complete add-image form, in every language."""
    return {
        "title": "Harbour front",
        "alt_text_en": "People walking along a renewed harbour front",
        "alt_text_fr": "Des gens marchent le long d'un front de mer rénové",
        "alt_text_es": "Personas paseando por un frente marítimo renovado",
        "credit": "Metropolis",
        "licence": "cc-by-4.0",
        "source_url": "",
        "focal_x": "",
        "focal_y": "",
        **overrides,
    }

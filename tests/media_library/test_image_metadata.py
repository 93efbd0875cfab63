"""Stored originals and public renditions keep the pixels and the colour profile, nothing
else: no comments (JPEG COM, GIF comment extensions), EXIF, XMP or PNG text chunks."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from PIL import ImageCms, PngImagePlugin

from media_library.models import Image
from media_library.tasks import make_due_renditions

from .pictures import image_fields

pytestmark = pytest.mark.django_db

SECRET = b"taken at 12 Rue des Lilas by J. Martin"
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def detailed(mode: str, size=(700, 500), colour=(40, 120, 90)) -> PillowImage.Image:
    picture = PillowImage.new("RGB", size, colour)
    for x in range(0, size[0], 25):
        picture.putpixel((x, x % size[1]), (255, 255, 255))
    return picture.convert(mode)


def commented_jpeg() -> bytes:
    out = io.BytesIO()
    detailed("RGB").save(
        out, "JPEG", comment=SECRET, xmp=b"<x:xmpmeta>" + SECRET + b"</x:xmpmeta>", icc_profile=SRGB
    )
    return out.getvalue()


def commented_gif(frames: int) -> bytes:
    pictures = [detailed("P", colour=(40 * n, 120, 90)) for n in range(frames)]
    out = io.BytesIO()
    pictures[0].save(
        out, "GIF", save_all=frames > 1, append_images=pictures[1:], comment=SECRET, loop=0
    )
    return out.getvalue()


def png_with_text() -> bytes:
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", SECRET.decode())
    text.add_text("Author", SECRET.decode(), zip=True)
    text.add_itxt("XML:com.adobe.xmp", SECRET.decode())
    out = io.BytesIO()
    detailed("RGBA").save(out, "PNG", pnginfo=text, icc_profile=SRGB)
    return out.getvalue()


def webp_with_exif_and_xmp() -> bytes:
    exif = PillowImage.Exif()
    exif[0x010E] = SECRET.decode()  # ImageDescription
    out = io.BytesIO()
    detailed("RGB").save(out, "WEBP", exif=exif, xmp=SECRET, icc_profile=SRGB)
    return out.getvalue()


def jpeg_segments(data: bytes) -> set[int]:
    """The markers before the picture data starts (start of scan)."""
    markers, at = set(), 2
    while data[at + 1] != 0xDA:
        markers.add(data[at + 1])
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
    return markers


def png_chunks(data: bytes) -> set[bytes]:
    chunks, at = set(), 8
    while at < len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        chunks.add(data[at + 4 : at + 8])
        at += 12 + length
    return chunks


def comments(data: bytes) -> list:
    picture = PillowImage.open(io.BytesIO(data))
    found = []
    for frame in range(getattr(picture, "n_frames", 1)):
        picture.seek(frame)
        found += [picture.info[key] for key in ("comment", "xmp", "exif") if key in picture.info]
    return found


def stored(name: str) -> bytes:
    with default_storage.open(name, "rb") as file:
        return file.read()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("street.jpg", commented_jpeg()),
        ("still.gif", commented_gif(frames=1)),
        ("loop.gif", commented_gif(frames=3)),
        ("logo.png", png_with_text()),
        ("street.webp", webp_with_exif_and_xmp()),
    ],
    ids=["jpeg", "gif", "animated-gif", "png", "webp"],
)
def test_originals_and_renditions_keep_no_comment_or_metadata(admin_client, name, data):
    assert SECRET in data  # the test picture does carry it
    response = admin_client.post(
        "/admin/media_library/image/add/",
        {**image_fields(), "file": SimpleUploadedFile(name, data)},
    )
    assert response.status_code == 302
    make_due_renditions()
    image = Image.objects.get()
    assert image.renditions
    for file_name in image.files():
        kept = stored(file_name)
        assert SECRET not in kept, file_name
        assert comments(kept) == [], file_name
        if file_name.endswith((".jpg", ".jpeg")):
            assert jpeg_segments(kept) <= {0xE0, 0xE2, 0xDB, 0xC0, 0xC2, 0xC4, 0xDD}, file_name
            assert b"COM" not in kept[:4]
        if file_name.endswith(".png"):
            assert png_chunks(kept) <= {b"IHDR", b"PLTE", b"tRNS", b"iCCP", b"IDAT", b"IEND"}
        if file_name.endswith(".webp"):
            assert b"EXIF" not in kept and b"XMP " not in kept, file_name


@pytest.mark.parametrize("data", [commented_jpeg(), png_with_text(), webp_with_exif_and_xmp()])
def test_the_colour_profile_of_an_original_is_kept(admin_client, data):
    response = admin_client.post(
        "/admin/media_library/image/add/",
        {**image_fields(), "file": SimpleUploadedFile("picture", data)},
    )
    assert response.status_code == 302
    original = PillowImage.open(io.BytesIO(stored(Image.objects.get().file.name)))
    assert original.info.get("icc_profile") == SRGB


def test_an_animated_gif_keeps_its_frames(admin_client):
    response = admin_client.post(
        "/admin/media_library/image/add/",
        {**image_fields(), "file": SimpleUploadedFile("loop.gif", commented_gif(frames=3))},
    )
    assert response.status_code == 302
    assert PillowImage.open(io.BytesIO(stored(Image.objects.get().file.name))).n_frames == 3


@pytest.mark.parametrize(
    ("name", "data"), [("old.jpg", commented_jpeg()), ("old.gif", commented_gif(3))]
)
def test_renditions_of_an_original_stored_with_a_comment_carry_none(name, data):
    # Uploaded before comments were stripped: the file was stored as it came.
    image = Image.objects.create(
        title="Old", file=SimpleUploadedFile(name, data), credit="Metropolis", licence="cc0"
    )
    make_due_renditions()
    image.refresh_from_db()
    assert image.renditions
    for rendition in image.renditions:
        kept = stored(rendition["name"])
        assert SECRET not in kept and comments(kept) == [], rendition["name"]

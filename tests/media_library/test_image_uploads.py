"""Every refusal of the image library, through the admin form staff use."""

from __future__ import annotations

import io
import textwrap

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage

from media_library.models import Image, RenditionJob
from tests.test_site import run_manage

from .pictures import GPS_IFD, huge_png, image_fields, picture_bytes, picture_upload

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:media_library_image_add")


def upload(client, file, **fields):
    return client.post(ADD_URL, {**image_fields(**fields), "file": file})


def errors_of(response) -> str:
    return " ".join(str(e) for e in response.context["adminform"].form.errors.values())


def test_a_checked_image_is_stored_with_its_size_and_queued_for_renditions(admin_client):
    response = upload(admin_client, picture_upload())
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (1600, 1000)
    assert image.renditions == []  # the worker makes them, not the request
    assert RenditionJob.objects.filter(image=image, status="pending").count() == 1


def test_a_text_file_named_like_a_picture_is_refused(admin_client):
    fake = SimpleUploadedFile("harbour.jpg", b"not a picture at all", content_type="image/jpeg")
    response = upload(admin_client, fake)
    assert response.status_code == 200
    assert "not a picture" in errors_of(response)
    assert not Image.objects.exists()


@pytest.mark.parametrize("kind", ["BMP", "TIFF"])
def test_pictures_of_other_types_are_refused(admin_client, kind):
    response = upload(
        admin_client, SimpleUploadedFile(f"harbour.{kind.lower()}", picture_bytes(kind))
    )
    assert "pictures are accepted; this one is " in errors_of(response)
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    "svg",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    ],
)
def test_svg_is_refused_whatever_its_name(admin_client, svg):
    response = upload(
        admin_client, SimpleUploadedFile("harbour.png", svg, content_type="image/png")
    )
    assert "SVG files are refused" in errors_of(response)
    assert not Image.objects.exists()


def test_a_picture_over_the_size_limit_is_refused(admin_client, settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 20_000
    response = upload(admin_client, picture_upload(size=(2000, 2000)))
    assert "the limit is 19.5" in errors_of(response)
    assert not Image.objects.exists()


def test_the_default_limit_is_ten_megabytes(settings):
    assert settings.IMAGE_MAX_UPLOAD_BYTES == 10 * 1024 * 1024


def test_a_decompression_bomb_is_refused(admin_client):
    bomb = io.BytesIO()
    PillowImage.new("1", (12_000, 12_000)).save(bomb, "PNG")  # tiny file, 144 Mpx
    response = upload(admin_client, SimpleUploadedFile("wide.png", bomb.getvalue()))
    assert "million pixels" in errors_of(response)


def test_a_small_file_of_too_many_pixels_is_refused_before_it_is_decoded(tmp_path):
    bomb = tmp_path / "wide.png"
    bomb.write_bytes(huge_png(9000, 9000))  # 81 million pixels, 243 MB decoded
    assert bomb.stat().st_size < 400_000
    # A process of its own, so that its peak memory is the check's alone.
    probe = textwrap.dedent(f"""
        import resource
        from django.core.exceptions import ValidationError
        from django.core.files.uploadedfile import SimpleUploadedFile
        from media_library.uploads import clean_image_upload
        upload = SimpleUploadedFile("wide.png", open({str(bomb)!r}, "rb").read())
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            clean_image_upload(upload)
        except ValidationError as error:
            print(error.code)
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
        print(grown // 1024)
    """)
    result = run_manage("shell", "-c", probe)
    code, grown_mb = result.stdout.split()
    assert code == "too_many_pixels", result.stderr
    assert int(grown_mb) < 20, result.stdout


@pytest.mark.parametrize(
    "alt",
    [
        "IMG_2041.jpg",
        "DSC00123",
        "harbour-front-final-v2",
        "20240101_123456",
        "photo.png",
        "pxl 2024",
    ],
)
def test_alt_text_that_looks_like_a_file_name_is_refused(admin_client, alt):
    response = upload(admin_client, picture_upload(), alt_text_fr=alt)
    assert "looks like a file name" in errors_of(response)
    assert not Image.objects.exists()


def test_alt_text_is_required_in_english_unless_decorative(admin_client):
    response = upload(admin_client, picture_upload(), alt_text_en="")
    assert "or mark it decorative" in errors_of(response)
    assert not Image.objects.exists()

    response = upload(
        admin_client,
        picture_upload(),
        decorative="on",
        alt_text_en="",
        alt_text_fr="",
        alt_text_es="",
    )
    assert response.status_code == 302
    assert Image.objects.get().alt == ""


@pytest.mark.parametrize("missing", ["credit", "licence"])
def test_credit_and_licence_are_required(admin_client, missing):
    response = upload(admin_client, picture_upload(), **{missing: ""})
    assert "This field is required" in errors_of(response)
    assert not Image.objects.exists()


def test_exif_metadata_with_gps_positions_is_stripped(admin_client):
    original = PillowImage.open(io.BytesIO(picture_bytes(gps=True)))
    assert GPS_IFD in original.getexif()  # the test picture does carry a position

    assert upload(admin_client, picture_upload(gps=True)).status_code == 302
    with Image.objects.get().file.open("rb") as stored:
        data = stored.read()
    assert not PillowImage.open(io.BytesIO(data)).getexif()
    assert b"Exif" not in data and b"Camera maker" not in data


def test_an_out_of_range_focal_point_is_refused(admin_client):
    response = upload(admin_client, picture_upload(), focal_x="101", focal_y="-1")
    assert response.status_code == 200
    assert not Image.objects.exists()


def test_the_original_is_never_served(client, admin_client):
    upload(admin_client, picture_upload())
    image = Image.objects.get()
    assert client.get(f"/media/{image.file.name}").status_code == 404
    assert client.get("/media/../manage.py").status_code == 404


def test_an_animated_gif_counts_every_frame_against_the_pixel_limit(admin_client):
    frames = [PillowImage.new("P", (2000, 2000), n) for n in range(13)]  # 52 million pixels
    gif = io.BytesIO()
    frames[0].save(gif, "GIF", save_all=True, append_images=frames[1:])
    response = upload(admin_client, SimpleUploadedFile("loop.gif", gif.getvalue()))
    assert "million pixels" in errors_of(response)

"""Renditions are made by the worker, after the upload; pages show them, never originals."""

from __future__ import annotations

import io
import re
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image as PillowImage

from media_library.models import Document, Image, RenditionJob
from media_library.tasks import make_due_renditions
from tests.factories import make_insight

from .pictures import image_fields, pdf_bytes, picture_upload

pytestmark = pytest.mark.django_db


def uploaded_image(client, **options) -> Image:
    fields = image_fields(**options.pop("fields", {}))
    response = client.post(
        "/admin/media_library/image/add/", {**fields, "file": picture_upload(**options)}
    )
    assert response.status_code == 302
    return Image.objects.latest("pk")


def test_the_worker_makes_webp_and_fallback_renditions_at_each_width(admin_client):
    image = uploaded_image(admin_client)
    assert not image.ready

    call_command("run_worker", "--once", stdout=StringIO())

    image.refresh_from_db()
    made = {(r["shape"], r["format"], r["width"]) for r in image.renditions}
    assert made == {
        *(("full", kind, width) for kind in ("webp", "jpeg") for width in (320, 640, 1280)),
        *(("card", kind, width) for kind in ("webp", "jpeg") for width in (320, 400, 640)),
    }
    for rendition in image.renditions:
        with default_storage.open(rendition["name"]) as stored:
            picture = PillowImage.open(io.BytesIO(stored.read()))
            assert picture.format == rendition["format"].upper()
            assert picture.size == (rendition["width"], rendition["height"])
    card = next(r for r in image.renditions if r["shape"] == "card")
    assert card["width"] * 3 == card["height"] * 4  # cut to 4:3
    assert RenditionJob.objects.get(image=image).status == "done"


def test_a_small_picture_is_not_enlarged_and_transparency_gets_a_png_fallback(admin_client):
    image = uploaded_image(admin_client, name="logo.png", kind="PNG", size=(500, 300), mode="RGBA")
    make_due_renditions()
    image.refresh_from_db()
    widest = {
        shape: max(r["width"] for r in image.renditions if r["shape"] == shape)
        for shape in ("full", "card")
    }
    assert widest == {"full": 320, "card": 400}  # the 4:3 cut of 500 × 300 is 400 wide
    assert {r["format"] for r in image.renditions} == {"webp", "png"}


def test_a_page_shows_the_picture_only_once_its_renditions_exist(admin_client, client):
    image = uploaded_image(admin_client)
    insight = make_insight(image=image)

    assert "<picture" not in client.get(insight.get_absolute_url()).content.decode()

    make_due_renditions()
    html = client.get(insight.get_absolute_url()).content.decode()
    img = re.search(r"<img [^>]*>", html[html.index("<picture") :]).group(0)
    assert 'width="640"' in img and 'height="400"' in img
    assert 'alt="People walking along a renewed harbour front"' in img
    assert "/media/images/renditions/" in img and "images/originals" not in html
    assert 'type="image/webp"' in html and " 1280w" in html
    assert "Picture: Metropolis" in html
    assert 'property="og:image" content="http://testserver/media/images/renditions/' in html


def test_cards_show_small_lazy_renditions(admin_client, client, theme):
    image = uploaded_image(admin_client)
    make_insight(theme=theme, image=image)
    make_due_renditions()
    html = client.get(theme.get_absolute_url()).content.decode()
    card = html[html.index('class="card"') :]
    img = re.search(r"<img [^>]*>", card).group(0)
    assert 'loading="lazy"' in img and "/card-320." in img and 'height="240"' in img


def test_french_pages_give_the_french_alt_text(admin_client, client):
    image = uploaded_image(admin_client)
    insight = make_insight(image=image)
    make_due_renditions()
    html = client.get(f"/fr{insight.get_absolute_url()}").content.decode()
    assert 'alt="Des gens marchent le long d&#x27;un front de mer rénové"' in html


def test_renditions_are_served_with_a_year_of_caching(admin_client, client):
    image = uploaded_image(admin_client)
    make_due_renditions()
    image.refresh_from_db()
    response = client.get(f"/media/{image.renditions[0]['name']}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["Content-Type"] == "image/webp"


def test_a_new_focal_point_makes_new_renditions_and_drops_the_old(
    admin_client, django_capture_on_commit_callbacks
):
    image = uploaded_image(admin_client)
    make_due_renditions()
    image.refresh_from_db()
    old = [r["name"] for r in image.renditions]

    with django_capture_on_commit_callbacks(execute=True):
        image.focal_x = 10
        image.save()
    make_due_renditions()
    image.refresh_from_db()
    assert image.ready and not {r["name"] for r in image.renditions} & set(old)
    assert not any(default_storage.exists(name) for name in old)


def test_one_broken_image_does_not_hold_up_the_others(admin_client):
    broken = uploaded_image(admin_client)
    default_storage.delete(broken.file.name)  # its original is gone from storage
    fine = uploaded_image(admin_client, name="square.jpg")

    assert make_due_renditions() == 1
    fine.refresh_from_db()
    assert fine.ready
    job = RenditionJob.objects.get(image=broken)
    assert job.status == "pending" and job.attempts == 1 and "FileNotFoundError" in job.last_error


def test_deleting_an_image_deletes_its_files(admin_client, django_capture_on_commit_callbacks):
    image = uploaded_image(admin_client)
    make_due_renditions()
    image.refresh_from_db()
    names = image.files()
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert not any(default_storage.exists(name) for name in names)


def test_pictures_and_documents_add_no_query_per_item(admin_client, client, theme, count_queries):
    insights = [make_insight(theme=theme) for _ in range(3)]
    urls = (theme.get_absolute_url(), insights[1].get_absolute_url(), "/")
    for url in urls:  # the first request of a process caches content types
        count_queries(client, f"{url}?warm")
    plain = {url: count_queries(client, f"{url}?plain") for url in urls}

    image = uploaded_image(admin_client)
    make_due_renditions()
    pdf = SimpleUploadedFile("r.pdf", pdf_bytes())
    document = Document.objects.create(title="Report", file=pdf)
    theme.image = image
    theme.save()
    for insight in insights + [make_insight(theme=theme) for _ in range(5)]:
        insight.image = image
        insight.save()
        insight.documents.add(document)
    for url, count in plain.items():
        html = client.get(f"{url}?pictured").content.decode()
        assert "<picture" in html, url
        assert count_queries(client, f"{url}?illustrated") == count, url


def test_feeds_carry_the_picture_as_an_enclosure(admin_client, client, theme):
    image = uploaded_image(admin_client)
    make_insight(theme=theme, image=image)
    make_due_renditions()
    for feed in ("/toolkit/feed.rss", "/toolkit/feed.atom"):
        xml = client.get(feed).content.decode()
        assert "/media/images/renditions/" in xml and "image/jpeg" in xml, feed


def test_renditions_can_be_queued_again_for_every_image(admin_client):
    image = uploaded_image(admin_client)
    make_due_renditions()
    call_command("queue_renditions", "--missing", stdout=StringIO())
    assert make_due_renditions() == 0  # it has them

    call_command("queue_renditions", stdout=StringIO())
    assert make_due_renditions() == 1
    image.refresh_from_db()
    assert image.ready and all(default_storage.exists(r["name"]) for r in image.renditions)

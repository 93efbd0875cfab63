"""Alt text is required in English; French and Spanish are asked for, counted as missing
translation work until written, and fall back to English for readers meanwhile."""

from __future__ import annotations

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from media_library.models import Image
from media_library.renditions import make_renditions
from publishing.po_files import translatable_models
from publishing.translation_status import filter_by_status
from tests.factories import make_insight
from tests.migrating import migrate, migrate_to_latest

from .pictures import image_fields, picture_upload

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:media_library_image_add")
ENGLISH = "People walking along a renewed harbour front"


def errors_of(response) -> dict:
    return response.context["adminform"].form.errors


def english_only(admin_client) -> Image:
    fields = image_fields(alt_text_fr="", alt_text_es="")
    response = admin_client.post(ADD_URL, {**fields, "file": picture_upload()})
    assert response.status_code == 302, errors_of(response)
    return Image.objects.get()


def test_english_alt_text_alone_saves(admin_client):
    image = english_only(admin_client)
    assert image.alt_text_en == ENGLISH
    assert not image.alt_text_fr and not image.alt_text_es


def test_english_alt_text_is_still_required_unless_decorative(admin_client):
    fields = image_fields(alt_text_en="")
    response = admin_client.post(ADD_URL, {**fields, "file": picture_upload()})
    assert list(errors_of(response)) == ["alt_text_en"]
    assert "or mark it decorative" in str(errors_of(response)["alt_text_en"])
    assert not Image.objects.exists()


def test_the_form_says_french_and_spanish_fall_back_to_english(admin_client):
    page = admin_client.get(ADD_URL).content.decode()
    assert page.count("readers see the English text until this one is written.") == 2


def test_the_form_labels_are_capitalised_like_the_others(admin_client):
    page = admin_client.get(ADD_URL).content.decode()
    assert '<label class="required" for="id_file">File:</label>' in page
    assert '<label for="id_source_url">Source:</label>' in page
    assert "file:</label>" not in page and "source:</label>" not in page


def test_readers_of_a_french_page_see_the_english_alt_text_until_it_is_translated(
    admin_client, client, django_capture_on_commit_callbacks
):
    image = english_only(admin_client)
    Image.objects.filter(pk=image.pk).update(
        renditions=[r.as_dict() for r in make_renditions(image)]
    )
    page = f"/fr{make_insight(image=Image.objects.get()).get_absolute_url()}"
    french = client.get(page).content.decode()
    assert f'alt="{ENGLISH}"' in french

    image = Image.objects.get()
    image.alt_text_fr = "Des gens marchent le long d'un front de mer rénové"
    with django_capture_on_commit_callbacks(execute=True):  # the cached page is let go
        image.save()
    french = client.get(page).content.decode()
    assert 'alt="Des gens marchent le long d&#x27;un front de mer rénové"' in french


def test_untranslated_alt_text_is_missing_translation_work(admin_client):
    image = english_only(admin_client)
    assert Image in translatable_models()
    assert image.translation_status("fr") == "missing"
    assert list(filter_by_status(Image.objects.all(), "es", "missing")) == [image]

    image.alt_text_fr = "Des gens marchent le long d'un front de mer rénové"
    image.save()
    assert image.translation_status("fr") == "complete"
    image.alt_text_en = "People on a renewed harbour front at noon"
    image.save()
    assert image.translation_status("fr") == "out_of_date"


def test_a_decorative_picture_needs_no_translation(admin_client):
    fields = image_fields(decorative="on", alt_text_en="", alt_text_fr="", alt_text_es="")
    admin_client.post(ADD_URL, {**fields, "file": picture_upload()})
    assert Image.objects.get().translation_status("fr") == "complete"


def test_alt_text_left_on_a_picture_marked_decorative_is_not_translation_work(admin_client):
    fields = image_fields(decorative="on", alt_text_en=ENGLISH, alt_text_fr="", alt_text_es="")
    admin_client.post(ADD_URL, {**fields, "file": picture_upload()})
    image = Image.objects.get()
    assert image.alt_text_en == "" and image.alt == ""
    assert image.translation_status("fr") == "complete"


def test_the_images_list_shows_and_filters_translations(admin_client):
    english_only(admin_client)
    listing = admin_client.get(reverse("admin:media_library_image_changelist"))
    assert "English complete · French missing · Spanish missing" in listing.content.decode()
    url = reverse("admin:media_library_image_changelist")
    assert "Harbour front" in admin_client.get(f"{url}?translation_fr=missing").content.decode()
    complete = admin_client.get(f"{url}?translation_fr=complete").content.decode()
    assert "Harbour front" not in complete


def test_translators_get_missing_alt_text_in_the_po_file_and_import_it(admin_client):
    image = english_only(admin_client)
    exported = admin_client.get("/admin/translations/?export=es")
    po = polib.pofile(exported.content.decode())
    entry = next(e for e in po if e.msgctxt == f"media_library.image:{image.pk}:alt_text")
    assert entry.msgid == ENGLISH
    entry.msgstr = "Personas paseando por un frente marítimo renovado"
    upload = SimpleUploadedFile("es.po", str(po).encode())
    checked = admin_client.post("/admin/translations/", {"language": "es", "file": upload})
    assert checked.status_code == 200
    token = checked.content.decode().split('name="checked" value="')[1].split('"')[0]
    applied = admin_client.post("/admin/translations/", {"language": "es", "checked": token})
    assert applied.status_code == 302
    image.refresh_from_db()
    assert image.alt_text_es == "Personas paseando por un frente marítimo renovado"
    assert image.translation_status("es") == "complete"
    assert image.rendition_jobs.count() == 1  # a new alt text is not a new picture


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pictures_uploaded_before_count_the_translations_they_have():
    old = migrate([("media_library", "0003_documents_in_a_random_folder")])
    OldImage = old.get_model("media_library", "Image")
    common = {"credit": "c", "licence": "cc0", "width": 4, "height": 3}  # no file read
    both = OldImage.objects.create(
        title="Both", file="images/originals/a.jpg", **common,
        alt_text_en="A harbour", alt_text_fr="Un port", alt_text_es="Un puerto",
    )  # fmt: skip
    english = OldImage.objects.create(
        title="English", file="images/originals/b.jpg", alt_text_en="A square", **common
    )
    migrate_to_latest()
    assert Image.objects.get(pk=both.pk).translation_status("fr") == "complete"
    assert Image.objects.get(pk=english.pk).translation_status("es") == "missing"
    changed = Image.objects.get(pk=both.pk)
    changed.alt_text_en = "A harbour at dusk"
    changed.save()
    assert changed.translation_status("fr") == "out_of_date"

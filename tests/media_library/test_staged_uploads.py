"""A picture chosen once survives the form's mistakes: kept (staged), previewed to the person
who chose it, used when the form is sent again without a file, and checked only once."""

from __future__ import annotations

import datetime
import html
import io
import os
import re
import time
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PillowImage

from media_library import forms as image_forms
from media_library import staging
from media_library.models import Image, RenditionJob

from .pictures import image_fields, picture_upload

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:media_library_image_add")
KEPT_MESSAGE = "The file you chose is kept: choose another only to replace it."


@pytest.fixture(autouse=True)
def own_media_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def kept_token(response) -> str:
    found = re.search(r'name="file_staged" value="([^"]+)"', response.content.decode())
    assert found, "the form does not carry a kept file"
    return html.unescape(found.group(1))


def preview_address(response) -> str:
    found = re.search(r'<img src="([^"]*/kept/[^"]*)"', response.content.decode())
    assert found, "the form shows no preview of the kept file"
    return html.unescape(found.group(1))


def errors_of(response) -> str:
    return " ".join(str(e) for e in response.context["adminform"].form.errors.values())


def staged_names() -> list[str]:
    try:
        return default_storage.listdir(staging.PREFIX)[1]
    except FileNotFoundError:
        return []


def with_one_mistake(client, **fields):
    fields = {**image_fields(alt_text_en="IMG_2041.jpg"), **fields}
    response = client.post(ADD_URL, {**fields, "file": picture_upload()})
    assert response.status_code == 200
    assert "looks like a file name" in errors_of(response)
    return response


def other_staff(name="second-curator") -> User:
    return User.objects.create_superuser(name, f"{name}@example.org", "a-long-password-1")


def test_a_form_with_one_mistake_keeps_the_file_and_saves_it_when_sent_again_without_it(
    admin_client, monkeypatch, django_capture_on_commit_callbacks
):
    checks = []
    check = image_forms.clean_image_upload
    monkeypatch.setattr(image_forms, "clean_image_upload", lambda f: checks.append(f) or check(f))

    response = with_one_mistake(admin_client)
    page = response.content.decode()
    assert KEPT_MESSAGE in page
    assert "harbour.jpg" in page
    assert "This field is required" not in errors_of(response)
    assert not Image.objects.exists()
    assert len(staged_names()) == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            ADD_URL, {**image_fields(), "file_staged": kept_token(response)}
        )
    assert response.status_code == 302, errors_of(response)
    image = Image.objects.get()
    assert (image.width, image.height) == (1600, 1000)
    assert image.file.name.startswith("images/originals/harbour")
    assert RenditionJob.objects.filter(image=image, status="pending").count() == 1
    assert len(checks) == 1  # checked (and re-encoded) once, never again
    assert staged_names() == []  # used, then gone


def test_a_second_mistake_keeps_the_same_file_without_copying_it_again(admin_client):
    token = kept_token(with_one_mistake(admin_client))
    again = admin_client.post(ADD_URL, {**image_fields(credit=""), "file_staged": token})
    assert again.status_code == 200
    assert "This field is required" in errors_of(again)  # the credit, not the file
    assert "file" not in again.context["adminform"].form.errors
    assert kept_token(again) == token
    assert len(staged_names()) == 1


def test_a_new_file_replaces_the_kept_one(admin_client):
    token = kept_token(with_one_mistake(admin_client))
    replacement = picture_upload(name="square.png", kind="PNG", size=(300, 300))
    response = admin_client.post(
        ADD_URL, {**image_fields(), "file": replacement, "file_staged": token}
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (300, 300)
    assert staged_names() == []  # the one replaced is not left behind


def test_the_preview_of_a_kept_file_is_for_the_person_who_chose_it(admin_client, client):
    response = with_one_mistake(admin_client)
    address = preview_address(response)
    preview = admin_client.get(address)
    assert preview.status_code == 200
    assert preview["Content-Type"] in ("image/jpeg", "image/png")
    assert "no-store" in preview["Cache-Control"]
    thumbnail = PillowImage.open(io.BytesIO(preview.content))
    assert max(thumbnail.size) <= 320

    assert client.get(address).status_code == 302  # to the admin's sign-in
    client.force_login(other_staff())
    assert client.get(address).status_code == 404
    assert admin_client.get(address.split("?")[0] + "?token=forged").status_code == 404


def test_a_kept_file_is_never_public(client, admin_client):
    with_one_mistake(admin_client)
    (name,) = staged_names()
    assert client.get(f"/media/{staging.PREFIX}{name}").status_code == 404


def test_a_refused_file_is_not_kept(admin_client):
    svg = SimpleUploadedFile("harbour.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    response = admin_client.post(ADD_URL, {**image_fields(credit=""), "file": svg})
    assert "SVG files are refused" in errors_of(response)
    assert 'name="file_staged"' not in response.content.decode()
    assert staged_names() == []


@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "",
        lambda token: "not-a-token",
        lambda token: token + "\x00",
        lambda token: "x" * 5000,
    ],
)
def test_a_tampered_token_is_refused_with_a_clear_error(admin_client, forge):
    token = kept_token(with_one_mistake(admin_client))
    response = admin_client.post(ADD_URL, {**image_fields(), "file_staged": forge(token)})
    assert response.status_code in (200, 400)
    if forge(token):
        assert response.status_code == 400
        assert "choose the file again" in errors_of(response)
    else:
        assert "This field is required" in errors_of(response)
    assert not Image.objects.exists()


def test_an_expired_token_is_refused(admin_client):
    token = kept_token(with_one_mistake(admin_client))
    later = datetime.datetime.now(tz=datetime.UTC) + staging.KEPT_FOR + datetime.timedelta(1)
    with time_machine.travel(later):
        response = admin_client.post(ADD_URL, {**image_fields(), "file_staged": token})
    assert response.status_code == 400
    assert "choose the file again" in errors_of(response)
    assert not Image.objects.exists()


def test_another_persons_token_is_refused(admin_client, client):
    token = kept_token(with_one_mistake(admin_client))
    client.force_login(other_staff())
    response = client.post(ADD_URL, {**image_fields(), "file_staged": token})
    assert response.status_code == 400
    assert "choose the file again" in errors_of(response)
    assert not Image.objects.exists()


def test_a_signed_token_naming_a_file_outside_the_staging_folder_is_refused(
    admin_client, admin_user
):
    """Only files this module kept, after their checks, may be named: even a token signed
    with the portal's key cannot smuggle in another file."""
    other = default_storage.save("images/originals/unchecked.jpg", picture_upload())
    for name in [other, f"{staging.PREFIX}../originals/unchecked.jpg"]:
        token = signing.dumps({"name": name, "user": admin_user.pk}, salt=staging.SALT)
        response = admin_client.post(ADD_URL, {**image_fields(), "file_staged": token})
        assert response.status_code == 400, name
    assert not Image.objects.exists()


def test_a_token_used_once_cannot_be_used_again(admin_client, django_capture_on_commit_callbacks):
    token = kept_token(with_one_mistake(admin_client))
    with django_capture_on_commit_callbacks(execute=True):
        saved = admin_client.post(ADD_URL, {**image_fields(), "file_staged": token})
    assert saved.status_code == 302
    response = admin_client.post(ADD_URL, {**image_fields(), "file_staged": token})
    assert response.status_code == 400
    assert Image.objects.count() == 1


def test_kept_files_not_used_are_deleted_by_the_worker_once_expired(admin_client):
    with_one_mistake(admin_client)
    with_one_mistake(admin_client)
    old, recent = staged_names()
    long_ago = time.time() - staging.KEPT_FOR.total_seconds() - 60
    os.utime(default_storage.path(staging.PREFIX + old), (long_ago, long_ago))

    out = StringIO()
    call_command("run_worker", "--once", stdout=out)
    assert staged_names() == [recent]
    assert "Kept uploads discarded: 1" in out.getvalue()


def test_a_replacement_picture_is_kept_on_an_images_own_page_too(
    admin_client, django_capture_on_commit_callbacks
):
    assert (
        admin_client.post(ADD_URL, {**image_fields(), "file": picture_upload()}).status_code == 302
    )
    image = Image.objects.get()
    change = reverse("admin:media_library_image_change", args=[image.pk])
    square = picture_upload(name="square.png", kind="PNG", size=(300, 300))
    mistake = admin_client.post(change, {**image_fields(credit=""), "file": square})
    assert mistake.status_code == 200
    assert KEPT_MESSAGE in mistake.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        saved = admin_client.post(change, {**image_fields(), "file_staged": kept_token(mistake)})
    assert saved.status_code == 302
    image.refresh_from_db()
    assert (image.width, image.height) == (300, 300)
    assert image.rendition_jobs.count() == 2  # the first picture's, then this one's
    assert staged_names() == []

"""Several app servers share media through S3-compatible object storage: tested against a
real S3 server (moto in server mode) started by the test, through django-storages."""

from __future__ import annotations

import datetime
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from io import StringIO

import boto3
import pytest
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from media_library.models import Document, Image
from tests.factories import make_insight
from tests.test_site import run_manage

from .pictures import image_fields, pdf_bytes, picture_upload

BUCKET = "toolkit-media"
# As docs/DEPLOY.md sets it up: renditions public; originals and documents private (the
# portal serves documents itself, while published content uses them).
PUBLIC_READ_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": [f"arn:aws:s3:::{BUCKET}/images/renditions/*"],
        }
    ],
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("The S3 server (moto) did not start")
            time.sleep(0.1)
    yield endpoint
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def object_storage(settings, s3_endpoint):
    credentials = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **credentials)
    client.create_bucket(Bucket=BUCKET)
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ_POLICY))
    settings.AWS_STORAGE_BUCKET_NAME = BUCKET
    settings.AWS_S3_ENDPOINT_URL = s3_endpoint
    settings.AWS_S3_REGION_NAME = "us-east-1"
    settings.AWS_S3_ADDRESSING_STYLE = "path"
    settings.AWS_S3_ACCESS_KEY_ID = "testing"
    settings.AWS_S3_SECRET_ACCESS_KEY = "testing"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "media_library.s3.MediaS3Storage"},
    }
    yield client
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


@pytest.mark.django_db
def test_uploads_and_renditions_live_in_the_bucket_with_long_cache_headers(
    object_storage, admin_client, client
):
    assert type(storages["default"]).__name__ == "MediaS3Storage"
    response = admin_client.post(
        "/admin/media_library/image/add/", {**image_fields(), "file": picture_upload()}
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert keys(object_storage) == {image.file.name}

    call_command("run_worker", "--once", stdout=StringIO())  # another process could do this

    image.refresh_from_db()
    assert {r["name"] for r in image.renditions} <= keys(object_storage)
    rendition = image.renditions[0]["name"]
    head = object_storage.head_object(Bucket=BUCKET, Key=rendition)
    assert head["CacheControl"] == "public, max-age=31536000, immutable"
    assert head["ContentType"] in ("image/webp", "image/jpeg")

    insight = make_insight(image=image)
    html = client.get(insight.get_absolute_url()).content.decode()
    src = html.split('<img src="', 1)[1].split('"', 1)[0]
    assert src.startswith(f"{object_storage.meta.endpoint_url}/{BUCKET}/images/renditions/")
    with urllib.request.urlopen(src) as served:  # noqa: S310 - the local S3 server
        assert served.status == 200
        assert served.headers["Content-Type"] == "image/jpeg"
    with pytest.raises(urllib.error.HTTPError, match="403"):  # the original stays private
        urllib.request.urlopen(default_storage.url(image.file.name))  # noqa: S310


@pytest.mark.django_db
def test_documents_and_deletions_go_through_the_bucket(
    object_storage, admin_client, django_capture_on_commit_callbacks
):
    pdf = SimpleUploadedFile("report.pdf", pdf_bytes(), content_type="application/pdf")
    admin_client.post(
        "/admin/media_library/document/add/",
        {"title": "Report", "language": "en", "file": pdf},
    )
    response = admin_client.post(
        "/admin/media_library/image/add/", {**image_fields(), "file": picture_upload()}
    )
    assert response.status_code == 302
    call_command("run_worker", "--once", stdout=StringIO())
    listed = object_storage.list_objects_v2(Bucket=BUCKET)["Contents"]
    assert any(o["Key"].startswith("documents/") for o in listed)

    with django_capture_on_commit_callbacks(execute=True):
        Image.objects.get().delete()
    remaining = object_storage.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    assert [o["Key"] for o in remaining if o["Key"].startswith("images/")] == []


@pytest.mark.django_db
def test_documents_stay_private_in_the_bucket_and_the_portal_serves_public_ones(
    object_storage, admin_client, client
):
    pdf = SimpleUploadedFile("report.pdf", pdf_bytes(), content_type="application/pdf")
    admin_client.post(
        "/admin/media_library/document/add/",
        {"title": "Report", "language": "en", "file": pdf},
    )
    document = Document.objects.get()
    assert keys(object_storage) == {document.file.name}
    bucket_address = default_storage.url(document.file.name)
    with pytest.raises(urllib.error.HTTPError, match="403"):
        urllib.request.urlopen(bucket_address)  # noqa: S310 - the local S3 server

    insight = make_insight(status="draft")
    insight.documents.add(document)
    assert client.get(document.file.url).status_code == 404
    insight.status = "published"
    insight.save()
    response = client.get(document.file.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()


@pytest.mark.parametrize(
    ("environment", "origin"),
    [
        ({"AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000/"}, "http://127.0.0.1:9000"),
        ({"AWS_S3_REGION_NAME": "eu-west-1"}, "https://toolkit-media.s3.eu-west-1.amazonaws.com"),
        ({"AWS_S3_CUSTOM_DOMAIN": "media.example.org"}, "https://media.example.org"),
    ],
)
def test_the_content_security_policy_allows_pictures_from_the_bucket(environment, origin):
    probe = "from django.conf import settings; print(settings.CONTENT_SECURITY_POLICY)"
    result = run_manage("shell", "-c", probe, AWS_STORAGE_BUCKET_NAME=BUCKET, **environment)
    img_src = result.stdout.split("'img-src': [", 1)[1].split("]", 1)[0]
    assert f"'{origin}'" in img_src


@pytest.mark.django_db
def test_a_file_kept_through_a_mistake_lives_in_the_bucket_until_used_or_expired(
    object_storage, admin_client, django_capture_on_commit_callbacks
):
    from media_library import staging
    from tests.media_library.test_staged_uploads import kept_token, preview_address

    def try_with_a_mistake():
        fields = {**image_fields(alt_text_en="IMG_2041.jpg"), "file": picture_upload()}
        response = admin_client.post("/admin/media_library/image/add/", fields)
        assert response.status_code == 200
        return response

    first = try_with_a_mistake()
    (kept,) = keys(object_storage)
    assert kept.startswith(staging.PREFIX)
    assert admin_client.get(preview_address(first)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        saved = admin_client.post(
            "/admin/media_library/image/add/", {**image_fields(), "file_staged": kept_token(first)}
        )
    assert saved.status_code == 302
    assert keys(object_storage) == {Image.objects.get().file.name}
    again = admin_client.post(
        "/admin/media_library/image/add/", {**image_fields(), "file_staged": kept_token(first)}
    )
    assert again.status_code == 400  # used: gone from the bucket

    try_with_a_mistake()
    assert staging.discard_expired() == 0
    later = timezone.now() + staging.KEPT_FOR + datetime.timedelta(minutes=1)
    assert staging.discard_expired(now=later) == 1
    assert keys(object_storage) == {Image.objects.get().file.name}

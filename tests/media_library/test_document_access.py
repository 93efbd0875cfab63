"""A document is public only while a published insight or entry uses it, at an address
nobody can guess from its file name; staff open any from the admin."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from media_library.models import Document
from tests.factories import make_entry, make_insight

from .pictures import pdf_bytes

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:media_library_document_add")


def uploaded_document(admin_client, name="report.pdf") -> Document:
    file = SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")
    response = admin_client.post(
        ADD_URL, {"title": "Annual report", "language": "en", "file": file}
    )
    assert response.status_code == 302
    return Document.objects.latest("pk")


def test_a_document_attached_only_to_a_draft_insight_is_404_for_visitors(admin_client, client):
    document = uploaded_document(admin_client)
    make_insight(status="draft").documents.add(document)
    make_entry(status="draft").documents.add(document)
    assert client.get(document.file.url).status_code == 404
    assert client.get(f"/media/{document.file.name}").status_code == 404  # nor from disk


def test_a_document_nothing_uses_is_404_for_visitors(admin_client, client):
    document = uploaded_document(admin_client)
    assert client.get(document.file.url).status_code == 404


def test_once_the_insight_is_published_its_document_is_served(admin_client, client):
    document = uploaded_document(admin_client)
    insight = make_insight(status="draft")
    insight.documents.add(document)
    assert client.get(document.file.url).status_code == 404
    assert client.get(document.file.url).status_code == 404  # asked again: nothing kept

    insight.status = "published"
    insight.save()
    response = client.get(document.file.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Cache-Control"] == "public, max-age=3600"

    insight.status = "draft"
    insight.save()
    assert client.get(document.file.url).status_code == 404


def test_a_published_entry_makes_its_document_public(admin_client, client):
    document = uploaded_document(admin_client)
    make_entry().documents.add(document)
    assert client.get(document.file.url).status_code == 200


def test_an_insight_published_for_a_later_day_keeps_its_document_hidden(admin_client, client):
    document = uploaded_document(admin_client)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    make_insight(published_on=tomorrow).documents.add(document)
    assert client.get(document.file.url).status_code == 404


def test_staff_open_a_draft_document_and_no_shared_cache_keeps_it(admin_client):
    document = uploaded_document(admin_client)
    make_insight(status="draft").documents.add(document)
    response = admin_client.get(document.file.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    change_form = admin_client.get(f"/admin/media_library/document/{document.pk}/change/")
    assert f'href="{document.file.url}"' in change_form.content.decode()


def test_two_uploads_with_the_same_file_name_get_different_unguessable_addresses(
    admin_client, client
):
    first = uploaded_document(admin_client)
    second = uploaded_document(admin_client)
    assert first.file.url != second.file.url
    for document in (first, second):
        folder, name = document.file.name.removeprefix("documents/").split("/")
        assert name == "report.pdf" and len(folder) >= 32  # 128 random bits
        assert document.file.url == f"/documents/{folder}/report.pdf"
    make_insight().documents.add(first, second)
    assert client.get("/documents/report.pdf").status_code == 404
    assert client.get("/media/documents/report.pdf").status_code == 404
    assert client.get(first.file.url).status_code == 200


def test_odd_document_addresses_reach_nothing(admin_client, client):
    document = uploaded_document(admin_client)
    make_insight().documents.add(document)
    folder = document.file.name.split("/")[1]
    for address in (
        f"/documents/{folder}/../{folder}/report.pdf",
        f"/documents/{folder}/%2e%2e/%2e%2e/images/originals/x.jpg",
        f"/documents/{folder}",
        "/documents/",
    ):
        assert client.get(address).status_code == 404, address


def test_a_long_file_name_fits_with_its_random_folder(admin_client):
    document = uploaded_document(admin_client, name=f"{'annual-report-' * 10}.pdf")
    assert document.file.name.endswith(".pdf") and len(document.file.name) <= 255
    assert len(document.file.name.split("/")[1]) == 32

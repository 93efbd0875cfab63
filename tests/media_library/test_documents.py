"""PDF attachments: checked like images, shown with their size, pages and language."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from media_library.models import Document
from tests.factories import make_entry, make_insight

from .pictures import pdf_bytes, picture_bytes

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:media_library_document_add")


def upload(client, data: bytes, name="report.pdf", **fields):
    file = SimpleUploadedFile(name, data, content_type="application/pdf")
    return client.post(
        ADD_URL, {"title": "Annual report", "language": "fr", "file": file, **fields}
    )


def errors_of(response) -> str:
    return " ".join(str(e) for e in response.context["adminform"].form.errors.values())


def test_a_pdf_is_stored_with_its_size_and_page_count(admin_client):
    data = pdf_bytes(pages=3)
    assert upload(admin_client, data).status_code == 302
    document = Document.objects.get()
    assert (document.size, document.pages, document.language) == (len(data), 3, "fr")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html><script>alert(1)</script></html>", "not a PDF"),
        (picture_bytes(), "not a PDF"),
        (b"%PDF-1.7\nthis is not really a pdf", "not a PDF"),
        (pdf_bytes(script=True), "contains scripts"),
    ],
    ids=["html", "a-picture", "truncated", "javascript"],
)
def test_files_that_are_not_clean_pdfs_are_refused(admin_client, data, message):
    response = upload(admin_client, data)
    assert response.status_code == 200
    assert message in errors_of(response)
    assert not Document.objects.exists()


def test_a_pdf_over_the_size_limit_is_refused(admin_client, settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 100
    assert "the limit is 100" in errors_of(upload(admin_client, pdf_bytes()))
    assert not Document.objects.exists()


def test_insight_and_entry_pages_list_their_documents(admin_client, client):
    upload(admin_client, pdf_bytes(pages=12))
    document = Document.objects.get()
    insight = make_insight()
    insight.documents.add(document)
    entry = make_entry()
    entry.documents.add(document)
    for page in (insight.get_absolute_url(), entry.get_absolute_url()):
        html = client.get(page).content.decode()
        assert f'href="{document.file.url}" type="application/pdf" hreflang="fr"' in html
        assert "PDF, 1" in html and "12 pages, in French" in html

    response = client.get(document.file.url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "public, max-age=3600"


def test_a_document_added_to_a_published_insight_shows_at_once(admin_client, client):
    insight = make_insight()
    upload(admin_client, pdf_bytes())
    client.get(insight.get_absolute_url())  # now in the page cache
    insight.documents.add(Document.objects.get())
    assert "Annual report" in client.get(insight.get_absolute_url()).content.decode()


def test_a_document_is_stored_as_a_pdf_whatever_its_name_and_replaced_files_go(
    admin_client, client, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    assert upload(admin_client, pdf_bytes(), name="report.html").status_code == 302
    document = Document.objects.get()
    assert document.file.name.endswith(".pdf")
    response = admin_client.get(document.file.url)  # no published content uses it yet
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "sandbox"

    old = document.file.name
    replacement = SimpleUploadedFile("new.pdf", pdf_bytes(pages=1), content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            f"/admin/media_library/document/{document.pk}/change/",
            {"title": "Annual report", "language": "fr", "file": replacement},
        )
    assert not default_storage.exists(old)


def test_dot_dot_in_a_media_address_reaches_nothing(admin_client, client):
    upload(admin_client, pdf_bytes())
    assert client.get("/media/documents/../documents/report.pdf").status_code == 404
    assert client.get("/media/documents/%2e%2e/images/originals/x.jpg").status_code == 404

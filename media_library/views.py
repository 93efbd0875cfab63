import mimetypes
import posixpath

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404

from .models import Document
from .storage import DOCUMENT_CACHE, cache_control_for, publicly_served

NOT_STORED = (FileNotFoundError, IsADirectoryError, SuspiciousFileOperation, ValueError)


def media_file(request, path: str):
    """Renditions from local storage, when no proxy or bucket serves them."""
    if posixpath.normpath(path) != path or not publicly_served(path):
        raise Http404  # "images/renditions/../originals/…" names an original
    try:
        handle = default_storage.open(path, "rb")
    except NOT_STORED as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = cache_control_for(path)
    return response


def document_file(request, name: str):
    """A document while published content uses it; staff open any (drafts' too).

    Read through the storage API, from the disk or the bucket alike: neither serves
    documents to visitors directly, since only the database knows which are public.
    """
    found = Document.objects.filter(file=f"documents/{name}")
    document, cache_control = found.public().first(), DOCUMENT_CACHE
    staff = request.user.is_staff and request.user.has_perm("media_library.view_document")
    if document is None and staff:
        # A draft's document: no shared cache may keep it.
        document, cache_control = found.first(), "private, no-store"
    if document is None:
        raise Http404
    try:
        handle = default_storage.open(document.file.name, "rb")
    except NOT_STORED as error:
        raise Http404 from error
    # A PDF is shown as a PDF, and nothing in it runs in the portal's origin.
    response = FileResponse(handle, content_type="application/pdf")
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = cache_control
    return response

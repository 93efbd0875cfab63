import mimetypes
import posixpath

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404

from .storage import cache_control_for, publicly_served


def media_file(request, path: str):
    """Renditions and documents from local storage, when no proxy or bucket serves them."""
    if posixpath.normpath(path) != path or not publicly_served(path):
        raise Http404  # "documents/../images/originals/…" names an original
    try:
        handle = default_storage.open(path, "rb")
    except (FileNotFoundError, IsADirectoryError, SuspiciousFileOperation, ValueError) as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = cache_control_for(path)
    if path.startswith("documents/"):
        # A PDF is shown as a PDF, and nothing in it runs in the portal's origin.
        response["Content-Type"] = "application/pdf"
        response["Content-Security-Policy"] = "sandbox"
    return response

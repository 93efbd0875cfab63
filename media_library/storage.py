"""Where uploads live. Django's storage API keeps the rest of the code unaware of it."""

from django.core.files.storage import FileSystemStorage

# Renditions never change under their name (it carries a digest of their source).
IMMUTABLE = "public, max-age=31536000, immutable"
# A document is public only while published content uses it (views.document_file):
# shared caches keep it an hour at most once that content is withdrawn.
DOCUMENT_CACHE = "public, max-age=3600"


def cache_control_for(name: str) -> str:
    return IMMUTABLE if name.startswith("images/renditions/") else DOCUMENT_CACHE


def publicly_served(name: str) -> bool:
    """Straight from storage: renditions only. Originals are never linked, and documents
    go through the publication rule (views.document_file)."""
    return name.startswith("images/renditions/")


class MediaFileStorage(FileSystemStorage):
    """Files under MEDIA_ROOT on this server (one server, or a shared volume)."""

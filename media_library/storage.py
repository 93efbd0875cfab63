"""Where uploads live. Django's storage API keeps the rest of the code unaware of it."""

from django.core.files.storage import FileSystemStorage

# Renditions never change under their name (it carries a digest of their source).
IMMUTABLE = "public, max-age=31536000, immutable"
# A document may be replaced under the same name by a curator.
ONE_DAY = "public, max-age=86400"


def cache_control_for(name: str) -> str:
    return IMMUTABLE if name.startswith("images/renditions/") else ONE_DAY


def publicly_served(name: str) -> bool:
    """Originals are never linked: pages show renditions only."""
    return name.startswith(("images/renditions/", "documents/"))


class MediaFileStorage(FileSystemStorage):
    """Files under MEDIA_ROOT on this server (one server, or a shared volume)."""

"""A checked picture kept between two submissions of the image form.

When the form comes back with a mistake, the file that passed `uploads.clean_image_upload`
is stored under `images/staging/` and the form carries a signed token naming it, for the
person who chose it and for `KEPT_FOR`: sent again without a file, the form uses the kept
one as it is. It is never checked twice (the checks re-encode JPEGs), and nothing else
can be named: only this module writes under the prefix, and only files already checked.
Kept files are deleted once used or replaced, and by a worker chore once expired.
"""

from __future__ import annotations

import datetime
import io
import posixpath
import secrets
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.images import get_image_dimensions
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image as PillowImage

from .renditions import encode, has_transparency

PREFIX = "images/staging/"
KEPT_FOR = datetime.timedelta(hours=24)
SALT = "media_library.staging"
RANDOM_PART = 32  # hexadecimal characters before the file's own name


@dataclass(frozen=True)
class StagedFile:
    name: str  # in storage
    token: str
    content: ContentFile  # the checked bytes, under the name the curator gave them

    @property
    def dimensions(self) -> tuple[int | None, int | None]:
        return get_image_dimensions(self.content)


def stage(checked: File, user) -> StagedFile:
    checked.seek(0)
    content = ContentFile(checked.read(), name=checked.name)
    random_part = secrets.token_hex(RANDOM_PART // 2)
    name = default_storage.save(f"{PREFIX}{random_part}-{content.name}", content)
    token = signing.dumps({"name": name, "user": user.pk}, salt=SALT)
    return StagedFile(name, token, content)


def refused() -> ValidationError:
    return ValidationError(
        _(
            "The file kept from your last try can no longer be used (it expired, was already "
            "used or is not yours): choose the file again."
        ),
        code="staged_refused",
    )


def take(token: str, user) -> StagedFile:
    """The kept file a token names, if it names one this person may use; else ValidationError."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=KEPT_FOR)
        name, owner = payload["name"], payload["user"]
    except (signing.BadSignature, KeyError, TypeError) as error:  # expired is a bad signature
        raise refused() from error
    if owner != user.pk or not is_staged_name(name):
        raise refused()
    try:
        with default_storage.open(name, "rb") as kept:
            data = kept.read()
    except Exception as error:  # gone: from the disk or the bucket, each says it its way
        raise refused() from error
    return StagedFile(name, token, ContentFile(data, name=name[len(PREFIX) + RANDOM_PART + 1 :]))


def is_staged_name(name: object) -> bool:
    if not isinstance(name, str) or posixpath.normpath(name) != name:
        return False
    rest = name.removeprefix(PREFIX)
    return rest != name and "/" not in rest and len(rest) > RANDOM_PART + 1


def discard(staged: StagedFile | None) -> None:
    if staged is not None:
        default_storage.delete(staged.name)


def discard_expired(now: datetime.datetime | None = None) -> int:
    """Delete the kept files whose tokens have expired (a worker chore); how many."""
    cutoff = (now or timezone.now()) - KEPT_FOR
    try:
        _folders, names = default_storage.listdir(PREFIX)
    except FileNotFoundError:
        return 0
    expired = [
        PREFIX + name for name in names if default_storage.get_modified_time(PREFIX + name) < cutoff
    ]
    for name in expired:
        default_storage.delete(name)
    return len(expired)


def thumbnail(staged: StagedFile, box: tuple[int, int] = (320, 320)) -> tuple[bytes, str]:
    """A small copy to preview the kept file, and its content type."""
    staged.content.seek(0)
    picture = PillowImage.open(io.BytesIO(staged.content.read()))
    picture.seek(0)  # an animated GIF shows its first frame
    picture.draft("RGB", box)  # a JPEG is decoded at a smaller scale: much faster
    kind = "png" if has_transparency(picture) else "jpeg"
    picture = picture.convert("RGBA" if kind == "png" else "RGB")
    picture.thumbnail(box)
    return encode(picture, kind), f"image/{kind}"

"""The media's part of a backup: every file of default_storage, on the local disk or in
S3, found by walking the storage API (so it works the same for both)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage

from . import BackupError


def names(folder: str = "") -> Iterator[str]:
    """Every file's name in default_storage, folder by folder."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # MEDIA_ROOT is created by the first upload
        return
    for name in sorted(files):
        yield posixpath.join(folder, name)
    for sub in sorted(folders):
        yield from names(posixpath.join(folder, sub))


def put(*, name: str, copy: Path) -> None:
    """Write a file back under its own name, replacing one already there."""
    if default_storage.exists(name):
        default_storage.delete(name)
    with copy.open("rb") as content:
        saved = default_storage.save(name, File(content, name=posixpath.basename(name)))
    if saved != name:
        raise BackupError(f"The media storage saved {name!r} as {saved!r}.")

"""Make a backup, and restore one on an empty machine (or, when forced, over this one)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.files.storage import default_storage
from django.utils import timezone

from pagecache.versions import bump_content_version

from . import BackupError, database, media
from .archive import DATABASE, MEDIA, ArchiveWriter, read_archive


@dataclass
class Summary:
    path: Path
    vendor: str
    media_files: int
    created_at: str
    pending_migrations: int = 0


def default_name() -> str:
    return f"backup-{timezone.now():%Y%m%dT%H%M%SZ}.tar.gz"


def backup_create(*, output: Path) -> Summary:
    """Write the database and every media file to one archive at `output`."""
    vendor = database.vendor()
    created_at = timezone.now().isoformat()
    with tempfile.TemporaryDirectory() as folder, ArchiveWriter(output) as archive:
        copy = database.dump(into=Path(folder))
        migrations = database.migration_state()  # after the copy: all it holds, at least
        with copy.open("rb") as content:
            archive.add(name=DATABASE + copy.name, fileobj=content, size=copy.stat().st_size)
        count = 0
        for name in media.names():
            with default_storage.open(name, "rb") as content:
                archive.add(name=MEDIA + name, fileobj=content, size=default_storage.size(name))
            count += 1
        archive.finish(
            manifest={
                "created_at": created_at,
                "database": {"vendor": vendor, "file": DATABASE + copy.name},
                "migrations": migrations,
                "file_count": count,
            }
        )
    return Summary(path=output, vendor=vendor, media_files=count, created_at=created_at)


def backup_restore(*, path: Path, force: bool = False) -> Summary:
    """Check the whole archive, then put the database and the media files back.

    Nothing changes unless the archive is intact, comes from the same database vendor and
    from code no newer than this, and the machine is empty (or `force` is given).
    """
    with tempfile.TemporaryDirectory() as folder:
        contents = read_archive(path=path, into=Path(folder))
        manifest = contents.manifest
        vendor = manifest["database"]["vendor"]
        if vendor != database.vendor():
            raise BackupError(
                f"Refused: the archive holds a {vendor} database and this portal is "
                f"configured for {database.vendor()}."
            )
        if unknown := database.unknown_migrations(manifest["migrations"]):
            raise BackupError(
                f"Refused: the archive was made by newer code ({len(unknown)} migrations "
                f"this code lacks, such as {unknown[0]}). Install that code first."
            )
        database.check(copy=contents.database, vendor=vendor)
        if not force:
            _refuse_unless_empty()
        database.restore(copy=contents.database)
        for name, copy in sorted(contents.media.items()):
            media.put(name=name, copy=copy)
    bump_content_version()  # pages cached from the replaced database are stale
    return Summary(
        path=path,
        vendor=vendor,
        media_files=manifest["file_count"],
        created_at=manifest["created_at"],
        pending_migrations=database.pending_migrations(),
    )


def _refuse_unless_empty() -> None:
    if database.has_content():
        raise BackupError(
            "Refused: the database already holds content. Restoring replaces all of it; "
            "use --force to do so."
        )
    if first := next(media.names(), None):
        raise BackupError(
            f"Refused: the media storage already holds files (such as {first!r}). Restoring "
            "replaces those of the same names; use --force to do so."
        )

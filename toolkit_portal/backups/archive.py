"""The archive format: a .tar.gz of regular files and a manifest of their checksums.

Reading never trusts the archive: every member name is checked, members are copied to
numbered files (their names never become paths on this machine), and every checksum is
compared with the manifest before the caller may change anything.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import tarfile
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from . import BackupError

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE = "database/"
MEDIA = "media/"


class _Hashing:
    """A file object that hashes what is read from it (as tarfile copies it)."""

    def __init__(self, raw: IO[bytes]):
        self.raw = raw
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(size)
        self.sha256.update(chunk)
        return chunk


class ArchiveWriter:
    """Writes the archive to a temporary file beside `path`, renamed into place only once
    it is complete (with its manifest): a failed backup never leaves a partial archive."""

    def __init__(self, path: Path):
        self.path = path
        self.members: dict[str, dict[str, Any]] = {}

    def __enter__(self) -> ArchiveWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # mkstemp creates the file readable by its owner only: it holds personal data.
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".backup-")
        self.temporary = Path(temporary)
        self.file = os.fdopen(handle, "wb")
        self.tar = tarfile.open(fileobj=self.file, mode="w:gz")
        return self

    def add(self, *, name: str, fileobj: IO[bytes], size: int) -> None:
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = size, int(time.time()), 0o600
        hashing = _Hashing(fileobj)
        self.tar.addfile(info, hashing)
        self.members[name] = {"size": size, "sha256": hashing.sha256.hexdigest()}

    def finish(self, *, manifest: dict[str, Any]) -> None:
        content = json.dumps(
            {"format": FORMAT, **manifest, "members": self.members}, indent=2, sort_keys=True
        ).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mtime, info.mode = len(content), int(time.time()), 0o600
        self.tar.addfile(info, io.BytesIO(content))
        self.tar.close()
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.replace(self.temporary, self.path)

    def __exit__(self, kind, error, traceback) -> None:
        if error is not None:
            with contextlib.suppress(Exception):
                self.tar.close()
            self.file.close()
            self.temporary.unlink(missing_ok=True)


@dataclass
class Contents:
    """A checked archive, its members copied to a temporary folder."""

    manifest: dict[str, Any]
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def database(self) -> Path:
        return self.files[self.manifest["database"]["file"]]

    @property
    def media(self) -> dict[str, Path]:
        """Storage name -> copied file."""
        return {
            name.removeprefix(MEDIA): path
            for name, path in self.files.items()
            if name.startswith(MEDIA)
        }


def safe_name(name: str) -> bool:
    """The manifest, or a plain relative name under database/ or media/."""
    if name == MANIFEST:
        return True
    parts = name.split("/")
    return (
        f"{parts[0]}/" in (DATABASE, MEDIA)
        and len(parts) > 1
        and not {"", ".", ".."} & set(parts)
        and "\\" not in name
        and "\x00" not in name
    )


def read_archive(*, path: Path, into: Path) -> Contents:
    """Copy every member of the archive into `into` and check it against the manifest.

    Raises BackupError for a missing or unreadable archive, a member that is not a plain
    file with a safe name, a member seen twice, and any difference from the manifest.
    """
    if not path.is_file():
        raise BackupError(f"No backup archive at {path}.")
    contents = Contents(manifest={})
    checksums: dict[str, dict[str, Any]] = {}
    try:
        with tarfile.open(path, mode="r:gz") as tar:
            for number, member in enumerate(tar):
                if not safe_name(member.name):
                    raise BackupError(f"Refused: the archive holds a member named {member.name!r}.")
                if not member.isreg():
                    raise BackupError(f"Refused: {member.name!r} in the archive is not a file.")
                if member.name in contents.files:
                    raise BackupError(f"Refused: {member.name!r} is in the archive twice.")
                copy = into / f"{number:07d}"
                sha256 = hashlib.sha256()
                with tar.extractfile(member) as source, copy.open("wb") as target:
                    for chunk in iter(lambda: source.read(1024 * 1024), b""):  # noqa: B023
                        sha256.update(chunk)
                        target.write(chunk)
                contents.files[member.name] = copy
                checksums[member.name] = {"size": member.size, "sha256": sha256.hexdigest()}
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(f"{path} is not a readable backup archive: {error}") from error
    contents.manifest = _manifest(contents.files.pop(MANIFEST, None))
    checksums.pop(MANIFEST, None)
    _compare(contents.manifest, checksums)
    return contents


def _manifest(path: Path | None) -> dict[str, Any]:
    if path is None:
        raise BackupError("Refused: the archive has no manifest; it is not a portal backup.")
    try:
        manifest = json.loads(path.read_bytes())
    except ValueError as error:
        raise BackupError(f"Refused: the manifest is not valid JSON ({error}).") from error
    if not isinstance(manifest, dict):
        raise BackupError("Refused: the manifest is malformed.")
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"Refused: the archive is in format {manifest.get('format')!r}; "
            f"this code reads format {FORMAT}."
        )
    try:
        if not (
            isinstance(manifest["members"], dict)
            and isinstance(manifest["migrations"], dict)
            and isinstance(manifest["database"]["vendor"], str)
            and manifest["database"]["file"].startswith(DATABASE)
            and isinstance(manifest["file_count"], int)
        ):
            raise TypeError
    except (KeyError, TypeError, AttributeError) as error:
        raise BackupError("Refused: the manifest lacks what a backup records.") from error
    return manifest


def _compare(manifest: dict[str, Any], checksums: dict[str, dict[str, Any]]) -> None:
    listed = manifest["members"]
    if missing := sorted(listed.keys() - checksums.keys()):
        raise BackupError(f"Refused: the archive lacks {missing[0]!r}, listed in its manifest.")
    if unlisted := sorted(checksums.keys() - listed.keys()):
        raise BackupError(f"Refused: {unlisted[0]!r} is in the archive but not in its manifest.")
    for name, found in sorted(checksums.items()):
        if listed[name] != found:
            raise BackupError(
                f"Refused: {name!r} does not match its checksum in the manifest; "
                "the archive was altered or damaged."
            )
    if manifest["database"]["file"] not in checksums:
        raise BackupError("Refused: the archive holds no database.")
    media = sum(name.startswith(MEDIA) for name in checksums)
    if media != manifest["file_count"]:
        raise BackupError(
            f"Refused: the manifest counts {manifest['file_count']} media files, "
            f"the archive holds {media}."
        )

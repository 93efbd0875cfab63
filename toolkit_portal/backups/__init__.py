"""Backups that restore: one archive holding the database, every media file and a
manifest with their checksums (`manage.py backup`, `manage.py restore`).

    manifest.json                        written last, once every checksum is known
    database/db.sqlite3                  or database/postgresql.dump (pg_dump --format=custom)
    media/<name in default_storage>      every media file, local disk or S3
"""


class BackupError(Exception):
    """An archive that cannot be written, read or restored; nothing was changed."""

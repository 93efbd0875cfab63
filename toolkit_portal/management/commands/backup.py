from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from toolkit_portal.backups import BackupError
from toolkit_portal.backups.services import backup_create, default_name


class Command(BaseCommand):
    help = (
        "Write one archive (.tar.gz) holding the database, every media file and a manifest "
        "of their checksums; `restore` puts it back."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, help="Where to write it (default: ./backup-<UTC time>.tar.gz)."
        )

    def handle(self, *args, output=None, **options):
        try:
            summary = backup_create(output=output or Path(default_name()))
        except (BackupError, DatabaseError, OSError) as error:
            raise CommandError(f"No backup was written: {error}") from error
        size = summary.path.stat().st_size
        self.stdout.write(
            f"Wrote {summary.path} ({size:,} bytes): the {summary.vendor} database "
            f"and {summary.media_files} media files."
        )

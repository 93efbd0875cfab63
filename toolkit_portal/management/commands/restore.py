from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from toolkit_portal.backups import BackupError
from toolkit_portal.backups.services import backup_restore


class Command(BaseCommand):
    help = (
        "Put a backup made by `backup` back: the database and every media file. The whole "
        "archive is checked first; a machine with content is replaced only with --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The archive written by `backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that already holds content, and media files of the "
            "same names.",
        )

    def handle(self, *args, path, force=False, **options):
        try:
            summary = backup_restore(path=path, force=force)
        except (BackupError, DatabaseError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the {summary.vendor} database and {summary.media_files} media files "
            f"from {summary.path}, made {summary.created_at}."
        )
        if summary.pending_migrations:
            self.stdout.write(
                f"The backup predates {summary.pending_migrations} migrations of this code: "
                "run `manage.py migrate`."
            )

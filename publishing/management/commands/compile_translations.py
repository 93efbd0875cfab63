from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand


def compile_catalogues(locale_dirs) -> list[Path]:
    """Compile every .po catalogue into its .mo, in pure Python (no GNU gettext needed).

    Catalogues whose .mo is newer than the .po are left alone.
    """
    compiled = []
    for locale_dir in locale_dirs:
        for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            with open(po_path, "rb") as po_file:
                catalog = read_po(po_file, locale=po_path.parent.parent.name)
            with open(mo_path, "wb") as mo_file:
                write_mo(mo_file, catalog, use_fuzzy=False)
            compiled.append(mo_path)
    return compiled


class Command(BaseCommand):
    help = "Compile the translation catalogues (locale/*/LC_MESSAGES/*.po) without gettext."

    def handle(self, *args, **options):
        compiled = compile_catalogues(settings.LOCALE_PATHS)
        self.stdout.write(f"Compiled {len(compiled)} catalogue(s).")

"""Every row of every table and every media file of a portal, to compare two machines.

`python manage.py shell -c "from tests.snapshots import print_report; print_report()"`
prints the same for the machine its environment points at, with proof that the site works.
"""

from __future__ import annotations

import hashlib
import json

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client

from toolkit_portal.backups import database, media


def _plain(value) -> str:
    if isinstance(value, memoryview | bytes):
        return bytes(value).hex()
    return repr(value)


def database_rows() -> dict[str, list[list[str]]]:
    """Each table's rows (sorted, as text), and where the sequences stand."""
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows[table] = sorted([_plain(value) for value in row] for row in cursor.fetchall())
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, seq FROM sqlite_sequence")
        else:
            cursor.execute("SELECT sequencename, last_value FROM pg_sequences")
        rows["(sequences)"] = sorted([_plain(value) for value in row] for row in cursor)
    return rows


def model_tables() -> set[str]:
    """The tables of every model, many-to-many tables included."""
    return {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def media_files() -> dict[str, str]:
    """Storage name -> sha256 of its bytes."""
    files = {}
    for name in media.names():
        with default_storage.open(name, "rb") as content:
            files[name] = hashlib.sha256(content.read()).hexdigest()
    return files


def snapshot() -> dict:
    return json.loads(json.dumps({"rows": database_rows(), "media": media_files()}))


def print_report() -> None:
    """The snapshot, then proof that the site works: nothing to migrate, pages answer,
    and new rows get fresh keys (the sequences came back too)."""
    from tests.factories import make_insight

    report = snapshot()
    report["pending_migrations"] = database.pending_migrations()
    insight = apps.get_model("toolkit", "Insight").objects.filter(image__isnull=False).first()
    client = Client(HTTP_HOST="127.0.0.1")
    report["pages"] = {
        url: client.get(url).status_code for url in ("/", insight.get_absolute_url())
    }
    report["picture_shown"] = (
        insight.image.renditions[0]["name"]
        in client.get(insight.get_absolute_url()).content.decode()
    )
    report["new_insight_pk"] = make_insight().pk
    print(json.dumps(report))  # noqa: T201

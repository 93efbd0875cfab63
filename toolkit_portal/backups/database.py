"""The database's part of a backup: a consistent copy (SQLite's online backup API, or
pg_dump's custom format), put back whole (the backup API in reverse, or pg_restore)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.apps import apps
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from . import BackupError

FILES = {"sqlite": "db.sqlite3", "postgresql": "postgresql.dump"}

# What `migrate` writes by itself (Django's content types and permissions, the staff
# groups and the first reported total, by data migrations): a machine that was only
# migrated still counts as empty.
MADE_BY_MIGRATE = {
    "contenttypes.contenttype",
    "auth.permission",
    "auth.group",
    "auth.group_permissions",
    "signatories.reportedtotal",
}


def vendor() -> str:
    if connection.vendor not in FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def migration_state() -> dict[str, str]:
    """The latest applied migration of each app."""
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return {}
    return {row.app: row.name for row in recorder.migration_qs.order_by("applied", "id")}


def unknown_migrations(state: dict[str, str]) -> list[str]:
    """Migrations recorded in a backup that this code does not have (newer code made it)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces)
    return [f"{app}.{name}" for app, name in sorted(state.items()) if (app, name) not in known]


def pending_migrations() -> int:
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def has_content() -> bool:
    """Whether any table holds rows that `migrate` alone would not have written."""
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            meta = model._meta
            if meta.proxy or meta.label_lower in MADE_BY_MIGRATE or meta.db_table not in tables:
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(meta.db_table)} LIMIT 1")  # noqa: S608
            if cursor.fetchone():
                return True
    return False


def dump(*, into: Path) -> Path:
    """A consistent copy of the database, as a file in the folder `into`."""
    target = into / FILES[vendor()]
    if connection.vendor == "sqlite":
        if connection.in_atomic_block:  # it holds the write lock: the copy would wait forever
            raise BackupError("A backup cannot be made inside a database transaction.")
        connection.ensure_connection()
        with closing(sqlite3.connect(target)) as copy:
            connection.connection.backup(copy)
    else:
        _postgresql("pg_dump", "--format=custom", f"--file={target}")
    return target


def check(*, copy: Path, vendor: str) -> None:
    """Refuse a database copy that its own tools cannot read, before anything changes."""
    if vendor == "sqlite":
        try:
            with closing(sqlite3.connect(f"file:{copy}?mode=ro", uri=True)) as database:
                (result,) = database.execute("PRAGMA quick_check").fetchone()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"Refused: the archived database is unreadable: {error}") from error
        if result != "ok":
            raise BackupError(f"Refused: the archived database is damaged: {result}")
    else:
        _run(["pg_restore", "--list", str(copy)], env=os.environ.copy())


def restore(*, copy: Path) -> None:
    """Replace the configured database with the copy; one transaction either way."""
    connections.close_all()  # nothing of ours holds the database while it is replaced
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(f"file:{copy}?mode=ro", uri=True)) as source:
            source.backup(connection.connection)
        connection.close()
    else:
        # --no-owner and --no-privileges: the roles of the machine that made the dump
        # need not exist here; the configured user owns what is restored.
        try:
            _postgresql(
                "pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
                "--single-transaction", "--exit-on-error", str(copy),
            )  # fmt: skip
        except BackupError as error:
            raise BackupError(f"{error}\nThe database was left as it was.") from error


def _postgresql(program: str, *arguments: str) -> None:
    """Run a PostgreSQL client against the configured database. The password (and any
    SSL options) go through the environment, as Django's dbshell passes them."""
    settings = connection.settings_dict
    _, env = connection.client.settings_to_cmd_args_env(settings, [])
    options = [
        f"{flag}={settings[key]}"
        for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER"))
        if settings.get(key)
    ]
    if settings.get("NAME"):
        options.append(f"--dbname={settings['NAME']}")
    _run([program, "--no-password", *options, *arguments], env={**os.environ, **(env or {})})


def _run(command: list[str], *, env: dict[str, str]) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as error:
        raise BackupError(
            f"{command[0]} is not installed (Debian: apt-get install postgresql-client)."
        ) from error
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")

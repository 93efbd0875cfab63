"""Migrations follow the import layers: none depends on an app above its own, or beside it."""

import tomllib
from pathlib import Path

from django.db.migrations.loader import MigrationLoader

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
# The one exception: moving a model's table from one app to another, data kept, must
# follow the table's history in the app it leaves (SeparateDatabaseAndState). These moved
# the outbox out of signatories; new migrations must not be added here.
TABLE_MOVES = {
    ("outbox", "0001_notifications_and_address_requests_from_signatories"),
    ("outbox", "0002_emails_about_any_record"),
    ("signatories", "0015_outbox_moved_to_its_app"),
}


def layer_of_each_app() -> dict[str, int]:
    config = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]["contracts"]
    layers = next(c for c in config if c["type"] == "layers")["layers"]
    # layers are listed from the top (0) down
    return {app.strip(): depth for depth, layer in enumerate(layers) for app in layer.split("|")}


def test_no_migration_depends_on_an_app_above_or_beside_it():
    depth = layer_of_each_app()
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    wrong = [
        f"{app}.{name} → {dep_app}.{dep_name}"
        for (app, name), node in graph.nodes.items()
        if app in depth and (app, name) not in TABLE_MOVES
        for dep_app, dep_name in node.dependencies
        if dep_app in depth and dep_app != app and depth[dep_app] <= depth[app]
    ]
    assert not wrong, wrong

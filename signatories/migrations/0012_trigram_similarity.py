from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class KeepTrigramExtension(TrigramExtension):
    """Created on PostgreSQL only, and left in place when migrating back: Django's backwards
    step queries pg_extension even on SQLite, and other code may rely on the extension."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


class Migration(migrations.Migration):
    """pg_trgm on PostgreSQL, for "Already joined?" on the join form; nothing on SQLite."""

    dependencies = [("signatories", "0011_policy_officers_review_profiles")]

    operations = [KeepTrigramExtension()]

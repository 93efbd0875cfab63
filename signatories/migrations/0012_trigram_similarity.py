from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm on PostgreSQL, for "Already joined?" on the join form; nothing on SQLite."""

    dependencies = [("signatories", "0011_policy_officers_review_profiles")]

    operations = [TrigramExtension()]

"""Commitment, Milestone, UpdateLink and ProfileChange now belong to the commitments app
(commitments 0001), their tables and rows untouched: forgotten here in Django's state
only."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('signatories', '0015_outbox_moved_to_its_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='ProfileChange'),
                migrations.DeleteModel(name='UpdateLink'),
                migrations.DeleteModel(name='Milestone'),
                migrations.DeleteModel(name='Commitment'),
            ],
            database_operations=[],
        ),
    ]

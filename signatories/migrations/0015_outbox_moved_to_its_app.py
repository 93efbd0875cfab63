"""Notification and AddressRequest now belong to the outbox app (outbox 0001), their
tables and rows untouched: forgotten here in Django's state only."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('signatories', '0014_possible_duplicates_kept_and_address_requests'),
        ('outbox', '0001_notifications_and_address_requests_from_signatories'),
        # Its key to the outbox must point to the new app before the old model is gone.
        ('subscriptions', '0004_emails_in_the_outbox_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='Notification'),
                migrations.DeleteModel(name='AddressRequest'),
            ],
            database_operations=[],
        ),
    ]

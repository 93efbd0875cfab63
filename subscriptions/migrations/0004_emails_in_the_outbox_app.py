"""The outbox's table now belongs to the outbox app: the same table, so Django's state
changes and the database does not."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('outbox', '0001_notifications_and_address_requests_from_signatories'),
        ('subscriptions', '0003_addresses_in_one_form'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='subscriptionemail',
                    name='notification',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='outbox.notification'),
                ),
            ],
            database_operations=[],
        ),
    ]

"""Policy officers manage subscribers.

Staff groups are declared in toolkit_portal/roles.py and kept in step after every
migrate; this migration once granted them to policy officers and is kept so the history stays whole."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("subscriptions", "0001_subscriptions_and_their_emails")]

    operations = []

"""Policy officers review profiles.

Staff groups are declared in toolkit_portal/roles.py and kept in step after every
migrate; this migration once granted them to policy officers and is kept so the history stays whole."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("signatories", "0010_profile_addresses")]

    operations = []

"""The staff groups (now declared in one place).

Staff groups are declared in toolkit_portal/roles.py and kept in step after every
migrate; this migration once granted the first permissions of both groups and is kept so the history stays whole."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("signatories", "0003_contact_erasure")]

    operations = []

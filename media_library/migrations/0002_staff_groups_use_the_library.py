"""Staff groups use the library.

Staff groups are declared in toolkit_portal/roles.py and kept in step after every
migrate; this migration once granted the library to both groups and is kept so the history stays whole."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("media_library", "0001_image_and_document_library")]

    operations = []

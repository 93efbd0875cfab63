from django.db import migrations


class Migration(migrations.Migration):
    """Counting a tag's published items reads the tagging table alone, with this index."""

    dependencies = [("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS taggeditem_type_tag_object "
            "ON taggit_taggeditem (content_type_id, tag_id, object_id)",
            "DROP INDEX IF EXISTS taggeditem_type_tag_object",
        )
    ]

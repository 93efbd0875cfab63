from django.db import migrations


def tags_search_rows(apps, schema_editor):
    """PostgreSQL: tags' narrow search rows, computed (their table never held vectors)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    from publishing.search_vectors import rebuild_search_vectors

    rebuild_search_vectors(apps.get_model("taggit", "Tag")._default_manager.all())


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0003_search_rows"),
        ("tags", "0002_names_in_every_language"),
    ]

    operations = [migrations.RunPython(tags_search_rows, migrations.RunPython.noop)]

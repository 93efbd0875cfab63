from django.db import migrations

# Areas (3), programmes (4), signatories (6) and places (7) with the vectors their own rows
# held until now (the next migrations of their apps drop them); tags (5) had none.
BACKFILL = """
INSERT INTO publishing_searchrow
    (kind, item, published, published_on, themes, search_vector, title_vector)
SELECT 3, id, true, NULL::date, '{}'::integer[], search_vector, title_vector FROM toolkit_theme
UNION ALL
SELECT 4, id, true, NULL, '{}', search_vector, title_vector FROM initiatives_programme
UNION ALL
SELECT 6, id, true, NULL, '{}', search_vector, title_vector FROM signatories_signatory
UNION ALL
SELECT 7, id, true, NULL, '{}', search_vector, title_vector FROM places_place
"""


def copy_vectors(apps, schema_editor):
    """PostgreSQL: every other kind's narrow row, tags' computed (SQLite keeps none)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    from publishing.search_vectors import rebuild_search_vectors

    schema_editor.execute(BACKFILL)
    rebuild_search_vectors(apps.get_model("taggit", "Tag")._default_manager.all())


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0003_search_rows"),
        ("toolkit", "0014_insight_vectors_in_search_rows"),
        ("initiatives", "0015_entry_vectors_in_search_rows"),
        ("signatories", "0019_join_requests_know_their_source"),
        ("places", "0002_translations_tracked"),
        ("tags", "0002_names_in_every_language"),
    ]

    operations = [migrations.RunPython(copy_vectors, migrations.RunPython.noop)]

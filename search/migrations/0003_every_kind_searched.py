from django.db import migrations


def rebuild(apps, schema_editor):
    """Every searched kind again (areas, programmes, tags and signatories are new; entries
    add their city; "Covid19" and "covid-19" read as the same words): vectors on PostgreSQL,
    the full-text table on SQLite."""
    from publishing.search_vectors import KINDS, rebuild_search_vectors

    for label in KINDS:
        rebuild_search_vectors(apps.get_model(label)._default_manager.all())


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_words_for_suggestions"),
        ("toolkit", "0012_theme_search_vectors"),
        ("initiatives", "0012_programme_search_vectors"),
        ("signatories", "0017_signatory_search_vectors"),
        ("commitments", "0002_content_types_follow_the_models"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]

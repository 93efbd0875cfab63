import unicodedata

from django.db import migrations
from django.utils.text import slugify


def slug_base(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return slugify(plain)[:200] or "signatory"


def give_addresses(apps, schema_editor):
    Signatory = apps.get_model("signatories", "Signatory")
    taken = set(Signatory.objects.exclude(slug="").values_list("slug", flat=True))
    for signatory in Signatory.objects.filter(status="approved", slug="").order_by("pk"):
        base = slug_base(signatory.organisation)
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        Signatory.objects.filter(pk=signatory.pk).update(slug=slug)


class Migration(migrations.Migration):
    dependencies = [("signatories", "0009_profiles_commitments_and_updates")]

    operations = [migrations.RunPython(give_addresses, migrations.RunPython.noop)]

"""Fill the benchmark database: 10,000 published insights (plus drafts), 3,000 initiative
entries, 1,000 approved and 5,000 pending signatories, 300 tags, 42 places (three in each
country) holding every generated signatory and entry.

Run by bench/run.py with DJANGO_SETTINGS_MODULE and DATABASE_URL set; it starts from the
real starting content (the eight themes, the three programmes) and adds generated records.
"""

from __future__ import annotations

import datetime
import os
import random
import sys
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toolkit_portal.settings")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from taggit.models import Tag, TaggedItem  # noqa: E402

from commitments.models import Commitment, Milestone  # noqa: E402
from initiatives.models import Entry, Programme  # noqa: E402
from places.models import EntryPlace, Place, SignatoryPlace  # noqa: E402
from publishing.rendering import render_markdown  # noqa: E402
from publishing.search_vectors import rebuild_search_vectors  # noqa: E402
from signatories.models import Signatory  # noqa: E402
from toolkit.models import Insight, Theme  # noqa: E402

PUBLISHED_INSIGHTS = int(os.environ.get("BENCH_INSIGHTS", 10_000))
DRAFT_INSIGHTS = PUBLISHED_INSIGHTS // 10
ENTRIES = 3_000
APPROVED, PENDING = 1_000, 5_000
TAGS = 300
PLACES_PER_COUNTRY = 3
WORDS = (
    "public space housing mobility care health climate heat water energy transport walking "
    "cycling budget participation data digital inclusion women safety economy jobs food "
    "schools parks trees density neighbourhood recovery resilience governance cooperation"
).split()
COUNTRIES = ["AR", "BR", "CA", "CN", "CO", "DE", "ES", "FR", "IN", "KE", "MX", "PE", "SN", "ZA"]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def body(rng: random.Random) -> str:
    paragraphs = [" ".join(sentence(rng, 12) for _ in range(4)) for _ in range(3)]
    bullets = "\n".join(f"- {sentence(rng, 8)}" for _ in range(4))
    return "\n\n".join([*paragraphs, bullets])


def tag_rows(objs, tags, rng, content_type):
    return [
        TaggedItem(tag=tag, content_type=content_type, object_id=obj.pk)
        for obj in objs
        for tag in rng.sample(tags, 3)
    ]


@transaction.atomic
def generate() -> None:
    rng = random.Random(2021)
    call_command("load_content", stdout=StringIO())
    themes = list(Theme.objects.all())
    programmes = list(Programme.objects.all())
    tags = Tag.objects.bulk_create(
        [Tag(name=f"topic {n:03}", slug=f"topic-{n:03}") for n in range(TAGS)]
    )

    bodies = [body(rng) for _ in range(50)]  # rendered once each, reused
    rendered = [render_markdown(text) for text in bodies]
    start = datetime.date(2020, 3, 1)
    insights = []
    for n in range(PUBLISHED_INSIGHTS + DRAFT_INSIGHTS):
        k = rng.randrange(len(bodies))
        title = f"{sentence(rng, 5)[:-1]} {n}"
        insights.append(
            Insight(
                theme=themes[n % len(themes)],
                title=title, title_en=title,
                slug=f"generated-insight-{n}",
                summary=sentence(rng, 20)[:300], summary_en=sentence(rng, 20)[:300],
                body=bodies[k], body_en=bodies[k],
                body_html=rendered[k], body_html_en=rendered[k],
                status="published" if n < PUBLISHED_INSIGHTS else "draft",
                published_on=start + datetime.timedelta(days=n % 600),
            )
        )  # fmt: skip
    insights = Insight.objects.bulk_create(insights, batch_size=1000)
    TaggedItem.objects.bulk_create(
        tag_rows(insights, tags, rng, ContentType.objects.get_for_model(Insight)),
        batch_size=5000,
    )

    entries = []
    for n in range(ENTRIES):
        k = rng.randrange(len(bodies))
        title = f"{sentence(rng, 6)[:-1]} {n}"
        entries.append(
            Entry(
                programme=programmes[n % len(programmes)],
                title=title, title_en=title,
                slug=f"generated-entry-{n}",
                date=start + datetime.timedelta(days=n % 700),
                city=f"City {n % 120}", country=COUNTRIES[n % len(COUNTRIES)],
                summary=sentence(rng, 20)[:300], summary_en=sentence(rng, 20)[:300],
                body=bodies[k], body_en=bodies[k],
                body_html=rendered[k], body_html_en=rendered[k],
                status="published",
            )
        )  # fmt: skip
    entries = Entry.objects.bulk_create(entries, batch_size=1000)
    TaggedItem.objects.bulk_create(
        tag_rows(entries, tags, rng, ContentType.objects.get_for_model(Entry)), batch_size=5000
    )
    through = Entry.themes.through
    through.objects.bulk_create(
        [
            through(entry_id=e.pk, theme_id=themes[i % len(themes)].pk)
            for i, e in enumerate(entries)
        ],
        batch_size=5000,
    )

    signatories = [
        Signatory(
            organisation=f"Generated institution {n}",
            kind=rng.choice(["government", "international", "network", "other"]),
            city=f"City {n % 300}",
            country=COUNTRIES[n % len(COUNTRIES)],
            contact_name=f"Contact {n}",
            contact_email=f"contact{n}@bench.example",
            status="approved" if n < APPROVED else "pending",
            latitude=round(rng.uniform(-40, 60), 4),
            longitude=round(rng.uniform(-120, 140), 4),
        )
        for n in range(APPROVED + PENDING)
    ]
    for signatory in signatories:
        signatory.region = ""
    Signatory.objects.bulk_create(signatories, batch_size=1000)
    # bulk_create skips save(): set the regions the way save() would
    for signatory in Signatory.objects.filter(organisation__startswith="Generated"):
        signatory.save(update_fields=["region"])  # and the profile address of approved ones
    commitments = Commitment.objects.bulk_create(
        Commitment(signatory=signatory, theme=themes[(signatory.pk + k) % len(themes)],
                   statement=f"Commitment {k} of {signatory.organisation}.",
                   status=rng.choice(["planned", "under_way", "achieved"]))
        for signatory in Signatory.objects.approved().filter(organisation__startswith="Generated")
        for k in range(2)
    )  # fmt: skip
    Milestone.objects.bulk_create(
        Milestone(commitment=commitment, happened_on=f"2025-{1 + k * 5:02}-15",
                  text=f"Update {k} on {commitment.statement}")
        for commitment in commitments
        for k in range(2)
    )  # fmt: skip

    place_everyone(rng)
    rebuild_search_vectors(Insight.objects.all())
    rebuild_search_vectors(Entry.objects.all())
    rebuild_search_vectors(Tag.objects.all())  # bulk_create sends no signal
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as the worker does hourly (lib/database_statistics.py)


def place_everyone(rng: random.Random) -> None:
    """Places in every country, each generated signatory and entry in one of them (as the
    matching would put them: bulk_create sends no signal)."""
    places = Place.objects.bulk_create(
        Place(country=country, slug=f"city-{k}", name=f"City {k}", name_en=f"City {k}",
              keys=f"\ncity {k}\n")
        for country in COUNTRIES
        for k in range(PLACES_PER_COUNTRY)
    )  # fmt: skip
    by_country: dict[str, list[Place]] = {}
    for place in places:
        by_country.setdefault(place.country.code, []).append(place)
    generated = Signatory.objects.filter(organisation__startswith="Generated")
    SignatoryPlace.objects.filter(signatory__in=generated).delete()  # matched on save: none
    SignatoryPlace.objects.bulk_create(
        (SignatoryPlace(signatory_id=pk, place=rng.choice(by_country[country]))
         for pk, country in generated.values_list("pk", "country")),
        batch_size=1000,
    )  # fmt: skip
    entries = Entry.objects.filter(slug__startswith="generated-").values_list("pk", "country")
    EntryPlace.objects.bulk_create(
        (EntryPlace(entry_id=pk, place=rng.choice(by_country[country])) for pk, country in entries),
        batch_size=1000,
    )
    rebuild_search_vectors(Place.objects.all())


if __name__ == "__main__":
    generate()
    print(
        f"insights {Insight.objects.published().count()} published / {Insight.objects.count()}, "
        f"entries {Entry.objects.count()}, signatories {Signatory.objects.approved().count()} "
        f"approved / {Signatory.objects.count()}, tags {Tag.objects.count()}, "
        f"places {Place.objects.count()}"
    )

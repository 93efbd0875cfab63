"""Search relevance, measured: nDCG@5 over a judged set of searches on the real content.

tests/search/judged_queries.json holds searches in English, French and Spanish, each with
the items that should come first, graded. The score must not drop below what search
reached when the set was made (per database: full text on PostgreSQL, folded text on
SQLite). Run with -s to see every search's score.
"""

import json
import math
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone, translation

from search.kinds import searchable
from search.query import clean_query, ranked_hits

JUDGED = json.loads((Path(__file__).parent / "judged_queries.json").read_text())["queries"]
FIRST_SET = 39  # the searches of the first judged set, before areas, tags and cities
# 0.876 and 0.871 when made; 0.889 and 0.888 over the 63 searches of the extended set;
# 0.883 and 0.885 once tags had French and Spanish names (and were graded for them);
# 0.894 and 0.896 once areas came before tags among best matches; 0.894 and 0.897 once
# places were searched (and graded first for the searches of their names)
REACHED = {"postgresql": 0.87, "sqlite": 0.87}


def dcg(grades) -> float:
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def ndcg_at_5(found: list[tuple[str, str]], judgments: list[dict]) -> float:
    grades = {(j["kind"], j["slug"]): j["grade"] for j in judgments}
    ideal = dcg(sorted(grades.values(), reverse=True)[:5])
    return dcg([grades.get(item, 0) for item in found[:5]]) / ideal


def test_the_judged_set_is_big_enough_in_every_language():
    per_language = {lang: sum(q["lang"] == lang for q in JUDGED) for lang in ("en", "fr", "es")}
    assert min(per_language.values()) >= 10, per_language
    assert len(JUDGED) >= 30


@pytest.mark.django_db
def test_relevance_does_not_drop_below_what_was_reached(time_machine):
    time_machine.move_to(timezone.now() + timezone.timedelta(days=1))  # all content is out
    call_command("load_content", verbosity=0)
    slugs = {
        kind: dict(rows.model.objects.values_list("pk", "slug"))
        for kind, rows in searchable().items()
    }
    scores = {}
    for search in JUDGED:
        with translation.override(search["lang"]):
            hits = ranked_hits(clean_query(search["q"]))
        found = [(hit["kind"], slugs[hit["kind"]][hit["pk"]]) for hit in hits]
        scores[search["lang"], search["q"]] = ndcg_at_5(found, search["judgments"])
    for (lang, q), score in scores.items():
        print(f"{lang} {score:.3f} {q}")
    mean = sum(scores.values()) / len(scores)
    first = [scores[q["lang"], q["q"]] for q in JUDGED[:FIRST_SET]]
    print(f"nDCG@5 over the first {FIRST_SET} searches: {sum(first) / len(first):.3f}")
    print(f"nDCG@5 over {len(scores)} searches ({connection.vendor}): {mean:.3f}")
    assert mean >= REACHED[connection.vendor]

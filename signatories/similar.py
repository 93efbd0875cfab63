"""Requests whose institution's name resembles a new one ("Already joined?").

Names are compared by what they name (`names.name_key`: no case, accents, punctuation,
nor "Ville de", "City of", "Área Metropolitana de"…), kept with each request
(`Signatory.name_key`): trigram similarity of the keys on PostgreSQL (pg_trgm), a difflib
ratio elsewhere.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models.functions import Length

from .models import Signatory
from .names import name_key

TRIGRAM_THRESHOLD = 0.5
RATIO_THRESHOLD = 0.85
MOST = 5


def similar_requests(name: str, country: str, *, public_only: bool = False) -> list[Signatory]:
    """Pending and approved requests (or only public signatories) in `country` (or with
    none) with a name like `name`, most alike first: the same name in another country is
    another institution."""
    if public_only:
        requests = Signatory.objects.approved().exclude(slug="")
    else:
        requests = Signatory.objects.active()
    in_country = requests.filter(country__in=[country, ""])
    wanted = name_key(name)
    if not wanted:
        return []
    if connection.vendor == "postgresql":
        alike = in_country.annotate(similarity=TrigramSimilarity("name_key", wanted))
        alike = alike.filter(similarity__gte=TRIGRAM_THRESHOLD).order_by("-similarity")
        return list(alike.only("organisation", "slug", "status")[:MOST])
    letters = Counter(wanted)
    # a ratio of at least RATIO_THRESHOLD needs a length within these (difflib's bound)
    shortest = math.floor(len(wanted) * RATIO_THRESHOLD / (2 - RATIO_THRESHOLD))
    longest = math.ceil(len(wanted) * (2 - RATIO_THRESHOLD) / RATIO_THRESHOLD)
    keys = in_country.alias(length=Length("name_key")).filter(length__range=(shortest, longest))
    keys = keys.values_list("pk", "name_key")
    scored = [(r, pk) for pk, key in keys if (r := ratio_over(wanted, letters, key)) is not None]
    best = [pk for _ratio, pk in sorted(scored, key=lambda pair: -pair[0])[:MOST]]
    found = Signatory.objects.only("organisation", "slug", "status").in_bulk(best)
    return [found[pk] for pk in best]


def ratio_over(wanted: str, letters: Counter, key: str) -> float | None:
    """difflib's ratio of the two keys if at least RATIO_THRESHOLD. Its upper bounds
    (difflib's real_quick_ratio and quick_ratio: the lengths, the letters in common) rule
    out most keys first, without building a matcher for each."""
    total = len(wanted) + len(key)
    if 2 * min(len(wanted), len(key)) < RATIO_THRESHOLD * total:
        return None
    if 2 * sum((letters & Counter(key)).values()) < RATIO_THRESHOLD * total:
        return None
    ratio = difflib.SequenceMatcher(None, wanted, key).ratio()
    return ratio if ratio >= RATIO_THRESHOLD else None

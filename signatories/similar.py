"""Requests whose institution's name resembles a new one ("Already joined?").

Names are compared by what they name (`names.name_key`: no case, accents, punctuation,
nor "Ville de", "City of", "Área Metropolitana de"…): trigram similarity of the keys on
PostgreSQL (pg_trgm), a difflib ratio elsewhere.
"""

from __future__ import annotations

import difflib

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection

from .models import Signatory
from .names import NameKey, name_key

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
    active = requests.filter(country__in=[country, ""]).only("organisation", "slug", "status")
    wanted = name_key(name)
    if not wanted:
        return []
    if connection.vendor == "postgresql":
        alike = active.annotate(similarity=TrigramSimilarity(NameKey("organisation"), wanted))
        return list(alike.filter(similarity__gte=TRIGRAM_THRESHOLD).order_by("-similarity")[:MOST])
    scored = [
        (difflib.SequenceMatcher(None, wanted, name_key(signatory.organisation)).ratio(), signatory)
        for signatory in active
    ]
    alike = sorted((pair for pair in scored if pair[0] >= RATIO_THRESHOLD), key=lambda p: -p[0])
    return [signatory for _ratio, signatory in alike[:MOST]]

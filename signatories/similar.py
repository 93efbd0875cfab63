"""Requests whose institution's name resembles a new one ("Already joined?").

Trigram similarity on PostgreSQL (pg_trgm), a difflib ratio elsewhere, on names without
case, accents or punctuation.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection

from .models import Signatory

TRIGRAM_THRESHOLD = 0.5
RATIO_THRESHOLD = 0.85
MOST = 5


def plain(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_name.lower()).split())


def similar_requests(name: str, country: str, *, public_only: bool = False) -> list[Signatory]:
    """Pending and approved requests (or only public signatories) in `country` (or with
    none) with a name like `name`, most alike first: the same name in another country is
    another institution."""
    if public_only:
        requests = Signatory.objects.approved().exclude(slug="")
    else:
        requests = Signatory.objects.active()
    active = requests.filter(country__in=[country, ""]).only("organisation", "slug", "status")
    if not plain(name):
        return []
    if connection.vendor == "postgresql":
        alike = active.annotate(similarity=TrigramSimilarity("organisation", name))
        return list(alike.filter(similarity__gte=TRIGRAM_THRESHOLD).order_by("-similarity")[:MOST])
    wanted = plain(name)
    scored = [
        (difflib.SequenceMatcher(None, wanted, plain(signatory.organisation)).ratio(), signatory)
        for signatory in active
    ]
    alike = sorted((pair for pair in scored if pair[0] >= RATIO_THRESHOLD), key=lambda p: -p[0])
    return [signatory for _ratio, signatory in alike[:MOST]]

"""Institution names compared for the place they name: without accents, case,
punctuation, an acronym in brackets, or the words that say what kind of body it is, in
English, French, Spanish (and Portuguese): "Ville de Montréal", "City of Montreal" and
"Montréal" are one key, "montreal".

Each request keeps its key (`Signatory.name_key`, set on save): a join request compares
its key with the stored ones through an index, never computing a key per row.
"""

from __future__ import annotations

import re
import unicodedata

# Kinds of body named before the place, followed by "of"/"de"…: "Área Metropolitana de".
KINDS = [
    "city", "city council", "municipality", "metropolitan area", "metropolitan region",
    "metropolitan government", "metropolitan council", "government", "region", "province",
    "state", "district", "municipal government", "autonomous government",
    "ville", "mairie", "commune", "metropole", "communaute metropolitaine",
    "communaute urbaine", "gouvernement", "departement", "agglomeration", "conseil",
    "ciudad", "ayuntamiento", "gobierno", "area metropolitana", "region metropolitana",
    "municipalidad", "municipio", "alcaldia", "intendencia", "distrito metropolitano",
    "provincia", "diputacion", "gobierno autonomo", "consejo", "junta", "generalitat",
    "prefeitura", "governo", "regiao metropolitana", "cidade",
]  # fmt: skip
# Said before the place without "of": "Région Île-de-France", "Greater London".
BARE_KINDS = ["region", "greater", "grand", "mairie", "metropole", "generalitat"]
CONNECTORS = "of|de|du|des|d|del|da|do|dos|das"
ARTICLES = "the|la|le|les|l|el|los|las|a|o"
# Kinds named after the place: "Barcelona Metropolitan Area", "Mexico City".
AFTER = [
    "city", "city council", "city hall", "metropolitan area", "metropolitan region",
    "metropolitan government", "metropolis", "municipality", "region", "metropole",
]  # fmt: skip


def _either(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))  # the longest first


# The same two patterns in Python's `re` and PostgreSQL's regular expressions.
PREFIX = (
    rf"^(?:(?:(?:{ARTICLES}) )?(?:(?:{_either(KINDS)}) (?:{CONNECTORS})"
    rf"|(?:{_either(BARE_KINDS)})) (?:(?:{ARTICLES}) )?)+"
)
SUFFIX = rf"(?: (?:{_either(AFTER)}))+$"
BRACKETS = r"\([^)]*\)"


def plain(name: str) -> str:
    """Lower case ASCII words: "São Paulo (SP)" → "sao paulo sp"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_name.lower()).split())


def name_key(name: str | None) -> str:
    """What a name names: "Ville de Montréal (Québec)" → "montreal"."""
    words = plain(re.sub(BRACKETS, " ", name or ""))
    return re.sub(SUFFIX, "", re.sub(PREFIX, "", words))

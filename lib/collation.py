"""Sorting words as readers of English, French and Spanish expect.

Python compares code points, so "Émirats" would come after "Zambie". Without ICU, the
usual approximation: compare the letters without their accents and case first, then
with them, so that every order stays total and repeatable. Spanish counts ñ as a letter
of its own, between n and o.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.utils.translation import get_language

T = TypeVar("T")
AFTER_EVERY_LETTER = "\x7f"


def collation_key(text: str, language: str | None = None) -> tuple[str, str]:
    """`"Émirats"` → `("emirats", "émirats")`: base letters first, then the accents."""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    if (language or get_language() or "").startswith("es"):
        text = text.replace("ñ", "n" + AFTER_EVERY_LETTER)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)), text


def sorted_by_name(items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """`items` in the alphabet of the active language."""
    return sorted(items, key=lambda item: collation_key(name(item)))

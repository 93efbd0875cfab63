"""Email addresses in one form, so that storing and comparing never disagree.

Python's `str.lower()` and SQLite's `LOWER()` differ outside ASCII (`BÜCHER`), so
addresses are normalised once, in Python, before they are stored or looked up, and
compared as they are.
"""

from __future__ import annotations

import unicodedata

from django import forms


def normalise_email(address: str) -> str:
    """`  Ana@BÜCHER.test ` → `ana@bücher.test` (NFC, without surrounding spaces)."""
    return unicodedata.normalize("NFC", address.strip()).lower()


class NormalisedEmailField(forms.EmailField):
    """An email field whose cleaned value is already normalised."""

    def to_python(self, value):
        return normalise_email(super().to_python(value))

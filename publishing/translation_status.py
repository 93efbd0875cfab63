"""Which translations are missing or out of date.

Each translatable record keeps a hash of its English text (`english_hash`) and, for every
other language, the hash of the English text its translation was made from
(`translated_from`). A translation edited (or loaded) while the English text has hash H
is stamped H; when the English text changes later, the hashes differ: out of date.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db.models import F, Q
from django.db.models.fields.json import KT
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

COMPLETE, MISSING, OUT_OF_DATE = "complete", "missing", "out_of_date"
STATUSES = {COMPLETE: _("complete"), MISSING: _("missing"), OUT_OF_DATE: _("out of date")}
SOURCE = settings.LANGUAGE_CODE


def other_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != SOURCE]


def text_fields(model) -> list[str]:
    """The fields people write (the rendered HTML follows from them)."""
    fields = translator.get_options_for_model(model).fields
    return sorted(name for name in fields if not name.endswith("_html"))


def english_hash(obj) -> str:
    text = "\x1f".join(getattr(obj, f"{name}_{SOURCE}") or "" for name in text_fields(type(obj)))
    return hashlib.sha256(text.encode()).hexdigest()


def stamp(obj, stored: dict | None, now) -> None:
    """Before a save: note when the English text changed, and which English text each
    changed translation was made from. `stored` is the row as it is in the database."""
    new_hash = english_hash(obj)
    if stored is not None and new_hash != stored["english_hash"]:
        obj.english_changed_at = now
    obj.english_hash = new_hash
    for code in other_languages():
        names = [f"{name}_{code}" for name in text_fields(type(obj))]
        edited = stored is None or any(getattr(obj, n) != stored.get(n) for n in names)
        if edited and any(getattr(obj, n) for n in names):
            obj.translated_from = {**obj.translated_from, code: new_hash}


def status(obj, code: str) -> str:
    written = [name for name in text_fields(type(obj)) if getattr(obj, f"{name}_{SOURCE}")]
    if not written:
        return COMPLETE  # nothing in English (a signatory without a role note)
    for name in written:
        if not getattr(obj, f"{name}_{code}"):
            return MISSING
    if code != SOURCE and obj.translated_from.get(code) != obj.english_hash:
        return OUT_OF_DATE
    return COMPLETE


def filter_by_status(queryset, code: str, wanted: str):
    """The rows of `queryset` whose translation into `code` has the `wanted` status."""
    missing = Q()
    for name in text_fields(queryset.model):
        # modeltranslation stores an untranslated field as NULL or ""
        empty = Q(**{f"{name}_{code}": ""}) | Q(**{f"{name}_{code}__isnull": True})
        missing |= Q(**{f"{name}_{SOURCE}__gt": ""}) & empty
    stale = queryset.annotate(_from=KT(f"translated_from__{code}"))
    current = Q(_from=F("english_hash"))
    if wanted == MISSING:
        return queryset.filter(missing)
    if wanted == OUT_OF_DATE:
        return stale.exclude(missing).exclude(current)
    return stale.exclude(missing).filter(current)

"""Which translations are missing, partial or out of date.

Of the fields written in English, a translation that has none is missing, one that has
some but not all is partial. Each translatable record keeps a hash of its English text
(`english_hash`) and, for every other language, the hash of the English text its
translation was made from (`translated_from`). A translation edited (or loaded) while the
English text has hash H is stamped H; when the English text changes later, the hashes
differ: out of date. A record with nothing written in English has nothing to translate.
"""

from __future__ import annotations

import hashlib
import operator
from functools import reduce

from django.conf import settings
from django.db.models import F, Q, TextField, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

COMPLETE, MISSING, PARTIAL, OUT_OF_DATE = "complete", "missing", "partial", "out_of_date"
STATUSES = {
    COMPLETE: _("complete"),
    MISSING: _("missing"),
    PARTIAL: _("partial"),
    OUT_OF_DATE: _("out of date"),
}
WORK = [MISSING, PARTIAL, OUT_OF_DATE]  # what waits for a translator, in this order
SOURCE = settings.LANGUAGE_CODE


def other_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != SOURCE]


def language_name(code: str) -> str:
    """What staff read for a language: its name in their language ("French"), never its
    code; a code that names no language is quoted as it was written."""
    names = dict(settings.LANGUAGES)
    if code in names:
        return str(names[code])
    try:
        return str(get_language_info(code.replace("_", "-").lower())["name_translated"])
    except KeyError:
        return f"“{code}”"


def text_fields(model) -> list[str]:
    """The fields people write (the rendered HTML follows from them)."""
    fields = translator.get_options_for_model(model).fields
    return sorted(name for name in fields if not name.endswith("_html"))


def normalized(text: str | None) -> str:
    """Browsers send a text area's line ends as CRLF: the same words, not an edit."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def english_hash(obj) -> str:
    texts = (normalized(getattr(obj, f"{name}_{SOURCE}")) for name in text_fields(type(obj)))
    return hashlib.sha256("\x1f".join(texts).encode()).hexdigest()


def differs(obj, stored: dict, names: list[str]) -> bool:
    return any(normalized(getattr(obj, name)) != normalized(stored.get(name)) for name in names)


def stamp(obj, stored: dict | None, now) -> None:
    """Before a save: note when the English text changed, and which English text each
    changed translation was made from. `stored` is the row as it is in the database."""
    new_hash = english_hash(obj)
    if stored is not None and new_hash != stored["english_hash"]:
        if differs(obj, stored, [f"{name}_{SOURCE}" for name in text_fields(type(obj))]):
            obj.english_changed_at = now
        else:  # the same words, hashed before line ends were normalised: still current
            old = stored["english_hash"]
            made = obj.translated_from.items()
            obj.translated_from = {code: new_hash if h == old else h for code, h in made}
    obj.english_hash = new_hash
    for code in other_languages():
        names = [f"{name}_{code}" for name in text_fields(type(obj))]
        edited = stored is None or differs(obj, stored, names)
        if edited and any(getattr(obj, n) for n in names):
            obj.translated_from = {**obj.translated_from, code: new_hash}


def status(obj, code: str) -> str:
    written = [name for name in text_fields(type(obj)) if getattr(obj, f"{name}_{SOURCE}")]
    if not written:
        return COMPLETE  # nothing in English (a signatory without a role note)
    translated = [name for name in written if getattr(obj, f"{name}_{code}")]
    if not translated:
        return MISSING
    if len(translated) < len(written):
        return PARTIAL
    if code != SOURCE and obj.translated_from.get(code) != obj.english_hash:
        return OUT_OF_DATE
    return COMPLETE


def made_from(code: str) -> str:
    """The name of the annotation `conditions()` compares with the English hash."""
    return f"_made_from_{code}"


def annotate_made_from(queryset, code: str):
    made = Coalesce(KT(f"translated_from__{code}"), Value(""), output_field=TextField())
    return queryset.annotate(**{made_from(code): made})


def conditions(model, code: str) -> dict[str, Q]:
    """For each status, the rows that have it, as `status()` decides, in SQL; on a queryset
    passed through `annotate_made_from(queryset, code)`. Each column is only tested
    positively, so that NULL (how modeltranslation stores an untranslated field, beside "")
    never hides a row."""
    english, no_english, done, not_done = [], [], [], []
    for name in text_fields(model):
        source, translation = f"{name}_{SOURCE}", f"{name}_{code}"
        english.append(Q(**{f"{source}__gt": ""}))
        no_english.append(Q(**{source: ""}) | Q(**{f"{source}__isnull": True}))
        done.append(Q(**{f"{translation}__gt": ""}))
        not_done.append(Q(**{translation: ""}) | Q(**{f"{translation}__isnull": True}))
    fields = range(len(english))
    gap = any_of(english[i] & not_done[i] for i in fields)
    no_gap = all_of(no_english[i] | done[i] for i in fields)
    current = Q(**{made_from(code): F("english_hash")})
    return {
        COMPLETE: all_of(no_english) | (no_gap & current),
        MISSING: gap & all_of(no_english[i] | not_done[i] for i in fields),
        PARTIAL: gap & any_of(english[i] & done[i] for i in fields),
        OUT_OF_DATE: any_of(english) & no_gap & ~current,
    }


def any_of(tests) -> Q:
    return reduce(operator.or_, tests)


def all_of(tests) -> Q:
    return reduce(operator.and_, tests)


def filter_by_status(queryset, code: str, wanted: str):
    """The rows of `queryset` whose translation into `code` has the `wanted` status."""
    return annotate_made_from(queryset, code).filter(conditions(queryset.model, code)[wanted])

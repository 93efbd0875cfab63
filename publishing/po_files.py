"""Translations out and back in as PO files (polib), for translators' own tools.

Each entry is one field of one record: `msgctxt` names it ("toolkit.insight:12:title",
"signatories.signatory:3:public_note", "tags.tagnames:7:name"),
`msgid` is its English text, `msgstr` the translation (empty when missing; marked fuzzy
when the English text changed after it was made). Importing checks every entry first and
applies nothing unless asked: a dry run reports what would change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polib
import reversion
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.translator import translator

from .models import TracksTranslations
from .previews import PAGES
from .translation_status import COMPLETE, SOURCE, language_name, status, text_fields


class PoFileError(ValueError):
    """The file cannot be read as a PO file for this language."""


def translatable_models() -> list:
    """Every model whose translations are tracked: the content with pages first, then the
    rest readers see (role notes, sources, tag names), each registered in its app's
    translation.py."""
    tracked = translator.get_registered_models(abstract=False)
    tracked = [model for model in tracked if issubclass(model, TracksTranslations)]
    pages = [model for model in PAGES if model in tracked]
    others = sorted(set(tracked) - set(pages), key=lambda model: model._meta.label_lower)
    return [*pages, *others]


def export_po(code: str, *, may_change=None) -> polib.POFile:
    """What `code` needs, of the kinds `may_change(model)` allows (all when None): a file
    holds only what its importer may write back."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "Metropolitan toolkit portal content",
        "Language": code,
        "POT-Creation-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
        "Content-Type": "text/plain; charset=UTF-8",
    }
    for model in translatable_models():
        if may_change is not None and not may_change(model):
            continue
        label = model._meta.label_lower
        for obj in model._default_manager.order_by("pk"):
            state = status(obj, code)
            if state == COMPLETE:
                continue
            # a translation made from an older English text (out of date, or partial
            # since) is offered for review, not taken as it is
            stale = obj.translated_from.get(code) != obj.english_hash
            for name in text_fields(model):
                english = getattr(obj, f"{name}_{SOURCE}") or ""
                if not english:
                    continue
                entry = polib.POEntry(
                    msgctxt=f"{label}:{obj.pk}:{name}",
                    msgid=english,
                    msgstr=getattr(obj, f"{name}_{code}") or "",
                    comment=f"{obj} ({state.replace('_', ' ')})",
                )
                if stale and entry.msgstr:
                    entry.flags.append("fuzzy")
                po.append(entry)
    return po


@dataclass
class ImportReport:
    changes: list[tuple[object, str, str, str]] = field(
        default_factory=list
    )  # obj, field, old, new
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def objects(self) -> list:
        return list(dict.fromkeys(change[0] for change in self.changes))


def read_po(content: bytes, code: str) -> polib.POFile:
    try:
        po = polib.pofile(content.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise PoFileError(_("The file is not UTF-8 text.")) from error
    except (OSError, ValueError) as error:
        message = _("The file is not a valid PO file: %(error)s")
        raise PoFileError(message % {"error": error}) from error
    language = po.metadata.get("Language", "").strip() or code
    if language.replace("-", "_").split("_")[0].lower() != code:  # fr_FR is French
        names = {"file": language_name(language), "wanted": language_name(code)}
        raise PoFileError(_("The file is in %(file)s, not in %(wanted)s.") % names)
    return po


def plan_import(content: bytes, code: str, *, may_change) -> ImportReport:
    """What importing `content` would change; `may_change(model)` says which kinds the
    person importing may edit. Nothing is written."""
    report, found = ImportReport(), {}
    for entry in read_po(content, code):
        if not entry.msgstr or entry.fuzzy or entry.obsolete:
            continue
        if "\x00" in entry.msgstr:
            nul = _("the translation holds a NUL character")
            report.skipped.append(f"{entry.msgctxt}: {nul}")
            continue
        located = locate(entry, found, may_change)
        if isinstance(located, str):
            report.skipped.append(f"{entry.msgctxt or _('(no context)')}: {located}")
            continue
        obj, name = located
        if (getattr(obj, f"{name}_{SOURCE}") or "") != entry.msgid:
            changed = _("the English text changed since the export")
            report.skipped.append(f"{entry.msgctxt}: {changed}")
            continue
        old = getattr(obj, f"{name}_{code}") or ""
        if old == entry.msgstr:
            report.unchanged += 1
        else:
            report.changes.append((obj, name, old, entry.msgstr))
    return validated(report, code)


def locate(entry: polib.POEntry, found: dict, may_change) -> tuple[object, str] | str:
    """The item and field an entry is for, or why it cannot be imported."""
    try:
        label, pk, name = entry.msgctxt.split(":")
        model = apps.get_model(label)
    except (AttributeError, ValueError, LookupError):
        return _("not an item of this portal")
    if model not in translatable_models() or name not in text_fields(model):
        return _("not a translatable field")
    if not may_change(model):
        return _("you may not edit %(kind)s") % {"kind": model._meta.verbose_name_plural}
    key = (label, pk)
    if key not in found:
        found[key] = model._default_manager.filter(pk=int(pk)).first() if pk.isdecimal() else None
    return (found[key], name) if found[key] else _("the item no longer exists")


def validated(report: ImportReport, code: str) -> ImportReport:
    """Set the new values on the (unsaved) items and drop those the model refuses."""
    for obj in report.objects:
        mine = [change for change in report.changes if change[0] is obj]
        for _obj, name, _old, new in mine:
            setattr(obj, f"{name}_{code}", new)
        try:
            obj.full_clean()
        except ValidationError as error:
            report.changes = [change for change in report.changes if change[0] is not obj]
            problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            report.skipped.append(f"{obj._meta.label_lower}:{obj.pk}: {problems}")
    return report


@transaction.atomic
def apply_import(report: ImportReport, code: str, *, user) -> int:
    """Write the changes of a checked import; each item keeps a version of the import."""
    with reversion.create_revision():
        reversion.set_user(user)
        comment = _("Translation into %(language)s imported from a PO file.")
        reversion.set_comment(comment % {"language": language_name(code)})
        for obj in report.objects:  # their new values were set and validated by the plan
            obj.save()
    return len(report.objects)

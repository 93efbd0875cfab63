"""What a PDF would do besides showing pages: scripts, launches, forms that send data,
embedded files, rich media.

Judged on the objects pypdf has parsed, never on the bytes: names may be hex-escaped
(`/J#61vaScript` is `/JavaScript`) and objects may sit in compressed object streams.
Every object the cross-reference tables list is read, reachable or not, so an action
hidden behind `/OpenAction`, `/AA`, a link's `/Next` or the name tree is seen too.
"""

from __future__ import annotations

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

REFUSED_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/RichMediaExecute",
    "/GoToE",
}
# /JS: a script; /JavaScript: the document's name tree of scripts; /EF: a file spec's
# embedded file; /XFA: an XML form, which may carry scripts of its own.
REFUSED_KEYS = {"/JS", "/JavaScript", "/EmbeddedFiles", "/EF", "/XFA", "/RichMediaContent"}
REFUSED_TYPES = {"/EmbeddedFile", "/RichMedia", "/RichMediaExecute"}
REFUSED_NAMES = {"/S": REFUSED_ACTIONS, "/Type": REFUSED_TYPES, "/Subtype": REFUSED_TYPES}

MAX_OBJECTS = 100_000  # listed in the cross-reference: a long report has tens of thousands
MAX_ITEMS = 1_000_000  # objects, and the arrays and dictionaries written inside them
MAX_DEPTH = 64  # nesting of arrays and dictionaries within one object


class TooComplex(ValueError):
    """More objects or deeper nesting than a document needs: not judged, refused."""


def active_content(reader: PdfReader) -> str | None:
    """The first refused name found (e.g. "/JavaScript"), or None for a PDF that only
    shows pages and follows plain links. Raises TooComplex, or pypdf's errors."""
    listed = listed_objects(reader)
    if len(listed) > MAX_OBJECTS:
        raise TooComplex
    pending: list[tuple[object, int]] = [(reader.trailer, 0), *((ref, 0) for ref in listed)]
    seen: set[tuple[int, int]] = set()
    count = 0
    while pending:
        item, depth = pending.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item, depth = item.get_object(), 0
        count += 1
        if count > MAX_ITEMS or depth > MAX_DEPTH:
            raise TooComplex
        if isinstance(item, DictionaryObject):
            if refused := refused_name(item):
                return refused
            pending += [(value, depth + 1) for value in dict.values(item)]  # unresolved
        elif isinstance(item, ArrayObject):
            pending += [(value, depth + 1) for value in list.__iter__(item)]
    return None


def listed_objects(reader: PdfReader) -> list[IndirectObject]:
    """Every object of the cross-reference tables and streams, those in object streams too."""
    numbers = {
        (number, generation) for generation, table in reader.xref.items() for number in table
    }
    numbers |= {(number, 0) for number in reader.xref_objStm}
    return [IndirectObject(number, generation, reader) for number, generation in numbers]


def refused_name(dictionary: DictionaryObject) -> str | None:
    if keys := REFUSED_KEYS.intersection(dictionary.keys()):
        return min(keys)
    for key in REFUSED_NAMES.keys() & dictionary.keys():
        value = dictionary[key]  # resolved, should the name be an indirect object
        if isinstance(value, str) and value in REFUSED_NAMES[key]:
            return value
    return None

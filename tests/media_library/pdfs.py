"""PDFs written by hand, byte by byte, as an attacker would: names hex-escaped, an object
hidden in a compressed object stream. pypdf's writer would tidy these away."""

from __future__ import annotations

import zlib

CATALOG = b"<< /Type /Catalog /Pages 2 0 R %s >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
    b" /Resources << /Font << /F1 5 0 R >> >> %s >>"
)
TEXT = b"BT /F1 18 Tf 72 760 Td (Annual report 2024) Tj ET"
CONTENTS = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(TEXT), TEXT)
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def one_page(catalog: bytes = b"", page: bytes = b"") -> list[bytes]:
    """Objects 1 to 5: a catalog, one page of text in Helvetica; extra entries given."""
    return [CATALOG % catalog, PAGES, PAGE % page, CONTENTS, FONT]


def handmade_pdf(objects: list[bytes]) -> bytes:
    """Objects numbered from 1 (the catalog), with a classic cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def pdf_with_hidden_object(objects: list[bytes], hidden: bytes) -> bytes:
    """PDF 1.5: `hidden` becomes the next object number, kept inside a zlib-compressed
    object stream (/ObjStm) that a cross-reference stream points into."""
    hidden_number = len(objects) + 1
    header = b"%d 0 " % hidden_number
    packed = zlib.compress(header + hidden)
    stream = b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\n" % (
        len(header),
        len(packed),
    )
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    stream_number, xref_number = hidden_number + 1, hidden_number + 2
    stream_offset = len(out)
    out += b"%d 0 obj\n%sstream\n%s\nendstream\nendobj\n" % (stream_number, stream, packed)
    xref_offset = len(out)
    rows = [b"\x00" + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")]
    rows += [b"\x01" + offset.to_bytes(4, "big") + b"\x00\x00" for offset in offsets]
    rows.append(b"\x02" + stream_number.to_bytes(4, "big") + b"\x00\x00")  # index 0 in it
    rows += [b"\x01" + at.to_bytes(4, "big") + b"\x00\x00" for at in (stream_offset, xref_offset)]
    table = b"".join(rows)
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\n" % (
        xref_number,
        xref_number + 1,
        len(table),
    )
    out += b"stream\n%s\nendstream\nendobj\n" % table
    out += b"startxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(out)


def ordinary_pdf() -> bytes:
    """Text and a link to a web page: what every report has."""
    link = b"<< /Type /Annot /Subtype /Link /Rect [72 700 300 720] /Border [0 0 0]"
    link += b" /A << /S /URI /URI (https://example.org/report) >> >>"
    return handmade_pdf([*one_page(page=b"/Annots [6 0 R]"), link])


OPEN_ACTION = b"/OpenAction 6 0 R"

# Each one ran, or would run, in a PDF reader; each got past a check of the raw bytes.
BYPASSES = {
    "hex-escaped-javascript": handmade_pdf(
        [*one_page(OPEN_ACTION), b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>"]
    ),
    "js-then-newline": handmade_pdf(
        [
            *one_page(page=b"/AA << /O 6 0 R >>"),
            b"<< /Type /Action /S /J#61vaScript /JS\n(app.alert(1)) >>",
        ]
    ),
    "javascript-in-an-object-stream": pdf_with_hidden_object(
        one_page(OPEN_ACTION), b"<< /S /JavaScript /JS (app.alert(1)) >>"
    ),
    "hex-escaped-launch": handmade_pdf(
        [*one_page(OPEN_ACTION), b"<< /S /L#61unch /F (calc.exe) >>"]
    ),
    "hex-escaped-embedded-files": handmade_pdf(
        [
            *one_page(b"/Names << /Embedded#46iles 6 0 R >>"),
            b"<< /Names [(invoice.exe) 7 0 R] >>",
            b"<< /Type /Filespec /F (invoice.exe) /E#46 << /F 8 0 R >> >>",
            b"<< /Length 5 >>\nstream\nMZ\x90\x00\x03\nendstream",
        ]
    ),
}

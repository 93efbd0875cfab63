"""The language a reader's browser (and screen reader) gives a piece of a page: the `lang`
of the nearest element around it."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


class _Languages(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text, self.stack, self.found = text, [], []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            lang = dict(attrs).get("lang")
            self.stack.append((tag, lang or (self.stack[-1][1] if self.stack else None)))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.text in data:
            self.found.append(self.stack[-1][1] if self.stack else None)


def languages_of(html: str, text: str) -> list[str | None]:
    """The language of each place `text` appears in `html` (from `<html lang>` down)."""
    parser = _Languages(text)
    parser.feed(html)
    return parser.found

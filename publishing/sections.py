"""Sections that apps above the content layer add to content pages.

A theme page shows signatories' commitments in that area, but toolkit/ may not import
commitments/: the higher app registers a section for the "theme" page in its
`AppConfig.ready`, and the page's template renders `{% page_sections "theme" theme %}`
(likewise a signatory's profile, "signatory" and "signatory-footer"; the list of
signatories, "signatory-list", with its page of them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Section:
    template: str
    context: Callable[[Any], dict[str, Any] | None]  # None: nothing to show
    order: int


SECTIONS: dict[str, list[Section]] = defaultdict(list)


def register_section(page: str, template: str, context, *, order: int = 50) -> None:
    if all(section.template != template for section in SECTIONS[page]):
        SECTIONS[page].append(Section(template, context, order))
        SECTIONS[page].sort(key=lambda section: section.order)


def sections_for(page: str, obj) -> list[tuple[str, dict[str, Any]]]:
    found = ((section.template, section.context(obj)) for section in SECTIONS[page])
    return [(template, context) for template, context in found if context is not None]

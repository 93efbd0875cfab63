"""The admin side of spreadsheet import and export (see resources.py for the rows)."""

from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX


def refused(context: dict) -> bool:
    form = context.get("form")
    result = context.get("result")
    return bool(
        (form is not None and form.errors)
        or (result is not None and (result.has_errors() or result.has_validation_errors()))
    )


class SpreadsheetAdmin(ImportExportMixin):
    """CSV and XLSX; a refused file or row answers 400 with the reasons, and no confirm."""

    import_formats = export_formats = [CSV, XLSX]

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        if request.method == "POST" and refused(getattr(response, "context_data", None) or {}):
            response.status_code = 400
        return response

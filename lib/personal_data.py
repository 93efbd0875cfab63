"""Records that hold personal data, in the admin: only staff with one permission see the
data or act on it, and they can download everything held about the selected people as
JSON (the right of access)."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import timezone


def json_download(data, name: str) -> HttpResponse:
    """A JSON attachment named `<name>-<date and time>.json`."""
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.json"'
    return response


class PersonalDataAdminMixin:
    """For a ModelAdmin: set `personal_data_permission` ("app_label.codename"), define
    `personal_data(obj)` and list "export_personal_data" in `actions`.

    The actions named in `personal_data_actions` are offered only to staff with the
    permission, and `export_personal_data` downloads `personal_data_filename`-….json."""

    personal_data_permission: str
    personal_data_filename = "personal-data"
    personal_data_actions = ("export_personal_data",)
    export_description = ""  # the action's label, naming what the admin lists

    def can_see_personal_data(self, request) -> bool:
        return request.user.has_perm(self.personal_data_permission)

    def personal_data(self, obj) -> dict[str, Any]:
        raise NotImplementedError

    def personal_data_exported(self, request, obj) -> None:
        """Called for each record exported, e.g. to note it in the record's history."""

    def export_personal_data(self, request, queryset):
        if not self.can_see_personal_data(request):
            raise PermissionDenied
        data = []
        for obj in queryset:
            data.append(self.personal_data(obj))
            self.personal_data_exported(request, obj)
        return json_download(data, self.personal_data_filename)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.can_see_personal_data(request):
            for name in self.personal_data_actions:
                actions.pop(name, None)
        elif "export_personal_data" in actions:
            function, name, _description = actions["export_personal_data"]
            actions[name] = (function, name, self.export_description)
        return actions


class PersonalDataOnlyAdminMixin(PersonalDataAdminMixin):
    """An admin whose every row is personal data: hidden from staff without the permission."""

    def has_module_permission(self, request):
        return self.can_see_personal_data(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self.can_see_personal_data(request) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        # Django lets change permission alone open the list: it shows the data too.
        allowed = super().has_change_permission(request, obj)
        return self.can_see_personal_data(request) and allowed

"""The personal-data admin helper: gated by one permission, downloads JSON."""

import json

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission, User
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from lib.personal_data import PersonalDataOnlyAdminMixin, json_download


class PeopleAdmin(PersonalDataOnlyAdminMixin, admin.ModelAdmin):
    personal_data_permission = "auth.view_user"
    personal_data_filename = "people"
    export_description = "Export the people"
    actions = ["export_personal_data"]

    def personal_data(self, obj):
        return {"username": obj.username}


def request_by(user):
    request = RequestFactory().post("/")
    request.user = user
    return request


@pytest.fixture
def people_admin():
    return PeopleAdmin(User, admin.site)


def test_json_download_is_an_attachment_with_the_data():
    response = json_download({"when": "now"}, "name")
    assert response["Content-Disposition"].startswith('attachment; filename="name-')
    assert json.loads(response.content) == {"when": "now"}


@pytest.mark.django_db
def test_staff_with_the_permission_download_what_is_held(people_admin):
    staff = User.objects.create_user("staff", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_user"))
    request = request_by(User.objects.get(pk=staff.pk))
    assert people_admin.has_module_permission(request)
    assert people_admin.get_actions(request)["export_personal_data"][2] == "Export the people"
    response = people_admin.export_personal_data(request, User.objects.filter(pk=staff.pk))
    assert json.loads(response.content) == [{"username": "staff"}]


@pytest.mark.django_db
def test_staff_without_it_see_neither_the_list_nor_the_download(people_admin):
    request = request_by(User.objects.create_user("other", is_staff=True))
    assert not people_admin.has_module_permission(request)
    assert not people_admin.has_view_permission(request)
    assert "export_personal_data" not in people_admin.get_actions(request)
    with pytest.raises(PermissionDenied):
        people_admin.export_personal_data(request, User.objects.all())

"""The third-party admins staff use (tags, users, groups), with forged input refused."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from taggit.admin import TagAdmin
from taggit.models import Tag

from publishing.admin import InputSafeAdminMixin

for model, model_admin in [(Tag, TagAdmin), (User, UserAdmin), (Group, GroupAdmin)]:
    admin.site.unregister(model)
    safe = type(model_admin.__name__, (InputSafeAdminMixin, model_admin), {"__module__": __name__})
    admin.site.register(model, safe)

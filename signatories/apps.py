from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignatoriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "signatories"
    verbose_name = _("Signatories")

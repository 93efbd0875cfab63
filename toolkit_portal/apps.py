from django.apps import AppConfig


class ToolkitPortalConfig(AppConfig):
    """The project itself: installed only so that its system checks are registered."""

    name = "toolkit_portal"
    verbose_name = "Metropolitan toolkit portal"

    def ready(self):
        from . import checks  # noqa: F401 - registers the checks

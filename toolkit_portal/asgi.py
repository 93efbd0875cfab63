import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toolkit_portal.settings")

application = get_asgi_application()

from toolkit_portal.checks import refuse_to_serve_with_bad_settings  # noqa: E402 - needs apps

refuse_to_serve_with_bad_settings()

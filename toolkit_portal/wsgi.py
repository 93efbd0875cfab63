import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toolkit_portal.settings")

application = get_wsgi_application()

from toolkit_portal.checks import refuse_to_serve_with_bad_settings  # noqa: E402 - needs apps

refuse_to_serve_with_bad_settings()

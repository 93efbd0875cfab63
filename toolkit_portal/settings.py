"""Settings for the Metropolitan Toolkit Portal.

One module, configured by environment variables (see .env.example). The defaults
run the portal on a laptop: SQLite, console email, DEBUG on. Production turns
DEBUG off and must then provide a secret key.
"""

from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=True)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# The address used in emails and feeds to build absolute links; on a laptop, the port
# `make run` serves (PORT=8131 make run).
PORT = env.str("PORT", default="") or "8000"
SITE_URL = (env.str("SITE_URL", default="") or f"http://127.0.0.1:{PORT}").rstrip("/")

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, so translated fields show there
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "tags.apps.TaggitConfig",
    "django_countries",  # for its country names in French and Spanish
    "axes",
    "reversion",
    "import_export",
    # The project's apps, in layers (see the import contracts in pyproject.toml):
    "jobs",
    "outbox",
    "pagecache",
    "publishing",
    "media_library",
    "toolkit",
    "initiatives",
    "signatories",
    "commitments",
    "places",
    "tags",
    "search",
    "opendata",
    "worldmap",
    "subscriptions",
    "toolkit_portal",  # system checks, staff groups
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "toolkit_portal.middleware.RefuseUnreadableRequestsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so that a cached page still gets the security headers and the CSRF cookie.
    "pagecache.middleware.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "toolkit_portal.urls"
# Where the admin lives; set it to something less guessable in production.
ADMIN_PATH = env.str("DJANGO_ADMIN_PATH", default="admin/").strip("/") + "/"
WSGI_APPLICATION = "toolkit_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "toolkit_portal.context_processors.languages",
                "toolkit_portal.context_processors.portal",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=0))
# A connection kept open across requests is checked first, so the portal recovers by
# itself after the database restarts.
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A transaction that reads then writes takes the write lock at once and waits for it
    # (up to the timeout) instead of failing with "database is locked" under concurrency.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=env.int("SQLITE_BUSY_TIMEOUT_SECONDS", default=20)
    )

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# Whole anonymous pages are cached (pagecache/); off, every request renders its page,
# which is what `make bench` measures as "uncached". Fragment caches stay on either way.
PAGE_CACHE = env.bool("DJANGO_PAGE_CACHE", default=True)
if "locmem" in CACHES["default"]["BACKEND"].lower():
    # Django's default of 300 entries would drop kept pages (and what they read) at once.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 20_000)
if "redis" in CACHES["default"]["BACKEND"].lower():
    # An unreachable Redis must cost a second, not a worker: the portal then runs uncached.
    CACHES["default"].setdefault("OPTIONS", {}).update(socket_connect_timeout=1, socket_timeout=1)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out logins
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface is in English (no URL prefix), French (/fr/) and Spanish (/es/).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Search stems and unaccents each language with its PostgreSQL text search configuration,
# made by publishing/migrations/0002_accent_insensitive_search.py.
SEARCH_CONFIGURATIONS = {"en": "portal_english", "fr": "portal_french", "es": "portal_spanish"}
# Content (themes, insights, programmes, entries) is translated field by field in the
# admin; a missing translation falls back to English, and the page says so.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = "UTC"
USE_I18N = True
USE_THOUSAND_SEPARATOR = True  # 1,234 · 1 234 · 1.234
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded images and documents: files under MEDIA_ROOT on one server; S3-compatible
# object storage shared by every server once AWS_STORAGE_BUCKET_NAME is set (docs/DEPLOY.md).
MEDIA_URL = env.str("DJANGO_MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="") or None
AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default="") or None
AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None
AWS_S3_ADDRESSING_STYLE = env.str("AWS_S3_ADDRESSING_STYLE", default="") or None  # "path"
# Public, unsigned addresses: a page with pictures can then be cached like any other.
AWS_QUERYSTRING_AUTH = False
AWS_DEFAULT_ACL = env.str("AWS_DEFAULT_ACL", default="") or None
AWS_S3_FILE_OVERWRITE = False
IMAGE_MAX_UPLOAD_BYTES = env.int("IMAGE_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
DOCUMENT_MAX_UPLOAD_BYTES = env.int("DOCUMENT_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
STORAGES = {
    "default": {
        "BACKEND": "media_library.s3.MediaS3Storage"
        if AWS_STORAGE_BUCKET_NAME
        else "media_library.storage.MediaFileStorage"
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Email: console by default, SMTP once EMAIL_HOST is set; EMAIL_BACKEND overrides both.
EMAIL_HOST = env.str("EMAIL_HOST", default="")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)  # STARTTLS, usually port 587
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)  # implicit TLS, usually port 465
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Metropolitan toolkit <toolkit@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
TAGGIT_CASE_INSENSITIVE = True
# "Économie locale" gets the slug "economie-locale": plain addresses in every language.
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True

# The portal's own settings, each read from the environment (.env.example lists them).
# Who is named and written to. Join requests are announced to the policy officer; the
# defaults are reserved example domains (production refuses them: portal.E003).
POLICY_OFFICER_EMAIL = env.str("POLICY_OFFICER_EMAIL", default="policy-officer@example.org")
# Who runs this portal and who readers write to for corrections: named on /about/ and in
# every page's footer. Metropolis wrote the toolkit; the portal's summaries are not its text.
PORTAL_PUBLISHER = env.str("PORTAL_PUBLISHER", default="")  # empty: "its editors"
PORTAL_CONTACT_EMAIL = (
    env.str("PORTAL_CONTACT_EMAIL", default="") or (parseaddr(DEFAULT_FROM_EMAIL)[1])
)
TOOLKIT_SOURCE_URL = env.str("TOOLKIT_SOURCE_URL", default="https://www.metropolis.org/")

# Forms people send (join, sign-up): one sent back faster than this after it
# was shown is taken for a bot; each is limited per client (its address, after
# DJANGO_PROXY_COUNT proxies that append to X-Forwarded-For).
FORM_MIN_SECONDS = env.float("FORM_MIN_SECONDS", default=env.float("JOIN_MIN_SECONDS", default=3.0))
JOIN_RATE_LIMIT = env.int("JOIN_RATE_LIMIT", default=5)  # submissions per client...
JOIN_RATE_LIMIT_WINDOW = env.int("JOIN_RATE_LIMIT_WINDOW", default=3600)  # ...per this many s
UPDATE_LINK_RATE_LIMIT = env.int("UPDATE_LINK_RATE_LIMIT", default=5)  # per hour
SUBSCRIBE_RATE_LIMIT = env.int("SUBSCRIBE_RATE_LIMIT", default=5)  # per hour
PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0)

# Links sent by email or handed out: a signatory's update link lasts this many hours, a
# reviewer's share link to a draft this many days; List-Unsubscribe's mailto names this
# address (empty: the address of DEFAULT_FROM_EMAIL).
UPDATE_LINK_HOURS = env.int("UPDATE_LINK_HOURS", default=24)
SHARE_LINK_DAYS = env.int("SHARE_LINK_DAYS", default=7)
UNSUBSCRIBE_MAILTO = env.str("UNSUBSCRIBE_MAILTO", default="")

# The reporting cycle of commitments: an update is due this many days after the last one
# (or the commitment's start); reminders carry an update link valid this many days; a
# commitment shows "Update overdue" once this grace period past its due date is over; an
# officer may push a due date back once per cycle, by this many days.
COMMITMENT_UPDATE_EVERY_DAYS = env.int("COMMITMENT_UPDATE_EVERY_DAYS", default=365)
COMMITMENT_REMINDER_LINK_DAYS = env.int("COMMITMENT_REMINDER_LINK_DAYS", default=7)
COMMITMENT_GRACE_DAYS = env.int("COMMITMENT_GRACE_DAYS", default=60)
COMMITMENT_EXTENSION_DAYS = env.int("COMMITMENT_EXTENSION_DAYS", default=90)

# Content is kept fresh: an item's "review by" date falls this many days after its English
# text last changed or a curator marked it reviewed.
CONTENT_REVIEW_EVERY_DAYS = env.int("CONTENT_REVIEW_EVERY_DAYS", default=365)

# Background work (`run_worker`): a failed job (an email, a picture's renditions) is
# retried after this many seconds, doubling each time up to 15 minutes.
JOB_FIRST_RETRY_SECONDS = env.int(
    "JOB_FIRST_RETRY_SECONDS", default=env.int("NOTIFICATION_FIRST_RETRY_SECONDS", default=30)
)
# A worker owns an email it is sending this long; if it dies, another worker sends it after.
# Keep it well above EMAIL_TIMEOUT, or a slow send may be sent twice (portal.E004).
NOTIFICATION_LEASE_SECONDS = env.int("NOTIFICATION_LEASE_SECONDS", default=300)
# An email that keeps failing this long is marked failed (staff can resend it).
NOTIFICATION_GIVE_UP_AFTER_SECONDS = env.int("NOTIFICATION_GIVE_UP_AFTER_SECONDS", default=86400)

# Personal data: contact details of declined join requests are erased this many days after
# the decision.
ERASE_DECLINED_AFTER_DAYS = env.int("DJANGO_ERASE_DECLINED_AFTER_DAYS", default=90)
# Renamed settings: the old name is still read, and `manage.py check` warns (portal.W001).
RENAMED_SETTINGS = {
    "JOIN_MIN_SECONDS": "FORM_MIN_SECONDS",
    "NOTIFICATION_FIRST_RETRY_SECONDS": "JOB_FIRST_RETRY_SECONDS",
}

# Production hardening: on whenever DEBUG is off.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https")
    if env.bool("DJANGO_TRUST_X_FORWARDED_PROTO", default=False)
    else None
)
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG
)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Pictures may come from the media bucket (or its CDN) as well as from the portal.
MEDIA_ORIGINS = [
    origin
    for origin in (
        f"https://{AWS_S3_CUSTOM_DOMAIN}" if AWS_S3_CUSTOM_DOMAIN else "",
        "{0.scheme}://{0.netloc}".format(urlsplit(AWS_S3_ENDPOINT_URL))
        if AWS_S3_ENDPOINT_URL
        else "",
        f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
        if AWS_STORAGE_BUCKET_NAME and not AWS_S3_ENDPOINT_URL
        else "",
        f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{AWS_S3_REGION_NAME}.amazonaws.com"
        if AWS_STORAGE_BUCKET_NAME and AWS_S3_REGION_NAME and not AWS_S3_ENDPOINT_URL
        else "",
        "{0.scheme}://{0.netloc}".format(urlsplit(MEDIA_URL)) if "//" in MEDIA_URL else "",
    )
    if origin
]
# The portal runs no script of its own: nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Repeated failed logins lock that user name out from that address (django-axes).
AXES_FAILURE_LIMIT = env.int("DJANGO_AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("DJANGO_AXES_COOLOFF_MINUTES", default=30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "lib.ratelimit.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
# Lockout counts live in the database, shared by every process.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_DISABLE_ACCESS_LOG = True  # keep failed attempts only, not a log of every login
AXES_VERBOSE = False  # no banner on every command; lockouts are still logged

# Spreadsheet import and export (django-import-export): importing needs the right to
# change the content, exporting the right to view it. No formula runs on export: the
# resources write every cell as text behind an apostrophe where a formula could start
# (publishing/resources.py); the library's own escaping drops only one "=".
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# A single-host demo or benchmark may accept a check's risk knowingly, e.g. portal.E001.
SILENCED_SYSTEM_CHECKS = env.list("DJANGO_SILENCED_SYSTEM_CHECKS", default=[])
# /healthz is probed over plain HTTP by load balancers on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz(/live)?$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}

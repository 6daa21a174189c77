"""Settings shared by every environment; safe by default, configured by environment variables."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

SITE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = SITE_DIR.parent


def env_bool(name, default=False):
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated environment variable as a list of non-empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "centres",
    "blog",
    "resources",
    "wagtail_modeladmin",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "rest_framework",
    "corsheaders",
    "wagtail_headless_preview",
    "drf_spectacular_sidecar",  # Swagger UI's files for /api/v2/docs/, served locally
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # The language comes from the URL and the Accept-Language header (Django stores no language in the
    # session any more), so LocaleMiddleware can run before SessionMiddleware.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Cached API responses, served once the middleware that add headers to every response have had their
    # say; those below only matter to the site and the admin (sessions, CSRF, users, messages).
    "home.api_cache.ApiCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "urls"
WSGI_APPLICATION = "wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL=postgres://... switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if DATABASE_IS_POSTGRES:
    # Django's backend, with a health check that needs no round trip while the connection is quiet.
    DATABASES["default"]["ENGINE"] = "home.postgresql"
    # A web server's concurrency comes from its requests: on a small machine, PostgreSQL's parallel query
    # would only make each request take a core from the others (and cost more CPU in all).
    parallel_workers = int(os.environ.get("DATABASE_PARALLEL_WORKERS", "0"))
    database_options = DATABASES["default"].setdefault("OPTIONS", {})
    server_settings = [f"-c max_parallel_workers_per_gather={parallel_workers}"]
    if env_bool("DATABASE_PREPARED_STATEMENTS", True):
        # Lets home.sql_cursor prepare the API's listing queries, each planned once per connection (Django's
        # own queries are never prepared: it binds their parameters on the client). Off for a pooler that
        # cannot keep prepared statements.
        database_options["prepare_threshold"] = 5
        server_settings.append("-c plan_cache_mode=force_generic_plan")
    database_options["options"] = " ".join(server_settings)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite ignores select_for_update(): take the write lock when a transaction starts, so that two
    # simultaneous registrations queue up instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", _("Français"))]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Cache: Redis when REDIS_URL is set, local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
else:
    # Each API response takes three entries (body, gzip body, ETags) and each listed item one: Django's
    # default of 300 entries would keep only a few dozen responses.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "FIGO <ne-pas-repondre@figo.example>")

# Training registrations are personal data: `manage.py purge_registrations` (daily cron) deletes those
# of sessions ended more than this many months ago.
REGISTRATION_RETENTION_MONTHS = int(os.environ.get("REGISTRATION_RETENTION_MONTHS", "12"))
# `manage.py purge_field_reports` (daily cron) forgets the correction requests handled, the proposers'
# contacts and the photos left out of proposals received more than this many months ago.
FIELD_REPORT_RETENTION_MONTHS = int(os.environ.get("FIELD_REPORT_RETENTION_MONTHS", "12"))

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Public forms ("Proposer une initiative", "Signaler une modification"): posts allowed per IP address.
# django-ratelimit counts in the default cache: set REDIS_URL in production so that every worker shares the
# count, and RATELIMIT_IP_META_KEY (e.g. HTTP_X_REAL_IP) when a reverse proxy stands in front of the site.
PROPOSAL_RATE_LIMIT = os.environ.get("PROPOSAL_RATE_LIMIT", "5/h")
CORRECTION_RATE_LIMIT = os.environ.get("CORRECTION_RATE_LIMIT", "10/h")
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None

# Wagtail
WAGTAIL_SITE_NAME = "FIGO — Centres sociaux et EVS Garonne Occitanie"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Moderation emails of "Relecture fédérale" (links need WAGTAILADMIN_BASE_URL): sent from the site's address to
# the moderators and the requester, not to every superuser.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
# Wagtail's login form leaves its password field without a (translated) label.
WAGTAILADMIN_USER_LOGIN_FORM = "home.admin_login.FigoLoginForm"
WAGTAIL_CONTENT_LANGUAGES = [("fr", "Français")]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "odp", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # private documents must go through permission checks
WAGTAILEMBEDS_RESPONSIVE_HTML = True

WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # On PostgreSQL, French stemming without accents ("logements" finds "logement", "hebergement" finds
        # "hébergement"): the figo_french configuration made by home/migrations/0006. Ignored elsewhere.
        "SEARCH_CONFIG": os.environ.get("SEARCH_CONFIG", "figo_french" if DATABASE_IS_POSTGRES else "french"),
    }
}

# Map tiles of the public site's maps (Leaflet): OpenStreetMap's by default; a deployment may use its own
# tile server. {s}, {z}, {x}, {y} are Leaflet's placeholders. An empty URL draws the markers without tiles.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">les contributeurs d\'OpenStreetMap</a>',
)

WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_SEARCH_ENABLED = True

# Partner API caching (home/api_cache.py): responses kept server-side until content changes (or
# API_CACHE_TIMEOUT seconds), Cache-Control for browsers and CDNs. A local-memory cache is private to each
# process, so without Redis each process also learns of the others' changes from the database: PostgreSQL's
# NOTIFY, heard on one connection per process (SQLite: Wagtail's action logs, one small query per request).
API_CACHE_ENABLED = env_bool("API_CACHE_ENABLED", True)
API_CACHE_TIMEOUT = int(os.environ.get("API_CACHE_TIMEOUT", "600"))
API_CACHE_MAX_AGE = int(os.environ.get("API_CACHE_MAX_AGE", "60"))
API_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("API_CACHE_STALE_WHILE_REVALIDATE", "300"))
API_CACHE_CHECK_DATABASE = env_bool("API_CACHE_CHECK_DATABASE", not REDIS_URL)
# The API index (home/api_index.py): listings read each page's serialised items and their totals from the
# database, kept up to date at publication. Off, every listing serialises its pages (slower, same answers).
API_INDEX_ENABLED = env_bool("API_INDEX_ENABLED", True)

# CORS: anonymous GET (and HEAD, and the preflight OPTIONS) on /api/ only; every origin unless
# CORS_ALLOWED_ORIGINS lists some ("https://www.caf.fr,https://mairie.example").
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOWED_ORIGINS = [origin for origin in env_list("CORS_ALLOWED_ORIGINS", "*") if origin != "*"]
CORS_ALLOW_ALL_ORIGINS = not CORS_ALLOWED_ORIGINS
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "X-Cache"]
CORS_ALLOW_CREDENTIALS = False
CORS_PREFLIGHT_MAX_AGE = 86400

# Headless preview (wagtail-headless-preview): with HEADLESS_PREVIEW_CLIENT_URL set, the admin's preview
# opens the partner front-end at that URL with ?content_type=…&token=…; it reads the draft from
# /api/v2/page_preview/. Unset: Wagtail's own preview.
HEADLESS_PREVIEW_CLIENT_URL = os.environ.get("HEADLESS_PREVIEW_CLIENT_URL", "")
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": HEADLESS_PREVIEW_CLIENT_URL} if HEADLESS_PREVIEW_CLIENT_URL else {},
    "REDIRECT_ON_PREVIEW": env_bool("HEADLESS_PREVIEW_REDIRECT"),
    "ENFORCE_TRAILING_SLASH": env_bool("HEADLESS_PREVIEW_TRAILING_SLASH", True),
}

# CDN purging (wagtail.contrib.frontend_cache), off unless FRONTEND_CACHE_BACKEND is "http" (Varnish, Squid…:
# FRONTEND_CACHE_LOCATION) or "cloudflare" (CLOUDFLARE_BEARER_TOKEN, CLOUDFLARE_ZONE_ID).
FRONTEND_CACHE_BACKEND = os.environ.get("FRONTEND_CACHE_BACKEND", "")
if FRONTEND_CACHE_BACKEND == "http":
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_LOCATION"],
        }
    }
elif FRONTEND_CACHE_BACKEND == "cloudflare":
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": os.environ["CLOUDFLARE_BEARER_TOKEN"],
            "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        }
    }
elif FRONTEND_CACHE_BACKEND:
    raise ImproperlyConfigured("FRONTEND_CACHE_BACKEND doit valoir « http » ou « cloudflare ».")
if FRONTEND_CACHE_BACKEND:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}


def require_secret_key():
    """Refuse to start without a SECRET_KEY where no throwaway key is acceptable."""
    if not SECRET_KEY:
        raise ImproperlyConfigured("La variable d'environnement SECRET_KEY est obligatoire.")

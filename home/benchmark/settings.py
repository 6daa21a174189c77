"""Settings of the site as the benchmark serves it: production-like (DEBUG off, no toolbar), on loopback only,
with the benchmark's URLconf that adds the "ceiling" view. Never used by the real site."""

import secrets

from settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = secrets.token_urlsafe(50)
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "home.benchmark.urls"
# Static files straight from the source folders: the benchmark doesn't need collectstatic.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
LOGGING["root"]["level"] = "ERROR"  # noqa: F405

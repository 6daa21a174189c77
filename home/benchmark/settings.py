"""Settings of the site as the benchmark serves it: the production settings (DEBUG off, no toolbar, the cache a
deployment uses: Redis when REDIS_URL is set, local memory per worker otherwise), on loopback over plain HTTP,
with the benchmark's URLconf that adds the "ceiling" view. Never used by the real site.

One thing only the benchmark has: API_CACHE_BYPASS_HEADER names the request header with which a scenario asks
the API to compute its response instead of reading it from the server-side cache (home.api_cache).
"""

import os
import secrets

# Production refuses to start without a key and redirects plain HTTP to HTTPS: neither fits loopback.
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ["SECURE_SSL_REDIRECT"] = "0"

from settings.production import *  # noqa: E402, F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
ROOT_URLCONF = "home.benchmark.urls"
# Static files straight from the source folders: the benchmark doesn't need collectstatic.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
LOGGING["root"]["level"] = "ERROR"  # noqa: F405
API_CACHE_BYPASS_HEADER = "X-Figo-Benchmark-Cache"

"""Caching of the partner API: server-side cache, Cache-Control, ETag and 304, and invalidation.

Every cached response is stored under a key that contains the current *content version*. Any change
to published content (publishing, unpublishing, moving or deleting a page, editing a vocabulary,
an image, a document or a privacy setting) replaces the version, so every cached response, listings
included, becomes unreachable at once and the next request is computed afresh: simple and correct.

The version lives in the Django cache (Redis when REDIS_URL is set, shared by every worker). A local
memory cache belongs to one process and never hears of changes made by another one (the admin in
another worker, a cron command), so with it the version also includes the latest entry of Wagtail's
action logs, read with one small query per request (`API_CACHE_CHECK_DATABASE`).

ETags are hashes of the body: a partner whose copy is still identical gets 304 even after unrelated
changes. Deployments behind a CDN get the API's roots purged through wagtail.contrib.frontend_cache.
"""

import hashlib
import logging
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags, quote_etag

logger = logging.getLogger(__name__)

VERSION_KEY = "figo:api:content-version"
RESPONSE_KEY_PREFIX = "figo:api:response"
API_APPS = {"home", "centres", "blog", "resources"}


def cache_settings():
    return {
        "enabled": getattr(settings, "API_CACHE_ENABLED", True),
        "timeout": getattr(settings, "API_CACHE_TIMEOUT", 600),
        "max_age": getattr(settings, "API_CACHE_MAX_AGE", 60),
        "stale": getattr(settings, "API_CACHE_STALE_WHILE_REVALIDATE", 300),
        "check_database": getattr(settings, "API_CACHE_CHECK_DATABASE", True),
    }


def database_fingerprint():
    """The latest page and model action logged by Wagtail: changes made by any process show here."""
    from wagtail.models import ModelLogEntry, PageLogEntry

    page_table, model_table = PageLogEntry._meta.db_table, ModelLogEntry._meta.db_table
    with connection.cursor() as cursor:  # one round trip for both
        cursor.execute(f"SELECT (SELECT MAX(id) FROM {page_table}), (SELECT MAX(id) FROM {model_table})")  # noqa: S608
        page_entry, model_entry = cursor.fetchone()
    return f"{page_entry or 0}.{model_entry or 0}"


def content_version():
    """The current content version, part of every cache key."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY) or "0"
    if cache_settings()["check_database"]:
        version = f"{version}-{database_fingerprint()}"
    return version


def bump_content_version():
    """Make every cached API response stale, and purge the API's roots from the CDN if there is one."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    purge_frontend_cache()


def purge_frontend_cache():
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    base = settings.WAGTAILAPI_BASE_URL.rstrip("/")
    batch = PurgeBatch()
    batch.add_urls([f"{base}/api/v2/{endpoint}/" for endpoint in ("pages", "images", "documents", "partners")])
    try:
        batch.purge()
    except Exception:  # noqa: BLE001 — a CDN outage must never break publishing
        logger.exception("Purge du cache CDN de l'API impossible")


def response_key(request, version):
    query = sorted(request.GET.lists())
    raw = f"{request.get_host()}|{request.path}|{query}"
    return f"{RESPONSE_KEY_PREFIX}:{version}:{hashlib.sha256(raw.encode()).hexdigest()}"


def etag_matches(request, etag):
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    candidates = parse_etags(header)
    return "*" in candidates or etag.removeprefix("W/") in [tag.removeprefix("W/") for tag in candidates]


def add_http_caching(response, etag):
    options = cache_settings()
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=options["max_age"], stale_while_revalidate=options["stale"])
    return response


def cached_api_view(view):
    """Serve GET and HEAD from the server-side cache, answer 304 to matching If-None-Match.

    Only 200 responses are cached; errors are marked `no-store`. The API is anonymous, so one
    cached copy serves everybody.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        options = cache_settings()
        key = response_key(request, content_version()) if options["enabled"] else None
        entry = cache.get(key) if key else None
        state = "HIT"
        if entry is None:
            state = "MISS"
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code != 200 or response.streaming:
                if response.status_code >= 400:
                    patch_cache_control(response, no_store=True)
                return response
            entry = {
                "content": response.content,
                "content_type": response["Content-Type"],
                "etag": quote_etag(hashlib.sha256(response.content).hexdigest()[:32]),
            }
            if key:
                cache.set(key, entry, timeout=options["timeout"])
        if etag_matches(request, entry["etag"]):
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(entry["content"], content_type=entry["content_type"])
        response["X-Cache"] = state
        return add_http_caching(response, entry["etag"])

    return wrapped


def no_store(view):
    """For responses that must never be cached (previews of drafts)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, no_store=True, private=True)
        return response

    return wrapped


# --- Invalidation ------------------------------------------------------------------------------------


def _watched_types():
    from taggit.models import Tag
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

    from home.models import Commune

    return (
        Page,
        get_image_model(),
        get_document_model(),
        Collection,
        CollectionViewRestriction,
        PageViewRestriction,
        Site,
        Tag,
        Commune,
    )


def is_published_content(instance):
    """Whether a change to this object can change what the API shows."""
    if isinstance(instance, _watched_types()):
        return True
    return instance._meta.app_label in API_APPS and hasattr(type(instance), "api_fields")


def invalidate_on_change(sender, instance=None, **kwargs):
    if instance is not None and is_published_content(instance):
        bump_content_version()


def invalidate(sender, **kwargs):
    bump_content_version()


def connect_signals():
    """Bump the content version on every change that the API could show. Idempotent."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(invalidate_on_change, dispatch_uid="figo_api_cache_post_save")
    post_delete.connect(invalidate_on_change, dispatch_uid="figo_api_cache_post_delete")
    m2m_changed.connect(invalidate_on_change, dispatch_uid="figo_api_cache_m2m_changed")
    page_published.connect(invalidate, dispatch_uid="figo_api_cache_page_published")
    page_unpublished.connect(invalidate, dispatch_uid="figo_api_cache_page_unpublished")
    post_page_move.connect(invalidate, dispatch_uid="figo_api_cache_post_page_move")


def cache_open_formats(urlconf_module):
    """The URL patterns of `urlconf_module`, those under api/ cached and conditional like the API."""
    from importlib import import_module

    from wagtail.utils.urlpatterns import decorate_urlpatterns

    patterns = list(import_module(urlconf_module).urlpatterns)
    decorate_urlpatterns([pattern for pattern in patterns if str(pattern.pattern).startswith("api/")], cached_api_view)
    return patterns

"""Caching of the partner API: server-side cache, Cache-Control, ETag and 304, and invalidation.

Every cached response is stored with the *content version* it was computed under, and served only while
that version is current. Any change to published content (publishing, unpublishing, moving or deleting a
page, editing a vocabulary, an image, a document or a privacy setting) replaces the version, so every
cached response, listings included, is stale at once and the next request is computed afresh: simple and
correct.

The version lives in the Django cache (Redis when REDIS_URL is set, shared by every worker). With Redis,
each process keeps it until Redis announces that it changed (home.redis_tracking), so that a request does
not read it there again. A local memory cache belongs to one process and never hears of changes made by
another one (the admin in another worker, a cron command), so with it (`API_CACHE_CHECK_DATABASE`) the
version also includes what the database says of changes: on PostgreSQL, how many changes this process heard
announced (NOTIFY at commit, home.postgresql.notifications); elsewhere, or while it cannot listen, the latest
entry of Wagtail's action logs, read with one small query per request.

A response is stored once, with its ETag (a hash of the body) and, when it is large enough, a gzip copy
compressed once. A hit is served by ApiCacheMiddleware before URL resolution and the middleware that only
the site needs; a conditional request reads the ETags only. With a shared cache (Redis), each process also
keeps a copy of the entries it served (`LocalEntries`, bounded in bytes), so that a hit reads neither the
body nor (see above) the version from Redis; the copy is used only under the version it was stored with.
ETags are hashes of the body: a partner whose copy is still identical gets 304 even after unrelated changes.
What the API derives from content alone (the site, the restricted branches, a listing's compiled SQL) is
kept per content version too (`per_content_version`), under the same invalidation; the listings' serialised
items are kept in the API index (home.api_index).
Deployments behind a CDN get the API's roots purged through wagtail.contrib.frontend_cache.
"""

import functools
import hashlib
import logging
import threading
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags, quote_etag
from zlib_ng import gzip_ng

from home.postgresql.notifications import ChannelNotifications, listening_connection_parameters
from home.redis_tracking import TrackedKey, tracking_connection

logger = logging.getLogger(__name__)

VERSION_KEY = "figo:api:content-version"
# PostgreSQL's channel on which changes are announced to the processes that keep their own cache.
CHANGES_CHANNEL = "figo_api_content"
RESPONSE_KEY_PREFIX = "figo:api:response"
API_APPS = {"home", "centres", "blog", "resources"}
# Bodies smaller than this are sent as they are: gzip would save a few bytes at best. Compressed with
# zlib-ng (gzip_ng): the standard format; at level 5 as small as zlib's level 6, and 2.3 times faster.
GZIP_MIN_LENGTH = 1024
GZIP_LEVEL = 5
# Attributes set on the request by `lookup`, read by the code that computes and caches a response.
VERSION_ATTRIBUTE = "_figo_content_version"
BYPASS_ATTRIBUTE = "_figo_cache_bypass"
KEY_ATTRIBUTE = "_figo_response_key"
# Where the cached views live (the API and the open formats under it): ApiCacheMiddleware looks only there.
API_PATH_PREFIX = "/api/"
# What the benchmark's bypass header asks: compute the response instead of reading the response cache.
BYPASS_VALUE = "all"
# What each process keeps of the entries read from a shared cache (bytes of bodies).
LOCAL_ENTRIES_MAX_BYTES = 64 * 1024 * 1024


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


def stored_version():
    """The version stored in the cache; one is set when there is none."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY) or "0"
    return version


@functools.cache
def _tracked_key(location, password, key):
    return TrackedKey(key, functools.partial(tracking_connection, location, password))


def version_tracker():
    """This process's copy of the version, kept until Redis announces a change (home.redis_tracking), when
    the cache is one Redis server through django-redis; else None."""
    options = settings.CACHES.get("default", {})
    location = options.get("LOCATION")
    if isinstance(location, (list, tuple)):
        location = location[0] if len(location) == 1 else None
    if not options.get("BACKEND", "").startswith("django_redis.") or not location or "," in location:
        return None  # several servers: reads may go to any of them
    return _tracked_key(location, options.get("OPTIONS", {}).get("PASSWORD"), cache.make_key(VERSION_KEY))


_DATABASE_CHANGES = {}


def database_changes():
    """This process's listener of the changes that other processes commit (home.postgresql.notifications),
    when each process has a cache of its own on PostgreSQL; else None."""
    if connection.vendor != "postgresql" or shared_cache():
        return None
    database = connection.settings_dict
    key = (database["NAME"], database["HOST"], database["PORT"], database["USER"])
    listener = _DATABASE_CHANGES.get(key)
    if listener is None:
        listener = ChannelNotifications(CHANGES_CHANNEL, listening_connection_parameters(connection))
        listener = _DATABASE_CHANGES.setdefault(key, listener)
    return listener


def announce_change():
    """Tell the other processes, when the transaction commits, that content changed (their caches are their own)."""
    if cache_settings()["check_database"] and database_changes() is not None:
        with connection.cursor() as cursor:
            cursor.execute(f"NOTIFY {CHANGES_CHANNEL}")


def content_version(stored=None):
    """The current content version. `stored` is the version read from the cache with something else in
    the same round trip (cached_api_view), if it was; a version is set when there is none."""
    if stored is not None:
        version = stored
    else:
        tracker = version_tracker()
        version = tracker.get(stored_version) if tracker else stored_version()
    if cache_settings()["check_database"]:
        changes = database_changes()
        generation = changes.generation() if changes else None
        version += f"-{database_fingerprint()}" if generation is None else f"-n{generation}"
    return version


# The callback waiting for this thread's transaction to commit, if any.
_commit_callbacks = threading.local()


def bump_content_version():
    """Make every cached API response stale, now and again when the change is committed, and then purge the
    API's roots from the CDN if there is one.

    A change is made in a transaction: until it commits, other requests still read the data as it was, and
    may cache what they compute under the version replaced now. Replacing it again at commit makes those
    responses stale too; the CDN is purged then, when it would fetch the new content.
    """
    if not connection.in_atomic_block:
        announce_change()
        changes_committed()
        return
    replace_version()  # this transaction's own requests (the admin's preview, the tests) see the change
    # Once per transaction: a transaction makes many changes, and a purge is a request to the CDN. The
    # callback is looked for among those waiting, since a rolled-back savepoint drops its own (and its NOTIFY).
    pending = getattr(_commit_callbacks, "pending", None)
    if pending is None or not any(callback is pending for _ids, callback, _robust in connection.run_on_commit):

        def committed():
            _commit_callbacks.pending = None
            changes_committed()

        _commit_callbacks.pending = committed
        transaction.on_commit(committed)
        announce_change()  # delivered at commit


def replace_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    tracker = version_tracker()
    if tracker:
        tracker.forget()  # Redis tells every process, this one included: this one needs no telling


def changes_committed():
    replace_version()
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


# --- What is derived from content, kept per content version ---------------------------------------------

_MEMO = {}
_MEMO_LOCK = threading.Lock()
_MEMO_MAX = 512


def per_content_version(request, name, compute):
    """`compute()` once per content version in this process, or once per request without a version.

    Requests served through cached_api_view carry the content version they were answered under; what
    is computed for them is kept until the version changes (a change of content replaces the version, as
    for cached responses). Other requests (the HTML site, tests with the cache off) compute once each.
    """
    if request is None:
        return compute()
    attribute = f"_figo_memo_{name}"
    try:
        return getattr(request, attribute)
    except AttributeError:
        pass
    version = getattr(request, VERSION_ATTRIBUTE, None)
    if version is None:
        value = compute()
    else:
        key = (version, name)
        try:
            value = _MEMO[key]
        except KeyError:
            value = compute()
            with _MEMO_LOCK:
                if len(_MEMO) >= _MEMO_MAX:
                    _MEMO.clear()
                _MEMO[key] = value
    setattr(request, attribute, value)
    return value


# --- Responses ------------------------------------------------------------------------------------------


class LocalEntries:
    """This process's copy of response entries read from a shared cache, least recently used first out.

    An entry is returned only for the content version it was stored with, so the copy is never staler
    than the shared cache: the version is still read from it at every request.
    """

    def __init__(self, max_bytes=LOCAL_ENTRIES_MAX_BYTES):
        self.max_bytes = max_bytes
        self.size = 0
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    @staticmethod
    def weight(entry):
        return len(entry.get("content", b"")) + 512

    def get(self, key, version):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry["version"] != version:
                self.size -= self.weight(self.entries.pop(key))
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        weight = self.weight(entry)
        if weight > self.max_bytes:
            return
        with self.lock:
            previous = self.entries.pop(key, None)
            if previous is not None:
                self.size -= self.weight(previous)
            self.entries[key] = entry
            self.size += weight
            while self.size > self.max_bytes:
                _key, oldest = self.entries.popitem(last=False)
                self.size -= self.weight(oldest)

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0


LOCAL_ENTRIES = LocalEntries()


def shared_cache():
    """Whether the Django cache is shared by the processes (Redis…) rather than each one's own memory."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    return not backend.endswith(("LocMemCache", "DummyCache"))


def read_entry(key, version, shared):
    """The entry stored under `key` for `version`, or None; with a `shared` cache, from this process's copy
    when it has one (and kept there)."""
    entry = LOCAL_ENTRIES.get(key, version) if shared else None
    if entry is None:
        entry = cache.get(key)
        if entry is None or entry["version"] != version:
            return None
        if shared:
            LOCAL_ENTRIES.put(key, entry)
    return entry


def response_key(request):
    """The key of a request's response; the content version it was computed under is stored in the entry,
    which is served only under that version."""
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))  # the same in any order
    raw = f"{request.get_host()}|{request.path}|{query}"
    return f"{RESPONSE_KEY_PREFIX}:{hashlib.sha256(raw.encode()).hexdigest()}"


def etag_matches(request, etag):
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    candidates = parse_etags(header)
    return "*" in candidates or etag.removeprefix("W/") in [tag.removeprefix("W/") for tag in candidates]


def accepts_gzip(request):
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def build_entries(response, version):
    """The cache entries of a 200 response: identity body, gzip body (or the identity one when too small
    to gain), and their ETags alone for conditional requests. The ETag is the body's hash; the gzip copy
    shares it as a weak ETag (same content, another encoding), as Django's GZipMiddleware does."""
    content = response.content
    etag = quote_etag(hashlib.sha256(content).hexdigest()[:32])
    identity = {
        "version": version,
        "content": content,
        "content_type": response["Content-Type"],
        "etag": etag,
        "encoding": None,
    }
    compressed = identity
    if len(content) >= GZIP_MIN_LENGTH:
        packed = gzip_ng.compress(content, compresslevel=GZIP_LEVEL, mtime=0)
        if len(packed) < len(content):
            compressed = {**identity, "content": packed, "etag": f"W/{etag}", "encoding": "gzip"}
    etags = {"version": version, "identity": etag, "gzip": compressed["etag"]}
    return {"identity": identity, "gzip": compressed, "etags": etags}


def entry_response(request, entry, state):
    """The response for a stored entry: 304 when the partner's copy matches, else the body."""
    if etag_matches(request, entry["etag"]):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(entry["content"], content_type=entry["content_type"])
        if entry["encoding"]:
            response["Content-Encoding"] = entry["encoding"]
    # A new response: its headers are set rather than patched. CommonMiddleware, which would add
    # Content-Length, comes after ApiCacheMiddleware.
    if response.status_code == 200:
        response["Content-Length"] = str(len(response.content))
    options = cache_settings()
    response["Cache-Control"] = f"public, max-age={options['max_age']}, stale-while-revalidate={options['stale']}"
    response["ETag"] = entry["etag"]
    response["Vary"] = "Accept-Encoding"
    response["X-Cache"] = state
    return response


def benchmark_bypass(request):
    """The benchmark's request to skip the response cache ("all"), honoured only when the benchmark's
    settings name a header for it (API_CACHE_BYPASS_HEADER); never in the site's own settings."""
    header = getattr(settings, "API_CACHE_BYPASS_HEADER", None)
    if not header:
        return None
    value = request.headers.get(header, "").strip().lower()
    return value if value == BYPASS_VALUE else None


def lookup(request, early=False):
    """Read the cache for a GET or HEAD request: the content version and, unless the benchmark bypasses
    it, the stored response. Returns the response to send (a hit, or 304), or None.

    Done once per request (by ApiCacheMiddleware, or cached_api_view without it), which leaves the
    version, the key and the bypass on the request for the view and what it memoises (per_content_version).
    `early` (ApiCacheMiddleware, before URL resolution) only answers hits; with a local-memory cache,
    when nothing is stored for the URL, the version is not even read (it may cost a query there).
    """
    if hasattr(request, KEY_ATTRIBUTE) or request.method not in ("GET", "HEAD"):
        return None
    if not cache_settings()["enabled"]:
        if not early:
            setattr(request, KEY_ATTRIBUTE, None)
        return None
    bypass = benchmark_bypass(request)
    if early and bypass:
        return None
    key = response_key(request)
    variant = "gzip" if accepts_gzip(request) else "identity"
    conditional = bool(request.headers.get("If-None-Match"))
    wanted = f"{key}:{'etags' if conditional else variant}"
    shared = shared_cache()
    if shared:
        # The version first: an entry this process keeps saves reading the body from the shared cache.
        version = content_version()
        stored = None if bypass else read_entry(wanted, version, shared)
    else:  # the version and the entry in one read
        found = cache.get_many([VERSION_KEY] if bypass else [VERSION_KEY, wanted])
        if early and found.get(wanted) is None:
            return None  # not a cached URL, or not cached yet: the view will tell
        version = content_version(found.get(VERSION_KEY))
        stored = found.get(wanted)
        if stored is not None and stored["version"] != version:
            stored = None
    setattr(request, VERSION_ATTRIBUTE, version)
    setattr(request, BYPASS_ATTRIBUTE, bypass)
    setattr(request, KEY_ATTRIBUTE, key)
    if conditional and stored is not None:
        if etag_matches(request, stored[variant]):
            return entry_response(request, {"etag": stored[variant]}, "HIT")
        stored = read_entry(f"{key}:{variant}", version, shared)  # the partner's copy is old: send the body
    if stored is not None:
        return entry_response(request, stored, "HIT")
    return None


class ApiCacheMiddleware:
    """Answer the API's cached GET requests before URL resolution and the view's wrappers.

    It sits after the middleware that add headers to every response (security, CORS, language,
    X-Frame-Options…), so a response read from the cache here is the same as one served by the view.
    Only responses stored by cached_api_view are found, so other URLs under /api/ pass through.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(API_PATH_PREFIX):
            response = lookup(request, early=True)
            if response is not None:
                return response
        return self.get_response(request)


def cached_api_view(view):
    """Serve GET and HEAD from the server-side cache, answer 304 to matching If-None-Match.

    Only 200 responses are cached; errors are marked `no-store`. The API is anonymous, so one
    cached copy serves everybody. A hit reads the cache at most once (the content version unless this
    process tracks it, and the entry unless this process keeps a copy), plus, with a local-memory cache
    and no PostgreSQL listener, the database fingerprint; ApiCacheMiddleware serves hits earlier still.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        hit = lookup(request)
        if hit is not None:
            return hit
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code != 200 or response.streaming:
            if response.status_code >= 400:
                patch_cache_control(response, no_store=True)
            return response
        key = getattr(request, KEY_ATTRIBUTE, None)
        bypass = getattr(request, BYPASS_ATTRIBUTE, None)
        entries = build_entries(response, getattr(request, VERSION_ATTRIBUTE, None))
        if key and not bypass:
            timeout = cache_settings()["timeout"]
            cache.set_many({f"{key}:{name}": entry for name, entry in entries.items()}, timeout=timeout)
        variant = "gzip" if accepts_gzip(request) else "identity"
        return entry_response(request, entries[variant], "BYPASS" if bypass else "MISS")

    return wrapped


def no_store(view):
    """For responses that must never be cached (previews of drafts)."""

    @functools.wraps(view)
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


def has_api_fields(instance):
    """Whether the object is one of the project's models the API shows (pages, their rows, vocabularies)."""
    return instance._meta.app_label in API_APPS and hasattr(type(instance), "api_fields")


def is_published_content(instance):
    """Whether a change to this object can change what the API shows."""
    return isinstance(instance, _watched_types()) or has_api_fields(instance)


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
